"""Wording that several documents share: headers, numbers, signers, names, votes, outcomes,
the usual recipients. The documents are official Vietnamese papers (Nghị định 30/2020/NĐ-CP),
so their wording is Vietnamese whatever the interface language.

Whatever a user typed goes through `user()` before it is joined to other words, so that a
stray right-to-left override in a name cannot reorder the words printed after it."""

from datetime import date as Date

from awards.models import Proposal
from reports.documents.structure import Header, Kept, Line, Signer, Table

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
NAME_BLANK = "…" * 12  # the signer's name, to fill in by hand when not recorded
NUMBER_BLANK = "\u00a0" * 8  # the number, given by the office's register when it is sent
ILLUSTRATIVE = (
    "(*) Số liệu, tên có dấu * là dữ liệu minh họa (dữ liệu mẫu dùng thử), không phải hồ sơ thật: "
    "cần thay bằng số liệu thật trước khi ký."
)

# Nghị định 30/2020, Phụ lục III: the type codes after the number.
TYPE_CODES = {"Báo cáo": "BC", "Biên bản": "BB", "Tờ trình": "TTr", "Quyết định": "QĐ"}

_EMBEDDINGS = set("\u202a\u202b\u202d\u202e")  # LRE, RLE, LRO, RLO: closed by PDF (U+202C)
_ISOLATES = set("\u2066\u2067\u2068")  # LRI, RLI, FSI: closed by PDI (U+2069)
_BIDI = _EMBEDDINGS | _ISOLATES | {"\u202c", "\u2069"}


def user(text):
    """Text a user typed, isolated from its neighbours (Unicode bidi, UAX #9): every
    embedding or override it opens is closed at its end, and the whole is an isolate."""
    text = "" if text is None else str(text)
    if not _BIDI.intersection(text):
        return text
    opened = []
    for char in text:
        if char in _EMBEDDINGS or char in _ISOLATES:
            opened.append(char)
        elif char == "\u202c" and opened and opened[-1] in _EMBEDDINGS:
            opened.pop()
        elif char == "\u2069" and any(c in _ISOLATES for c in opened):
            while opened.pop() not in _ISOLATES:
                pass
    closers = "".join("\u202c" if c in _EMBEDDINGS else "\u2069" for c in reversed(opened))
    return f"\u2068{text}{closers}\u2069"


def in_full(name):
    """An issuer's name as printed in a header: “UBND” written out (Nghị định 30/2020 lets
    only the superior body above it be abbreviated)."""
    name = user(name)
    for short in ("UBND", "Ubnd"):
        if name.startswith(short + " "):
            return "Ủy ban nhân dân" + name[len(short) :]
    return name


def number_line(kind, code, number=""):
    """After “Số:”: the recorded number, or a blank for it with the type code and the
    issuer's abbreviation (…/BC-KVHXH)."""
    if number:
        return user(number)
    suffix = TYPE_CODES.get(kind, "")
    if code:
        suffix = f"{suffix}-{user(code)}" if suffix else user(code)
    return f"{NUMBER_BLANK}/{suffix}"


def province_header(province, kind="Báo cáo", number="", date=None, year=None):
    office = province.awards_office
    return Header(
        parent=f"UBND tỉnh {user(province.name)}" if office else "",
        issuer=in_full(office) if office else f"Ủy ban nhân dân tỉnh {user(province.name)}",
        number=number_line(kind, province.document_code, number),
        place=user(province.name),
        date=date,
        year=year or (date.year if date else Date.today().year),
    )


def submission_header(submission):
    """The tờ trình's issuer heads its list: UBND tỉnh itself, or an office under it. The
    list has no number or date of its own: it is the tờ trình's."""
    return attached_header(submission.province, submission.issuer, submission.date)


def attached_header(province, issuer, date):
    """The header of a list that goes with a tờ trình or a decision: its issuer's, without a
    number or a date of its own."""
    parent = f"UBND tỉnh {user(province.name)}"
    if not issuer:
        issuer, parent = province.awards_office or parent, parent if province.awards_office else ""
    elif issuer.upper().startswith(("UBND", "ỦY BAN NHÂN DÂN", "THỦ TƯỚNG", "CHÍNH PHỦ", "CHỦ TỊCH")):
        parent = ""
    return Header(
        parent=parent,
        issuer=in_full(issuer),
        number="",
        place=user(province.name),
        date=date,
        year=date.year,
        attached=True,
    )


