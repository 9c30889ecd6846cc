"""BÁO CÁO: a bloc's year — members, conference, scoring, proposals, pledge, leaders."""

from django.utils.formats import number_format

from awards import selectors as award_selectors
from blocs.models import Leadership
from emulation import selectors as conference_selectors
from emulation.models import Conference
from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import (
    ILLUSTRATIVE,
    RECIPIENTS_BLOC,
    bloc_header,
    illustrative_decision,
    name_of,
    proposal_table,
    star,
    titled,
)


def _role(membership, leadership):
    if leadership and leadership.leader_id == membership.pk:
        return "Trưởng khối"
    if leadership and leadership.deputy_id == membership.pk:
        return "Phó trưởng khối"
    return "Thành viên"


def _leaderships(bloc, years, members=()):
    """{year: Leadership} with leader and deputy; `members` already read are not read again."""
    leaderships = list(Leadership.objects.filter(bloc=bloc, year__in=years).order_by("pk"))
    conference_selectors.attach_memberships(leaderships, "leader", "deputy", known={m.pk: m for m in members})
    return {leadership.year: leadership for leadership in leaderships}


def _points(value):
    return "" if value is None else number_format(value.normalize())


def build(*, bloc, year):
    """BÁO CÁO: a bloc's year — members, conference, scoring, proposals, pledge, leaders."""
    conference = Conference.objects.filter(bloc=bloc, year=year).order_by("pk").first()
    record = conference_selectors.conference_record(conference=conference) if conference else None
    members = record.members if record else conference_selectors.members_of(bloc=bloc, year=year)
    leaderships = _leaderships(bloc, [year, year + 1], members=members + (record.next_members if record else []))
    sections = [
        Section(
            heading=f"Thành viên khối năm {year}",
            paragraphs=[f"Năm {year}, {bloc.name} có {len(members)} cơ quan, đơn vị thành viên."],
            table=Table(
                title=f"Thành viên {year}",
                headers=["STT", "Cơ quan, đơn vị", "Vai trò"],
                rows=[
                    [i, m.printed_name + star(m.agency.is_illustrative), _role(m, leaderships.get(year))]
                    for i, m in enumerate(members, start=1)
                ],
            ),
        )
    ]
    if conference:
        where = ", ".join(x for x in [name_of(conference.host), conference.venue] if x)
        at = f" tại {where}" if where else ""
        paragraphs = [f"Hội nghị tổng kết năm {year} họp ngày {conference.date:%d/%m/%Y}{at}."]
        if conference.chair_name:
            paragraphs.append(f"Chủ trì: {titled(conference.chair_name, conference.chair_title)}.")
        paragraphs.append(f"Có mặt {len(record.attending)}/{len(record.members)} cơ quan, đơn vị thành viên.")
        if conference.results_summary:
            paragraphs += conference.results_summary.splitlines()
        sections.append(Section(heading="Hội nghị tổng kết và kết quả trong năm", paragraphs=paragraphs))
        if conference.directions:
            directions = conference.directions.splitlines()
            sections.append(Section(heading=f"Phương hướng năm {year + 1}", paragraphs=directions))
        scoring = record.scoring
        pledge, signatures = record.pledge, record.signatures
    else:
        sections.append(
            Section(heading="Hội nghị tổng kết", paragraphs=[f"Chưa ghi nhận hội nghị tổng kết năm {year}."])
        )
        scoring = conference_selectors.scoring_table(bloc=bloc, year=year, members=members)
        pledge, signatures = None, []
    if scoring.criteria:
        sections.append(
            Section(
                heading="Kết quả chấm điểm, xếp hạng",
                table=Table(
                    title="Chấm điểm",
                    headers=["Hạng", "Cơ quan, đơn vị", *[c.name for c in scoring.criteria], "Tổng"],
                    rows=[
                        [row.rank, row.membership.printed_name, *[_points(p) for p in row.points], _points(row.total)]
                        for row in scoring.rows
                    ],
                ),
            )
        )
    proposals = (
        award_selectors.conference_proposals(conference=conference, members=members, check=False)[0]
        if conference
        else []
    )
    sections.append(
        Section(
            heading="Đề nghị khen thưởng",
            paragraphs=[] if proposals else ["Không có đề nghị khen thưởng."],
            table=proposal_table(proposals) if proposals else None,
        )
    )
    if pledge:
        sections.append(
            Section(
                heading=f"Ký giao ước thi đua năm {year + 1}",
                paragraphs=[f"Ngày ký: {pledge.signed_on:%d/%m/%Y}." if pledge.signed_on else ""],
                table=Table(
                    title=f"Giao ước {year + 1}",
                    headers=["STT", "Cơ quan, đơn vị", "Người ký", "Chức vụ"],
                    rows=[
                        [i, s.membership.printed_name, s.signer, s.signer_title]
                        for i, s in enumerate(signatures, start=1)
                    ],
                ),
            )
        )
    elected = leaderships.get(year + 1)
    sections.append(
        Section(
            heading=f"Trưởng khối, Phó trưởng khối năm {year + 1}",
            paragraphs=[
                f"Trưởng khối: {name_of(elected.leader)}; Phó trưởng khối: {name_of(elected.deputy) or 'chưa bầu'}."
                if elected
                else "Chưa bầu."
            ],
        )
    )
    leader = leaderships.get(year)
    illustrative = any(m.agency.is_illustrative for m in members) or any(map(illustrative_decision, proposals))
    return Printed(
        slug="bloc-summary",
        filename=f"bao-cao-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, date=conference.date if conference else None, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}",
        sections=sections,
        signers=[Signer(["TM. Khối thi đua", "Trưởng khối", name_of(leader.leader) if leader else ""])],
        recipients=RECIPIENTS_BLOC,
        notes=[ILLUSTRATIVE] if illustrative else [],
    )
