"""What each printed document says, built from the apps' selectors into plain text and
tables: the templates (reports/<slug>.html) only lay them out and run no query, and
the XLSX export writes the same tables.

The documents are official Vietnamese papers (Nghị định 30/2020/NĐ-CP), so their
wording is Vietnamese whatever the interface language; agencies are named as they
were named in the year a document is about.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date

from django.utils.formats import number_format

from awards import selectors as award_selectors
from awards.models import Proposal
from blocs.models import Leadership, Membership
from emulation import selectors as conference_selectors
from emulation.models import Conference

STATUS = {
    Proposal.Status.PROPOSED: "Đã đề nghị",
    Proposal.Status.SUBMITTED: "Đã trình",
    Proposal.Status.APPROVED: "Được khen thưởng",
    Proposal.Status.NOT_APPROVED: "Không được khen thưởng",
}
RECIPIENTS_BLOC = [
    "Cơ quan thường trực Hội đồng Thi đua - Khen thưởng tỉnh;",
    "Các cơ quan, đơn vị trong khối;",
    "Lưu: VT.",
]
DOTS = "…" * 20  # a line to fill in by hand
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
ILLUSTRATIVE = "Số liệu có dấu * là dữ liệu minh họa (dữ liệu mẫu), không phải hồ sơ thật."


class Kept(str):
    """Text printed on one line, never broken: a document number such as 215/QĐ-UBND."""


class Line(tuple):
    """A cell of several pieces of text, some of them Kept."""

    def __str__(self):
        return "".join(self)


@dataclass
class Table:
    headers: list
    rows: list  # lists of cells (text or numbers)
    title: str = ""  # heading above it, and the sheet name in the XLSX export
    total: list | None = None  # a last, bold row

    @property
    def narrow(self):
        """Columns of short values (numbers, votes, dates), printed centred on one line."""
        rows = self.rows + ([self.total] if self.total else [])
        return {i for i in range(len(self.headers)) if rows and all(len(str(row[i])) <= 10 for row in rows)}

    @property
    def wide(self):
        return len(self.headers) > 6


@dataclass
class Section:
    heading: str = ""
    paragraphs: list = field(default_factory=list)
    table: Table | None = None


@dataclass
class Header:
    parent: str  # the issuing body's superior, e.g. UBND TỈNH ĐIỆN BIÊN
    issuer: str
    number: str  # after “Số:”; a blank to fill in by hand when empty
    place: str
    date: Date | None
    year: int  # printed when the date is not known yet


@dataclass
class Signer:
    capacity: list  # lines above the signature, e.g. ["TM. KHỐI THI ĐUA", "TRƯỞNG KHỐI"]
    name: str = ""


@dataclass
class Printed:
    slug: str
    filename: str
    header: Header
    kind: str  # BÁO CÁO, BIÊN BẢN, DANH SÁCH
    subtitle: str
    sections: list
    signers: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __post_init__(self):
        headed = [s for s in self.sections if s.heading]
        for number, section in enumerate(headed, start=1):
            section.heading = f"{ROMAN[number - 1]}. {section.heading}" if number <= len(ROMAN) else section.heading

    @property
    def tables(self):
        return [s.table for s in self.sections if s.table]

    def size(self):
        """Characters of text: what makes a document long to lay out."""
        text = [self.subtitle, *self.notes]
        for section in self.sections:
            text += [section.heading, *section.paragraphs]
            if section.table:
                rows = section.table.rows + [section.table.total or []]
                text += [str(cell) for row in rows for cell in row]
        return sum(len(t) for t in text)


def _province_header(province, number="", date=None, year=None):
    office = province.awards_office
    return Header(
        parent=f"UBND tỉnh {province.name}" if office else "",
        issuer=office or f"UBND tỉnh {province.name}",
        number=number,
        place=province.name,
        date=date,
        year=year or (date.year if date else Date.today().year),
    )


def _submission_header(submission):
    """The tờ trình's issuer heads its list: UBND tỉnh itself, or an office under it."""
    province, issuer = submission.province, submission.issuer
    if not issuer:
        return _province_header(province, number=submission.number, date=submission.date)
    return Header(
        parent="" if issuer.upper().startswith("UBND") else f"UBND tỉnh {province.name}",
        issuer=issuer,
        number=submission.number,
        place=province.name,
        date=submission.date,
        year=submission.date.year,
    )


def _bloc_header(bloc, number="", date=None, year=None):
    return Header(
        parent=f"UBND tỉnh {bloc.province.name}",
        issuer=bloc.name,
        number=number,
        place=bloc.province.name,
        date=date,
        year=year,
    )


def _titled(name, *details):
    """“Nguyễn Văn A, Giám đốc Sở …”: the parts that are there, joined by commas."""
    return ", ".join(part for part in (name, *details) if part)


