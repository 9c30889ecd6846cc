"""BÁO CÁO of a province's year: every bloc's leaders, proposals and outcomes, with totals."""

from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import (
    any_illustrative,
    deputy_of,
    illustrative_notes,
    leader_of,
    nominee,
    office_signer,
    outcome,
    province_header,
    user,
    votes,
)

SLUG = "province-summary"
COUNTS = ["Số đề nghị", "Được khen thưởng", "Không được khen thưởng", "Chờ quyết định"]


def lay_out(figures):
    """figures: a reports.selectors.ProvinceYear."""
    province, year = figures.province, figures.year
    leaderships = [x for b in figures.blocs for x in (b.leadership, b.elected) if x]
    illustrative = any_illustrative(figures.proposals) or any(x.is_illustrative for x in leaderships)
    return Printed(
        slug=SLUG,
        filename=f"tong-hop-{province.code}-{year}",
        header=province_header(province, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng hợp kết quả thi đua, khen thưởng của các khối thi đua năm {year}",
        sections=[_blocs(figures), _award_types(figures), _proposals(figures.proposals)],
        closing=[
            f"Trên đây là tổng hợp kết quả thi đua, khen thưởng năm {year} của {len(figures.blocs)} khối thi đua "
            f"tỉnh {user(province.name)}./."
        ],
        signers=[office_signer(province)],
        recipients=["Ủy ban nhân dân tỉnh;", "Các khối thi đua;", "Lưu: VT."],
        notes=illustrative_notes(illustrative),
    )


def _counts(outcomes):
    return [outcomes.proposed, outcomes.approved, outcomes.not_approved, outcomes.pending]


def _blocs(figures):
    year = figures.year
    headers = [
        "STT",
        "Khối thi đua",
        "Số thành viên",
        f"Trưởng khối năm {year}",
        f"Phó Trưởng khối năm {year}",
        f"Trưởng khối năm {year + 1}",
        "Hội nghị tổng kết",
        *COUNTS,
    ]
    total = [
        "",
        "Tổng cộng",
        figures.members,
        "",
        "",
        "",
        f"{figures.conferences} hội nghị",
        *_counts(figures.outcomes),
    ]
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
        user(figures.bloc.name),
        figures.members,
        leader_of(now),
        deputy_of(now),
        leader_of(elected),
        f"{conference.date:%d/%m/%Y}" if conference else "Chưa họp",
        *_counts(figures.outcomes),
    ]


def _award_types(figures):
    table = Table(
        title="Theo hình thức",
        headers=["Hình thức khen thưởng", *COUNTS],
        rows=[[user(t.award_type.name), *_counts(t.outcomes)] for t in figures.award_types],
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
            [i, user(p.conference.bloc.name), user(p.award_type.name), nominee(p), votes(p), outcome(p)]
            for i, p in enumerate(proposals, start=1)
        ],
    )
    return Section(heading="Danh sách đề nghị khen thưởng", table=table)
