"""BÁO CÁO of an agency's award record over the years."""

from awards import selectors as award_selectors
from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import ILLUSTRATIVE, illustrative_decision, outcome, province_header, votes


def build(*, agency, user=None):
    """BÁO CÁO of an agency's award record over the years."""
    lines = award_selectors.agency_record(agency=agency, user=user)
    role = {"leader": "Trưởng khối", "deputy": "Phó trưởng khối", "": "Thành viên"}
    rows = [
        [
            line.proposal.conference.year,
            line.proposal.conference.bloc.name,
            role[line.role],
            line.proposal.award_type.name,
            line.proposal.nominee_name,
            votes(line.proposal),
            outcome(line.proposal),
        ]
        for line in lines
    ]
    return Printed(
        slug="agency-record",
        filename=f"qua-trinh-khen-thuong-{agency.pk}",
        header=province_header(agency.province),
        kind="Báo cáo",
        subtitle=f"Quá trình thi đua, khen thưởng của {agency.name}",
        sections=[
            Section(
                paragraphs=[] if rows else ["Chưa có đề nghị khen thưởng nào."],
                table=Table(
                    title="Quá trình khen thưởng",
                    headers=["Năm", "Khối thi đua", "Vai trò", "Hình thức", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
                    rows=rows,
                )
                if rows
                else None,
            )
        ],
        signers=[Signer([agency.province.awards_office or f"TM. UBND tỉnh {agency.province.name}"])],
        notes=[ILLUSTRATIVE] if any(illustrative_decision(line.proposal) for line in lines) else [],
    )