def _illustrative_decision(proposal):
    return bool(proposal.decision and proposal.decision.is_illustrative)


def _votes(proposal):
    return f"{proposal.votes_for}/{proposal.ballots}"


def _star(flag):
    return " *" if flag else ""


def _outcome(proposal):
    status = STATUS[proposal.status]
    if proposal.decision:
        decision = proposal.decision
        by = f" của {decision.authority}" if decision.authority else ""
        after = f" ngày {decision.date:%d/%m/%Y}{by}{_star(decision.is_illustrative)}"
        return Line((f"{status}: QĐ ", Kept(decision.number), after))
    if proposal.submission:
        submission = proposal.submission
        return Line((f"{status}: Tờ trình ", Kept(submission.number), _star(submission.is_illustrative)))
    return status


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


def _name(membership):
    return membership.printed_name if membership else ""


def _points(value):
    return "" if value is None else number_format(value.normalize())


def _proposal_table(proposals, title="Đề nghị khen thưởng", outcome=True):
    headers = ["STT", "Hình thức khen thưởng", "Tập thể, cá nhân được đề nghị", "Số phiếu đồng ý/số phiếu bầu"]
    rows = [[i, p.award_type.name, p.nominee_name, _votes(p)] for i, p in enumerate(proposals, start=1)]
    if outcome:
        headers.append("Kết quả")
        for row, proposal in zip(rows, proposals, strict=True):
            row.append(_outcome(proposal))
    return Table(title=title, headers=headers, rows=rows)


def bloc_summary(*, bloc, year):
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
                    [i, m.printed_name + _star(m.agency.is_illustrative), _role(m, leaderships.get(year))]
                    for i, m in enumerate(members, start=1)
                ],
            ),
        )
    ]
    if conference:
        where = ", ".join(x for x in [_name(conference.host), conference.venue] if x)
        at = f" tại {where}" if where else ""
        paragraphs = [f"Hội nghị tổng kết năm {year} họp ngày {conference.date:%d/%m/%Y}{at}."]
        if conference.chair_name:
            paragraphs.append(f"Chủ trì: {_titled(conference.chair_name, conference.chair_title)}.")
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
            table=_proposal_table(proposals) if proposals else None,
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
                f"Trưởng khối: {_name(elected.leader)}; Phó trưởng khối: {_name(elected.deputy) or 'chưa bầu'}."
                if elected
                else "Chưa bầu."
            ],
        )
    )
    leader = leaderships.get(year)
    illustrative = any(m.agency.is_illustrative for m in members) or any(map(_illustrative_decision, proposals))
    return Printed(
        slug="bloc-summary",
        filename=f"bao-cao-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=_bloc_header(bloc, date=conference.date if conference else None, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}",
        sections=sections,
        signers=[Signer(["TM. Khối thi đua", "Trưởng khối", _name(leader.leader) if leader else ""])],
        recipients=RECIPIENTS_BLOC,
        notes=[ILLUSTRATIVE] if illustrative else [],
    )


def minutes(*, conference):
    """BIÊN BẢN of a conference, with the fields of Mẫu 1.9 (Nghị định 30/2020)."""
    bloc, year = conference.bloc, conference.year
    record = conference_selectors.conference_record(conference=conference)
    proposals = award_selectors.conference_proposals(conference=conference, members=record.members, check=False)[0]
    start = f"{conference.start_time:%H} giờ {conference.start_time:%M}, " if conference.start_time else ""
    where = _titled(_name(conference.host), conference.venue) or DOTS
    present = [_titled(a.membership.printed_name, a.representative) for a in record.attending]
    guests = [_titled(a.guest_organisation, a.representative, a.representative_title) for a in record.guests]
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
                f"Chủ trì: {_titled(conference.chair_name, conference.chair_title) or DOTS}",
                f"Thư ký: {_titled(conference.secretary_name, conference.secretary_title) or DOTS}",
            ]
        ),
        Section(
            heading="Nội dung hội nghị",
            paragraphs=content or [DOTS],
            table=_proposal_table(proposals, outcome=False) if proposals else None,
        ),
        Section(
            heading=f"Bầu Trưởng khối, Phó trưởng khối năm {year + 1}",
            paragraphs=[
                f"Trưởng khối: {_name(elected.leader)}; Phó trưởng khối: {_name(elected.deputy) or 'chưa bầu'}."
                if elected
                else "Chưa bầu.",
                end,
            ],
        ),
    ]
    return Printed(
        slug="minutes",
        filename=f"bien-ban-{bloc.province.code}-khoi-{bloc.pk}-{year}",
        header=_bloc_header(bloc, number=conference.document_number, date=conference.date, year=year + 1),
        kind="Biên bản",
        subtitle=f"Hội nghị tổng kết công tác thi đua, khen thưởng năm {year} của {bloc.name}",
        sections=sections,
        signers=[Signer(["Thư ký"], conference.secretary_name), Signer(["Chủ tọa"], conference.chair_name)],
        recipients=RECIPIENTS_BLOC,
    )


