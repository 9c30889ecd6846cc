"""Every page whose URL has a year offers the same page for the other years."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db
YEAR = 2017


@pytest.mark.parametrize(
    ("viewname", "owner"),
    [("awards:conference_edit", "bloc"), ("emulation:criteria_edit", "bloc"), ("dashboard:deadlines", "province")],
)
def test_a_year_page_links_to_its_other_years(login, province_admin, bloc, members, viewname, owner):
    pk = (bloc if owner == "bloc" else bloc.province).pk
    page = login(province_admin).get(reverse(viewname, args=[pk, YEAR])).content.decode()
    switcher = re.search(r'<nav[^>]*data-testid="year-switcher".*?</nav>', page, re.S).group(0)
    assert f'href="{reverse(viewname, args=[pk, YEAR - 1])}" rel="prev"' in switcher
    assert f'href="{reverse(viewname, args=[pk, YEAR + 1])}" rel="next"' in switcher
    options = re.findall(r'<option value="([^"]+)"( selected)?>(\d+)</option>', switcher)
    assert [int(y) for _url, _sel, y in options] == list(range(YEAR - 5, YEAR + 6))
    assert [y for _url, sel, y in options if sel] == [str(YEAR)]
    assert all(url == reverse(viewname, args=[pk, int(y)]) for url, _sel, y in options)
