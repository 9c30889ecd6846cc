"""Issue 17's journey: the Điện Biên admin imports a year's members of two blocs from the
template (one row wrong first), and the bloc pages show them; the secretary attaches the signed
minutes of the 2017 conference, a viewer downloads them, another bloc's secretary gets a 404."""

import hashlib

import openpyxl
import pytest

from blocs.imports import LEADER, MEMBER
from blocs.models import Agency, Bloc, Membership, Province, User
from core.models import Attachment
from emulation.models import Conference
from tests.blocs.factories import BlocFactory, UserFactory
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

YEAR = 2030  # a year the demo data has no members for yet
SIGNED_MINUTES = b"%PDF-1.4\n% Bien ban hoi nghi tong ket 2017, da ky\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"


@pytest.fixture
def dien_bien():
    load_demo_committed()
    province = Province.objects.get(name="Điện Biên")
    culture = Bloc.objects.get(province=province, name="Khối Văn hóa - Xã hội")
    economy = Bloc.objects.filter(province=province).exclude(pk=culture.pk).first() or BlocFactory(
        province=province, name="Khối Kinh tế - Tổng hợp"
    )
    other_secretary = UserFactory(
        username="thuky.kinhte",
        role=User.Role.SECRETARY,
        province=province,
        blocs=[economy],
        password="mat-khau-thu-ky-2",
    )
    return province, culture, economy, other_secretary


def test_import_members_then_attach_and_download_the_signed_minutes(page, screenshot, tmp_path, dien_bien):
    province, culture, economy, other_secretary = dien_bien
    agencies = list(Agency.objects.filter(province=province).in_register_of(YEAR).order_by("pk")[:6])
    assert len(agencies) == 6

    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    page.goto("/blocs/")
    page.click("[data-testid=import-link]")
    with page.expect_download() as download:
        page.click("[data-testid=template-link]")
    template = tmp_path / "mau.xlsx"
    download.value.save_as(template)

    book = openpyxl.load_workbook(template)
    sheet = book.active
    sheet.delete_rows(2)  # the example row
    rows = [
        [culture.name, agencies[0].name, LEADER],
        [culture.name, agencies[1].name, MEMBER],
        [culture.name, agencies[2].name, MEMBER],
        [economy.name, agencies[3].name, LEADER],
        [economy.name, "Sở Không Tồn Tại", MEMBER],  # the wrong row: row 6
        [economy.name, agencies[5].name, MEMBER],
    ]
    for row in rows:
        sheet.append(row)
    filled = tmp_path / "thanh-vien.xlsx"
    book.save(filled)

    page.fill("#id_year", str(YEAR))
    page.set_input_files("#id_file", str(filled))
    page.click("[data-testid=upload-form] button")
    problems = page.locator("[data-testid=problems]")
    problems.wait_for()
    assert "Dòng 6" in problems.inner_text() and "Sở Không Tồn Tại" in problems.inner_text()
    assert page.locator("[data-testid=import]").count() == 0
    screenshot("preview-with-error")
    assert not Membership.objects.filter(year=YEAR).exists()

    sheet.cell(row=6, column=2, value=agencies[4].name)
    book.save(filled)
    page.fill("#id_year", str(YEAR))
    page.set_input_files("#id_file", str(filled))
    page.click("[data-testid=upload-form] button")
    page.locator("[data-testid=import]").wait_for()
    screenshot("preview-ok")
    page.click("[data-testid=import]")
    page.wait_for_url("**/blocs/")
    assert Membership.objects.filter(year=YEAR, bloc=culture).count() == 3
    assert Membership.objects.filter(year=YEAR, bloc=economy).count() == 3

    page.goto(f"/blocs/{economy.pk}/?year={YEAR}")
    body = page.locator("body").inner_text()
    assert agencies[4].name_in(YEAR) in body or agencies[4].name in body
    screenshot("bloc-page")

    # The secretary attaches the signed minutes of the 2017 conference, which the demo has
    # finalized: the secretary holds the signed paper and scans it after the conference; only
    # removing a file from a finalized record is the province admin's.
    conference = Conference.objects.get(bloc=culture, year=2017)
    assert conference.status == Conference.Status.FINALIZED
    minutes = tmp_path / "bien-ban-2017.pdf"
    minutes.write_bytes(SIGNED_MINUTES)
    page.context.clear_cookies()
    log_in(page, "thuky.dienbien", demo_password("thuky.dienbien"))
    page.goto(f"/conferences/{conference.pk}/")
    page.click("[data-testid=attachments-link]")
    page.fill("#id_title", "Biên bản hội nghị đã ký")
    page.set_input_files("#id_file", str(minutes))
    page.click("[data-testid=attach-form] button")
    page.locator("[data-testid=attachments]").wait_for()
    screenshot("attached")
    attachment = Attachment.objects.get(object_id=conference.pk, title="Biên bản hội nghị đã ký")

    # A viewer downloads it; another bloc's secretary gets a 404 on its URL.
    page.context.clear_cookies()
    log_in(page, "xem.dienbien", demo_password("xem.dienbien"))
    page.goto(f"/conferences/{conference.pk}/")
    screenshot("conference-with-original")
    with page.expect_download() as download:
        page.click("[data-testid=attachments] a")
    saved = tmp_path / "tai-ve.pdf"
    download.value.save_as(saved)
    assert hashlib.sha256(saved.read_bytes()).hexdigest() == hashlib.sha256(SIGNED_MINUTES).hexdigest()

    page.context.clear_cookies()
    log_in(page, other_secretary.username, "mat-khau-thu-ky-2")
    response = page.goto(f"/attachments/{attachment.pk}/")
    assert response.status == 404