def submission_list(*, submission):
    """DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG that goes with a tờ trình, by award type, with votes."""
    proposals = list(
        award_selectors.every_proposal()
        .filter(submission=submission)
        .order_by("award_type__precedence", "conference__bloc__name", "membership__agency__sort_key", "person_name")
    )
    sections = []
    by_type = {}
    for proposal in proposals:
        by_type.setdefault(proposal.award_type, []).append(proposal)
    for award_type, group in by_type.items():
        sections.append(
            Section(
                heading=f"{award_type.name} ({len(group)})",
                table=Table(
                    title=award_type.name,
                    headers=["STT", "Tập thể, cá nhân", "Khối thi đua", "Năm", "Số phiếu", "Tỷ lệ", "Thành tích"],
                    rows=[
                        [
                            i,
                            p.nominee_name,
                            p.conference.bloc.name,
                            p.conference.year,
                            _votes(p),
                            f"{number_format(p.vote_share, 1)}%",
                            p.achievements,
                        ]
                        for i, p in enumerate(group, start=1)
                    ],
                ),
            )
        )
    return Printed(
        slug="submission-list",
        filename=f"danh-sach-de-nghi-{submission.number.replace('/', '-')}-{submission.date:%Y%m%d}",
        header=_submission_header(submission),
        kind="Danh sách",
        subtitle=(
            f"Đề nghị khen thưởng (kèm theo Tờ trình số {submission.number} ngày {submission.date:%d/%m/%Y}): "
            f"{len(proposals)} đề nghị"
        ),
        sections=sections or [Section(paragraphs=["Tờ trình chưa có đề nghị nào."])],
        signers=[Signer([submission.signer_title or "Người ký"], submission.signer)],
        notes=[ILLUSTRATIVE] if submission.is_illustrative else [],
    )


