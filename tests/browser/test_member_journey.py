"""Issue 18's journey, on a phone 390 px wide: the staff of Sở Y tế (Điện Biên) enter its 2017
self-assessment with a photo and confirm the pledge; the staff of Sở Giáo dục và Đào tạo see
none of it; the bloc's secretary sees it beside the bloc's scores, adopts it and finalizes; Sở
Y tế can then change nothing. axe-core checks each of the member's pages."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from PIL import Image

from blocs.models import Bloc, Membership, User
from core.models import Attachment
from emulation import services
from emulation.models import Conference, Criterion, Score, SelfAssessment
from tests.browser.helpers import PHONE, axe_violations, demo_password, fits_the_phone, log_in, small_touch_targets
from tests.fixtures.browser import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The controls a thumb must hit on the member's pages: each at least 44 px each way.
CONTROLS = ", ".join(
    f".member-page {control}"
    for control in ("button", "[data-testid=attachments] a", "input:not([type=hidden])", "textarea", ".list-group-item")
)


@pytest.fixture
def dien_bien_2017_open():
    """The demo data, with the 2017 conference of Điện Biên's Khối Văn hóa - Xã hội reopened by
    the province admin and a scoring table of two criteria (the seed gives none)."""
    call_command("load_demo", force=True, verbosity=0)
    bloc = Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")
    admin = User.objects.get(username="admin.dienbien")
    services.conference_reopen(actor=admin, conference=Conference.objects.get(bloc=bloc, year=2017))
    criteria = services.criteria_save(
        actor=admin,
        bloc=bloc,
        year=2017,
        rows=[
            Criterion(order=1, name="Công tác chỉ đạo, điều hành", max_points=Decimal("60")),
            Criterion(order=2, name="Kết quả thực hiện nhiệm vụ", max_points=Decimal("40")),
        ],
    )
    return bloc, list(criteria.order_by("order"))


@pytest.fixture
def phone(chromium, live_server):
    contexts = []

    def open_page():
        context = chromium.new_context(
            base_url=live_server.url, locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield open_page
    for context in contexts:
        context.close()


def photo(tmp_path):
    path = tmp_path / "giay-khen.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 30, 30)).save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def phone_screenshot(page):
    """Saves the phone's screen under test-artifacts/ for a person to look at."""

    def take(name):
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / f"member-journey-{name}.png"), full_page=True)

    return take


def check_phone_page(page, screenshot, name):
    assert fits_the_phone(page), f"{name}: wider than 390 px"
    assert axe_violations(page) == [], name
    assert small_touch_targets(page, CONTROLS) == [], name
    screenshot(name)


