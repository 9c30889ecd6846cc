"""BÁO CÁO of a province's year: every bloc's leaders, proposals and outcomes, with totals."""

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import illustrative_notes, name_of, outcome, province_header, titled, votes

SLUG = "province-summary"


def lay_out(figures):
    """figures: a reports.selectors.ProvinceYear."""
    province, year = figures.province, figures.year
    return Printed(
        slug=SLUG,
        filename=f"tong-hop-{province.code}-{year}",
        header=province_header(province, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng hợp kết quả thi đua, khen thưởng của các khối thi đua năm {year}",
        sections=[_blocs(figures), _award_types(figures), _proposals(figures.proposals)],
        signers=[Signer([province.awards_office or f"TM. UBND tỉnh {province.name}"])],
        recipients=["UBND tỉnh;", "Các khối thi đua;", "Lưu: VT."],
        notes=illustrative_notes(figures.illustrative),
    )


def _counts(outcomes):
    """The columns Đề nghị, Được khen, Không được, Chờ."""
    return [outcomes.proposed, outcomes.approved, outcomes.not_approved, outcomes.pending]


def _blocs(figures):
    year = figures.year
    headers = [
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
    ]
    total = ["", "Tổng cộng", figures.members, "", "", f"{figures.conferences} hội nghị", *_counts(figures.outcomes)]
    table = Table(
        title="Các khối",
        headers=headers,
        rows=[_bloc_row(i, bloc) for i, bloc in enumerate(figures.blocs, start=1)],
        total=total,
    )
    return Section(heading=f"Các khối thi đua năm {year}", table=table)


def _bloc_row(number, figures):
    now, elected, conference = figures.leadership, figures.elected, figures.conference
    return [
        number,
        figures.bloc.name,
        figures.members,
        titled(name_of(now.leader), name_of(now.deputy)) if now else "",
        name_of(elected.leader) if elected else "",
        f"{conference.date:%d/%m/%Y}" if conference else "chưa họp",
        *_counts(figures.outcomes),
    ]


def _award_types(figures):
    table = Table(
        title="Theo hình thức",
        headers=["Hình thức khen thưởng", "Đề nghị", "Được khen", "Không được", "Chờ"],
        rows=[[t.award_type.name, *_counts(t.outcomes)] for t in figures.award_types],
        total=["Tổng cộng", *_counts(figures.outcomes)],
    )
    return Section(heading="Tổng hợp theo hình thức khen thưởng", table=table)


def _proposals(proposals):
    if not proposals:
        return Section(heading="Danh sách đề nghị khen thưởng", paragraphs=["Không có đề nghị khen thưởng."])
    table = Table(
        title="Đề nghị",
        headers=["STT", "Khối thi đua", "Hình thức khen thưởng", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
        rows=[
            [i, p.conference.bloc.name, p.award_type.name, p.nominee_name, votes(p), outcome(p)]
            for i, p in enumerate(proposals, start=1)
        ],
    )
    return Section(heading="Danh sách đề nghị khen thưởng", table=table)
