"""The usual award types, and the default rules every province starts from.

Only the Government flag's quota has a national source; the provincial flag's one per
bloc is a marked default for provinces to replace with their own regulation. Every
default warns rather than blocks until a province sets its own rule.

Migration 0002 creates them; the demo loader puts back any that a test database lost.
"""

TYPES = [
    # name, authority, nominee, precedence
    ("Cờ thi đua của Chính phủ", "Thủ tướng Chính phủ", "collective", 10),
    ("Bằng khen của Thủ tướng Chính phủ", "Thủ tướng Chính phủ", "either", 20),
    ("Cờ thi đua của UBND tỉnh", "UBND tỉnh", "collective", 30),
    ("Bằng khen của Chủ tịch UBND tỉnh", "Chủ tịch UBND tỉnh", "either", 40),
    ("Tập thể lao động xuất sắc", "Chủ tịch UBND tỉnh", "collective", 50),
]

DEFAULT_RULES = {
    "Cờ thi đua của Chính phủ": {
        "quota_percent": 20,
        "quota_basis": "bloc_leaders",
        "source": (
            "Bộ Nội vụ, Công văn 5007/BNV-TĐKT (2023): không quá 20% số đơn vị dẫn đầu các cụm, khối thi đua; "
            "trước đó Nghị định 91/2017/NĐ-CP, Điều 11"
        ),
    },
    "Cờ thi đua của UBND tỉnh": {
        "quota_count": 1,
        "quota_basis": "bloc_members",
        "source": (
            "Mặc định của Sổ Thi Đua, không theo văn bản nào: mỗi khối suy tôn 01 đơn vị dẫn đầu. "
            "Tỉnh thay bằng quy định trong quy chế thi đua, khen thưởng của tỉnh."
        ),
    },
}


def ensure(AwardType, AwardRule):
    """Creates the types and default rules that are missing; changes none that exist."""
    for name, authority, nominee, precedence in TYPES:
        award_type, _ = AwardType.objects.get_or_create(
            name=name, defaults={"authority": authority, "nominee": nominee, "precedence": precedence}
        )
        if name in DEFAULT_RULES:
            AwardRule.objects.get_or_create(
                award_type=award_type, province=None, defaults={"enforcement": "warn", **DEFAULT_RULES[name]}
            )
