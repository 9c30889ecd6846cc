"""BÁO CÁO of an agency's award record over the years."""

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import illustrative_notes, outcome, province_header, votes

SLUG = "agency-record"
ROLE = {"leader": "Trưởng khối", "deputy": "Phó trưởng khối", "": "Thành viên"}


def lay_out(figures):
    """figures: a reports.selectors.AgencyAwards."""
    agency = figures.agency
    rows = [_row(line) for line in figures.lines]
    table = Table(
        title="Quá trình khen thưởng",
        headers=["Năm", "Khối thi đua", "Vai trò", "Hình thức", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
        rows=rows,
    )
    return Printed(
        slug=SLUG,
        filename=f"qua-trinh-khen-thuong-{agency.pk}",
        header=province_header(agency.province),
        kind="Báo cáo",
        subtitle=f"Quá trình thi đua, khen thưởng của {agency.name}",
        sections=[Section(table=table) if rows else Section(paragraphs=["Chưa có đề nghị khen thưởng nào."])],
        signers=[Signer([agency.province.awards_office or f"TM. UBND tỉnh {agency.province.name}"])],
        notes=illustrative_notes(figures.illustrative),
    )


def _row(line):
    proposal = line.proposal
    return [
        proposal.conference.year,
        proposal.conference.bloc.name,
        ROLE[line.role],
        proposal.award_type.name,
        proposal.nominee_name,
        votes(proposal),
        outcome(proposal),
    ]
