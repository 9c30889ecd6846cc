from django.apps import AppConfig


class CoreConfig(AppConfig):
    """Plumbing every app uses and that knows no domain: versioning, write helpers, admin
    mixins, the audit-trail presenter, request parsing. It imports no app of ours."""

    name = "core"
    verbose_name = "Core"
