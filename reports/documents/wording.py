"""Wording that several documents share: headers, names, votes, outcomes, the usual
recipients. The documents are official Vietnamese papers (Nghị định 30/2020/NĐ-CP), so
their wording is Vietnamese whatever the interface language."""

from datetime import date as Date

from awards.models import Proposal
from reports.documents.structure import Header, Kept, Line, Table

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
ILLUSTRATIVE = "Số liệu có dấu * là dữ liệu minh họa (dữ liệu mẫu), không phải hồ sơ thật."


def province_header(province, number="", date=None, year=None):
    office = province.awards_office
    return Header(
        parent=f"UBND tỉnh {province.name}" if office else "",
        issuer=office or f"UBND tỉnh {province.name}",
        number=number,
        place=province.name,
        date=date,
        year=year or (date.year if date else Date.today().year),
    )


def submission_header(submission):
    """The tờ trình's issuer heads its list: UBND tỉnh itself, or an office under it."""
    province, issuer = submission.province, submission.issuer
    if not issuer:
        return province_header(province, number=submission.number, date=submission.date)
    return Header(
        parent="" if issuer.upper().startswith("UBND") else f"UBND tỉnh {province.name}",
        issuer=issuer,
        number=submission.number,
        place=province.name,
        date=submission.date,
        year=submission.date.year,
    )


def bloc_header(bloc, number="", date=None, year=None):
    return Header(
        parent=f"UBND tỉnh {bloc.province.name}",
        issuer=bloc.name,
        number=number,
        place=bloc.province.name,
        date=date,
        year=year,
    )


def titled(name, *details):
    """“Nguyễn Văn A, Giám đốc Sở …”: the parts that are there, joined by commas."""
    return ", ".join(part for part in (name, *details) if part)


def votes(proposal):
    return f"{proposal.votes_for}/{proposal.ballots}"


def star(flag):
    return " *" if flag else ""


def outcome(proposal):
    status = STATUS[proposal.status]
    if proposal.decision:
        decision = proposal.decision
        by = f" của {decision.authority}" if decision.authority else ""
        after = f" ngày {decision.date:%d/%m/%Y}{by}{star(decision.is_illustrative)}"
        return Line((f"{status}: QĐ ", Kept(decision.number), after))
    if proposal.submission:
        submission = proposal.submission
        return Line((f"{status}: Tờ trình ", Kept(submission.number), star(submission.is_illustrative)))
    return status


def name_of(membership):
    return membership.printed_name if membership else ""


def elected_line(leadership):
    """The leader and deputy elected for a year, as the reports and the minutes print them."""
    if not leadership:
        return "Chưa bầu."
    return f"Trưởng khối: {name_of(leadership.leader)}; Phó trưởng khối: {name_of(leadership.deputy) or 'chưa bầu'}."


def illustrative_notes(illustrative):
    return [ILLUSTRATIVE] if illustrative else []


def proposal_table(proposals, title="Đề nghị khen thưởng", with_outcome=True):
    headers = ["STT", "Hình thức khen thưởng", "Tập thể, cá nhân được đề nghị", "Số phiếu đồng ý/số phiếu bầu"]
    rows = [[i, p.award_type.name, p.nominee_name, votes(p)] for i, p in enumerate(proposals, start=1)]
    if with_outcome:
        headers.append("Kết quả")
        for row, proposal in zip(rows, proposals, strict=True):
            row.append(outcome(proposal))
    return Table(title=title, headers=headers, rows=rows)
