"""The seeds' award proposals, loaded by `manage.py load_demo` after the conferences
(emulation/demo.py), with submissions and decisions that are plausible but invented:
they are marked illustrative, and so are the vote counts, which the reports give only
as "thống nhất" (unanimous): every member of the bloc voting in favour.
"""

import datetime

from awards import catalogue, services
from awards.models import AwardRule, AwardType, BaseSalary, Decision, Proposal, Submission
from blocs import demo as registry
from blocs.models import Membership
from emulation import services as conference_services

VOTE_NOTE = "Báo cáo ghi hội nghị thống nhất suy tôn; số phiếu là minh họa."

GOVERNMENT_FLAG = "Cờ thi đua của Chính phủ"
PROVINCIAL_FLAG = "Cờ thi đua của UBND tỉnh"
PROVINCIAL_CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"
# (authority line, title) of the signer; the names are not known.
UBND_SIGNS = ("TM. Ủy ban nhân dân", "Chủ tịch")
# What the reports say of every nominee; the rest of a dossier's achievements is not known.
ACHIEVEMENTS = (
    "Hoàn thành xuất sắc nhiệm vụ năm {year}; được các thành viên Khối thống nhất suy tôn tại hội nghị tổng kết."
)

PROPOSALS = [
    {
        "province": "Điện Biên",
        "bloc": registry.CULTURE_SOCIETY,
        "year": 2017,
        # "suy tôn, đề nghị UBND tỉnh tặng Cờ thi đua xuất sắc đối với Bảo hiểm Xã hội tỉnh;
        # tặng Bằng khen cho 4 cơ quan"
        "groups": [
            {
                "nominees": [(PROVINCIAL_FLAG, registry.BHXH)],
                "submission": (
                    "08/TTr-BTĐKT",
                    datetime.date(2018, 1, 24),
                    "Ban Thi đua - Khen thưởng tỉnh",
                    ("", "Trưởng ban"),
                ),
                "decision": ("215/QĐ-UBND", datetime.date(2018, 3, 12), "UBND tỉnh Điện Biên", UBND_SIGNS),
            },
            {
                "nominees": [
                    (PROVINCIAL_CERTIFICATE, registry.TTTT),
                    (PROVINCIAL_CERTIFICATE, registry.LDTBXH),
                    (PROVINCIAL_CERTIFICATE, registry.GDDT),
                    (PROVINCIAL_CERTIFICATE, registry.KHCN),
                ],
                "submission": (
                    "08/TTr-BTĐKT",
                    datetime.date(2018, 1, 24),
                    "Ban Thi đua - Khen thưởng tỉnh",
                    ("", "Trưởng ban"),
                ),
                "decision": ("216/QĐ-UBND", datetime.date(2018, 3, 12), "UBND tỉnh Điện Biên", UBND_SIGNS),
            },
        ],
    },
    {
        "province": "Vĩnh Phúc",
        "bloc": registry.CULTURE_SOCIETY,
        "year": 2020,
        # "đề nghị Sở Giáo dục và Đào tạo được Chính phủ tặng Cờ thi đua, Sở Lao động-Thương
        # binh và Xã hội được UBND tỉnh tặng Cờ thi đua"
        "groups": [
            {
                "nominees": [(PROVINCIAL_FLAG, registry.LDTBXH)],
                "submission": ("15/TTr-SNV", datetime.date(2021, 1, 28), "Sở Nội vụ", ("", "Giám đốc")),
                "decision": ("318/QĐ-UBND", datetime.date(2021, 2, 22), "UBND tỉnh Vĩnh Phúc", UBND_SIGNS),
            },
            {
                "nominees": [(GOVERNMENT_FLAG, registry.GDDT)],
                "submission": ("42/TTr-UBND", datetime.date(2021, 3, 15), "UBND tỉnh Vĩnh Phúc", UBND_SIGNS),
                "decision": (
                    "1136/QĐ-TTg",
                    datetime.date(2021, 7, 20),
                    "Thủ tướng Chính phủ",
                    ("KT. Thủ tướng", "Phó Thủ tướng"),
                ),
            },
        ],
    },
]


def load(loader):
    """Adds the proposals of each seed conference the loader has just created, finalizes it, and
    records their submissions and decisions."""
    catalogue.ensure(AwardType, AwardRule, BaseSalary)
    for spec in PROPOSALS:
        bloc = loader.blocs[spec["province"], spec["bloc"]]
        conference = loader.new_conferences.get((spec["province"], spec["bloc"], spec["year"]))
        nominees = [n for group in spec["groups"] for n in group["nominees"]]
        loader.seen[Proposal] += len(nominees)
        loader.seen[Submission] += len({group["submission"][:2] for group in spec["groups"]})
        loader.seen[Decision] += len(spec["groups"])
        # A seed conference that was there before this run is someone's: it is left alone.
        if conference is None:
            continue
        members = Membership.objects.filter(bloc=bloc, year=spec["year"])
        ballots = members.count()

        def member(name, spec=spec, members=members):
            return members.get(agency=loader.agencies[spec["province"], name])

        rows = [
            {
                "award_type": AwardType.objects.get(name=award),
                "membership": member(agency),
                "votes_for": ballots,
                "ballots": ballots,
                "votes_illustrative": True,
                "achievements": ACHIEVEMENTS.format(year=spec["year"]),
                "note": VOTE_NOTE,
            }
            for award, agency in nominees
        ]
        # Voted at the conference, so entered before it is finalized; only then can they be submitted.
        services.proposals_replace(actor=loader.actor, conference=conference, rows=rows)
        conference_services.conference_finalize(actor=loader.actor, conference=conference)
        loader.created[Proposal] += len(rows)

        for group in spec["groups"]:
            ids = [
                conference.proposals.get(award_type__name=award, membership=member(agency)).pk
                for award, agency in group["nominees"]
            ]
            number, date, issuer, (capacity, title) = group["submission"]
            submission = services.proposals_submit(
                actor=loader.actor,
                proposal_ids=ids,
                number=number,
                date=date,
                issuer=issuer,
                signer_title=title,
                signer_authority=capacity,
            )
            number, date, authority, (capacity, title) = group["decision"]
            decision = services.proposals_decide(
                actor=loader.actor,
                proposal_ids=ids,
                approved=True,
                number=number,
                date=date,
                authority=authority,
                signer_title=title,
                signer_authority=capacity,
            )
            for document in (submission, decision):
                if not document.is_illustrative:
                    document.is_illustrative = True
                    document.save()  # not update(): the audit trail sees every change
                    loader.created[type(document)] += 1
