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

Migrations 0002 and 0009 create them, 0012 corrects their figures, 0013 writes the audit rows
those three did not, and 0014 puts the sources checked since (with their audit rows); the demo
loader puts back any that a test database lost.
"""

import datetime

from django.db.models import F
from django.utils import timezone

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


def _prize_91_titles(point):
    return f"Nghị định 91/2017/NĐ-CP, Điều 69 khoản 2 điểm {point} ({QUOTED})"


_PRIZE_91_CERTIFICATES = (
    f"Nghị định 91/2017/NĐ-CP, Điều 73: cá nhân theo mức của điều này, tập thể gấp 02 lần mức của cá nhân ({QUOTED})"
)
_PRIZE_98_TITLES = f"Nghị định 98/2023/NĐ-CP, Điều 54 khoản 2 ({QUOTED})"
_PRIZE_98_CERTIFICATES = (
    f"Nghị định 98/2023/NĐ-CP ({UNCHECKED}: không đọc được điều quy định tiền thưởng bằng khen; "
    "giữ mức của Nghị định 91/2017/NĐ-CP, Điều 73)"
)
# 152/2025's prizes for titles as the press quoted the decree (Dân trí, 03/12/2025), without the
# article's number; the provincial flag's figure was cut off in the copy read.
PRESS = "lời văn của nghị định do báo chí trích dẫn, chưa đối chiếu số điều và bản công báo"
_PRIZE_152_TITLES = f"Nghị định 152/2025/NĐ-CP, quy định mức tiền thưởng danh hiệu thi đua ({PRESS})"
_PRIZE_152_PROVINCIAL_FLAG = (
    f"Nghị định 152/2025/NĐ-CP ({UNCHECKED}: bản trích dẫn đọc được bị cắt trước mức của cờ thi đua "
    "bộ, ban, ngành, tỉnh; giữ mức của Nghị định 98/2023/NĐ-CP, Điều 54 khoản 2)"
)
# The Government flag's 20%: the words of Bộ Nội vụ's Công văn 5007/BNV-TĐKT, which rests the choice on
# Điều 25 of the 2003 law and Điều 11 of 91/2017 (as quoted by a legal-news page, 08/09/2023).
_QUOTA_5007 = (
    "Công văn 5007/BNV-TĐKT ngày 05/9/2023 của Bộ Nội vụ: “không quá 20% tổng số tập thể được bình xét "
    "dẫn đầu các cụm, khối thi đua”, căn cứ Điều 25 Luật Thi đua, khen thưởng 2003 và Điều 11 Nghị định "
    f"91/2017/NĐ-CP ({QUOTED})"
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
            f"{LAW_2013}. Tỷ lệ: {_QUOTA_5007}; trước ngày công văn, tỷ lệ này {UNCHECKED}. "
            f"Tiền thưởng 12,0 lần mức lương cơ sở ({_prize_91_titles('d')}).",
            quota_percent=20,
            quota_basis="bloc_leaders",
            prize_multiplier_collective=12,
        ),
        _version(
            FROM_2024,
            f"{LAW_2022}. Tỷ lệ: {_QUOTA_5007}, ban hành theo Luật 2003, giữ cho thời kỳ này; "
            f"{_COUNCIL_80} (Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7; "
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
            f"{LAW_2013}. {_FLAG_COUNT_QUOTA} Tiền thưởng 8,0 lần mức lương cơ sở ({_prize_91_titles('đ')}).",
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
            f"({UNCHECKED} Nghị định 152/2025). Tiền thưởng 8,0 lần mức lương cơ sở ({_PRIZE_152_PROVINCIAL_FLAG}).",
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
            f"{LAW_2013}. Tiền thưởng 1,5 lần mức lương cơ sở ({_prize_91_titles('a')}).",
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
    (datetime.date(2017, 7, 1), 1_300_000, f"Nghị định 47/2017/NĐ-CP, Điều 3 khoản 2 ({QUOTED})"),
    (datetime.date(2018, 7, 1), 1_390_000, f"Nghị định 72/2018/NĐ-CP, Điều 3 khoản 2 ({QUOTED})"),
    (
        datetime.date(2019, 7, 1),
        1_490_000,
        f"Nghị định 38/2019/NĐ-CP (mức và ngày theo tin báo chí và bảng lương cơ sở của Bảo hiểm xã hội "
        f"Bộ Quốc phòng; {UNCHECKED})",
    ),
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


def correct_with_history(reason):
    """A migration's RunPython function that puts the figures and sources above on the defaults
    that exist, each change with its audit row (correct() with the historical models)."""

    def run(apps, schema_editor):
        correct(
            apps.get_model("awards", "AwardRule"),
            apps.get_model("awards", "BaseSalary"),
            history=(apps.get_model("awards", "HistoricalAwardRule"), apps.get_model("awards", "HistoricalBaseSalary")),
            reason=reason,
        )

    return run


def correct(AwardRule, BaseSalary, *, history=None, reason=""):
    """Puts the figures and sources above on the default versions and base salaries that exist
    (migration 0012: the multipliers first seeded were not checked, and some were wrong). A
    proposal keeps the copy of the version that judged it, and a decided one its prize money.

    history: (the AwardRule's historical model, the BaseSalary's) to write the audit trail:
    then only a row whose figures differ is changed, its version moves on (a page opened
    before is refused) and it gets a "changed" row with `reason`, by no user (migration 0014).
    Without it, the rows are updated as migration 0012 did, with no trail."""
    when = _now_in_milliseconds()
    for name, versions in DEFAULT_RULES.items():
        for version in versions:
            figures = dict(version)
            rules = AwardRule.objects.filter(award_type__name=name, province=None, valid_from=figures.pop("valid_from"))
            wanted = {"prize_multiplier_individual": None, "prize_multiplier_collective": None, **figures}
            if history is None:
                rules.update(**wanted)
                continue
            for rule in rules:
                if _differs(rule, wanted):
                    AwardRule.objects.filter(pk=rule.pk).update(**wanted, version=F("version") + 1)
                    _audit(history[0], AwardRule.objects.get(pk=rule.pk), "~", reason, when)
    for valid_from, amount, source in BASE_SALARIES:
        salaries = BaseSalary.objects.filter(valid_from=valid_from)
        wanted = {"amount": amount, "source": source}
        if history is None:
            salaries.update(**wanted)
            continue
        for salary in salaries:
            if _differs(salary, wanted):
                BaseSalary.objects.filter(pk=salary.pk).update(**wanted)
                _audit(history[1], BaseSalary.objects.get(pk=salary.pk), "~", reason, when)


def audit_missing(rows, Historical, *, created, changed):
    """The audit rows that migrations did not write (issue 15: 0002 and 0009 created the
    defaults, 0012 corrected them, all with queryset updates that the trail does not see).
    Each of `rows` whose newest historical row does not hold its present figures gets one,
    dated now and by no user: "created" (reason `created`) when it has none at all, else
    "changed" (reason `changed`). A row the trail already matches gets nothing, so running it
    again adds nothing."""
    when = _now_in_milliseconds()
    rows = list(rows)
    newest = {}
    for record in Historical.objects.filter(id__in=[row.pk for row in rows]).order_by("history_date", "history_id"):
        newest[record.id] = record
    for row in rows:
        record = newest.get(row.pk)
        if record is None:
            _audit(Historical, row, "+", created, when)
        elif _differs(row, {name: getattr(record, name) for name in _compared(Historical, row)}):
            _audit(Historical, row, "~", changed, when)


_HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id"}


def _compared(Historical, row):
    """The fields a historical row copies from `row`, its version aside (a queryset update does
    not move it, and a trail row is about figures)."""
    names = {f.attname for f in Historical._meta.concrete_fields} - _HISTORY_FIELDS - {"version"}
    return [f.attname for f in row._meta.concrete_fields if f.attname in names]


def _differs(row, values):
    """Whether `row` holds other values than `values` ({field name or attname: value}), each
    read as its field reads it ("3.5" is 3,50)."""
    fields = {name: row._meta.get_field(name) for name in values}
    return any(
        getattr(row, fields[name].attname) != (None if value is None else fields[name].to_python(value))
        for name, value in values.items()
    )


def _audit(Historical, row, kind, reason, when):
    """A historical row of `row` as it is now, the way django-simple-history writes one."""
    names = {f.attname for f in Historical._meta.concrete_fields} - _HISTORY_FIELDS
    copied = {f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields if f.attname in names}
    Historical.objects.create(
        **copied, history_date=when, history_type=kind, history_change_reason=reason[:100], history_user_id=None
    )


def _now_in_milliseconds():
    """Now, to the millisecond, as the audit trail keeps time (core.versioning)."""
    now = timezone.now()
    return now.replace(microsecond=now.microsecond // 1000 * 1000)
