"""The demo data that `manage.py load_demo` loads, as plain Python.

Two real year-end conference reports are the ground truth (seeds 000 and 001 in
the shared seeds folder): Khối Văn hóa - Xã hội of Điện Biên reviewing 2017 and of
Vĩnh Phúc reviewing 2020. Everything the reports do not say is invented so that the
pages have some history to show, and is marked as such: agencies with
`is_illustrative`, memberships with the note ILLUSTRATIVE_NOTE, and the invented
leaders listed in the command's help.

Agencies are named here by the name they had when the reports were written; the
2025 reorganisation below is applied on top, so the records keep the old names: in
both provinces Sở Thông tin và Truyền thông merged into Sở Khoa học và Công nghệ from
01/03/2025 (carried into the members and leaders of 2025 and 2026), and Vĩnh Phúc
became part of the new Phú Thọ from 01/07/2025 (Nghị quyết 202/2025/QH15).
Sở Lao động - Thương binh và Xã hội is left as it was: trying the merger page on it
is the demo's journey.

No imports from the models: the Makefile and tests read DEMO_USERS without needing
anything but this module.
"""

import datetime

ILLUSTRATIVE_NOTE = "Minh họa"

SEED_000 = "Theo tin hội nghị tổng kết ngày 08/01/2018"
SEED_001 = "Theo tin hội nghị tổng kết ngày 13/01/2021"

PROVINCES = [
    # The awards office: Điện Biên's as seed 000 names it; Vĩnh Phúc's is illustrative.
    # The signers' names are not in the seeds: they print as blanks to fill.
    {
        "name": "Điện Biên",
        "code": "dien-bien",
        "awards_office": "Ban Thi đua - Khen thưởng tỉnh",
        "document_code": "BTĐKT",
        "signer_title": "Trưởng ban",
    },
    {
        "name": "Vĩnh Phúc",
        "code": "vinh-phuc",
        "awards_office": "Sở Nội vụ",
        "document_code": "SNV",
        "signer_title": "Giám đốc",
    },
]

CULTURE_SOCIETY = "Khối Văn hóa - Xã hội"
ECONOMY = "Khối Kinh tế - Tổng hợp"

BHXH = "Bảo hiểm xã hội tỉnh"
TTTT = "Sở Thông tin và Truyền thông"
LDTBXH = "Sở Lao động - Thương binh và Xã hội"
GDDT = "Sở Giáo dục và Đào tạo"
KHCN = "Sở Khoa học và Công nghệ"
YTE = "Sở Y tế"
VHTTDL = "Sở Văn hóa, Thể thao và Du lịch"
BDT = "Ban Dân tộc tỉnh"
PTTH = "Đài Phát thanh và Truyền hình tỉnh"
KHDT = "Sở Kế hoạch và Đầu tư"
TC = "Sở Tài chính"
CT = "Sở Công Thương"
NNPTNT = "Sở Nông nghiệp và Phát triển nông thôn"
NOIVU = "Sở Nội vụ"


def _agency(name, short_name="", kind="department", illustrative=False):
    return {"name": name, "short_name": short_name, "kind": kind, "is_illustrative": illustrative}


_ECONOMY_AGENCIES = [
    _agency(KHDT, "Sở KH&ĐT", illustrative=True),
    _agency(TC, illustrative=True),
    _agency(CT, illustrative=True),
    _agency(NNPTNT, "Sở NN&PTNT", illustrative=True),
]

