"""BIÊN BẢN of a conference, with the fields of Mẫu 1.9 (Nghị định 30/2020)."""

from awards import selectors as award_selectors
from emulation import selectors as conference_selectors
from reports.documents.structure import Printed, Section, Signer
from reports.documents.wording import DOTS, RECIPIENTS_BLOC, bloc_header, name_of, proposal_table, titled


def build(*, conference):
    """BIÊN BẢN of a conference, with the fields of Mẫu 1.9 (Nghị định 30/2020)."""
    bloc, year = conference.bloc, conference.year
    record = conference_selectors.conference_record(conference=conference)
    proposals = award_selectors.conference_proposals(conference=conference, members=record.members, check=False)[0]
    start = f"{conference.start_time:%H} giờ {conference.start_time:%M}, " if conference.start_time else ""
    where = titled(name_of(conference.host), conference.venue) or DOTS
    present = [titled(a.membership.printed_name, a.representative) for a in record.attending]
    guests = [titled(a.guest_organisation, a.representative, a.representative_title) for a in record.guests]
    content = []
    if conference.results_summary:
        content += conference.results_summary.splitlines()
    if conference.directions:
        content += [f"Phương hướng năm {year + 1}:", *conference.directions.splitlines()]
    if proposals:
        content.append("Hội nghị đã bình xét, thống nhất đề nghị khen thưởng:")
    elected = record.leadership
    end = (
        f"Hội nghị kết thúc vào {conference.end_time:%H} giờ {conference.end_time:%M}, "
        f"ngày {conference.date:%d/%m/%Y}./."
        if conference.end_time
        else f"Hội nghị kết thúc ngày {conference.date:%d/%m/%Y}./."
    )
    sections = [
        Section(
            paragraphs=[
                f"Thời gian bắt đầu: {start}ngày {conference.date:%d/%m/%Y}.",
                f"Địa điểm: {where}.",
                f"Thành phần tham dự: {len(present)}/{len(record.members)} cơ quan, đơn vị thành viên"
                + (f": {'; '.join(present)}" if present else "")
                + "."
                + (f" Khách mời: {'; '.join(guests)}." if guests else ""),
                f"Chủ trì: {titled(conference.chair_name, conference.chair_title) or DOTS}",
                f"Thư ký: {titled(conference.secretary_name, conference.secretary_title) or DOTS}",
            ]
        ),
        Section(
            heading="Nội dung hội nghị",
            paragraphs=content or [DOTS],
            table=proposal_table(proposals, with_outcome=False) if proposals else None,
        ),
        Section(
            heading=f"Bầu Trưởng khối, Phó trưởng khối năm {year + 1}",
            paragraphs=[
                f"Trưởng khối: {name_of(elected.leader)}; Phó trưởng khối: {name_of(elected.deputy) or 'chưa bầu'}."
                if elected
                else "Chưa bầu.",
                end,
            ],
        ),
    ]
    return Printed(
        slug="minutes",
        filename=f"bien-ban-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, number=conference.document_number, date=conference.date, year=year + 1),
        kind="Biên bản",
        subtitle=f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}",
        sections=sections,
        signers=[Signer(["Thư ký"], conference.secretary_name), Signer(["Chủ tọa"], conference.chair_name)],
        recipients=RECIPIENTS_BLOC,
    )
