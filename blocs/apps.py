from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocsConfig(AppConfig):
    name = "blocs"
    verbose_name = _("Emulation blocs")

    def ready(self):
        from blocs import imports
        from blocs.models import Agency, Leadership, Membership, User
        from core.history import register_namer
        from core.sheets import Kind, register_kind

        # History pages name a membership as the agency was named that year, a user by their name.
        register_namer(
            Membership,
            rows=lambda pks: (
                Membership.objects.filter(pk__in=pks).select_related("agency").prefetch_related("agency__former_names")
            ),
            name=lambda membership: membership.printed_name,
        )
        register_namer(User, name=lambda user: user.display_name)
        register_namer(Agency, name=lambda agency: agency.name)
        register_namer(Leadership, select=["bloc"])

        register_kind(
            Kind(
                slug="agencies",
                title=_("Import agencies from a spreadsheet"),
                description=_(
                    "The agencies of %(province)s: one row per agency; another row of the same agency adds a "
                    "name it had before, with the day the next name took effect; an agency merged into another "
                    "names it, with its last day. Dates as dd/mm/yyyy."
                ),
                columns=imports.AGENCY_COLUMNS,
                example=imports.AGENCY_EXAMPLE,
                run=imports.agencies_import,
                choices=lambda: {imports.KIND: [str(label) for _value, label in Agency.Kind.choices]},
                needs_year=False,
                template_name="mau-co-quan.xlsx",
                done_url="blocs:agency_list",
            )
        )
        register_kind(
            Kind(
                slug="members",
                title=_("Import members from a spreadsheet"),
                description=_("The blocs of %(province)s in a year, their members, leaders and deputies."),
                columns=imports.MEMBER_COLUMNS,
                example=imports.MEMBER_EXAMPLE,
                run=imports.members_import,
                choices=lambda: {imports.ROLE: imports.ROLES},
                template_name="mau-thanh-vien-khoi.xlsx",
            )
        )
