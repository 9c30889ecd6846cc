"""DANH SÁCH of a bloc's leaders and deputies over the years."""

from datetime import date as Date

from blocs.models import Leadership
from reports.documents.structure import Printed, Section, Signer, Table
from reports.documents.wording import bloc_header, name_of


def build(*, bloc):
    """DANH SÁCH of a bloc's leaders and deputies over the years."""
    leaderships = (
        Leadership.objects.filter(bloc=bloc)
        .select_related("leader__agency", "deputy__agency")
        .prefetch_related("leader__agency__former_names", "deputy__agency__former_names")
        .order_by("year")
    )
    rows = [[item.year, name_of(item.leader), name_of(item.deputy)] for item in leaderships]
    return Printed(
        slug="leadership-history",
        filename=f"truong-khoi-{bloc.province.code}-khoi-{bloc.pk}",
        header=bloc_header(bloc, year=Date.today().year),
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