def province_summary(*, province, year):
    """BÁO CÁO of a province's year: every bloc's leaders, proposals and outcomes, with totals."""
    blocs = list(province.blocs.order_by("name"))
    member_counts = Counter(Membership.objects.filter(bloc__in=blocs, year=year).values_list("bloc_id", flat=True))
    leaderships = {
        (leadership.bloc_id, leadership.year): leadership
        for leadership in Leadership.objects.filter(bloc__in=blocs, year__in=[year, year + 1])
        .select_related("leader__agency", "deputy__agency")
        .prefetch_related("leader__agency__former_names", "deputy__agency__former_names")
    }
    conferences = {c.bloc_id: c for c in Conference.objects.filter(bloc__in=blocs, year=year)}
    proposals = list(
        award_selectors.every_proposal()
        .filter(conference__bloc__in=blocs, conference__year=year)
        .order_by("conference__bloc__name", "award_type__precedence", "membership__agency__sort_key")
    )
    outcomes = Counter((p.conference.bloc_id, p.status) for p in proposals)
    rows = []
    for i, bloc in enumerate(blocs, start=1):
        now, elected = leaderships.get((bloc.pk, year)), leaderships.get((bloc.pk, year + 1))
        conference = conferences.get(bloc.pk)
        rows.append(
            [
                i,
                bloc.name,
                member_counts[bloc.pk],
                _titled(_name(now.leader), _name(now.deputy)) if now else "",
                _name(elected.leader) if elected else "",
                f"{conference.date:%d/%m/%Y}" if conference else "chưa họp",
                sum(outcomes[bloc.pk, s] for s in Proposal.Status.values),
                outcomes[bloc.pk, Proposal.Status.APPROVED],
                outcomes[bloc.pk, Proposal.Status.NOT_APPROVED],
                outcomes[bloc.pk, Proposal.Status.PROPOSED] + outcomes[bloc.pk, Proposal.Status.SUBMITTED],
            ]
        )
    totals = ["", "Tổng cộng", sum(member_counts.values()), "", "", f"{len(conferences)} hội nghị"]
    totals += [sum(r[col] for r in rows) for col in range(6, 10)]
    by_type = Counter((p.award_type.name, p.status) for p in proposals)
    types = sorted({p.award_type for p in proposals}, key=lambda t: t.precedence)
    sections = [
        Section(
            heading=f"Các khối thi đua năm {year}",
            table=Table(
                title="Các khối",
                headers=[
                    "STT",
                    "Khối thi đua",
                    "Số thành viên",
                    f"Trưởng khối, Phó trưởng khối {year}",
                    f"Trưởng khối {year + 1}",
                    "Hội nghị tổng kết",
                    "Đề nghị",
                    "Được khen",
                    "Không được",
                    "Chờ",
                ],  # fmt: skip
                rows=rows,
                total=totals,
            ),
        ),
        Section(
            heading="Tổng hợp theo hình thức khen thưởng",
            table=Table(
                title="Theo hình thức",
                headers=["Hình thức khen thưởng", "Đề nghị", "Được khen", "Không được", "Chờ"],
                rows=[
                    [
                        t.name,
                        sum(by_type[t.name, s] for s in Proposal.Status.values),
                        by_type[t.name, Proposal.Status.APPROVED],
                        by_type[t.name, Proposal.Status.NOT_APPROVED],
                        by_type[t.name, Proposal.Status.PROPOSED] + by_type[t.name, Proposal.Status.SUBMITTED],
                    ]
                    for t in types
                ],
                total=["Tổng cộng", len(proposals), *[sum(r[c] for r in rows) for c in (7, 8, 9)]],
            ),
        ),
        Section(
            heading="Danh sách đề nghị khen thưởng",
            paragraphs=[] if proposals else ["Không có đề nghị khen thưởng."],
            table=Table(
                title="Đề nghị",
                headers=["STT", "Khối thi đua", "Hình thức khen thưởng", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
                rows=[
                    [i, p.conference.bloc.name, p.award_type.name, p.nominee_name, _votes(p), _outcome(p)]
                    for i, p in enumerate(proposals, start=1)
                ],
            )
            if proposals
            else None,
        ),
    ]
    illustrative = any(map(_illustrative_decision, proposals))
    return Printed(
        slug="province-summary",
        filename=f"tong-hop-{province.code}-{year}",
        header=_province_header(province, year=year + 1),
        kind="Báo cáo",
        subtitle=f"Tổng hợp kết quả thi đua, khen thưởng của các khối thi đua năm {year}",
        sections=sections,
        signers=[Signer([province.awards_office or f"TM. UBND tỉnh {province.name}"])],
        recipients=["UBND tỉnh;", "Các khối thi đua;", "Lưu: VT."],
        notes=[ILLUSTRATIVE] if illustrative else [],
    )


def agency_record(*, agency, user=None):
    """BÁO CÁO of an agency's award record over the years."""
    lines = award_selectors.agency_record(agency=agency, user=user)
    role = {"leader": "Trưởng khối", "deputy": "Phó trưởng khối", "": "Thành viên"}
    rows = [
        [
            line.proposal.conference.year,
            line.proposal.conference.bloc.name,
            role[line.role],
            line.proposal.award_type.name,
            line.proposal.nominee_name,
            _votes(line.proposal),
            _outcome(line.proposal),
        ]
        for line in lines
    ]
    return Printed(
        slug="agency-record",
        filename=f"qua-trinh-khen-thuong-{agency.pk}",
        header=_province_header(agency.province),
        kind="Báo cáo",
        subtitle=f"Quá trình thi đua, khen thưởng của {agency.name}",
        sections=[
            Section(
                paragraphs=[] if rows else ["Chưa có đề nghị khen thưởng nào."],
                table=Table(
                    title="Quá trình khen thưởng",
                    headers=["Năm", "Khối thi đua", "Vai trò", "Hình thức", "Tập thể, cá nhân", "Số phiếu", "Kết quả"],
                    rows=rows,
                )
                if rows
                else None,
            )
        ],
        signers=[Signer([agency.province.awards_office or f"TM. UBND tỉnh {agency.province.name}"])],
        notes=[ILLUSTRATIVE] if any(_illustrative_decision(line.proposal) for line in lines) else [],
    )


def leadership_history(*, bloc):
    """DANH SÁCH of a bloc's leaders and deputies over the years."""
    leaderships = (
        Leadership.objects.filter(bloc=bloc)
        .select_related("leader__agency", "deputy__agency")
        .prefetch_related("leader__agency__former_names", "deputy__agency__former_names")
        .order_by("year")
    )
    rows = [[item.year, _name(item.leader), _name(item.deputy)] for item in leaderships]
    return Printed(
        slug="leadership-history",
        filename=f"truong-khoi-{bloc.province.code}-khoi-{bloc.pk}",
        header=_bloc_header(bloc, year=Date.today().year),
        kind="Danh sách",
        subtitle=f"Trưởng khối, Phó trưởng khối qua các năm của {bloc.name}",
        sections=[
            Section(
                paragraphs=[] if rows else ["Chưa ghi nhận Trưởng khối nào."],
                table=Table(title="Trưởng khối", headers=["Năm", "Trưởng khối", "Phó trưởng khối"], rows=rows)
                if rows
                else None,
            )
        ],
        signers=[Signer(["Người lập"])],
    )
