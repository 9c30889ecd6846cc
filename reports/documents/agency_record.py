"""BÁO CÁO of an agency's award record over the years."""

from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import (
    any_illustrative,
    illustrative_notes,
    nominee,
    office_signer,
    outcome,
    province_header,
    user,
    votes,
)

SLUG = "agency-record"
ROLE = {"leader": "Trưởng khối", "deputy": "Phó Trưởng khối", "": "Thành viên"}


def lay_out(figures):
    """figures: a reports.selectors.AgencyAwards."""
    agency = figures.agency
    rows = [_row(line) for line in figures.lines]
    table = Table(
        title="Quá trình khen thưởng",
        headers=["Năm", "Khối thi đua", "Vai trò", "Hình thức", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
        rows=rows,
    )
    proposals = [line.proposal for line in figures.lines]
    return Printed(
        slug=SLUG,
        filename=f"qua-trinh-khen-thuong-{agency.pk}",
        header=province_header(agency.province),
        kind="Báo cáo",
        subtitle=f"Quá trình thi đua, khen thưởng của {user(agency.name)}",
        sections=[Section(table=table) if rows else Section(paragraphs=["Chưa có đề nghị khen thưởng nào."])],
        closing=[f"Trên đây là quá trình thi đua, khen thưởng của {user(agency.name)} đã ghi nhận./."],
        signers=[office_signer(agency.province)],
        notes=illustrative_notes(figures.illustrative or any_illustrative(proposals)),
    )


def _row(line):
    proposal = line.proposal
    return [
        proposal.conference.year,
        user(proposal.conference.bloc.name),
        ROLE[line.role],
        user(proposal.award_type.name),
        nominee(proposal),
        votes(proposal),
        outcome(proposal),
    ]
