from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmulationConfig(AppConfig):
    name = "emulation"
    verbose_name = _("Conferences and pledges")

    def ready(self):
        from core.history import register_namer
        from emulation.models import Conference, Pledge

        # Their names read their bloc.
        register_namer(Conference, select=["bloc"])
        register_namer(Pledge, select=["bloc"])