AGENCIES = {
    "Điện Biên": [
        # Named in seed 000.
        _agency(BHXH, "BHXH tỉnh", kind="sector"),
        _agency(TTTT, "Sở TT&TT"),
        _agency(LDTBXH, "Sở LĐ-TB&XH"),
        _agency(GDDT, "Sở GD&ĐT"),
        _agency(KHCN, "Sở KH&CN"),
        # The report counts 8 members but names 5: three plausible ones make up the count.
        _agency(YTE, illustrative=True),
        _agency(VHTTDL, "Sở VH-TT&DL", illustrative=True),
        # Short name left blank: it would have to change with the 2025 rename.
        _agency(BDT, kind="board", illustrative=True),
        # In no bloc of the demo: the successor to try the merger page with.
        _agency(NOIVU, illustrative=True),
        *_ECONOMY_AGENCIES,
    ],
    "Vĩnh Phúc": [
        # Named in seed 001.
        _agency(TTTT, "Sở TT&TT"),
        _agency(GDDT, "Sở GD&ĐT"),
        _agency(LDTBXH, "Sở LĐ-TB&XH"),
        _agency(BDT, kind="board"),
        # The report gives no member count: 8 as in Điện Biên.
        _agency(YTE, illustrative=True),
        _agency(VHTTDL, "Sở VH-TT&DL", illustrative=True),
        _agency(BHXH, "BHXH tỉnh", kind="sector", illustrative=True),
        _agency(PTTH, kind="other", illustrative=True),
        # The successor of Sở TT&TT from 01/03/2025; the report does not name it.
        _agency(KHCN, "Sở KH&CN", illustrative=True),
        *_ECONOMY_AGENCIES,
    ],
}

# The 2025 reform of provincial departments (Nghị định 45/2025/NĐ-CP of 28/02/2025 on the
# departments of a province). The basis each province cites is its own HĐND resolution,
# whose number is not in the seeds: the number below is the decree's, marked in the note.
_DEPARTMENT_REFORM = {
    "agencies": [TTTT],
    "successor": KHCN,
    "effective_on": datetime.date(2025, 3, 1),
    "basis_number": "45/2025/NĐ-CP",
    "basis_date": datetime.date(2025, 2, 28),
    "note": "Minh họa: căn cứ chung của Chính phủ; số nghị quyết của HĐND tỉnh chưa đối chiếu.",
}
MERGERS = [{"province": province, **_DEPARTMENT_REFORM} for province in ("Điện Biên", "Vĩnh Phúc")]

# 01/07/2025: Vĩnh Phúc, Hòa Bình and Phú Thọ became the new Phú Thọ (Nghị quyết
# 202/2025/QH15 of 12/06/2025). Only Vĩnh Phúc is in the demo; its records stay its own.
PROVINCE_MERGERS = [
    {
        "provinces": ["Vĩnh Phúc"],
        "into": {"name": "Phú Thọ", "code": "phu-tho", "awards_office": "Sở Nội vụ"},
        "effective_on": datetime.date(2025, 7, 1),
        "basis_number": "202/2025/QH15",
        "basis_date": datetime.date(2025, 6, 12),
    },
]
RENAMES = [
    {"province": "Điện Biên", "agency": BDT, "name": "Sở Dân tộc và Tôn giáo", "on": datetime.date(2025, 3, 1)},
]

