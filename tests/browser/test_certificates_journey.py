"""The province admin prints a large decision's certificates from the proposals list: the page
makes the batches one after another with a progress bar, and each batch is a PDF of its own."""

from pathlib import Path

import pytest

from awards.models import Decision
from emulation.models import Conference
from reports.views import CERTIFICATE_BATCH
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed
from tests.reports.certificates import decision_conferring
from tests.reports.pdf import placed_lines

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AWARDS = CERTIFICATE_BATCH + 5  # two batches


@pytest.fixture
def large_decision():
    load_demo_committed()
    conference = Conference.objects.get(bloc__province__name="Điện Biên", year=2017)
    return decision_conferring(AWARDS, conference)


def test_admin_prints_a_large_decisions_certificates_in_batches(page, screenshot, large_decision):
    violations = []
    page.on("console", lambda message: "Content Security Policy" in message.text and violations.append(message.text))
    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto("/awards/?year=2017")
    row = page.locator("[data-testid=proposal-list] tr", has_text=large_decision.number).first
    row.locator("[data-testid=certificates-link]").click()
    page.wait_for_load_state("networkidle")
    batches = page.locator("[data-testid=batch]")
    assert batches.count() == 2
    assert batches.nth(1).inner_text() == f"Bằng khen {CERTIFICATE_BATCH + 1}–{AWARDS}"
    page.click("#make-certificates")
    page.wait_for_selector("#certificates-progress[aria-valuenow='2']", timeout=120_000)
    assert page.locator("[data-ready]:not(.d-none)").count() == 2
    assert page.locator("#certificates-status").inner_text() == "Đã tạo 2/2 đợt."
    screenshot("batches-made")
    # Each batch is now a PDF the browser holds: the link saves it, with its certificates.
    for n, first in enumerate([1, CERTIFICATE_BATCH + 1]):
        assert batches.nth(n).get_attribute("href").startswith("blob:")
        with page.expect_download() as download:
            batches.nth(n).click()
        pdf = Path(download.value.path()).read_bytes()
        pages = placed_lines(pdf)
        assert len(pages) == min(CERTIFICATE_BATCH, AWARDS - first + 1)
        assert download.value.suggested_filename == f"Bằng khen {first}–{first + len(pages) - 1}.pdf"
    assert not violations
    assert Decision.objects.filter(pk=large_decision.pk).exists()
