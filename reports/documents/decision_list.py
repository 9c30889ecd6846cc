"""DANH SÁCH KHEN THƯỞNG that goes with a decision: who was awarded what, and the prize money of
each (kept with the proposal when the decision was recorded: the rule and the base salary in
force on the decision's date), totalled per award and for the decision."""

from reports.documents.structure import Printed, Section, Table
from reports.documents.submission_list import rules_applied
from reports.documents.wording import (
    any_illustrative,
    attached_header,
    collective,
    document_signer,
    illustrative_notes,
    in_full,
    nominee,
    user,
)

SLUG = "decision-list"


def money(amount):
    return f"{amount:,}".replace(",", ".") if amount else "—"


def lay_out(figures):
    """figures: a reports.selectors.DecisionProposals."""
    decision = figures.decision
    total = figures.prize_total
    proposals = [p for group in figures.groups for p in group.proposals]
    by = f" của {in_full(decision.authority)}" if decision.authority else ""
    return Printed(
        slug=SLUG,
        filename=f"danh-sach-khen-thuong-{decision.number}-{decision.date:%Y%m%d}",
        header=attached_header(decision.province, decision.authority, decision.date),
        kind="Danh sách",
        subtitle=f"Khen thưởng: {figures.count} tập thể, cá nhân; tổng tiền thưởng {money(total)} đồng",
        attached_to=f"(Kèm theo Quyết định số {user(decision.number)} ngày {decision.date:%d/%m/%Y}{by})",
        sections=[_group(group) for group in figures.groups]
        or [Section(paragraphs=["Quyết định chưa có đề nghị nào."])],
        closing=[f"Tổng tiền thưởng của quyết định: {money(total)} đồng./."],
        signers=[document_signer(decision)],
        notes=illustrative_notes(decision.is_illustrative or any_illustrative(proposals)),
    )


def _group(group):
    name = user(group.award_type.name)
    sums, sources = [], []
    for p in group.proposals:
        worked_out, cited = split_basis(p.prize_basis)
        sums.append(worked_out)
        if cited and cited not in sources:
            sources.append(cited)
    table = Table(
        title=name,
        headers=["STT", "Tập thể, cá nhân", "Khối thi đua", "Năm", "Tiền thưởng (đồng)", "Cách tính"],
        rows=[
            [
                i,
                nominee(p),
                collective(p.conference.bloc),
                p.conference.year,
                money(p.prize_amount),
                user(worked_out) or "Không có quy định tiền thưởng cho ngày quyết định",
            ]
            for i, (p, worked_out) in enumerate(zip(group.proposals, sums, strict=True), start=1)
        ],
        total=["", "Cộng", "", "", money(group.prize_total), ""],
    )
    paragraphs = [*rules_applied(group), *(f"Căn cứ tính tiền thưởng: {user(cited)}." for cited in sources)]
    return Section(heading=f"{name} ({len(group.proposals)})", paragraphs=paragraphs, table=table)


def split_basis(basis):
    """A kept prize basis, “2 × 1.300.000 đ = 2.600.000 đ (its sources)” (awards.rules.prizes), as
    the sum, which its row prints, and the sources, which the section prints once: they are the same
    for every award of a type decided on one day, and in each row they ran a four-award list onto
    five pages."""
    worked_out, bracket, cited = (basis or "").partition(" (")
    if not bracket or not cited.endswith(")"):
        return basis or "", ""
    return worked_out, cited[:-1]
