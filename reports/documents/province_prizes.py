"""BÁO CÁO of a province's prize money (tiền thưởng): per reviewed year and award form, and per
form over every year. The amounts are those kept with each award when its decision was recorded
(the rule and base salary in force on the decision's date, docs/rules.md); this document adds
them up and works nothing out again."""

from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import illustrative_notes, office_signer, province_header, star, user

SLUG = "province-prizes"
HEADERS = ["Hình thức khen thưởng", "Số được khen thưởng", "Trong đó không có tiền thưởng", "Tiền thưởng (đồng)"]


def money(amount):
    return f"{amount:,}".replace(",", ".")


def lay_out(figures):
    """figures: a reports.selectors.ProvincePrizes."""
    province = figures.province
    if not figures.years:
        sections = [Section(paragraphs=["Chưa có quyết định khen thưởng nào được ghi nhận."])]
    else:
        sections = [
            *[_year(year) for year in figures.years],
            Section(
                heading="Tổng hợp theo hình thức khen thưởng, các năm",
                table=Table(
                    title="Các năm",
                    headers=HEADERS,
                    rows=[_row(line) for line in figures.by_award_type],
                    total=[
                        "Tổng cộng",
                        figures.awarded,
                        _without(figures.by_award_type),
                        money(figures.total) + star(figures.illustrative),
                    ],
                ),
            ),
        ]
    return Printed(
        slug=SLUG,
        filename=f"tien-thuong-{province.code}",
        header=province_header(province),
        kind="Báo cáo",
        subtitle="Tổng hợp tiền thưởng theo năm và hình thức khen thưởng",
        sections=[
            Section(
                paragraphs=[
                    "Năm là năm được đánh giá, bình xét (năm thành tích). Tiền thưởng của mỗi tập thể, cá nhân là "
                    "số đã tính khi ghi nhận quyết định khen thưởng: hệ số của quy định và mức lương cơ sở có hiệu "
                    "lực vào ngày quyết định, làm tròn theo nghị định; danh sách kèm theo từng quyết định ghi "
                    "cách tính."
                ]
            ),
            *sections,
        ],
        closing=[
            f"Trên đây là tổng hợp tiền thưởng của tỉnh {user(province.name)}: {figures.awarded} tập thể, cá nhân "
            f"được khen thưởng, tổng tiền thưởng {money(figures.total)} đồng./."
        ],
        signers=[office_signer(province)],
        recipients=["Ủy ban nhân dân tỉnh;", "Sở Tài chính;", "Lưu: VT."],
        notes=illustrative_notes(figures.illustrative),
    )


def _without(lines):
    return sum(line.without_prize for line in lines)


def _row(line):
    return [user(line.award_type.name), line.awarded, line.without_prize, money(line.total) + star(line.illustrative)]


def _year(year):
    table = Table(
        title=f"Năm {year.year}",
        headers=HEADERS,
        rows=[_row(line) for line in year.lines],
        total=[
            f"Cộng năm {year.year}",
            year.awarded,
            _without(year.lines),
            money(year.total) + star(year.illustrative),
        ],
    )
    return Section(heading=f"Năm {year.year}", table=table)
