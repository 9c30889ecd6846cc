"""A row another user inserts between a service's check and its own INSERT is refused with the
rule's sentence (a ValidationError), never an IntegrityError; a page shows it, never a 500.
Services that write several rows write all of them or none.

The race is forced in one connection: the other user's row is created right after the
service's full_clean() has passed, as another connection's commit would land there (it goes
when the service's transaction rolls back, which another connection's would not: PostgreSQL's
two-connection test below shows that part).
"""

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext

from blocs import services
from blocs.models import Agency, AgencyName, Bloc, Leadership, Membership
from blocs.services import system_actor
from core.services import RACE_MESSAGE
from tests.blocs.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def insert_after_check(monkeypatch, model, make_other):
    """From now on, the first full_clean() of an unsaved `model` by a service is followed by
    make_other(obj): the other user's conflicting row."""
    check = model.full_clean
    done = []

    def check_then_race(self, *args, **kwargs):
        check(self, *args, **kwargs)
        if self.pk is None and not args and not kwargs and not done:
            done.append(make_other(self))

    monkeypatch.setattr(model, "full_clean", check_then_race)
    return done


def test_a_membership_added_meanwhile_elsewhere_is_a_validation_error(monkeypatch, bloc, other_bloc, loose_agency):
    insert_after_check(
        monkeypatch, Membership, lambda m: Membership.objects.create(bloc=other_bloc, agency=m.agency, year=2017)
    )

    with pytest.raises(ValidationError) as refused:
        services.membership_add(actor=system_actor(), bloc=bloc, agency=loose_agency, year=2017)

    assert refused.value.messages == [gettext("This agency already belongs to a bloc in this year.")]
    assert not Membership.objects.filter(bloc=bloc).exists()


def test_a_leader_recorded_meanwhile_is_a_validation_error(monkeypatch, bloc, members):
    leader, deputy, other = members[2018]
    insert_after_check(monkeypatch, Leadership, lambda m: Leadership.objects.create(bloc=bloc, year=2018, leader=other))

    with pytest.raises(ValidationError) as refused:
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=leader, deputy=deputy)

    assert refused.value.messages == [gettext("This bloc already has a leader for this year.")]
    assert not Leadership.objects.filter(leader=leader).exists()


def test_an_agency_of_the_same_name_created_meanwhile_is_a_validation_error(monkeypatch, province):
    insert_after_check(monkeypatch, Agency, lambda a: AgencyFactory(province=province, name=a.name))

    with pytest.raises(ValidationError) as refused:
        services.agency_save(actor=system_actor(), agency=Agency(province=province, name="Sở Tư pháp"))

    assert refused.value.messages == [gettext("An active agency of this province already has this name.")]


def test_a_rename_on_the_same_day_made_meanwhile_keeps_the_agency_as_it_was(monkeypatch, province):
    agency = AgencyFactory(province=province, name="Sở Thông tin và Truyền thông")
    on = datetime.date(2025, 3, 1)
    insert_after_check(
        monkeypatch, AgencyName, lambda n: AgencyName.objects.create(agency=agency, name="Tên khác", until=on)
    )
    agency.name = "Sở Khoa học và Công nghệ"

    with pytest.raises(ValidationError):
        services.agency_save(actor=system_actor(), agency=agency, renamed_on=on)

    assert Agency.objects.get().name == "Sở Thông tin và Truyền thông"


def test_the_error_of_a_conflicting_row_is_said_even_when_the_check_cannot_name_it(monkeypatch, bloc, loose_agency):
    """If the conflicting row cannot be found again, the page still gets a sentence."""
    insert_after_check(
        monkeypatch, Membership, lambda m: Membership.objects.create(bloc=bloc, agency=m.agency, year=2017)
    )
    monkeypatch.setattr(Membership, "validate_constraints", lambda self, exclude=None: None)

    with pytest.raises(ValidationError) as refused:
        services.membership_add(actor=system_actor(), bloc=bloc, agency=loose_agency, year=2017)

    assert refused.value.messages == [str(RACE_MESSAGE)]


# Copying last year's members --------------------------------------------------------------------


def joins_another_bloc_before_its_copy(monkeypatch, agency, other_bloc):
    """`agency` joins other_bloc in 2018 after the copy read who was taken, before it adds it."""
    add = services.membership_add

    def other_first(**kwargs):
        if kwargs["agency"] == agency:
            Membership.objects.create(bloc=other_bloc, agency=agency, year=kwargs["year"])
        return add(**kwargs)

    monkeypatch.setattr(services, "membership_add", other_first)


def test_copying_skips_a_member_that_joined_another_bloc_meanwhile(monkeypatch, bloc, other_bloc, members):
    moved, *others = [m.agency for m in members[2017]]
    Membership.objects.filter(year=2018).delete()
    joins_another_bloc_before_its_copy(monkeypatch, moved, other_bloc)

    result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2018)

    reason = gettext("already a member of %(bloc)s in %(year)s") % {"bloc": other_bloc.name, "year": 2018}
    assert result.skipped == [(moved.name, reason)]
    assert {m.agency for m in result.copied} == set(others)
    assert Membership.objects.get(agency=moved, year=2018).bloc == other_bloc


