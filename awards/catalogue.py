"""The usual award types, the national default rules by period, and the base salary table.

Each default is a version in force for a period. Its source says where each figure comes from;
a figure that no text we could read confirms says so ("chưa đối chiếu toàn văn": not checked
against the decree's full text), and one with no legal source at all is marked as Sổ Thi
Đua's own default, for provinces to replace with their own regulation. Every default warns
rather than blocks. docs/rules.md lists what was checked and where.

Periods:
- until 31/12/2023: Luật Thi đua, khen thưởng 2003 (sửa đổi 2013) with Nghị định 91/2017/NĐ-CP;
- 01/01/2024–30/06/2025: Luật Thi đua, khen thưởng 06/2022/QH15 with Nghị định 98/2023/NĐ-CP;
- from 01/07/2025: Nghị định 152/2025/NĐ-CP (issued 14/06/2025), which replaced 98/2023 and 28/2024.

Migrations 0002 and 0009 create them, 0012 corrects their figures; the demo loader puts back any
that a test database lost.
"""

import datetime

TYPES = [
    # name, authority, nominee, precedence
    ("Cờ thi đua của Chính phủ", "Thủ tướng Chính phủ", "collective", 10),
    ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "either", 20),
    ("Cờ thi đua của UBND tỉnh", "UBND tỉnh", "collective", 30),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh", "either", 40),
    ("Tập thể lao động xuất sắc", "Chủ tịch UBND tỉnh", "collective", 50),
]

LAW_2013 = "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP"
LAW_2022 = "Luật Thi đua, khen thưởng 06/2022/QH15 (hiệu lực 01/01/2024); Nghị định 98/2023/NĐ-CP"
DECREE_2025 = "Nghị định 152/2025/NĐ-CP (ban hành 14/06/2025, hiệu lực 01/07/2025, thay Nghị định 98/2023/NĐ-CP)"
# How far each figure was checked, as its source says (docs/rules.md names the texts read):
# QUOTED: the decree's own wording, article and clause, as quoted by the public pages read (the
# official gazette copy was not at hand); UNCHECKED: no text of the decree could be read for it.
QUOTED = "đối chiếu với lời văn của nghị định được trích dẫn, chưa đối chiếu bản công báo"
UNCHECKED = "chưa đối chiếu toàn văn"
OWN = "mặc định của Sổ Thi Đua"

UNTIL_2023 = (None, datetime.date(2023, 12, 31))
FROM_2024 = (datetime.date(2024, 1, 1), datetime.date(2025, 6, 30))
FROM_2025_07 = (datetime.date(2025, 7, 1), None)

GOVERNMENT_FLAG = "Cờ thi đua của Chính phủ"
PROVINCIAL_FLAG = "Cờ thi đua của UBND tỉnh"
PM_CERTIFICATE = "Bằng khen của Thủ tướng Chính phủ"
PROVINCIAL_CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"
EXCELLENT_COLLECTIVE = "Tập thể lao động xuất sắc"

_FLAG_COUNT_QUOTA = (
    "Số lượng: Mặc định của Sổ Thi Đua, không theo văn bản nào: mỗi khối suy tôn 01 đơn vị dẫn đầu. "
    "Tỉnh thay bằng quy định trong quy chế thi đua, khen thưởng của tỉnh."
)
_COUNCIL_80 = "biểu quyết: ít nhất 80% tổng số thành viên Hội đồng Thi đua - Khen thưởng (kể cả ý kiến bằng văn bản)"

# The prize multipliers of each period, with the article and clause of each figure.
_PRIZE_91_TITLES = f"Nghị định 91/2017/NĐ-CP, Điều 69 khoản 2 ({QUOTED})"
_PRIZE_91_CERTIFICATES = (
    f"Nghị định 91/2017/NĐ-CP, Điều 73: cá nhân theo mức của điều này, tập thể gấp 02 lần mức của cá nhân ({QUOTED})"
)
_PRIZE_98_TITLES = f"Nghị định 98/2023/NĐ-CP, Điều 54 khoản 2 ({QUOTED})"
_PRIZE_98_CERTIFICATES = (
    f"Nghị định 98/2023/NĐ-CP ({UNCHECKED}: không đọc được điều quy định tiền thưởng bằng khen; "
    "giữ mức của Nghị định 91/2017/NĐ-CP, Điều 73)"
)
_PRIZE_152_TITLES = (
    f"Nghị định 152/2025/NĐ-CP ({UNCHECKED}: không đọc được điều quy định tiền thưởng danh hiệu thi đua; "
    "giữ mức của Nghị định 98/2023/NĐ-CP, Điều 54 khoản 2)"
)
_PRIZE_152_CERTIFICATES = (
    f"Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1: mức của cá nhân ({QUOTED}); tập thể gấp 02 lần "
    f"mức của cá nhân ({UNCHECKED})"
)


def _version(period, source, **figures):
    valid_from, valid_until = period
    return {"valid_from": valid_from, "valid_until": valid_until, "source": source, **figures}


