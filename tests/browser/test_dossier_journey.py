"""Seed 000's award dossier: the Điện Biên secretary downloads it from the conference page as
one ZIP and finds every part in it, as DOCX and PDF; a viewer reads a part in the print view."""

import io
import zipfile

import pytest

from emulation.models import Conference
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed
from tests.reports.dossier import FORM_2017, NOMINEES
from tests.reports.pdf import pdf_text, squash

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def seed_000_conference():
    load_demo_committed()
    return Conference.objects.get(bloc__province__name="Điện Biên", year=2017)


def test_the_secretary_downloads_the_dossier_of_seed_000(page, screenshot, tmp_path, seed_000_conference):
    conference = seed_000_conference
    log_in(page, "thuky.dienbien", demo_password("thuky.dienbien"))
    page.goto(f"/conferences/{conference.pk}/")
    dossier = page.locator("[data-testid=dossier]")
    for name in NOMINEES:
        assert name in dossier.inner_text()
    screenshot("conference-page")

    # Building sixteen files takes seconds, more on a busy machine: the click waits for the download.
    with page.expect_download(timeout=240_000) as download:
        dossier.locator("[data-testid=dossier-zip]").click(timeout=240_000)
    assert download.value.suggested_filename.startswith("ho-so-de-nghi-khen-thuong-")
    saved = tmp_path / "ho-so.zip"
    download.value.save_as(saved)

    archive = zipfile.ZipFile(io.BytesIO(saved.read_bytes()))
    names = sorted(archive.namelist())
    assert [n[:2] for n in names if n.endswith(".pdf")] == [f"{n:02d}" for n in range(1, 9)]
    assert [n[:2] for n in names if n.endswith(".docx")] == [f"{n:02d}" for n in range(1, 9)]
    texts = {n[:2]: squash(pdf_text(archive.read(n))[0]) for n in names if n.endswith(".pdf")}
    assert "TỜ TRÌNH" in texts["01"] and "Nghị định số 91/2017/NĐ-CP" in texts["01"]
    assert "BIÊN BẢN" in texts["02"] and texts["02"].count("8 8 8 * 100,0% 100,0%") == 5  # members, ballots, for
    assert "DANH SÁCH" in texts["03"] and all(name in texts["03"] for name in NOMINEES)
    reports = [texts[f"{n:02d}"] for n in range(4, 9)]
    assert sorted(n for n in NOMINEES for r in reports if f"Tên tập thể đề nghị: {n}." in r) == sorted(NOMINEES)
    for report in reports:
        assert FORM_2017 in report
        assert "I. Sơ lược đặc điểm, tình hình" in report and "III. Các hình thức đã được khen thưởng" in report

    # A viewer of the province reads the vote minutes in the print view, and may download the ZIP too.
    page.context.clear_cookies()
    log_in(page, "xem.dienbien", demo_password("xem.dienbien"))
    page.goto(f"/conferences/{conference.pk}/")
    page.locator("[data-testid=dossier] a", has_text="bản xem in").nth(1).click()
    page.wait_for_load_state()
    assert "Họp bình xét, suy tôn thi đua, khen thưởng năm 2017" in page.content()
    screenshot("vote-minutes-print-view")
    response = page.request.get(f"/reports/conferences/{conference.pk}/dossier.zip", timeout=240_000)
    assert response.status == 200 and response.headers["content-type"] == "application/zip"
