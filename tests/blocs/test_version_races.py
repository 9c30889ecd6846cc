"""PostgreSQL: two admins saving the same agency at the same moment, from the same version.
Exactly one of them wins, every time; the other is refused (EditConflict), never silently
overwritten, never a server error."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from blocs import services
from blocs.models import Agency
from core.versioning import EditConflict
from tests.adminforms import as_user, opened
from tests.blocs.factories import AgencyFactory, UserFactory

RUNS = 20

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def race(work):
    """Runs work(name) for "A" and "B" in two threads released together: {name: outcome}."""
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name):
        try:
            barrier.wait(timeout=10)
            outcomes[name] = work(name)
        except EditConflict:
            outcomes[name] = "conflict"
        except Exception as error:  # any other outcome fails the test
            outcomes[name] = repr(error)
        finally:
            connection.close()  # each thread has its own connection

    threads = [threading.Thread(target=run, args=(name,)) for name in ("A", "B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.fixture
def racers(province):
    return {
        name: UserFactory(username=f"admin-{name}", last_name=name, role="province_admin", province=province)
        for name in ("A", "B")
    }


def test_two_connections_saving_the_same_agency_have_exactly_one_winner(province, racers):
    agency = AgencyFactory(province=province, name="Sở Y tế")
    winners = []
    for run in range(RUNS):
        version = Agency.objects.get().version

        def save(name, run=run, version=version):
            mine = Agency.objects.get()  # each thread loads the agency itself…
            mine.version = version  # …as its page showed it
            mine.short_name = f"{name}{run}"
            services.agency_save(actor=racers[name], agency=mine)
            return "saved"

        outcomes = race(save)
        assert sorted(outcomes.values()) == ["conflict", "saved"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
        winners.append(winner)
        saved = Agency.objects.get()
        assert (saved.short_name, saved.version) == (f"{winner}{run}", version + 1)
        assert saved.history.first().history_user == racers[winner]
    print(f"{RUNS} runs, one winner each: {''.join(winners)}")
    assert agency.history.filter(history_type="~").count() == RUNS


def test_two_admins_posting_the_same_agency_page_at_once_have_exactly_one_winner(province, racers):
    agency = AgencyFactory(province=province, name="Sở Y tế")
    url = reverse("admin:blocs_agency_change", args=[agency.pk])
    clients = {name: as_user(user) for name, user in racers.items()}
    winners = []
    for run in range(RUNS):
        pages = {name: opened(client, agency) for name, client in clients.items()}  # both opened it

        def post(name, run=run, pages=pages):
            response = clients[name].post(url, pages[name] | {"short_name": f"{name}{run}"})
            if response.status_code == 302:
                return "saved"
            errors = response.context["adminform"].form.non_field_errors()
            return "conflict" if errors and racers["A" if name == "B" else "B"].display_name in errors[0] else errors

        outcomes = race(post)
        assert sorted(map(str, outcomes.values())) == ["conflict", "saved"], outcomes
        winner = next(name for name, outcome in outcomes.items() if outcome == "saved")
        winners.append(winner)
        assert Agency.objects.get().short_name == f"{winner}{run}"
    print(f"{RUNS} runs, one winner each: {''.join(winners)}")
