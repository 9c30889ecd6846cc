"""{% year_switcher "app:view" arg… year %}: the same page for another year, on any page whose URL
ends with a year. Links to the year before and after, and a list of the nearby years that
opens the one chosen (static/js/submit-on-change.js; the links work without JavaScript)."""

from django import template
from django.urls import reverse

from blocs.models import FIRST_YEAR, LAST_YEAR

register = template.Library()
AROUND = 5  # years listed before and after the one shown


@register.inclusion_tag("_year_switcher.html")
def year_switcher(viewname, *args):
    *fixed, year = args

    def url(y):
        return reverse(viewname, args=[*fixed, y])

    years = range(max(FIRST_YEAR, year - AROUND), min(LAST_YEAR, year + AROUND) + 1)
    return {
        "year": year,
        "previous": url(year - 1) if year > FIRST_YEAR else None,
        "next": url(year + 1) if year < LAST_YEAR else None,
        "choices": [(y, url(y)) for y in years],
    }
