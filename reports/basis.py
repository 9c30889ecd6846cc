"""The law a bloc's award dossier cites, and the achievement-report template it follows, by the
date of the conference that voted: the one place that says which decree was in force when.

Like the award rules (awards.models.AwardRule), each version holds a period (either end open)
and the day that chooses it is the conference's (awards.rules.rule_date): the bloc wrote its
dossier for the rules its members voted under. Unlike the rules, a template is national and
set by decree, not by a province's regulation, so the versions are kept here in code rather
than in the admin. What was checked against which text is in docs/rules.md.
"""

from dataclasses import dataclass
from datetime import date as Date


@dataclass(frozen=True)
class AchievementTemplate:
    """The form a collective nominee's báo cáo thành tích follows."""

    form: str  # “Mẫu số 02”
    annex: str  # where the form is, as the document cites it
    purpose: str  # what the form is for, as the annex names it
    general: str  # heading of part I
    achieved: str  # heading of part II
    awarded: str  # heading of part III
    facts: tuple  # the points of part I
    results: tuple  # the points of part II
    confirms: str  # who confirms the report, at the left of the signatures

    @property
    def citation(self):
        return f"{self.form}, {self.annex}"


@dataclass(frozen=True)
class Basis:
    valid_from: Date | None
    valid_until: Date | None
    law: str
    decree: str
    template: AchievementTemplate

    def covers(self, on):
        started = self.valid_from is None or self.valid_from <= on
        return started and (self.valid_until is None or on <= self.valid_until)


_RESULTS = (
    "Kết quả thực hiện nhiệm vụ được giao",
    "Những biện pháp hoặc nguyên nhân đạt được thành tích; các phong trào thi đua đã được áp dụng",
    "Việc thực hiện chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước; "
    "công tác xây dựng Đảng, đoàn thể",
)
_FACTS = ("Đặc điểm, tình hình", "Chức năng, nhiệm vụ")
_AWARDED = "Các hình thức đã được khen thưởng"
_CONFIRMS = "Xác nhận của cấp trình khen thưởng"
# What each collective form is for, in the annex's own words (docs/rules.md names the pages that
# quote them): 91/2017's Mẫu số 01 and 98/2023's Mẫu số 02 of Phụ lục I.
_PURPOSE_91 = (
    "Báo cáo thành tích đề nghị tặng Huân chương, Bằng khen của Thủ tướng Chính phủ, Cờ thi đua của Chính "
    "phủ; Cờ thi đua và Bằng khen cấp Bộ, ban, ngành, đoàn thể trung ương; tỉnh, thành phố trực thuộc trung "
    "ương; Tập thể Lao động xuất sắc (Đơn vị Quyết thắng); Giấy khen đối với tập thể có thành tích xuất sắc "
    "trong thực hiện nhiệm vụ công tác"
)
_PURPOSE_98 = (
    "Báo cáo thành tích đề nghị tặng Huân chương, Bằng khen của Thủ tướng Chính phủ, Cờ thi đua của Chính "
    "phủ; Cờ thi đua và Bằng khen của bộ, ban, ngành, tỉnh; Tập thể lao động xuất sắc (Đơn vị quyết thắng); "
    "Giấy khen đối với tập thể có thành tích xuất sắc trong thực hiện nhiệm vụ công tác"
)

PERIODS = [
    Basis(
        valid_from=None,
        valid_until=Date(2023, 12, 31),
        law="Luật Thi đua, khen thưởng năm 2003 (sửa đổi, bổ sung năm 2005 và năm 2013)",
        decree="Nghị định số 91/2017/NĐ-CP ngày 31/7/2017 của Chính phủ",
        template=AchievementTemplate(
            form="Mẫu số 01",
            annex="Phụ lục ban hành kèm theo Nghị định số 91/2017/NĐ-CP",
            purpose=_PURPOSE_91,
            general="Sơ lược đặc điểm, tình hình",
            achieved="Thành tích đạt được",
            awarded=_AWARDED,
            facts=_FACTS,
            results=_RESULTS,
            confirms=_CONFIRMS,
        ),
    ),
    Basis(
        valid_from=Date(2024, 1, 1),
        valid_until=Date(2025, 6, 30),
        law="Luật Thi đua, khen thưởng số 06/2022/QH15",
        decree="Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ",
        template=AchievementTemplate(
            form="Mẫu số 02",
            annex="Phụ lục I ban hành kèm theo Nghị định số 98/2023/NĐ-CP",
            purpose=_PURPOSE_98,
            general="Thông tin chung",
            achieved="Thành tích đạt được",
            awarded=_AWARDED,
            facts=_FACTS,
            results=_RESULTS,
            confirms=_CONFIRMS,
        ),
    ),
    Basis(
        valid_from=Date(2025, 7, 1),
        valid_until=None,
        law="Luật Thi đua, khen thưởng số 06/2022/QH15",
        decree="Nghị định số 152/2025/NĐ-CP ngày 14/6/2025 của Chính phủ",
        template=AchievementTemplate(
            form="Mẫu số 03",
            annex="Phụ lục mẫu văn bản áp dụng trong hồ sơ thủ tục khen thưởng ban hành kèm theo "
            "Nghị định số 152/2025/NĐ-CP",
            purpose="Báo cáo thành tích đề nghị khen thưởng công trạng cho tập thể",
            general="Thông tin chung",
            achieved="Thành tích đạt được",
            awarded=_AWARDED,
            facts=_FACTS,
            results=_RESULTS,
            confirms=_CONFIRMS,
        ),
    ),
]


def in_force(on):
    """The basis in force on the date `on`: exactly one period covers every date."""
    return next(basis for basis in PERIODS if basis.covers(on))