# Each bloc: its members, the same every year of `years`, and (year, leader, deputy)
# for each of those years. `seed_members` are the memberships a report states or
# implies; all others get ILLUSTRATIVE_NOTE. SEED_LEADERS below lists the leaders the
# reports state; every other leader and every deputy is invented, rotating so that
# the rotation hint has a history to read. Every leadership row holds something invented
# (at least its deputy), so each is marked illustrative.
BLOCS = [
    {
        "province": "Điện Biên",
        "name": CULTURE_SOCIETY,
        "document_code": "KVHXH",
        "description": (
            "Dữ liệu mẫu. Theo tin hội nghị tổng kết năm 2017 (08/01/2018): khối có 8 cơ quan, "
            "Sở Thông tin và Truyền thông làm Trưởng khối năm 2018. Các thành viên và các năm "
            "có ghi chú “Minh họa” là dữ liệu minh họa."
        ),
        # From 2025 Sở KH&CN stands in for Sở TT&TT (merged), once: 7 members.
        "members": [BHXH, TTTT, LDTBXH, GDDT, KHCN, YTE, VHTTDL, BDT],
        "years": range(2015, 2027),
        # The 8 members reviewed 2017 and all signed the 2018 pledge; the report names 5.
        "seed_members": {year: (SEED_000, [BHXH, TTTT, LDTBXH, GDDT, KHCN]) for year in (2017, 2018)},
        "leaderships": [
            (2015, YTE, GDDT),
            (2016, GDDT, BHXH),
            (2017, BHXH, TTTT),  # invented, though it hosted the 2017 conference
            (2018, TTTT, LDTBXH),  # leader from seed 000
            (2019, LDTBXH, VHTTDL),
            (2020, VHTTDL, BDT),
            (2021, BDT, KHCN),
            (2022, KHCN, YTE),
            (2023, YTE, GDDT),
            (2024, GDDT, BHXH),
            (2025, BHXH, LDTBXH),
            (2026, VHTTDL, BDT),
        ],
    },
    {
        "province": "Vĩnh Phúc",
        "name": CULTURE_SOCIETY,
        "document_code": "KVHXH",
        "description": (
            "Dữ liệu mẫu. Theo tin hội nghị tổng kết năm 2020 (13/01/2021): Sở Thông tin và Truyền "
            "thông là Trưởng khối năm 2020, Ban Dân tộc tỉnh được suy tôn Trưởng khối năm 2021. "
            "Tin không nêu số thành viên: các cơ quan và các năm có ghi chú “Minh họa” là dữ liệu minh họa."
        ),
        # 2025: Sở KH&CN in Sở TT&TT's place; the bloc's last year before the province merged.
        "members": [TTTT, GDDT, LDTBXH, BDT, YTE, VHTTDL, BHXH, PTTH],
        "years": range(2015, 2026),
        # 2020: the leader, the two nominees and the bloc that elected Ban Dân tộc tỉnh;
        # 2021: only its elected leader.
        "seed_members": {2020: (SEED_001, [TTTT, GDDT, LDTBXH, BDT]), 2021: (SEED_001, [BDT])},
        "leaderships": [
            (2015, YTE, LDTBXH),
            (2016, LDTBXH, VHTTDL),
            (2017, VHTTDL, BHXH),
            (2018, BHXH, GDDT),
            (2019, GDDT, TTTT),
            (2020, TTTT, BDT),  # leader from seed 001
            (2021, BDT, PTTH),  # leader from seed 001
            (2022, PTTH, YTE),
            (2023, YTE, LDTBXH),
            (2024, LDTBXH, VHTTDL),
            (2025, VHTTDL, BHXH),
        ],
    },
    {
        "province": "Điện Biên",
        "name": ECONOMY,
        "document_code": "KKTTH",
        "description": "Dữ liệu mẫu: khối, thành viên và Trưởng khối đều là minh họa.",
        "members": [KHDT, TC, CT, NNPTNT],
        "years": range(2022, 2025),
        "seed_members": {},
        "leaderships": [(2022, TC, CT), (2023, CT, NNPTNT), (2024, NNPTNT, KHDT)],
    },
    {
        "province": "Vĩnh Phúc",
        "name": ECONOMY,
        "document_code": "KKTTH",
        "description": "Dữ liệu mẫu: khối, thành viên và Trưởng khối đều là minh họa.",
        "members": [KHDT, TC, CT, NNPTNT],
        "years": range(2019, 2022),
        "seed_members": {},
        "leaderships": [(2019, KHDT, TC), (2020, TC, CT), (2021, CT, NNPTNT)],
    },
]

# (province, bloc, year): who signed for the bloc as Trưởng khối, as a report states it.
SEED_HEADS = {
    ("Vĩnh Phúc", CULTURE_SOCIETY, 2020): ("Nguyễn Bá Hiến", "Giám đốc Sở Thông tin và Truyền thông"),
}

# (province, bloc, year): leader, as the reports state them.
SEED_LEADERS = {
    ("Điện Biên", CULTURE_SOCIETY, 2018): TTTT,
    ("Vĩnh Phúc", CULTURE_SOCIETY, 2020): TTTT,
    ("Vĩnh Phúc", CULTURE_SOCIETY, 2021): BDT,
}

