"""The year dashboard at the size of a real province: as many queries as at the smallest."""

import pytest
from django.urls import reverse

from blocs.models import Province
from tests.test_query_budgets import LAST_YEAR, PAGE_CEILING, SMALL, build, count_queries

pytestmark = pytest.mark.django_db


@pytest.mark.slow
def test_the_year_dashboard_at_forty_blocs_and_twenty_years(client):
    """The dashboard at the size of a real province (40 blocs over 20 years, make_synthetic's
    defaults) runs as many queries as at 2 blocs over 2 years."""

    def dashboard_queries(size):
        world = build(size)
        client.force_login(world["admin"])
        url = reverse("home") + f"?year={LAST_YEAR}"
        response = client.get(url)
        assert len(response.context["board"].rows) == size["blocs"]
        return count_queries(lambda: client.get(url))

    small = dashboard_queries(SMALL)
    Province.objects.filter(name="Tỉnh Tổng Hợp 1").update(name="Tỉnh Tổng Hợp cũ", code="cu")
    large = dashboard_queries({"blocs": 40, "agencies": 400, "years": 20, "proposals": 4})
    assert small == large <= PAGE_CEILING
