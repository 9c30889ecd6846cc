"""BÁO CÁO of a bloc's leaders and deputies over the years."""

from datetime import date as Date

from reports.documents.structure import Printed, Section, Table
from reports.documents.wording import (
    bloc_header,
    bloc_signer,
    collective,
    deputy_of,
    illustrative_notes,
    leader_of,
)

SLUG = "leadership-history"


def lay_out(figures):
    """figures: a reports.selectors.BlocLeaderships."""
    bloc = figures.bloc
    leaderships = figures.leaderships
    rows = [[item.year, leader_of(item), deputy_of(item)] for item in leaderships]
    table = Table(title="Trưởng khối", headers=["Năm", "Trưởng khối", "Phó Trưởng khối"], rows=rows)
    today = Date.today()
    current = next((item for item in reversed(leaderships) if item.year <= today.year), None)
    return Printed(
        slug=SLUG,
        filename=f"truong-khoi-{bloc.province.code}-khoi-{bloc.pk}",
        header=bloc_header(bloc, "Báo cáo", year=today.year),
        kind="Báo cáo",
        subtitle=f"Trưởng khối, Phó Trưởng khối qua các năm của {collective(bloc)}",
        sections=[Section(table=table) if rows else Section(paragraphs=["Chưa ghi nhận Trưởng khối nào."])],
        closing=[f"{collective(bloc)} có {len(rows)} năm ghi nhận Trưởng khối./."],
        signers=[bloc_signer(bloc, current)],
        notes=illustrative_notes(any(item.is_illustrative for item in leaderships)),
    )
