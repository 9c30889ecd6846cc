from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlocsConfig(AppConfig):
    name = "blocs"
    verbose_name = _("Emulation blocs")

    def ready(self):
        from blocs.models import Agency, Leadership, Membership, User
        from core.history import register_namer

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
