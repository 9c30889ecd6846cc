from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """Commands that write every app at once: the demo data and the synthetic province of the
    benchmark. The top of the layers: it may use any app, and no app uses it."""

    name = "devtools"
    verbose_name = "Developer tools"
