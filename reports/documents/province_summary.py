"""BÁO CÁO of a province's year: every bloc's leaders, proposals and outcomes, with totals."""

from collections import Counter

from awards import selectors as award_selectors
from awards.models import Proposal
from blocs.models import Leadership, Membership
from emulation.models import Conference
from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import (
    ILLUSTRATIVE,
    illustrative_decision,
    name_of,
    outcome,
    province_header,
    titled,
    votes,
)


def build(*, province, year):
    """BÁO CÁO of a province's year: every bloc's leaders, proposals and outcomes, with totals."""
    blocs = list(province.blocs.order_by("name"))
    member_counts = Counter(Membership.objects.filter(bloc__in=blocs, year=year).values_list("bloc_id", flat=True))
    leaderships = {
        (leadership.bloc_id, leadership.year): leadership
        for leadership in Leadership.objects.filter(bloc__in=blocs, year__in=[year, year + 1])
        .select_related("leader__agency", "deputy__agency")
        .prefetch_related("leader__agency__former_names", "deputy__agency__former_names")
    }
    conferences = {c.bloc_id: c for c in Conference.objects.filter(bloc__in=blocs, year=year)}
    proposals = list(
        award_selectors.every_proposal()
        .filter(conference__bloc__in=blocs, conference__year=year)
        .order_by("conference__bloc__name", "award_type__precedence", "membership__agency__sort_key")
    )
    outcomes = Counter((p.conference.bloc_id, p.status) for p in proposals)
    rows = []
    for i, bloc in enumerate(blocs, start=1):
        now, elected = leaderships.get((bloc.pk, year)), leaderships.get((bloc.pk, year + 1))
        conference = conferences.get(bloc.pk)
        rows.append(
            [
                i,
                bloc.name,
                member_counts[bloc.pk],
                titled(name_of(now.leader), name_of(now.deputy)) if now else "",
                name_of(elected.leader) if elected else "",
                f"{conference.date:%d/%m/%Y}" if conference else "chưa họp",
                sum(outcomes[bloc.pk, s] for s in Proposal.Status.values),
                outcomes[bloc.pk, Proposal.Status.APPROVED],
                outcomes[bloc.pk, Proposal.Status.NOT_APPROVED],
                outcomes[bloc.pk, Proposal.Status.PROPOSED] + outcomes[bloc.pk, Proposal.Status.SUBMITTED],
            ]
        )
    totals = ["", "Tổng cộng", sum(member_counts.values()), "", "", f"{len(conferences)} hội nghị"]
    totals += [sum(r[col] for r in rows) for col in range(6, 10)]
    by_type = Counter((p.award_type.name, p.status) for p in proposals)
    types = sorted({p.award_type for p in proposals}, key=lambda t: t.precedence)
    sections = [
        Section(
            heading=f"Các khối thi đua năm {year}",
            table=Table(
                title="Các khối",
                headers=[
                    "STT",
                    "Khối thi đua",
                    "Số thành viên",
                    f"Trưởng khối, Phó trưởng khối {year}",
                    f"Trưởng khối {year + 1}",
                    "Hội nghị tổng kết",
                    "Đề nghị",
                    "Được khen",
                    "Không được",
                    "Chờ",
                ],  # fmt: skip
                rows=rows,
                total=totals,
            ),
        ),
        Section(
            heading="Tổng hợp theo hình thức khen thưởng",
            table=Table(
                title="Theo hình thức",
                headers=["Hình thức khen thưởng", "Đề nghị", "Được khen", "Không được", "Chờ"],
                rows=[
                    [
                        t.name,
                        sum(by_type[t.name, s] for s in Proposal.Status.values),
                        by_type[t.name, Proposal.Status.APPROVED],
                        by_type[t.name, Proposal.Status.NOT_APPROVED],
                        by_type[t.name, Proposal.Status.PROPOSED] + by_type[t.name, Proposal.Status.SUBMITTED],
                    ]
                    for t in types
                ],
                total=["Tổng cộng", len(proposals), *[sum(r[c] for r in rows) for c in (7, 8, 9)]],
            ),
        ),
        Section(
            heading="Danh sách đề nghị khen thưởng",
            paragraphs=[] if proposals else ["Không có đề nghị khen thưởng."],
            table=Table(
                title="Đề nghị",
                headers=["STT", "Khối thi đua", "Hình thức khen thưởng", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
                rows=[
                    [i, p.conference.bloc.name, p.award_type.name, p.nominee_name, votes(p), outcome(p)]
                    for i, p in enumerate(proposals, start=1)
                ],
            )
            if proposals
            else None,
        ),
    ]
    illustrative = any(map(illustrative_decision, proposals))
    return Printed(
        slug="province-summary",
        filename=f"tong-hop-{province.code}-{year}",
        header=province_header(province, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng hợp kết quả thi đua, khen thưởng của các khối thi đua năm {year}",
        sections=sections,
        signers=[Signer([province.awards_office or f"TM. UBND tỉnh {province.name}"])],
        recipients=["UBND tỉnh;", "Các khối thi đua;", "Lưu: VT."],
        notes=[ILLUSTRATIVE] if illustrative else [],
    )
