"""DANH SÁCH of a bloc's leaders and deputies over the years."""

from datetime import date as Date

from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import bloc_header, name_of

SLUG = "leadership-history"


def lay_out(figures):
    """figures: a reports.selectors.BlocLeaderships."""
    bloc = figures.bloc
    rows = [[item.year, name_of(item.leader), name_of(item.deputy)] for item in figures.leaderships]
    table = Table(title="Trưởng khối", headers=["Năm", "Trưởng khối", "Phó trưởng khối"], rows=rows)
    return Printed(
        slug=SLUG,
        filename=f"truong-khoi-{bloc.province.code}-khoi-{bloc.pk}",
        header=bloc_header(bloc, year=Date.today().year),
        kind="Danh sách",
        subtitle=f"Trưởng khối, Phó trưởng khối qua các năm của {bloc.name}",
        sections=[Section(table=table) if rows else Section(paragraphs=["Chưa ghi nhận Trưởng khối nào."])],
        signers=[Signer(["Người lập"])],
    )
