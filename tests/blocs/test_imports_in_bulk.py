"""The imports write in bulk (core.services.bulk_write) and judge a file once: every row still has
its audit trail and its version, the rules of the per-row services still hold, and the import page
writes what its preview judged unless anything recorded changed in between (then it judges again)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation

from blocs import services
from blocs.imports import AGENCY_COLUMNS, DEPUTY, LEADER, MEMBER, MEMBER_COLUMNS
from blocs.models import Agency, Leadership, Membership
from blocs.services import system_actor
from core import sheets
from core.services import bulk_write
from core.versioning import EditConflict
from tests.blocs.factories import AgencyFactory
from tests.spreadsheets import run, xlsx

YEAR = 2019


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def agencies(province):
    names = ["Sở Tài chính", "Sở Xây dựng", "Sở Công Thương", "Sở Y tế"]
    return [AgencyFactory(province=province, name=name) for name in names]


def member_rows(bloc, other_bloc):
    return [
        [bloc.name, "Sở Tài chính", LEADER],
        [bloc.name, "Sở Xây dựng", DEPUTY],
        [bloc.name, "Sở Công Thương", MEMBER],
        [other_bloc.name, "Sở Y tế", LEADER],
    ]


def members_file(bloc, other_bloc):
    return xlsx(MEMBER_COLUMNS, member_rows(bloc, other_bloc))


def test_members_imported_in_bulk_each_have_a_history_row_by_the_actor(province, bloc, other_bloc, agencies):
    actor = system_actor()
    assert run("members", province, members_file(bloc, other_bloc), actor=actor, year=YEAR).saved
    members = Membership.objects.filter(year=YEAR)
    assert members.count() == 4
    created = Membership.history.filter(year=YEAR, history_type="+")
    assert sorted(created.values_list("id", flat=True)) == sorted(members.values_list("pk", flat=True))
    assert set(created.values_list("history_user", flat=True)) == {actor.pk}
    leadership = Leadership.objects.get(bloc=bloc, year=YEAR)
    assert (leadership.leader.agency.name, leadership.deputy.agency.name) == ("Sở Tài chính", "Sở Xây dựng")
    assert leadership.history.count() == 1


def test_agencies_imported_in_bulk_keep_their_history_versions_and_search(province):
    kind = str(Agency.Kind.DEPARTMENT.label)
    rows = [
        ["Sở Mới", "SM", kind, "", "", "", "Sở Cũ", "01/08/2003"],
        ["Sở Đã Nhập", "", kind, "", "28/02/2025", "Sở Mới", "", ""],
    ]
    actor = system_actor()
    assert run("agencies", province, xlsx(AGENCY_COLUMNS, rows), actor=actor).saved
    new, merged = Agency.objects.get(name="Sở Mới"), Agency.objects.get(name="Sở Đã Nhập")
    assert merged.successor == new
    # Created, then given its successor: two saves in the trail, as on the page, and version 2.
    assert list(merged.history.order_by("history_id").values_list("history_type", "version")) == [("+", 1), ("~", 2)]
    assert new.history.count() == 1 and new.version == 1
    assert new.former_names.get().history.filter(history_user=actor).exists()
    assert list(Agency.objects.search("so cu")) == [new]  # found by the former name written in bulk


def test_a_bulk_write_claims_the_versions_it_read(province, agencies):
    stale = Agency.objects.get(pk=agencies[0].pk)
    fresh = Agency.objects.get(pk=agencies[0].pk)
    fresh.short_name = "STC"
    services.agency_save(actor=system_actor(), agency=fresh)
    stale.short_name = "Khác"
    with pytest.raises(EditConflict):
        bulk_write(Agency, [stale], ["short_name"], actor=system_actor())
    assert Agency.objects.get(pk=stale.pk).short_name == "STC"


def test_a_row_the_database_refuses_is_refused_with_the_constraints_sentence(province, bloc, other_bloc, agencies):
    services.membership_add(actor=system_actor(), bloc=bloc, agency=agencies[0], year=YEAR)
    twice = Membership(bloc=other_bloc, agency=agencies[0], year=YEAR)
    with pytest.raises(ValidationError) as refusal:
        bulk_write(Membership, [twice], [], actor=system_actor())
    assert refusal.value.messages == ["Cơ quan này đã là thành viên của một khối trong năm này."]
    assert Membership.objects.filter(agency=agencies[0], year=YEAR).count() == 1


def test_the_membership_rule_on_an_inactive_agency_holds_in_bulk(province, bloc, agencies):
    closed = AgencyFactory(province=province, name="Sở Đã Đóng", active_until=datetime.date(2010, 12, 31))
    with pytest.raises(ValidationError):
        services.memberships_import(actor=system_actor(), memberships=[Membership(bloc=bloc, agency=closed, year=YEAR)])
    assert not Membership.objects.filter(agency=closed).exists()


# The page judges once


def page(province):
    return reverse("blocs:members_import", args=[province.pk])


def test_the_confirmation_writes_what_the_preview_judged_without_judging_again(
    login, province_admin, province, bloc, other_bloc, agencies, monkeypatch
):
    client = login(province_admin)
    payload = client.post(page(province), {"year": YEAR, "file": members_file(bloc, other_bloc)}).context["payload"]

    def judged_again(**kwargs):
        raise AssertionError("judged again")

    monkeypatch.setattr(sheets.KINDS["members"], "run", judged_again)
    response = client.post(page(province), {"payload": payload})
    assert response.status_code == 302
    assert Membership.objects.filter(year=YEAR).count() == 4


def test_a_stale_preview_is_judged_again_and_its_new_problem_saves_nothing(
    login, province_admin, province, bloc, other_bloc, agencies
):
    client = login(province_admin)
    payload = client.post(page(province), {"year": YEAR, "file": members_file(bloc, other_bloc)}).context["payload"]
    # Meanwhile someone records Sở Y tế in the first bloc: the file puts it in the other one.
    services.membership_add(actor=system_actor(), bloc=bloc, agency=agencies[3], year=YEAR)
    response = client.post(page(province), {"payload": payload})
    assert response.status_code == 200
    assert "Sở Y tế" in " ".join(str(p) for p in response.context["preview"].problems)
    assert Membership.objects.filter(year=YEAR).count() == 1


def test_a_kept_preview_is_used_once(province, bloc, other_bloc, agencies):
    actor = system_actor()  # made before the stamp: its making is a recorded change
    key = sheets.judged_key(kind="members", province=province.pk, year=YEAR, user=actor.pk, digest="x")
    stamp = sheets.history_stamp()
    preview = run("members", province, members_file(bloc, other_bloc), actor=actor, year=YEAR, dry_run=True)
    sheets.keep(key, preview, stamp=stamp)
    assert sheets.take(key) is not None
    assert sheets.take(key) is None


def test_the_members_import_reads_and_writes_in_as_many_queries_for_more_rows(province, bloc, other_bloc):
    """One query per kind of lookup and a few statements per table, not a query per row: the same
    count for 4 members as for 12 (two blocs' leaders either way)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    actor = system_actor()
    counts = []
    for year, size in ((2019, 2), (2020, 6)):
        names = [f"Sở Thử {year} {n}" for n in range(2 * size)]
        for name in names:
            AgencyFactory(province=province, name=name)
        rows = [[bloc.name if n < size else other_bloc.name, name, ""] for n, name in enumerate(names)]
        rows[0][2] = rows[size][2] = LEADER
        upload = xlsx(MEMBER_COLUMNS, rows)
        with CaptureQueriesContext(connection) as queries:
            assert run("members", province, upload, actor=actor, year=year).saved
        counts.append(len(queries))
    assert Membership.objects.filter(year=2020).count() == 12
    assert counts[0] == counts[1]
