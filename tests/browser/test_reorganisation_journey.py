"""Issue 13, first "Done when": the Điện Biên admin merges Sở Lao động - Thương binh và Xã
hội into Sở Nội vụ from 01/03/2025 through the page, after its dry-run preview."""

import io

import pytest
from pypdf import PdfReader

from blocs.models import Agency, Bloc, Membership
from tests.browser.helpers import demo_password, log_in
from tests.fixtures.demo import load_demo_committed

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LDTBXH = "Sở Lao động - Thương binh và Xã hội"
NOIVU = "Sở Nội vụ"


@pytest.fixture
def dien_bien():
    load_demo_committed()
    return Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")


def pdf_text(page, url):
    response = page.request.get(url)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def members_of(page, year):
    return [t.strip() for t in page.locator(f'details[data-year="{year}"] ol li > a').all_text_contents()]


def test_admin_merges_a_department_and_the_register_follows(page, screenshot, dien_bien):
    bloc = dien_bien
    log_in(page, "admin.dienbien", demo_password("admin.dienbien"))
    pdf_2017 = f"/reports/blocs/{bloc.pk}/2017/summary.pdf"
    before = pdf_text(page, pdf_2017)
    assert LDTBXH in before

    page.goto("/blocs/")
    page.click("[data-testid=reorganisation-links] >> text=Sáp nhập cơ quan")
    page.get_by_label(LDTBXH, exact=True).check()
    page.select_option("#id_successor", label=NOIVU)
    page.fill("#id_effective_on", "01/03/2025")
    page.fill("#id_basis_number", "15/NQ-HĐND")
    page.fill("#id_basis_date", "28/02/2025")
    page.fill("#id_note", "Minh họa: phần việc về trẻ em chuyển sang Sở Y tế.")
    page.click("[data-testid=preview]")
    preview = page.locator("[data-testid=merge-preview]").inner_text()
    screenshot("preview")
    assert "2025\tKhối Văn hóa - Xã hội\tSở Nội vụ thay thế Sở Lao động - Thương binh và Xã hội." in preview
    assert "2026\tKhối Văn hóa - Xã hội\tSở Nội vụ thay thế Sở Lao động - Thương binh và Xã hội." in preview
    assert "Sở Nội vụ trở thành Phó trưởng khối." in preview  # LĐ-TB&XH was 2025's deputy
    assert Agency.objects.get(province=bloc.province, name=LDTBXH).active_until is None  # nothing saved yet

    page.click("[data-testid=confirm-merge]")
    page.wait_for_url("**/agencies/*/")
    assert "15/NQ-HĐND" in page.locator("main").inner_text()

    page.goto(f"/blocs/{bloc.pk}/")
    for year in (2025, 2026):
        names = members_of(page, year)
        assert names.count(NOIVU) == 1, (year, names)
        assert LDTBXH not in names
        assert len(names) == 7
    assert LDTBXH in members_of(page, 2024)  # before the merger, as it was
    hint = page.locator("[data-testid=rotation-hint]").inner_text()
    assert LDTBXH not in hint and NOIVU in hint
    leaders = page.locator("[data-testid=leadership-history]").inner_text()
    assert "2025\tBảo hiểm xã hội tỉnh\tSở Nội vụ" in leaders
    screenshot("bloc-after-merger")

    assert pdf_text(page, pdf_2017) == before

    page.fill("#id_year", "2027")
    page.click("input[name=preview]")  # what the copy would do, then the copy (issue 16)
    page.wait_for_load_state("networkidle")
    assert NOIVU in page.locator("[data-testid=copy-preview]").inner_text()
    page.click("[data-testid=confirm-copy]")
    page.wait_for_load_state("networkidle")
    screenshot("copied-2027")
    names_2027 = members_of(page, 2027)
    assert len(names_2027) == 7 and NOIVU in names_2027
    closed_agencies = Agency.objects.filter(province=bloc.province, active_until__isnull=False)
    closed = set(closed_agencies.values_list("name", flat=True))
    assert closed >= {LDTBXH, "Sở Thông tin và Truyền thông"}
    assert not closed & set(names_2027)
    assert not Membership.objects.filter(bloc=bloc, year=2027, agency__active_until__isnull=False).exists()
