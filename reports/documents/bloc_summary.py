"""BÁO CÁO: a bloc's year — members, conference, scoring, proposals, pledge, leaders."""

from django.utils.formats import number_format

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import (
    RECIPIENTS_BLOC,
    bloc_header,
    elected_line,
    illustrative_notes,
    name_of,
    proposal_table,
    star,
    titled,
)

SLUG = "bloc-summary"


def lay_out(figures):
    """figures: a reports.selectors.BlocYearFigures."""
    bloc, year, conference = figures.bloc, figures.year, figures.conference
    sections = [
        _members(figures),
        *(_conference(figures) if conference else [_no_conference(year)]),
        *_scoring(figures.scoring),
        _proposals(figures.proposals),
        *_pledge(figures),
        Section(heading=f"Trưởng khối, Phó trưởng khối năm {year + 1}", paragraphs=[elected_line(figures.elected)]),
    ]
    leader = figures.leadership
    return Printed(
        slug=SLUG,
        filename=f"bao-cao-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, date=conference.date if conference else None, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}",
        sections=sections,
        signers=[Signer(["TM. Khối thi đua", "Trưởng khối", name_of(leader.leader) if leader else ""])],
        recipients=RECIPIENTS_BLOC,
        notes=illustrative_notes(figures.illustrative),
    )


def _members(figures):
    year, members = figures.year, figures.members
    return Section(
        heading=f"Thành viên khối năm {year}",
        paragraphs=[f"Năm {year}, {figures.bloc.name} có {len(members)} cơ quan, đơn vị thành viên."],
        table=Table(
            title=f"Thành viên {year}",
            headers=["STT", "Cơ quan, đơn vị", "Vai trò"],
            rows=[
                [i, m.printed_name + star(m.agency.is_illustrative), _role(m, figures.leadership)]
                for i, m in enumerate(members, start=1)
            ],
        ),
    )


def _role(membership, leadership):
    if leadership and leadership.leader_id == membership.pk:
        return "Trưởng khối"
    if leadership and leadership.deputy_id == membership.pk:
        return "Phó trưởng khối"
    return "Thành viên"


def _conference(figures):
    conference, year = figures.conference, figures.year
    where = ", ".join(x for x in [name_of(conference.host), conference.venue] if x)
    at = f" tại {where}" if where else ""
    paragraphs = [f"Hội nghị tổng kết năm {year} họp ngày {conference.date:%d/%m/%Y}{at}."]
    if conference.chair_name:
        paragraphs.append(f"Chủ trì: {titled(conference.chair_name, conference.chair_title)}.")
    paragraphs.append(f"Có mặt {figures.present}/{len(figures.members)} cơ quan, đơn vị thành viên.")
    paragraphs += conference.results_summary.splitlines()
    sections = [Section(heading="Hội nghị tổng kết và kết quả trong năm", paragraphs=paragraphs)]
    if conference.directions:
        directions = conference.directions.splitlines()
        sections.append(Section(heading=f"Phương hướng năm {year + 1}", paragraphs=directions))
    return sections


def _no_conference(year):
    return Section(heading="Hội nghị tổng kết", paragraphs=[f"Chưa ghi nhận hội nghị tổng kết năm {year}."])


def _scoring(scoring):
    if not scoring.criteria:
        return []
    table = Table(
        title="Chấm điểm",
        headers=["Hạng", "Cơ quan, đơn vị", *[c.name for c in scoring.criteria], "Tổng"],
        rows=[
            [row.rank, row.membership.printed_name, *[_points(p) for p in row.points], _points(row.total)]
            for row in scoring.rows
        ],
    )
    return [Section(heading="Kết quả chấm điểm, xếp hạng", table=table)]


def _points(value):
    return "" if value is None else number_format(value.normalize())


def _proposals(proposals):
    return Section(
        heading="Đề nghị khen thưởng",
        paragraphs=[] if proposals else ["Không có đề nghị khen thưởng."],
        table=proposal_table(proposals) if proposals else None,
    )


def _pledge(figures):
    pledge, next_year = figures.pledge, figures.year + 1
    if not pledge:
        return []
    table = Table(
        title=f"Giao ước {next_year}",
        headers=["STT", "Cơ quan, đơn vị", "Người ký", "Chức vụ"],
        rows=[
            [i, s.membership.printed_name, s.signer, s.signer_title] for i, s in enumerate(figures.signatures, start=1)
        ],
    )
    signed = f"Ngày ký: {pledge.signed_on:%d/%m/%Y}." if pledge.signed_on else ""
    return [Section(heading=f"Ký giao ước thi đua năm {next_year}", paragraphs=[signed], table=table)]
