"""The queries of the pages that the benchmark found slow (docs/benchmarks.md), each locked to
its list: the blocs list, a conference's page and the year dashboard, on a synthetic province."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from blocs.models import Bloc, Province, User
from emulation.models import Conference
from tests.blocs.factories import UserFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


@pytest.fixture
def synthetic(client):
    call_command("make_synthetic", blocs=3, agencies=12, years=3, proposals=2, last_year=YEAR, verbosity=0)
    province = Province.objects.get(name="Tỉnh Tổng Hợp 1")
    client.force_login(UserFactory(username="admin.tonghop", role=User.Role.PROVINCE_ADMIN, province=province))
    bloc = Bloc.objects.filter(province=province).order_by("pk").first()
    return client, Conference.objects.get(bloc=bloc, year=YEAR)


def test_the_blocs_list(synthetic, django_assert_num_queries):
    client, _conference = synthetic
    # session, user, the reviewed years of the province's reports, the header's province, and the
    # blocs with their latest year and agency count as subqueries (not a GROUP BY of the join)
    with django_assert_num_queries(5) as captured:
        response = client.get(reverse("blocs:bloc_list"))
    assert response.status_code == 200
    blocs_query = captured.captured_queries[-1]["sql"]
    assert "GROUP BY" not in blocs_query and "COUNT(*) FROM (SELECT DISTINCT" in blocs_query
    assert {bloc.agency_count for bloc in response.context["blocs"]} == {4}


def test_a_conference_page(synthetic, django_assert_num_queries):
    client, conference = synthetic
    # session, user, conference (with bloc, province, finalizer), memberships of the year and the
    # next, their name history, attendance, pledge, leadership, criteria, scores, proposals,
    # the rules in force, the province's recorded bloc count with its blocs with members (one
    # query), the province's other proposals of the year, attachments, the header's province
    with django_assert_num_queries(16):
        assert client.get(reverse("awards:conference_detail", args=[conference.pk])).status_code == 200


def test_the_year_dashboard(synthetic, django_assert_num_queries):
    client, _conference = synthetic
    # session, user, province, the blocs of the year (EXISTS, no DISTINCT over a join), members
    # per bloc, leaderships, their name history, conferences with their counts, the deadline,
    # the span of years from each bloc's first and last year; then the members' own part: the
    # self-assessments sent, the members per bloc and the blocs' conference dates. Nobody has sent,
    # so no bloc's members are read by name (they are where someone has: test_members_part.py)
    with django_assert_num_queries(13) as captured:
        response = client.get(reverse("home") + f"?year={YEAR}")
    assert len(response.context["board"].rows) == 3
    assert "DISTINCT" not in captured.captured_queries[3]["sql"]