# {award type: [versions, oldest first]}; the first one of each type starts "since ever"
# (valid_from empty), as the single default rule did before rules had periods.
DEFAULT_RULES = {
    GOVERNMENT_FLAG: [
        _version(
            UNTIL_2023,
            f"{LAW_2013}. Tỷ lệ: không quá 20% số tập thể dẫn đầu các cụm, khối thi đua "
            f"(Nghị định 91/2017/NĐ-CP, Điều 11; {UNCHECKED}). Tiền thưởng 12,0 lần mức lương cơ sở "
            f"({_PRIZE_91_TITLES}, điểm d).",
            quota_percent=20,
            quota_basis="bloc_leaders",
            prize_multiplier_collective=12,
        ),
        _version(
            FROM_2024,
            f"{LAW_2022}. Tỷ lệ: không quá 20% số đơn vị dẫn đầu các cụm, khối thi đua "
            f"(Bộ Nội vụ, Công văn 5007/BNV-TĐKT, 2023); {_COUNCIL_80} (Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7; "
            f"{UNCHECKED}). Tiền thưởng 12,0 lần mức lương cơ sở ({_PRIZE_98_TITLES}).",
            quota_percent=20,
            quota_basis="bloc_leaders",
            vote_threshold_percent=80,
            vote_basis="council",
            prize_multiplier_collective=12,
        ),
        _version(
            FROM_2025_07,
            f"{DECREE_2025}. Tỷ lệ 20% số đơn vị dẫn đầu cụm, khối và {_COUNCIL_80}: giữ như thời kỳ trước, "
            f"{OWN} ({UNCHECKED} Nghị định 152/2025). Tiền thưởng 12,0 lần mức lương cơ sở ({_PRIZE_152_TITLES}).",
            quota_percent=20,
            quota_basis="bloc_leaders",
            vote_threshold_percent=80,
            vote_basis="council",
            prize_multiplier_collective=12,
        ),
    ],
    PM_CERTIFICATE: [
        _version(
            UNTIL_2023,
            f"{LAW_2013}. Tiền thưởng: cá nhân 3,5 lần mức lương cơ sở, tập thể 7,0 lần ({_PRIZE_91_CERTIFICATES}).",
            prize_multiplier_individual="3.5",
            prize_multiplier_collective=7,
        ),
        _version(
            FROM_2024,
            f"{LAW_2022}. Tiền thưởng: cá nhân 3,5 lần mức lương cơ sở, tập thể 7,0 lần ({_PRIZE_98_CERTIFICATES}).",
            prize_multiplier_individual="3.5",
            prize_multiplier_collective=7,
        ),
        _version(
            FROM_2025_07,
            f"{DECREE_2025}. Tiền thưởng: cá nhân 3,5 lần mức lương cơ sở, tập thể 7,0 lần "
            f"({_PRIZE_152_CERTIFICATES}).",
            prize_multiplier_individual="3.5",
            prize_multiplier_collective=7,
        ),
    ],
    PROVINCIAL_FLAG: [
        _version(
            UNTIL_2023,
            f"{LAW_2013}. {_FLAG_COUNT_QUOTA} Tiền thưởng 8,0 lần mức lương cơ sở ({_PRIZE_91_TITLES}, điểm đ).",
            quota_count=1,
            quota_basis="bloc_members",
            prize_multiplier_collective=8,
        ),
        _version(
            FROM_2024,
            f"{LAW_2022}. {_FLAG_COUNT_QUOTA} {_COUNCIL_80.capitalize()} (Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7; "
            f"{UNCHECKED}). Tiền thưởng 8,0 lần mức lương cơ sở ({_PRIZE_98_TITLES}).",
            quota_count=1,
            quota_basis="bloc_members",
            vote_threshold_percent=80,
            vote_basis="council",
            prize_multiplier_collective=8,
        ),
        _version(
            FROM_2025_07,
            f"{DECREE_2025}. {_FLAG_COUNT_QUOTA} {_COUNCIL_80.capitalize()}: giữ như thời kỳ trước, {OWN} "
            f"({UNCHECKED} Nghị định 152/2025). Tiền thưởng 8,0 lần mức lương cơ sở ({_PRIZE_152_TITLES}).",
            quota_count=1,
            quota_basis="bloc_members",
            vote_threshold_percent=80,
            vote_basis="council",
            prize_multiplier_collective=8,
        ),
    ],
    PROVINCIAL_CERTIFICATE: [
        _version(
            UNTIL_2023,
            f"{LAW_2013}. Tiền thưởng: cá nhân 1,0 lần mức lương cơ sở, tập thể 2,0 lần ({_PRIZE_91_CERTIFICATES}).",
            prize_multiplier_individual=1,
            prize_multiplier_collective=2,
        ),
        _version(
            FROM_2024,
            f"{LAW_2022}. Tiền thưởng: cá nhân 1,0 lần mức lương cơ sở, tập thể 2,0 lần ({_PRIZE_98_CERTIFICATES}).",
            prize_multiplier_individual=1,
            prize_multiplier_collective=2,
        ),
        _version(
            FROM_2025_07,
            f"{DECREE_2025}. Tiền thưởng: cá nhân 1,5 lần mức lương cơ sở, tập thể 3,0 lần "
            f"({_PRIZE_152_CERTIFICATES}).",
            prize_multiplier_individual="1.5",
            prize_multiplier_collective=3,
        ),
    ],
    EXCELLENT_COLLECTIVE: [
        _version(
            UNTIL_2023,
            f"{LAW_2013}. Tiền thưởng 1,5 lần mức lương cơ sở ({_PRIZE_91_TITLES}, điểm a).",
            prize_multiplier_collective="1.5",
        ),
        _version(
            FROM_2024,
            f"{LAW_2022}. Tiền thưởng 1,5 lần mức lương cơ sở ({_PRIZE_98_TITLES}).",
            prize_multiplier_collective="1.5",
        ),
        _version(
            FROM_2025_07,
            f"{DECREE_2025}. Tiền thưởng 1,5 lần mức lương cơ sở ({_PRIZE_152_TITLES}).",
            prize_multiplier_collective="1.5",
        ),
    ],
}

