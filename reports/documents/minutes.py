"""BIÊN BẢN of a conference, with the fields of Mẫu 1.9 (Nghị định 30/2020)."""

from reports.documents.structure import Printed, Section, Signer
from reports.documents.wording import DOTS, RECIPIENTS_BLOC, bloc_header, elected_line, name_of, proposal_table, titled

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
        Section(
            heading=f"Bầu Trưởng khối, Phó trưởng khối năm {year + 1}",
            paragraphs=[elected_line(figures.elected), _closing(conference)],
        ),
    ]
    return Printed(
        slug=SLUG,
        filename=f"bien-ban-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, number=conference.document_number, date=conference.date, year=year + 1),
        kind="Biên bản",
        subtitle=f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}",
        sections=sections,
        signers=[Signer(["Thư ký"], conference.secretary_name), Signer(["Chủ tọa"], conference.chair_name)],
        recipients=RECIPIENTS_BLOC,
        notes=["Bản gốc đã ký: đính kèm"] if figures.originals else [],
    )


def _opening(figures):
    """Time, place, who attended, who chaired and who wrote the minutes."""
    conference = figures.conference
    start = f"{conference.start_time:%H} giờ {conference.start_time:%M}, " if conference.start_time else ""
    where = titled(name_of(conference.host), conference.venue) or DOTS
    return [
        f"Thời gian bắt đầu: {start}ngày {conference.date:%d/%m/%Y}.",
        f"Địa điểm: {where}.",
        _attendance(figures),
        f"Chủ trì: {titled(conference.chair_name, conference.chair_title) or DOTS}",
        f"Thư ký: {titled(conference.secretary_name, conference.secretary_title) or DOTS}",
    ]


def _attendance(figures):
    present = [titled(a.membership.printed_name, a.representative) for a in figures.attending]
    guests = [titled(a.guest_organisation, a.representative, a.representative_title) for a in figures.guests]
    line = f"Thành phần tham dự: {len(present)}/{len(figures.members)} cơ quan, đơn vị thành viên"
    if present:
        line += f": {'; '.join(present)}"
    line += "."
    if guests:
        line += f" Khách mời: {'; '.join(guests)}."
    return line


def _proceedings(figures):
    conference = figures.conference
    content = conference.results_summary.splitlines()
    if conference.directions:
        content += [f"Phương hướng năm {conference.year + 1}:", *conference.directions.splitlines()]
    if figures.proposals:
        content.append("Hội nghị đã bình xét, thống nhất đề nghị khen thưởng:")
    return content


def _closing(conference):
    if conference.end_time:
        return (
            f"Hội nghị kết thúc vào {conference.end_time:%H} giờ {conference.end_time:%M}, "
            f"ngày {conference.date:%d/%m/%Y}./."
        )
    return f"Hội nghị kết thúc ngày {conference.date:%d/%m/%Y}./."
