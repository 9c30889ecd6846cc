"""Helpers of the permission tests: the personas' order, a response in the tables' words, a
savepoint rolled back, and a snapshot of every row to prove that a refused request changed nothing."""

from django.apps import apps
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.db import transaction
from django.shortcuts import resolve_url

YEAR = 2017  # the year the draft conferences review
SPARE_YEAR = 2014  # the year of the spare rows: no page of the tests looks at it
CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"

# The personas of every table, in the order of the table's columns.
PERSONAS = ["admin", "sec1", "sec2", "viewer", "anon", "outsider", "root", "member"]

LOGIN_PAGES = (resolve_url(settings.LOGIN_URL), "/admin/login/")


def outcome(response):
    """The response in the table's words."""
    if response.status_code != 302:
        return str(response.status_code)
    location = response["Location"]
    if location.startswith(LOGIN_PAGES):
        return "lgn"
    if location == "/admin/":
        return "idx"
    return "302"


def rolled_back(function, *args, **kwargs):
    """Run function inside a savepoint that is rolled back, returning what it returned."""
    with transaction.atomic():
        try:
            return function(*args, **kwargs)
        finally:
            transaction.set_rollback(True)


# Every row of the product's tables, to compare before and after a refused request.
SNAPSHOT_APPS = ["blocs", "emulation", "awards"]
IGNORED_COLUMNS = {("blocs", "user"): {"last_login"}}  # logging a persona in sets it


def snapshot():
    rows = {}
    models = [m for label in SNAPSHOT_APPS for m in apps.get_app_config(label).get_models()] + [Group, LogEntry]
    for model in models:
        ignored = IGNORED_COLUMNS.get((model._meta.app_label, model._meta.model_name), set())
        rows[model._meta.label] = [
            {k: v for k, v in row.items() if k not in ignored} for row in model._default_manager.order_by("pk").values()
        ]
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            rows[through._meta.label] = list(through.objects.order_by("pk").values())
    return rows


def changed_tables(before, after):
    return sorted(label for label in after if before.get(label) != after[label])
