"""TỜ TRÌNH of a bloc to the province's awards council, proposing the awards its year-end
conference voted: the first part of the bloc's award dossier."""

from reports.documents.dossier_wording import addressee, legal_basis
from reports.documents.structure import Printed, Section
from reports.documents.wording import (
    any_illustrative,
    bloc_header,
    bloc_signer,
    collective,
    illustrative_notes,
    proposal_table,
)

SLUG = "dossier-submission"


def lay_out(dossier):
    """dossier: a reports.selectors.Dossier."""
    conference = dossier.conference
    bloc, year = conference.bloc, conference.year
    proposals, reports = dossier.proposals, len(dossier.collectives)
    request = (
        f"{collective(bloc)} kính đề nghị {addressee(bloc)} xem xét, trình cấp có thẩm quyền khen thưởng "
        f"{len(proposals)} tập thể, cá nhân có thành tích xuất sắc trong phong trào thi đua năm {year}, cụ thể:"
        if proposals
        else f"Hội nghị tổng kết năm {year} của {collective(bloc)} không bình xét đề nghị khen thưởng nào."
    )
    return Printed(
        slug=SLUG,
        filename=f"to-trinh-de-nghi-khen-thuong-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, "Tờ trình", year=conference.date.year),
        kind="Tờ trình",
        subtitle=f"Về việc đề nghị khen thưởng thành tích năm {year} của {collective(bloc)}",
        sections=[
            Section(
                paragraphs=[
                    f"Kính gửi: {addressee(bloc)}.",
                    *legal_basis(dossier.basis),
                    f"Căn cứ kết quả bình xét, suy tôn tại Hội nghị tổng kết công tác thi đua, khen thưởng năm "
                    f"{year} của {collective(bloc)} ngày {conference.date:%d/%m/%Y};",
                    request,
                ],
                table=proposal_table(proposals, with_outcome=False) if proposals else None,
            ),
            Section(
                paragraphs=[
                    "Hồ sơ kèm theo: Biên bản họp bình xét, suy tôn; Danh sách tập thể, cá nhân đề nghị khen thưởng; "
                    f"{reports} báo cáo thành tích của các tập thể được đề nghị "
                    f"(theo {dossier.basis.template.citation}).",
                ]
            ),
        ],
        closing=[f"{collective(bloc)} kính trình {addressee(bloc)} xem xét, quyết định./."],
        signers=[bloc_signer(bloc, dossier.leadership)],
        recipients=["Như trên;", "Các cơ quan, đơn vị trong khối;", "Lưu: VT."],
        notes=illustrative_notes(any_illustrative(proposals)),
    )
