"""`manage.py load_demo`, a first run on an empty database: its audit trail, its output, and
the refusals (DEBUG off, a half-way failure, a membership recorded elsewhere). What it
leaves behind is tested in test_demo_data.py.
"""

import pytest
from django.core.management.base import CommandError

from blocs import services
from blocs.demo import DEMO_USERS
from blocs.models import Agency, Bloc, Membership, Province, User
from blocs.services import SYSTEM_USERNAME, system_actor
from tests.blocs.demo import CULTURE, is_history, load, snapshot

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_settings")]


def test_the_first_run_is_in_the_audit_trail_as_the_system_actor():
    load()
    system = User.objects.get(username=SYSTEM_USERNAME)
    history = {label: rows for label, rows in snapshot().items() if is_history(label)}

    # Every row the loader wrote has its "created" record; the award types, their rules and the
    # base salaries came with migrations.
    skipped = ("_blocs", "_groups", "_permissions", "AwardType", "AwardRule", "BaseSalary")
    for label, rows in snapshot().items():
        if not is_history(label) and not label.endswith(skipped):
            app, name = label.split(".")
            created = {row["id"] for row in history[f"{app}.Historical{name}"] if row["history_type"] == "+"}
            assert created >= {row["id"] for row in rows}, label
    seeded = tuple(f"Historical{name}" for name in skipped[3:])  # their rows came with migrations, by nobody
    authors = {
        row["history_user_id"]
        for label, rows in history.items()
        if not label.endswith(seeded)
        for row in rows
        if "history_user_id" in row  # not the rows of a user's blocs, which belong to the user's row
        and not (row.get("username") == SYSTEM_USERNAME and row["history_type"] == "+")  # it made itself
    }
    assert authors == {system.pk}
    # The seed proposals went from proposed to submitted to approved, each step recorded.
    proposal = history["awards.HistoricalProposal"]
    assert sorted(row["status"] for row in proposal if row["id"] == proposal[0]["id"]) == [
        "approved",
        "proposed",
        "submitted",
    ]


def test_summary_lists_the_demo_logins():
    output = load()
    assert "Tài khoản demo (chỉ dùng thử):" in output
    for user in DEMO_USERS:
        line = next(line for line in output.splitlines() if user["username"] in line)
        assert user["password"] in line


def test_quiet_run_prints_nothing():
    assert load(verbosity=0) == ""
    assert Province.objects.count() == 3  # Điện Biên, Vĩnh Phúc and the new Phú Thọ


def test_refuses_with_debug_off(demo_settings):
    demo_settings.DEBUG = False
    with pytest.raises(CommandError, match="--force"):
        load()
    assert not Province.objects.exists()
    assert not User.objects.exists()


def test_force_loads_with_debug_off(demo_settings):
    demo_settings.DEBUG = False
    load(force=True)
    assert Province.objects.count() == 3  # Điện Biên, Vĩnh Phúc and the new Phú Thọ
    assert User.objects.filter(username="admin.dienbien").exists()


def test_a_failure_half_way_leaves_nothing(monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("leadership write failed")

    monkeypatch.setattr(services, "leadership_set", broken)
    with pytest.raises(RuntimeError):
        load()
    assert not Province.objects.exists()
    assert not Agency.objects.exists()
    assert not Membership.objects.exists()


def test_refuses_to_move_a_membership_someone_recorded_elsewhere():
    province = Province.objects.create(name="Điện Biên", code="dien-bien")
    agency = services.agency_save(actor=system_actor(), agency=Agency(province=province, name="Sở Y tế"))
    other = Bloc.objects.create(province=province, name="Khối Nội chính")
    services.membership_add(actor=system_actor(), bloc=other, agency=agency, year=2017)

    with pytest.raises(CommandError, match="Sở Y tế \\(2017\\) đã là thành viên của Khối Nội chính"):
        load()
    assert Membership.objects.get(agency=agency, year=2017).bloc == other
    assert not Bloc.objects.filter(name=CULTURE).exists()
