from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Conferences and pledges")

    def ready(self):
        from blocs.services import LEADERSHIP_LOCKS
        from core.history import register_namer
        from core.sheets import Kind, register_kind
        from emulation import imports
        from emulation.models import Conference, Pledge
        from emulation.rules import next_year_lock

        # The leaders a finalized conference elected for the next year change only once it is reopened.
        if next_year_lock not in LEADERSHIP_LOCKS:
            LEADERSHIP_LOCKS.append(next_year_lock)

        # Their names read their bloc.
        register_namer(Conference, select=["bloc"])
        register_namer(Pledge, select=["bloc"])

        register_kind(
            Kind(
                slug="scores",
                title=_("Import scoring tables from a spreadsheet"),
                description=_(
                    "The points of the blocs of %(province)s in a year: one row per member and criterion, with "
                    "the criterion's maximum. A year whose conference is finalized is refused."
                ),
                columns=imports.SCORE_COLUMNS,
                example=imports.SCORE_EXAMPLE,
                run=imports.scores_import,
                template_name="mau-cham-diem.xlsx",
            )
        )