def test_copying_writes_every_member_or_none(monkeypatch, bloc, members):
    Membership.objects.filter(year=2018).delete()
    add = services.membership_add
    calls = []

    def fail_on_the_last(**kwargs):
        calls.append(kwargs["agency"])
        if len(calls) == len(members[2017]):
            raise RuntimeError("the disk is full")
        return add(**kwargs)

    monkeypatch.setattr(services, "membership_add", fail_on_the_last)
    with pytest.raises(RuntimeError):
        services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2018)

    assert len(calls) == 3
    assert not Membership.objects.filter(year=2018).exists()
    assert (
        not Membership.history.filter(year=2018, history_type="+")
        .exclude(id__in=[m.pk for m in members[2018]])
        .exists()
    )


def test_the_copy_page_reports_a_race_as_a_skipped_member(monkeypatch, login, province_admin, bloc, other_bloc):
    agency = MembershipFactory(bloc=bloc, year=2017, agency__province=bloc.province).agency
    joins_another_bloc_before_its_copy(monkeypatch, agency, other_bloc)

    response = login(province_admin).post(
        reverse("blocs:bloc_copy_members", args=[bloc.pk]), {"year": "2018"}, follow=True
    )

    assert response.status_code == 200
    reason = gettext("already a member of %(bloc)s in %(year)s") % {"bloc": other_bloc.name, "year": 2018}
    message = gettext("Not copied: %(name)s, %(reason)s.") % {"name": agency.name, "reason": reason}
    assert escape(message) in response.content.decode()


def test_the_copy_page_shows_a_refusal_instead_of_failing(monkeypatch, login, province_admin, bloc, members):
    def refuse(**kwargs):
        raise ValidationError("Quy chế của tỉnh không cho sao chép.")

    monkeypatch.setattr(services, "memberships_copy_from_previous_year", refuse)

    response = login(province_admin).post(
        reverse("blocs:bloc_copy_members", args=[bloc.pk]), {"year": "2019"}, follow=True
    )

    assert response.status_code == 200
    assert "Quy chế của tỉnh không cho sao chép." in response.content.decode()


# PostgreSQL: two connections adding the same agency to two blocs at once ------------------------

RUNS = 20


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_connections_adding_one_agency_to_two_blocs_have_one_winner_and_no_integrity_error(bloc, other_bloc):
    winners = []
    for _ in range(RUNS):
        agency = AgencyFactory(province=bloc.province)
        barrier = threading.Barrier(2)
        outcomes = {}

        def add(target, agency=agency, barrier=barrier, outcomes=outcomes):
            try:
                barrier.wait(timeout=10)
                services.membership_add(actor=system_actor(), bloc=target, agency=agency, year=2017)
                outcomes[target.pk] = "added"
            except ValidationError as refused:
                outcomes[target.pk] = refused.messages
            except Exception as error:  # an IntegrityError, say, fails the test below
                outcomes[target.pk] = repr(error)
            finally:
                connection.close()

        threads = [threading.Thread(target=add, args=(target,)) for target in (bloc, other_bloc)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

        refusal = [gettext("This agency already belongs to a bloc in this year.")]
        assert sorted(outcomes.values(), key=str) == sorted(["added", refusal], key=str), outcomes
        winner = next(pk for pk, outcome in outcomes.items() if outcome == "added")
        assert list(Membership.objects.filter(agency=agency).values_list("bloc", flat=True)) == [winner]
        winners.append("A" if winner == bloc.pk else "B")
    print(f"{RUNS} runs, one winner each: {''.join(winners)}")


def test_a_bloc_named_meanwhile_in_the_admin_site_is_a_message_not_a_500(monkeypatch, login, province_admin, province):
    """The admin form checked the name; another admin's bloc of that name lands before the INSERT.
    The form comes back with the rule's sentence and the name typed, as for any refusal."""
    check = Bloc.validate_constraints
    raced = []

    def check_then_race(self, *args, **kwargs):
        check(self, *args, **kwargs)
        if self.pk is None and not raced:
            raced.append(Bloc.objects.create(province=province, name="Khối Nội chính"))

    monkeypatch.setattr(Bloc, "validate_constraints", check_then_race)
    url = reverse("admin:blocs_bloc_add")
    data = {"province": province.pk, "name": "Khối Nội chính", "description": ""}
    for prefix in ("leaderships", "memberships"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}

    response = login(province_admin).post(url, data, follow=True)

    assert (response.redirect_chain, response.status_code) == ([], 200)
    assert response.context["adminform"].form.non_field_errors() == [
        gettext("This province already has a bloc with this name.")
    ]
    assert response.context["adminform"].form["name"].value() == "Khối Nội chính"
    assert not Bloc.objects.filter(name="Khối Nội chính").exists()  # this transaction's row went with it


def test_a_race_the_rules_cannot_name_is_a_message_on_the_form(monkeypatch, login, province_admin, province):
    """A database rule broken at the moment of the save that no check can name again."""
    monkeypatch.setattr(Bloc, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(Bloc, "validate_unique", lambda self, exclude=None: None)
    other = Bloc.objects.create(province=province, name="Khối Nội chính")
    data = {"province": province.pk, "name": "Khối Nội chính", "description": ""}
    for prefix in ("leaderships", "memberships"):
        data |= {f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0}

    response = login(province_admin).post(reverse("admin:blocs_bloc_add"), data)

    assert response.status_code == 200
    assert escape(str(RACE_MESSAGE)) in response.content.decode()
    assert list(Bloc.objects.filter(name="Khối Nội chính")) == [other]
