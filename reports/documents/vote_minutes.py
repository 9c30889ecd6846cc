"""BIÊN BẢN HỌP BÌNH XÉT, SUY TÔN: the bloc's vote on each nominee at its year-end
conference (votes in favour, ballots, members), with the written opinions of the members who
were absent: the second part of the bloc's award dossier."""

from reports.documents.dossier_wording import legal_basis, share, votes_for
from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import (
    DOTS,
    NAME_BLANK,
    any_illustrative,
    bloc_header,
    collective,
    illustrative_notes,
    name_of,
    nominee,
    titled,
    user,
)

SLUG = "vote-minutes"


def lay_out(dossier):
    """dossier: a reports.selectors.Dossier."""
    conference = dossier.conference
    bloc, year = conference.bloc, conference.year
    members = len(dossier.members)
    return Printed(
        slug=SLUG,
        filename=f"bien-ban-binh-xet-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=bloc_header(bloc, "Biên bản", date=conference.date, year=conference.date.year),
        kind="Biên bản",
        subtitle=f"Họp bình xét, suy tôn thi đua, khen thưởng năm {year} của {collective(bloc)}",
        sections=[
            Section(paragraphs=_opening(dossier)),
            Section(heading="Căn cứ bình xét", paragraphs=legal_basis(dossier.basis)),
            Section(
                heading="Kết quả bỏ phiếu",
                paragraphs=[
                    f"Khối có {members} cơ quan, đơn vị thành viên năm {year}. Mỗi thành viên có mặt bỏ một phiếu "
                    "cho mỗi đề nghị; tỷ lệ tính trên số phiếu bầu và trên tổng số thành viên."
                ],
                table=_tally(dossier) if dossier.proposals else None,
            ),
            Section(heading="Ý kiến bằng văn bản của thành viên vắng mặt", paragraphs=_absent(dossier)),
        ],
        closing=[
            "Hội nghị thống nhất đề nghị khen thưởng các tập thể, cá nhân nêu trên. Biên bản đã được đọc lại "
            "và thông qua tại Hội nghị./."
            if dossier.proposals
            else "Hội nghị không bình xét đề nghị khen thưởng nào. Biên bản đã được thông qua tại Hội nghị./."
        ],
        signers=[
            Signer(["Thư ký"], user(conference.secretary_name) or NAME_BLANK),
            Signer(["Chủ tọa"], user(conference.chair_name) or NAME_BLANK),
        ],
        notes=illustrative_notes(any_illustrative(dossier.proposals)),
    )


def _opening(dossier):
    conference = dossier.conference
    start = f"{conference.start_time:%H} giờ {conference.start_time:%M}, " if conference.start_time else ""
    where = user(conference.venue) or name_of(conference.host) or DOTS
    members = len(dossier.members)
    if dossier.attending:
        attended = f"Thành viên có mặt: {len(dossier.attending)}/{members} cơ quan, đơn vị."
    else:
        attended = f"Thành viên có mặt: ……/{members} cơ quan, đơn vị (chưa ghi nhận)."
    absent = [name_of(m) for m in dossier.absent]
    return [
        f"Thời gian: {start}ngày {conference.date:%d/%m/%Y}, tại Hội nghị tổng kết công tác thi đua, khen thưởng "
        f"năm {conference.year}.",
        f"Địa điểm: {where}.",
        attended,
        *([f"Vắng mặt: {'; '.join(absent)}."] if absent else []),
        f"Chủ trì: {titled(conference.chair_name, conference.chair_title) or DOTS}.",
        f"Thư ký: {titled(conference.secretary_name, conference.secretary_title) or DOTS}.",
    ]


def _tally(dossier):
    members = len(dossier.members)
    return Table(
        title="Kết quả bỏ phiếu",
        headers=[
            "STT",
            "Tập thể, cá nhân được đề nghị",
            "Hình thức khen thưởng",
            "Số thành viên",
            "Số phiếu bầu",
            "Số phiếu đồng ý",
            "Tỷ lệ trên phiếu bầu",
            "Tỷ lệ trên thành viên",
        ],  # fmt: skip
        rows=[
            [
                i,
                nominee(p),
                user(p.award_type.name),
                members,
                p.ballots,
                votes_for(p),
                share(p, p.ballots),
                share(p, members),
            ]  # fmt: skip
            for i, p in enumerate(dossier.proposals, start=1)
        ],
    )


def _absent(dossier):
    """What the absent members wrote, as the secretary recorded it; otherwise why there is none."""
    written = [user(line) for line in dossier.conference.absent_opinions.splitlines() if line.strip()]
    if written:
        return written
    if dossier.absent:
        names = "; ".join(name_of(m) for m in dossier.absent)
        return [f"Chưa ghi nhận ý kiến bằng văn bản của thành viên vắng mặt ({names}): {DOTS}"]
    if dossier.attending:
        return ["Tất cả thành viên có mặt: không có ý kiến bằng văn bản."]
    return [f"Chưa ghi nhận thành viên vắng mặt: {DOTS}"]
