from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "awards"
    verbose_name = _("Awards")

    def ready(self):
        from awards import imports
        from core.sheets import Kind, register_kind

        register_kind(
            Kind(
                slug="proposals",
                title=_("Import award proposals from a spreadsheet"),
                description=_(
                    "The award proposals voted at the conferences of %(province)s reviewing a year: one row per "
                    "nominee, with the votes. The quota and vote rules are checked as on the results page."
                ),
                columns=imports.PROPOSAL_COLUMNS,
                example=imports.PROPOSAL_EXAMPLE,
                run=imports.proposals_import,
                choices=lambda: {imports.AWARD: imports.award_names()},
                template_name="mau-de-nghi-khen-thuong.xlsx",
                done_url="awards:proposal_list",
            )
        )
