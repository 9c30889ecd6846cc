"""BIÊN BẢN of a conference, with the fields of Mẫu 1.9 (Nghị định 30/2020)."""

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import (
    DOTS,
    NAME_BLANK,
    RECIPIENTS_BLOC,
    any_illustrative,
    bloc_header,
    collective,
    elected_line,
    illustrative_notes,
    name_of,
    proposal_table,
    titled,
    user,
)

SLUG = "minutes"


def lay_out(figures):
    """figures: a reports.selectors.ConferenceMinutes."""
    conference = figures.conference
    bloc, year = conference.bloc, conference.year
    sections = [
        Section(paragraphs=_opening(figures)),
        Section(
            heading="Nội dung hội nghị",
            paragraphs=_proceedings(figures) or [DOTS],
            table=proposal_table(figures.proposals, with_outcome=False) if figures.proposals else None,
        ),
        *_pledge(figures),
        Section(
            heading=f"Bầu Trưởng khối, Phó Trưởng khối năm {year + 1}",
            paragraphs=[elected_line(figures.elected)],
        ),
    ]
    illustrative = any_illustrative(figures.proposals) or bool(figures.elected and figures.elected.is_illustrative)
    return Printed(
        slug=SLUG,
        filename=f"bien-ban-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, "Biên bản", number=conference.document_number, date=conference.date, year=year + 1),
        kind="Biên bản",
        subtitle=f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {collective(bloc)}",
        sections=sections,
        closing=[_closing(conference)],
        signers=[
            Signer(["Thư ký"], user(conference.secretary_name) or NAME_BLANK),
            Signer(["Chủ tọa"], user(conference.chair_name) or NAME_BLANK),
        ],
        recipients=RECIPIENTS_BLOC,
        notes=[*illustrative_notes(illustrative), *(["Bản gốc đã ký: đính kèm"] if figures.originals else [])],
    )


def _opening(figures):
    """Time, place, who attended, who chaired and who wrote the minutes."""
    conference = figures.conference
    start = f"{conference.start_time:%H} giờ {conference.start_time:%M}, " if conference.start_time else ""
    where = user(conference.venue) or name_of(conference.host) or DOTS
    return [
        f"Thời gian bắt đầu: {start}ngày {conference.date:%d/%m/%Y}.",
        f"Địa điểm: {where}.",
        *_attendance(figures),
        f"Chủ trì: {titled(conference.chair_name, conference.chair_title) or DOTS}.",
        f"Thư ký: {titled(conference.secretary_name, conference.secretary_title) or DOTS}.",
    ]


def _attendance(figures):
    """The members present with their representatives' names and titles, then the guests.
    Attendance that was not recorded is a blank to fill, never zero."""
    members = len(figures.members)
    present = [titled(a.membership.printed_name, a.representative, a.representative_title) for a in figures.attending]
    if present:
        lines = [f"Thành phần tham dự: {len(present)}/{members} cơ quan, đơn vị thành viên: {'; '.join(present)}."]
    else:
        lines = [f"Thành phần tham dự: ……/{members} cơ quan, đơn vị thành viên (chưa ghi nhận): {DOTS}."]
    guests = [titled(a.guest_organisation, a.representative, a.representative_title) for a in figures.guests]
    if guests:
        lines.append(f"Khách mời: {'; '.join(guests)}.")
    return lines


def _proceedings(figures):
    conference = figures.conference
    content = [user(line) for line in conference.results_summary.splitlines()]
    if conference.directions:
        directions = [user(line) for line in conference.directions.splitlines()]
        content += [f"Phương hướng năm {conference.year + 1}:", *directions]
    if figures.proposals:
        content.append("Hội nghị đã bình xét, thống nhất đề nghị khen thưởng:")
    return content


def _pledge(figures):
    pledge, next_year = figures.pledge, figures.conference.year + 1
    if not pledge:
        return []
    paragraphs = [user(line) for line in pledge.content.splitlines()]
    signed = f"ngày {pledge.signed_on:%d/%m/%Y}" if pledge.signed_on else "tại Hội nghị"
    paragraphs.append(
        f"Các cơ quan, đơn vị đã ký giao ước thi đua năm {next_year} {signed} "
        f"({len(figures.signatures)} cơ quan, đơn vị ký)."
    )
    table = Table(
        title=f"Giao ước {next_year}",
        headers=["STT", "Cơ quan, đơn vị", "Người ký", "Chức vụ"],
        rows=[
            [i, name_of(s.membership), user(s.signer), user(s.signer_title)]
            for i, s in enumerate(figures.signatures, start=1)
        ],
    )
    return [Section(heading=f"Ký giao ước thi đua năm {next_year}", paragraphs=paragraphs, table=table)]


def _closing(conference):
    end = f"{conference.end_time:%H} giờ {conference.end_time:%M}, " if conference.end_time else ""
    return (
        f"Hội nghị kết thúc vào {end}ngày {conference.date:%d/%m/%Y}. Biên bản đã được đọc lại và "
        "thông qua tại Hội nghị./."
    )
