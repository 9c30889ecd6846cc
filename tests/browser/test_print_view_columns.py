"""The HTML print view lays its tables out with the document's column widths: they come as
classes of a stylesheet, since the Content Security Policy refuses the inline styles that the
PDF could use, and a browser printing the view must not fall back to its own widths."""

import pytest
from django.urls import reverse

from blocs.models import Province
from reports import output
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_print_view_keeps_the_documents_column_widths(page, screenshot):
    load_demo_committed()
    province = Province.objects.get(name="Điện Biên")
    tables = output.build("province-summary", province=province, year=2017).tables
    expected = [[float(name[1:].replace("-", ".")) for name in table.column_classes] for table in tables]
    refused = []
    page.on("console", lambda message: "Content Security Policy" in message.text and refused.append(message.text))

    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto(reverse("reports:province_summary", args=[province.pk, 2017, "html"]))
    screenshot("province-summary-print-view")
    measured = page.evaluate(
        """() => [...document.querySelectorAll("table.data")].map(table => {
            const cells = [...table.rows[0].cells];
            const width = table.getBoundingClientRect().width;
            return cells.map(cell => 100 * cell.getBoundingClientRect().width / width);
        })"""
    )
    assert len(measured) == len(expected)
    for shares, percents in zip(measured, expected, strict=True):
        assert shares == pytest.approx(percents, abs=0.5), (shares, percents)
    assert not refused, refused
