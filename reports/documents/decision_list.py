"""DANH SÁCH KHEN THƯỞNG that goes with a decision: who was awarded what, and the prize money of
each (kept with the proposal when the decision was recorded: the rule and the base salary in
force on the decision's date), totalled per award and for the decision."""

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.submission_list import rules_applied
from reports.documents.wording import illustrative_notes, province_header

SLUG = "decision-list"


def money(amount):
    return f"{amount:,}".replace(",", ".") if amount else "—"


def lay_out(figures):
    """figures: a reports.selectors.DecisionProposals."""
    decision = figures.decision
    total = figures.prize_total
    return Printed(
        slug=SLUG,
        filename=f"danh-sach-khen-thuong-{decision.number.replace('/', '-')}-{decision.date:%Y%m%d}",
        header=province_header(decision.province, number=decision.number, date=decision.date),
        kind="Danh sách",
        subtitle=(
            f"Khen thưởng (kèm theo Quyết định số {decision.number} ngày {decision.date:%d/%m/%Y}): "
            f"{figures.count} tập thể, cá nhân; tổng tiền thưởng {money(total)} đồng"
        ),
        sections=[_group(group) for group in figures.groups]
        or [Section(paragraphs=["Quyết định chưa có đề nghị nào."])],
        signers=[Signer([decision.signer_title or "Người ký"], decision.signer)],
        notes=[
            *illustrative_notes(decision.is_illustrative),
            f"Tổng tiền thưởng của quyết định: {money(total)} đồng.",
        ],
    )


def _group(group):
    name = group.award_type.name
    table = Table(
        title=name,
        headers=["STT", "Tập thể, cá nhân", "Khối thi đua", "Năm", "Tiền thưởng (đồng)", "Cách tính"],
        rows=[
            [
                i,
                p.nominee_name,
                p.conference.bloc.name,
                p.conference.year,
                money(p.prize_amount),
                p.prize_basis or "Không có quy định tiền thưởng cho ngày quyết định",
            ]
            for i, p in enumerate(group.proposals, start=1)
        ],
        total=["", "Cộng", "", "", money(group.prize_total), ""],
    )
    return Section(heading=f"{name} ({len(group.proposals)})", paragraphs=rules_applied(group), table=table)