def bloc_header(bloc, kind, number="", date=None, year=None):
    return Header(
        parent=f"UBND tỉnh {user(bloc.province.name)}",
        issuer=user(bloc.name),
        number=number_line(kind, bloc.document_code, number),
        place=user(bloc.province.name),
        date=date,
        year=year,
    )


def collective(bloc):
    """The bloc as it signs: “Khối thi đua Văn hóa - Xã hội”."""
    name = user(bloc.name)
    if name.lower().startswith("khối ") and not name.lower().startswith("khối thi đua"):
        return f"Khối thi đua {name[5:]}"
    return name


def bloc_signer(bloc, leadership):
    """TM. KHỐI THI ĐUA …, TRƯỞNG KHỐI, and the head of the leader agency who signs."""
    name = user(leadership.head_name) if leadership else ""
    detail = user(leadership.head_title) if leadership else ""
    return Signer([f"TM. {collective(bloc)}", "Trưởng khối"], name=name or NAME_BLANK, detail=detail)


def office_signer(province):
    """The awards office's head (or whoever signs for them), as the province records it."""
    lines = [user(province.signer_authority), user(province.signer_title) or "Thủ trưởng cơ quan"]
    if not province.awards_office:
        lines = ["TM. Ủy ban nhân dân", user(province.signer_title) or "Chủ tịch"]
    return Signer([line for line in lines if line], name=user(province.signer_name) or NAME_BLANK)


def document_signer(document):
    """The signer of a tờ trình or decision: authority line, title, name."""
    lines = [user(document.signer_authority), user(document.signer_title) or "Người ký"]
    return Signer([line for line in lines if line], name=user(document.signer) or NAME_BLANK)


def titled(name, *details):
    """“Nguyễn Văn A, Giám đốc Sở …”: the parts that are there, joined by commas."""
    return ", ".join(user(part) for part in (name, *details) if part)


def votes(proposal):
    return f"{proposal.votes_for}/{proposal.ballots}{star(proposal.votes_illustrative)}"


def star(flag):
    return " *" if flag else ""


def outcome(proposal):
    status = STATUS[proposal.status]
    if proposal.decision:
        decision = proposal.decision
        by = f" của {user(decision.authority)}" if decision.authority else ""
        after = f" ngày {decision.date:%d/%m/%Y}{by}{star(decision.is_illustrative)}"
        return Line((f"{status}: Quyết định số ", Kept(user(decision.number)), after))
    if proposal.submission:
        submission = proposal.submission
        return Line((f"{status}: Tờ trình số ", Kept(user(submission.number)), star(submission.is_illustrative)))
    return status


def name_of(membership):
    return user(membership.printed_name) if membership else ""


def nominee(proposal):
    return user(proposal.nominee_name)


def leader_of(leadership, star_it=True):
    if not leadership:
        return ""
    return name_of(leadership.leader) + star(star_it and leadership.is_illustrative)


def deputy_of(leadership, star_it=True):
    if not (leadership and leadership.deputy):
        return ""
    return name_of(leadership.deputy) + star(star_it and leadership.is_illustrative)


def elected_line(leadership):
    """The leader and deputy elected for a year, as the reports and the minutes print them."""
    if not leadership:
        return "Chưa bầu Trưởng khối."
    return f"Trưởng khối: {leader_of(leadership)}; Phó Trưởng khối: {deputy_of(leadership) or 'chưa bầu'}."


def illustrative_notes(illustrative):
    return [ILLUSTRATIVE] if illustrative else []


def any_illustrative(proposals):
    """Whether a list of proposals prints anything invented."""
    return any(
        p.votes_illustrative
        or (p.decision and p.decision.is_illustrative)
        or (p.submission and p.submission.is_illustrative)
        or p.membership.agency.is_illustrative
        for p in proposals
    )


def proposal_table(proposals, title="Đề nghị khen thưởng", with_outcome=True):
    headers = ["STT", "Hình thức khen thưởng", "Tập thể, cá nhân được đề nghị", "Số phiếu đồng ý/số phiếu bầu"]
    rows = [[i, user(p.award_type.name), nominee(p), votes(p)] for i, p in enumerate(proposals, start=1)]
    if with_outcome:
        headers.append("Kết quả")
        for row, proposal in zip(rows, proposals, strict=True):
            row.append(outcome(proposal))
    return Table(title=title, headers=headers, rows=rows)