# The two conferences as the reports tell them, for the conference records to load
# once they exist. None where the report is silent; nothing here is invented.
SEED_CONFERENCES = {
    ("Điện Biên", CULTURE_SOCIETY, 2017): {
        "seed": "000",
        "reviewed_year": 2017,
        "date": datetime.date(2018, 1, 8),
        "time_of_day": "chiều",
        "venue": "Bảo hiểm xã hội tỉnh Điện Biên",
        "host": BHXH,
        "chair_name": None,
        "chair_title": None,
        "member_count": 8,
        "guests": ["Lãnh đạo Ban Thi đua - Khen thưởng tỉnh"],
        "pledge_year": 2018,
        "pledge_signed_by_all": True,
        "proposals": [
            {"award": "Cờ thi đua xuất sắc của UBND tỉnh", "nominee": BHXH},
            {"award": "Bằng khen của UBND tỉnh", "nominee": TTTT},
            {"award": "Bằng khen của UBND tỉnh", "nominee": LDTBXH},
            {"award": "Bằng khen của UBND tỉnh", "nominee": GDDT},
            {"award": "Bằng khen của UBND tỉnh", "nominee": KHCN},
        ],
        "elected_leader": TTTT,
        "source": "DIC, 09/01/2018: “Khối Văn hóa - Xã hội tỉnh Điện Biên: Tổng kết công tác thi đua khen thưởng 2017”",
    },
    ("Vĩnh Phúc", CULTURE_SOCIETY, 2020): {
        "seed": "001",
        "reviewed_year": 2020,
        "date": datetime.date(2021, 1, 13),
        "time_of_day": None,
        "venue": None,
        "host": None,
        "chair_name": "Nguyễn Bá Hiến",
        "chair_title": "Giám đốc Sở Thông tin và Truyền thông",
        "member_count": None,
        "guests": [],
        "pledge_year": None,
        "pledge_signed_by_all": None,
        "proposals": [
            {"award": "Cờ thi đua của Chính phủ", "nominee": GDDT},
            {"award": "Cờ thi đua của UBND tỉnh", "nominee": LDTBXH},
        ],
        "elected_leader": BDT,
        "source": "13/01/2021: “Khối thi đua Văn hóa-Xã hội: Tổng kết công tác thi đua, khen thưởng năm 2020”",
    },
}

# One login per role, for trying the product only: load_demo refuses to run with
# DEBUG off unless forced, because these passwords are public.
DEMO_USERS = [
    {
        "username": "admin.dienbien",
        "password": "demo-quantri-2026",  # noqa: S105
        "role": "province_admin",
        "province": "Điện Biên",
        "blocs": [],
        "label": "Quản trị tỉnh Điện Biên",
    },
    {
        "username": "thuky.dienbien",
        "password": "demo-thuky-db-2026",  # noqa: S105
        "role": "secretary",
        "province": "Điện Biên",
        "blocs": [CULTURE_SOCIETY],
        "label": "Thư ký Khối Văn hóa - Xã hội (Điện Biên)",
    },
    {
        "username": "thuky.vinhphuc",
        "password": "demo-thuky-vp-2026",  # noqa: S105
        "role": "secretary",
        "province": "Vĩnh Phúc",
        "blocs": [CULTURE_SOCIETY],
        "label": "Thư ký Khối Văn hóa - Xã hội (Vĩnh Phúc)",
    },
    {
        "username": "admin.phutho",
        "password": "demo-quantri-pt-2026",  # noqa: S105
        "role": "province_admin",
        "province": "Phú Thọ",
        "blocs": [],
        "label": "Quản trị tỉnh Phú Thọ (mới, từ 01/07/2025; đọc hồ sơ Vĩnh Phúc cũ)",
    },
    {
        "username": "xem.dienbien",
        "password": "demo-xem-db-2026",  # noqa: S105
        "role": "viewer",
        "province": "Điện Biên",
        "blocs": [],
        "label": "Người xem tỉnh Điện Biên",
    },
    # Member agencies' staff: each sends its own agency's part (self-assessment, evidence, pledge).
    {
        "username": "yte.dienbien",
        "password": "demo-yte-db-2026",  # noqa: S105
        "role": "member",
        "province": "Điện Biên",
        "blocs": [],
        "agency": YTE,
        "label": "Cán bộ thi đua Sở Y tế (Điện Biên), thành viên Khối Văn hóa - Xã hội",
    },
    {
        "username": "gddt.dienbien",
        "password": "demo-gddt-db-2026",  # noqa: S105
        "role": "member",
        "province": "Điện Biên",
        "blocs": [],
        "agency": GDDT,
        "label": "Cán bộ thi đua Sở Giáo dục và Đào tạo (Điện Biên), thành viên Khối Văn hóa - Xã hội",
    },
]
