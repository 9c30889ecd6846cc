"""A decision conferring many awards, for the certificates' query budgets and browser journey."""

import datetime

from awards.models import AwardType, Decision, Proposal
from blocs.models import Membership

BANG_KHEN = "Bằng khen của Chủ tịch UBND tỉnh"
CO_THI_DUA = "Cờ thi đua của UBND tỉnh"


def decision_conferring(size, seed_000):
    """A decision of seed 000's province conferring `size` awards: a few provincial flags to its
    members, the rest Bằng khen to individuals of one member (two award types, two layouts)."""
    flag, bang_khen = AwardType.objects.get(name=CO_THI_DUA), AwardType.objects.get(name=BANG_KHEN)
    members = list(
        Membership.objects.filter(bloc=seed_000.bloc, year=seed_000.year)
        .exclude(award_proposals__conference=seed_000, award_proposals__award_type=flag)
        .order_by("pk")
    )
    submission = seed_000.proposals.first().submission
    decision = Decision.objects.create(
        province=seed_000.bloc.province, number=f"9{size:02d}/QĐ-UBND", date=datetime.date(2018, 3, 20)
    )
    flags = size // 4
    common = {"conference": seed_000, "votes_for": 8, "ballots": 8, "status": Proposal.Status.APPROVED}
    Proposal.objects.bulk_create(
        [
            Proposal(award_type=flag, membership=member, submission=submission, decision=decision, **common)
            for member in members[:flags]
        ]
        + [
            Proposal(
                award_type=bang_khen,
                membership=members[0],
                person_name=f"Nguyễn Văn {i:03d}",
                person_position="Chuyên viên",
                submission=submission,
                decision=decision,
                **common,
            )
            for i in range(size - flags)
        ]
    )
    return decision
