"""BÁO CÁO THÀNH TÍCH of a collective nominee, filled from the record as far as it goes (its
name, the bloc it belongs to, the year's score and ranking, the vote, its earlier awards) and
left blank where only the agency can write it, following the achievement-report template of
the decree in force on the conference's day (reports.basis): the last parts of the dossier."""

from emulation.models import format_points
from reports.documents.dossier_wording import share
from reports.documents.structure import Header, Kept, Line, Printed, Section, Signer, Table
from reports.documents.wording import (
    DOTS,
    NAME_BLANK,
    collective,
    illustrative_notes,
    name_of,
    number_line,
    star,
    user,
)

SLUG = "achievement-report"

# The emulation titles (danh hiệu thi đua) a collective can hold, as the law names them; every
# other award is a form of commendation (hình thức khen thưởng). Part III lists them apart.
TITLES = ("Cờ thi đua", "Tập thể lao động", "Đơn vị quyết thắng", "Đơn vị tiên tiến")


def lay_out(figures):
    """figures: a reports.selectors.NomineeReport."""
    dossier, proposal = figures.dossier, figures.proposal
    conference, template = dossier.conference, dossier.basis.template
    bloc, year = conference.bloc, conference.year
    agency = proposal.membership.agency
    award = user(proposal.award_type.name)
    name = name_of(proposal.membership)
    earlier = dossier.earlier.get(agency.pk, [])
    titles = [p for p in earlier if p.award_type.name.startswith(TITLES)]
    others = [p for p in earlier if not p.award_type.name.startswith(TITLES)]
    return Printed(
        slug=SLUG,
        filename=f"bao-cao-thanh-tich-{bloc.province.code}-{year}-{agency.pk}-{name}",
        header=Header(
            parent=f"UBND tỉnh {user(bloc.province.name)}",
            issuer=name,
            number=number_line("Báo cáo", ""),
            place=user(bloc.province.name),
            date=None,
            year=conference.date.year,
        ),
        kind="Báo cáo thành tích",
        subtitle=f"Đề nghị tặng {award}",
        sections=[
            Section(
                paragraphs=[
                    f"Tên tập thể đề nghị: {name}.",
                    f"(Theo {template.citation}: {template.purpose}.)",
                ]
            ),
            Section(heading=template.general, paragraphs=_general(dossier, name, template)),
            Section(
                heading=template.achieved,
                paragraphs=_achieved(dossier, proposal, template),
                table=_points(dossier, proposal),
            ),
            Section(heading=template.awarded, paragraphs=["1. Danh hiệu thi đua:"], table=_awards(titles, "Danh hiệu")),
            Section(paragraphs=["2. Hình thức khen thưởng:"], table=_awards(others, "Hình thức khen thưởng")),
        ],
        closing=[f"Trên đây là báo cáo thành tích năm {year} của {name} đề nghị tặng {award}./."],
        signers=[
            Signer([template.confirms], NAME_BLANK, detail="(Ký, đóng dấu)"),
            Signer(["Thủ trưởng đơn vị"], NAME_BLANK, detail="(Ký, đóng dấu)"),
        ],
        notes=illustrative_notes(agency.is_illustrative or proposal.votes_illustrative),
    )


def _general(dossier, name, template):
    conference = dossier.conference
    facts, duties = template.facts
    return [
        f"1. {facts}: {name} là cơ quan, đơn vị thành viên của {collective(conference.bloc)} năm {conference.year} "
        f"(khối có {len(dossier.members)} cơ quan, đơn vị thành viên). Trụ sở, tổng số cán bộ, công chức, viên chức, "
        f"người lao động, tổ chức đảng, đoàn thể: {DOTS}",
        f"2. {duties}: {DOTS}",
    ]


def _achieved(dossier, proposal, template):
    conference = dossier.conference
    results, means, policy = template.results
    row = dossier.score_of(proposal.membership)
    if dossier.scoring.criteria and row:
        scored = (
            f"Kết quả chấm điểm thi đua năm {conference.year} của {collective(conference.bloc)}: "
            f"{format_points(row.total)}/{format_points(dossier.scoring.max_total)} điểm, "
            f"xếp thứ {row.rank}/{len(dossier.scoring.rows)} cơ quan, đơn vị."
        )
    else:
        scored = f"Kết quả chấm điểm thi đua năm {conference.year}: chưa ghi nhận."
    members = len(dossier.members)
    return [
        f"1. {results} năm {conference.year}: {user(proposal.achievements) or DOTS}",
        scored,
        f"Kết quả bình xét tại Hội nghị tổng kết ngày {conference.date:%d/%m/%Y}: {proposal.votes_for}/"
        f"{proposal.ballots} phiếu đồng ý{star(proposal.votes_illustrative)} ({share(proposal, proposal.ballots)} số "
        f"phiếu bầu; {share(proposal, members)} của {members} thành viên).",
        f"2. {means}: {DOTS}",
        f"3. {policy}: {DOTS}",
    ]


def _points(dossier, proposal):
    row = dossier.score_of(proposal.membership)
    if not (dossier.scoring.criteria and row):
        return None
    return Table(
        title=f"Điểm chấm thi đua năm {dossier.conference.year}",
        headers=["STT", "Tiêu chí", "Điểm tối đa", "Điểm đạt"],
        rows=[
            [i, user(criterion.name), format_points(criterion.max_points), _points_text(points)]
            for i, (criterion, points) in enumerate(zip(dossier.scoring.criteria, row.points, strict=True), start=1)
        ],
        total=["", "Tổng cộng", format_points(dossier.scoring.max_total), format_points(row.total)],
    )


def _awards(proposals, heading):
    if not proposals:
        return Table(headers=["Năm", heading, "Quyết định"], rows=[["—", "Chưa có trong hồ sơ", "—"]])
    return Table(
        headers=["Năm", heading, "Số, ngày quyết định; cơ quan ban hành"],
        rows=[
            [
                p.conference.year,
                user(p.award_type.name),
                _decided_by(p.decision),
            ]
            for p in proposals
        ],
    )


def _decided_by(decision):
    by = f" của {user(decision.authority)}" if decision.authority else ""
    after = f" ngày {decision.date:%d/%m/%Y}{by}{star(decision.is_illustrative)}"
    return Line(("Quyết định số ", Kept(user(decision.number)), after))


def _points_text(points):
    return "—" if points is None else format_points(points)
