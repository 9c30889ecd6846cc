"""BÁO CÁO: a bloc's year — members, conference, scoring, proposals, pledge, leaders."""

from django.utils.formats import number_format

from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import (
    RECIPIENTS_BLOC,
    any_illustrative,
    bloc_header,
    bloc_signer,
    collective,
    elected_line,
    illustrative_notes,
    name_of,
    proposal_table,
    star,
    titled,
    user,
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
        Section(heading=f"Trưởng khối, Phó Trưởng khối năm {year + 1}", paragraphs=[elected_line(figures.elected)]),
    ]
    illustrative = (
        figures.illustrative
        or any_illustrative(figures.proposals)
        or any(x and x.is_illustrative for x in (figures.leadership, figures.elected))
    )
    return Printed(
        slug=SLUG,
        filename=f"bao-cao-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, "Báo cáo", date=conference.date if conference else None, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng kết công tác thi đua, khen thưởng năm {year} của {collective(bloc)}",
        sections=sections,
        closing=[f"Trên đây là báo cáo tổng kết công tác thi đua, khen thưởng năm {year} của {collective(bloc)}./."],
        signers=[bloc_signer(bloc, figures.leadership)],
        recipients=RECIPIENTS_BLOC,
        notes=illustrative_notes(illustrative),
    )


def _members(figures):
    year, members = figures.year, figures.members
    return Section(
        heading=f"Thành viên khối năm {year}",
        paragraphs=[f"Năm {year}, {collective(figures.bloc)} có {len(members)} cơ quan, đơn vị thành viên."],
        table=Table(
            title=f"Thành viên {year}",
            headers=["STT", "Cơ quan, đơn vị", "Vai trò"],
            rows=[
                [i, name_of(m) + star(m.agency.is_illustrative), _role(m, figures.leadership)]
                for i, m in enumerate(members, start=1)
            ],
        ),
    )


def _role(membership, leadership):
    if leadership and leadership.leader_id == membership.pk:
        return "Trưởng khối"
    if leadership and leadership.deputy_id == membership.pk:
        return "Phó Trưởng khối"
    return "Thành viên"


def _conference(figures):
    conference, year = figures.conference, figures.year
    where = user(conference.venue) or name_of(conference.host)
    at = f" tại {where}" if where else ""
    paragraphs = [
        f"Ngày {conference.date:%d/%m/%Y}{at}, {collective(figures.bloc)} tổ chức Hội nghị tổng kết "
        f"công tác thi đua, khen thưởng năm {year}."
    ]
    if conference.chair_name:
        paragraphs.append(f"Chủ trì Hội nghị: {titled(conference.chair_name, conference.chair_title)}.")
    paragraphs.append(_attendance(figures))
    if figures.guests:
        guests = "; ".join(
            titled(g.guest_organisation, g.representative, g.representative_title) for g in figures.guests
        )
        paragraphs.append(f"Khách mời: {guests}.")
    paragraphs += [user(line) for line in conference.results_summary.splitlines()]
    sections = [Section(heading="Hội nghị tổng kết và kết quả trong năm", paragraphs=paragraphs)]
    if conference.directions:
        directions = [user(line) for line in conference.directions.splitlines()]
        sections.append(Section(heading=f"Phương hướng năm {year + 1}", paragraphs=directions))
    return sections


def _attendance(figures):
    """Who attended; where the attendance was not recorded, a blank to fill, never zero."""
    members = len(figures.members)
    if not figures.present:
        return f"Có mặt: ……/{members} cơ quan, đơn vị thành viên (chưa ghi nhận)."
    return f"Có mặt {figures.present}/{members} cơ quan, đơn vị thành viên."


def _no_conference(year):
    return Section(heading="Hội nghị tổng kết", paragraphs=[f"Chưa ghi nhận hội nghị tổng kết năm {year}."])


def _scoring(scoring):
    if not scoring.criteria:
        return []
    table = Table(
        title="Chấm điểm",
        headers=["Hạng", "Cơ quan, đơn vị", *[user(c.name) for c in scoring.criteria], "Tổng"],
        rows=[
            [row.rank, name_of(row.membership), *[_points(p) for p in row.points], _points(row.total)]
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
            [i, name_of(s.membership), user(s.signer), user(s.signer_title)]
            for i, s in enumerate(figures.signatures, start=1)
        ],
    )
    paragraphs = [user(line) for line in pledge.content.splitlines()]
    if pledge.signed_on:
        paragraphs.append(
            f"Ngày {pledge.signed_on:%d/%m/%Y}, {len(figures.signatures)} cơ quan, đơn vị ký giao ước thi đua "
            f"năm {next_year}."
        )
    return [Section(heading=f"Ký giao ước thi đua năm {next_year}", paragraphs=paragraphs, table=table)]