# The base salary (mức lương cơ sở) from each date, with the clause that sets it and how far it
# was checked (docs/rules.md: which text was read for each).
BASE_SALARIES = [
    (datetime.date(2016, 5, 1), 1_210_000, "Nghị định 47/2016/NĐ-CP, Điều 3 khoản 2 (đã đối chiếu toàn văn)"),
    (datetime.date(2017, 7, 1), 1_300_000, f"Nghị định 47/2017/NĐ-CP ({UNCHECKED})"),
    (
        datetime.date(2018, 7, 1),
        1_390_000,
        f"Nghị định 72/2018/NĐ-CP (mức và ngày theo trả lời của Ban Thi đua - Khen thưởng Trung ương; {UNCHECKED})",
    ),
    (datetime.date(2019, 7, 1), 1_490_000, f"Nghị định 38/2019/NĐ-CP ({UNCHECKED})"),
    (datetime.date(2023, 7, 1), 1_800_000, f"Nghị định 24/2023/NĐ-CP, Điều 3 khoản 2 ({QUOTED})"),
    (datetime.date(2024, 7, 1), 2_340_000, "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2 (đã đối chiếu toàn văn)"),
    (datetime.date(2026, 7, 1), 2_530_000, "Nghị định 161/2026/NĐ-CP, Điều 3 khoản 2 (đã đối chiếu toàn văn)"),
]

# Rounding up to the next ten thousand đồng, by the decree in force on the decision's date.
ROUNDING = [
    (None, f"làm tròn lên hàng chục nghìn đồng (Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2; {QUOTED})"),
    (
        datetime.date(2024, 1, 1),
        "làm tròn lên hàng chục nghìn đồng (Nghị định 98/2023/NĐ-CP, nguyên tắc tính tiền thưởng; "
        f"{QUOTED}, chưa đối chiếu số điều)",
    ),
    (
        datetime.date(2025, 7, 1),
        f"làm tròn lên hàng chục nghìn đồng (như Nghị định 98/2023/NĐ-CP; Nghị định 152/2025/NĐ-CP {UNCHECKED})",
    ),
]


def rounding_source(on):
    """How prize money decided on the date `on` is rounded, with its source."""
    return [source for start, source in ROUNDING if start is None or start <= on][-1]


def ensure(AwardType, AwardRule, BaseSalary):
    """Creates the types, default rule versions and base salaries that are missing; changes none
    that exist."""
    for name, authority, nominee, precedence in TYPES:
        award_type, _ = AwardType.objects.get_or_create(
            name=name, defaults={"authority": authority, "nominee": nominee, "precedence": precedence}
        )
        for version in DEFAULT_RULES.get(name, []):
            figures = dict(version)
            AwardRule.objects.get_or_create(
                award_type=award_type,
                province=None,
                valid_from=figures.pop("valid_from"),
                defaults={"enforcement": "warn", **figures},
            )
    for valid_from, amount, source in BASE_SALARIES:
        BaseSalary.objects.get_or_create(valid_from=valid_from, defaults={"amount": amount, "source": source})


def correct(AwardRule, BaseSalary):
    """Puts the figures and sources above on the default versions and base salaries that exist
    (migration 0012: the multipliers first seeded were not checked, and some were wrong). A
    proposal keeps the copy of the version that judged it, and a decided one its prize money."""
    for name, versions in DEFAULT_RULES.items():
        for version in versions:
            figures = dict(version)
            AwardRule.objects.filter(award_type__name=name, province=None, valid_from=figures.pop("valid_from")).update(
                **{"prize_multiplier_individual": None, "prize_multiplier_collective": None, **figures}
            )
    for valid_from, amount, source in BASE_SALARIES:
        BaseSalary.objects.filter(valid_from=valid_from).update(amount=amount, source=source)