def test_a_member_sends_its_part_from_a_phone_and_the_secretary_adopts_it(
    phone, page, screenshot, tmp_path, dien_bien_2017_open
):
    bloc, criteria = dien_bien_2017_open
    health = Membership.objects.get(bloc=bloc, year=2017, agency__name="Sở Y tế")

    # Sở Y tế's staff, on a phone: a draft first.
    mine = phone()
    log_in(mine, "yte.dienbien", demo_password("yte.dienbien"))
    mine.wait_for_url("**/my/")
    check_phone_page(mine, phone_screenshot(mine), "my-years")
    mine.locator("[data-testid=member-year]", has_text="2017").click()
    mine.wait_for_url(f"**/my/{health.pk}/")
    shot = phone_screenshot(mine)
    check_phone_page(mine, shot, "my-2017-empty")
    mine.fill(f"#id_p{criteria[0].pk}", "55,5")
    mine.fill(f"#id_n{criteria[0].pk}", "Ban hành kế hoạch thi đua đúng hạn.")
    mine.fill(f"#id_p{criteria[1].pk}", "38")
    mine.click("button[name=draft]")
    mine.wait_for_url(f"**/my/{health.pk}/")
    draft = SelfAssessment.objects.get(membership=health)
    assert draft.status == SelfAssessment.Status.DRAFT

    # The photo, from the camera or the phone's files.
    file_input = mine.locator("#evidence-file")
    assert file_input.get_attribute("accept") == "image/*,application/pdf"
    assert file_input.get_attribute("capture") == "environment"
    file_input.set_input_files(str(photo(tmp_path)))
    mine.fill("#evidence-title", "Giấy khen của Bộ Y tế")
    mine.click("[data-testid=evidence-form] button")
    mine.wait_for_url(f"**/my/{health.pk}/")
    evidence = Attachment.objects.get(object_id=draft.pk, content_type__model="selfassessment")
    assert evidence.kind == "jpeg"

    # Sở Giáo dục và Đào tạo's staff see none of Sở Y tế's draft, nor its photo.
    theirs = phone()
    log_in(theirs, "gddt.dienbien", demo_password("gddt.dienbien"))
    theirs.wait_for_url("**/my/")
    assert "Sở Y tế" not in theirs.content()
    for url in (f"/my/{health.pk}/", f"/attachments/{evidence.pk}/", f"/attachments/selfassessment/{draft.pk}/"):
        assert theirs.goto(url).status == 404, url

    # Back to Sở Y tế: the pledge confirmed, then everything sent.
    mine.click("[data-testid=pledge-confirm]")
    mine.wait_for_url(f"**/my/{health.pk}/")
    assert mine.locator("[data-testid=pledge-confirmed]").is_visible()
    mine.click("button[name=send]")
    mine.wait_for_url(f"**/my/{health.pk}/")
    check_phone_page(mine, shot, "my-2017-sent")
    sent = SelfAssessment.objects.get(membership=health)
    assert sent.status == SelfAssessment.Status.SUBMITTED and sent.pledge_acknowledged_at is not None
    assert not Score.objects.filter(membership=health).exists()  # not the bloc's until adopted

    # The secretary sees it beside the bloc's scores, adopts it, and finalizes.
    log_in(page, "thuky.dienbien", demo_password("thuky.dienbien"))
    page.goto(f"/blocs/{bloc.pk}/conferences/2017/")
    section = page.locator("[data-testid=self-assessments]")
    assert "Sở Y tế" in section.inner_text() and "55,5" in section.inner_text()
    assert section.locator(".badge", has_text="khác").count() == 2  # the bloc has no points yet
    screenshot("results-with-self-assessment")
    section.locator("[data-testid=adopt]").click()
    page.wait_for_url(f"**/blocs/{bloc.pk}/conferences/2017/")
    assert page.input_value(f"#id_score-{health.pk}-c{criteria[0].pk}") == "55,50"
    assert page.locator("[data-testid=self-assessments] .badge", has_text="khác").count() == 0
    page.once("dialog", lambda dialog: dialog.accept())
    page.click("button[name=finalize]")
    page.wait_for_url("**/conferences/*/")
    assert Conference.objects.get(bloc=bloc, year=2017).is_finalized
    assert dict(Score.objects.filter(membership=health).values_list("criterion_id", "points")) == {
        criteria[0].pk: Decimal("55.5"),
        criteria[1].pk: Decimal("38"),
    }

    # Sở Y tế can no longer change what it sent, and sees the bloc's results.
    mine.goto(f"/my/{health.pk}/")
    assert mine.locator("[data-testid=locked]").is_visible()
    assert mine.locator("[data-testid=self-assessment-form]").count() == 0
    assert mine.locator("[data-testid=evidence-form]").count() == 0
    assert mine.locator("[data-testid=bloc-results]").is_visible()
    check_phone_page(mine, shot, "my-2017-finalized")
    token = mine.context.cookies()
    csrf = next(c["value"] for c in token if c["name"] == "csrftoken")
    response = mine.request.post(
        f"/my/{health.pk}/", form={f"p{criteria[0].pk}": "1", "send": "1"}, headers={"X-CSRFToken": csrf}
    )
    assert response.status == 403
    assert SelfAssessment.objects.get(membership=health).status == SelfAssessment.Status.ADOPTED
