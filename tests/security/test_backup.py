"""The JSON backup of docs/backup.md restores every row of the register (`make backup`, `make restore`)."""

import datetime
import json
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from tests.fixtures.database import migrated_sqlite_file

pytestmark = pytest.mark.slow  # the demo data through dumpdata and loaddata, and `make` in subprocesses

APPS = ("blocs", "emulation", "awards")
MAKE = shutil.which("make") or "make"
# make -o: the virtualenv is the one running these tests, not to be created or installed in the
# checkout (the stamp the backup and restore targets depend on; see the Makefile).
KEEP_VENV = ["-o", ".venv/.runtime"]
# The options of docs/backup.md and the Makefile's `backup` target.
DUMP_OPTIONS = {
    "use_natural_foreign_keys": True,
    "use_natural_primary_keys": True,
    "exclude": ["contenttypes", "auth.permission", "admin.logentry", "sessions"],
    "indent": 2,
}


def has_natural_key(model):
    return hasattr(model, "natural_key") and hasattr(model._default_manager, "get_by_natural_key")


def snapshot(model):
    """Every row of `model`, comparable across a restore.

    Rows are compared with their primary keys, except where the backup does not keep them: a
    model with a natural key (the user: --natural-primary writes its username, not its id) and
    the auto-created many-to-many tables (user ↔ bloc). There, and in every foreign key to such a
    model, the natural key stands for the id. Times are compared to the millisecond, the precision
    of Django's JSON serializer.
    """
    keep_pk = not has_natural_key(model) and not model._meta.auto_created
    natural = {
        field.attname: field.related_model
        for field in model._meta.concrete_fields
        if isinstance(field, models.ForeignKey) and has_natural_key(field.related_model)
    }
    keys = {
        attname: {obj.pk: obj.natural_key() for obj in related._default_manager.all()}
        for attname, related in natural.items()
    }
    rows = []
    for row in model._default_manager.order_by("pk").values(*[f.attname for f in model._meta.concrete_fields]):
        if not keep_pk:
            del row[model._meta.pk.attname]
        for attname, by_pk in keys.items():
            if row[attname] is not None:
                row[attname] = by_pk[row[attname]]
        for name, value in row.items():
            if isinstance(value, datetime.datetime | datetime.time):
                row[name] = value.replace(microsecond=value.microsecond // 1000 * 1000)
        rows.append(row)
    if not keep_pk:
        rows.sort(key=repr)
    return rows


def snapshot_all():
    return {
        model._meta.label: snapshot(model)
        for label in APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_every_row_and_every_login_into_an_emptied_database(tmp_path):
    """One round trip of the demo data (the slow part), read for the rows and for the logins."""
    from blocs.demo import DEMO_USERS
    from blocs.models import User

    call_command("load_demo", force=True, verbosity=0)
    before = snapshot_all()
    assert sum(len(rows) for rows in before.values()) > 100
    secretary = User.objects.filter(role=User.Role.SECRETARY).exclude(blocs=None).first()
    blocs_before = sorted(secretary.blocs.values_list("pk", flat=True))
    backup = tmp_path / "backup.json"

    call_command("dumpdata", output=str(backup), verbosity=0, **DUMP_OPTIONS)
    call_command("flush", interactive=False, verbosity=0)
    assert not any(snapshot_all().values())
    call_command("loaddata", str(backup), verbosity=0)

    after = snapshot_all()
    for label, rows in before.items():
        assert after[label] == rows, label
    dumped = {entry["model"] for entry in json.loads(backup.read_text())}
    assert "contenttypes.contenttype" not in dumped
    assert "sessions.session" not in dumped
    # The users come back with their passwords and their blocs.
    restored = User.objects.get(username=secretary.username)
    assert sorted(restored.blocs.values_list("pk", flat=True)) == blocs_before
    demo = next(user for user in DEMO_USERS if user["username"] == secretary.username)
    assert restored.check_password(demo["password"])


def test_make_backup_and_restore_copy_a_register_to_another_database(tmp_path):
    """The Makefile targets, end to end, from one SQLite file to another."""
    root = Path(__file__).resolve().parents[2]
    source, target = f"sqlite:///{tmp_path / 'source.sqlite3'}", f"sqlite:///{tmp_path / 'target.sqlite3'}"
    backup = tmp_path / "backup.json"

    def run(command, database, **kwargs):
        env = {**os.environ, "DATABASE_URL": database, "DEBUG": "true"}
        result = subprocess.run(  # noqa: S603 - this test's own commands
            command, cwd=root, env=env, capture_output=True, text=True, timeout=300, **kwargs
        )
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def make(*args):
        return [MAKE, "--no-print-directory", *KEEP_VENV, *args, f"PY={sys.executable}"]

    migrated_sqlite_file(tmp_path / "source.sqlite3")  # a copy of the run's migrated database, when it has one
    # The other database starts as the source does once migrated, before the demo data: `make
    # restore` still runs its migrate, flush and loaddata, but the migrations (the slowest step
    # of this test) are not applied again.
    shutil.copyfile(tmp_path / "source.sqlite3", tmp_path / "target.sqlite3")
    run([sys.executable, "manage.py", "load_demo", "--verbosity", "0"], source)
    run(make("backup", f"FILE={backup}"), source)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    run(make("restore", f"FILE={backup}"), target, input="yes\n")

    def register(database):
        return run([sys.executable, "manage.py", "dumpdata", *APPS, "--natural-foreign", "--natural-primary"], database)

    assert json.loads(register(target)) == json.loads(register(source))


def test_make_restore_needs_a_file():
    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(  # noqa: S603 - this test's own command
        [MAKE, "--no-print-directory", *KEEP_VENV, "restore"], cwd=root, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "Usage: make restore FILE=backup.json" in result.stdout
