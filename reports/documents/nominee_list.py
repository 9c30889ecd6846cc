"""DANH SÁCH of the nominees a bloc proposes, by award, with their tally and their place in the
bloc's scoring: the list that goes with the bloc's tờ trình (the third part of its dossier)."""

from emulation.models import format_points
from reports.documents.dossier_wording import attached_header, share, submission_reference
from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import (
    any_illustrative,
    bloc_signer,
    illustrative_notes,
    nominee,
    user,
    votes,
)

SLUG = "nominee-list"


def lay_out(dossier):
    """dossier: a reports.selectors.Dossier."""
    conference = dossier.conference
    bloc, year = conference.bloc, conference.year
    groups = {}
    for proposal in dossier.proposals:
        groups.setdefault(proposal.award_type, []).append(proposal)
    return Printed(
        slug=SLUG,
        filename=f"danh-sach-de-nghi-khen-thuong-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=attached_header(bloc, conference.date.year),
        kind="Danh sách",
        subtitle=f"Tập thể, cá nhân đề nghị khen thưởng thành tích năm {year}",
        attached_to=submission_reference(bloc),
        sections=[_group(dossier, award_type, proposals) for award_type, proposals in groups.items()]
        or [Section(paragraphs=["Hội nghị không bình xét đề nghị khen thưởng nào."])],
        closing=[f"Danh sách có {len(dossier.proposals)} tập thể, cá nhân./."],
        signers=[bloc_signer(bloc, dossier.leadership)],
        notes=illustrative_notes(any_illustrative(dossier.proposals)),
    )


def _group(dossier, award_type, proposals):
    name = user(award_type.name)
    scored = bool(dossier.scoring.criteria)
    rows = []
    for i, proposal in enumerate(proposals, start=1):
        row = dossier.score_of(proposal.membership)
        rows.append(
            [
                i,
                nominee(proposal),
                votes(proposal),
                share(proposal, proposal.ballots),
                format_points(row.total) if scored and row else "—",
                f"{row.rank}/{len(dossier.scoring.rows)}" if scored and row else "—",
            ]
        )
    table = Table(
        title=name,
        headers=["STT", "Tập thể, cá nhân", "Số phiếu đồng ý / phiếu bầu", "Tỷ lệ", "Điểm chấm", "Xếp hạng"],
        rows=rows,
    )
    return Section(heading=f"{name} ({len(proposals)})", table=table)
