"""The two seed conferences as finalized records, loaded by `manage.py load_demo`
after the registry (blocs/demo.py), whose members and leaders they refer to.

Only what the reports say is entered: where a report is silent (times, representatives,
the 2021 attendance and pledge), the field stays empty rather than invented. The
deputies elected with the leaders are the illustrative ones of blocs/demo.py.
"""

import datetime

from blocs import demo as registry
from blocs.models import Leadership, Membership
from emulation import services
from emulation.models import Conference

CONFERENCES = [
    {
        "province": "Điện Biên",
        "bloc": registry.CULTURE_SOCIETY,
        "year": 2017,
        "details": {
            "date": datetime.date(2018, 1, 8),
            "venue": "Bảo hiểm xã hội tỉnh Điện Biên",
            "results_summary": (
                "Năm 2017, Khối Thi đua Văn hóa - Xã hội đã chủ động xây dựng kế hoạch thi đua, phát động gắn "
                "với thực hiện theo đặc thù của ngành, lĩnh vực, đạt được những kết quả tích cực, các chỉ tiêu "
                "đều đạt và vượt kế hoạch đề ra."
            ),
            "directions": (
                "Năm 2018, các cơ quan, đơn vị trong khối phấn đấu tiếp tục nâng cao chất lượng, hiệu quả công "
                "tác tham mưu, tổng hợp, phục vụ công tác lãnh đạo, chỉ đạo của Tỉnh ủy và UBND tỉnh trên các "
                "lĩnh vực văn hóa, xã hội, thông tin và truyền thông; y tế, bảo hiểm xã hội, giáo dục đào tạo, "
                "lao động việc làm; tổ chức các đợt thi đua đặc biệt chào mừng kỷ niệm 70 năm Ngày Chủ tịch "
                "Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc (11/6/1948 - 11/6/2018)."
            ),
        },
        "host": registry.BHXH,
        # "lãnh đạo và chuyên viên làm công tác thi đua, khen thưởng 8 cơ quan, đơn vị"
        "all_members_present": True,
        "representative_title": "Lãnh đạo, chuyên viên làm công tác thi đua, khen thưởng",
        "guests": [("Ban Thi đua - Khen thưởng tỉnh", "", "Lãnh đạo Ban")],
        "pledge": {
            "content": "Giao ước thi đua năm 2018 của Khối Văn hóa - Xã hội.",
            "signed_on": datetime.date(2018, 1, 8),
        },
    },
    {
        "province": "Vĩnh Phúc",
        "bloc": registry.CULTURE_SOCIETY,
        "year": 2020,
        "details": {
            "date": datetime.date(2021, 1, 13),
            "chair_name": "Nguyễn Bá Hiến",
            "chair_title": "Giám đốc Sở Thông tin và Truyền thông",
            "results_summary": (
                "Năm 2020, công tác thi đua, khen thưởng của Khối Văn hóa - Xã hội được triển khai đồng bộ, "
                "kịp thời, hiệu quả. Các đơn vị trong khối đã chủ động tham mưu Tỉnh ủy, HĐND, UBND tỉnh ban "
                "hành các cơ chế, chính sách, các văn bản quy phạm pháp luật, văn bản chỉ đạo quản lý."
            ),
            "directions": (
                "Tiếp tục đẩy mạnh các phong trào thi đua yêu nước trong từng ngành, từng đơn vị; đẩy mạnh việc "
                "học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh; kịp thời phát hiện, biểu dương "
                "và nhân rộng điển hình tiên tiến."
            ),
        },
        "host": None,
        "all_members_present": False,  # the report does not say who attended
        "representative_title": "",
        "guests": [],
        "pledge": None,
    },
]


def load(loader):
    """Create each seed conference that is not there yet, as a draft that the loader finalizes
    once its proposals are in (awards/demo.py). One already there, in whatever state, is left
    alone: it may be someone's own entry."""
    for spec in CONFERENCES:
        bloc = loader.blocs[spec["province"], spec["bloc"]]
        year = spec["year"]
        loader.seen[Conference] += 1
        if Conference.objects.filter(bloc=bloc, year=year).exists():
            continue
        this_year = Membership.objects.filter(bloc=bloc, year=year).select_related("agency")
        next_year = Membership.objects.filter(bloc=bloc, year=year + 1)
        host = spec["host"] and this_year.get(agency=loader.agencies[spec["province"], spec["host"]])
        # The leader and deputy the conference elected are those of the registry.
        elected = Leadership.objects.filter(bloc=bloc, year=year + 1).first()
        results = services.ConferenceResults(
            details={**spec["details"], "host": host or None},
            present=dict.fromkeys(this_year, ("", spec["representative_title"])) if spec["all_members_present"] else {},
            guests=spec["guests"],
            pledge=spec["pledge"],
            signatures=dict.fromkeys(next_year, ("", "")) if spec["pledge"] else {},
            leader=elected.leader if elected else None,
            deputy=elected.deputy if elected else None,
        )
        conference = services.conference_save_results(actor=loader.actor, bloc=bloc, year=year, results=results)
        loader.new_conferences[spec["province"], spec["bloc"], year] = conference
        loader.created[Conference] += 1
