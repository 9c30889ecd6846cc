"""Requests refused before any view: a form sent from a page whose session changed (CSRF), a post
over the size or field limits, each with a Vietnamese page that says the text was not saved and
how to get it back; /healthz over plain HTTP; the favicon; a 403 or 404 logged as one line; a
deactivated user's sessions ended."""

import logging

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse

from blocs import services
from blocs.models import User
from config.errors import QuietClientErrors
from tests.blocs.factories import UserFactory
from tests.permissions.htmlforms import form_data

NOT_SAVED = "Những gì bạn đã nhập trên trang đó chưa được lưu."
BACK = "Bấm nút Quay lại (Back) của trình duyệt"


def test_a_form_from_a_stale_page_gets_a_vietnamese_page_that_says_nothing_was_saved(db, province_admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(province_admin)
    response = client.post(reverse("awards:proposal_list"), {"action": "submit", "sub-number": "1/TTr"})
    assert response.status_code == 403
    page = response.content.decode()
    assert 'data-testid="csrf-failure"' in page
    assert NOT_SAVED in page and BACK in page
    assert "CSRF verification failed" not in page


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=1000)
def test_a_post_too_large_gets_a_vietnamese_page_that_says_nothing_was_saved(login, province_admin):
    response = login(province_admin).post(reverse("awards:proposal_list"), {"sub-signer": "x" * 5000})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'data-testid="too-large"' in page
    assert NOT_SAVED in page and BACK in page


@override_settings(DATA_UPLOAD_MAX_NUMBER_FIELDS=10)
def test_a_post_with_too_many_fields_gets_the_same_page(login, province_admin):
    data = {f"field-{i}": "1" for i in range(20)}
    response = login(province_admin).post(reverse("awards:proposal_list"), data)
    assert response.status_code == 400
    assert 'data-testid="too-large"' in response.content.decode()


@override_settings(SECURE_SSL_REDIRECT=True, DEBUG=False)
def test_healthz_answers_plain_http_while_pages_are_redirected_to_https(client, db):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.content == b"ok"
    assert "Set-Cookie" not in health.headers
    login_page = client.get("/login/")
    assert login_page.status_code == 301 and login_page["Location"].startswith("https://")


def test_the_production_settings_exempt_healthz_from_the_https_redirect():
    from django.conf import settings

    assert settings.SECURE_REDIRECT_EXEMPT == [r"^healthz$"]


def test_the_favicon_is_served_and_named_by_every_page(client, db, province_admin):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/vnd.microsoft.icon"
    assert icon.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    client.force_login(province_admin)
    assert 'rel="icon"' in client.get(reverse("blocs:bloc_list")).content.decode()


# Logs ------------------------------------------------------------------------------------------


@pytest.fixture
def console_records():
    """What the console handler would print: the records after its filter."""
    records = []
    quiet = QuietClientErrors()

    class Keep(logging.Handler):
        def emit(self, record):
            if quiet.filter(record):
                records.append(record)

    handler = Keep(level=logging.WARNING)
    logger = logging.getLogger("django")
    logger.addHandler(handler)
    yield records
    logger.removeHandler(handler)


def test_a_403_is_one_line_with_user_path_and_reason(login, viewer, console_records):
    response = login(viewer).post(reverse("awards:proposal_list"), {"action": "submit"})
    assert response.status_code == 403
    [record] = [r for r in console_records if r.name == "django.request"]
    assert record.exc_info is None
    line = logging.Formatter().format(record)
    assert "\n" not in line
    assert line.startswith("403 POST /awards/ user=xem reason=")
    assert "Chỉ quản trị tỉnh" in line or "province admin" in line


def test_a_404_is_one_line_too(login, viewer, console_records):
    response = login(viewer).get(reverse("blocs:bloc_detail", args=[999999]))
    assert response.status_code == 404
    [record] = [r for r in console_records if r.name == "django.request"]
    assert record.exc_info is None
    assert logging.Formatter().format(record).startswith(f"404 GET /blocs/999999/ user={viewer.username} reason=")


def test_a_500_keeps_its_traceback():
    record = logging.LogRecord("django.request", logging.ERROR, __file__, 1, "Internal Server Error: /x", (), None)
    record.status_code = 500
    try:
        raise ValueError("boom")
    except ValueError:
        import sys

        record.exc_info = sys.exc_info()
    assert QuietClientErrors().filter(record)
    assert record.exc_info is not None and record.getMessage() == "Internal Server Error: /x"


def test_settings_put_the_filter_on_the_console_and_print_each_record_once():
    from django.conf import settings

    assert settings.LOGGING["handlers"]["console"]["filters"] == ["quiet_client_errors"]
    assert settings.LOGGING["loggers"]["django"]["handlers"] == []


# Sessions of a deactivated user ------------------------------------------------------------------


def sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_deactivating_a_user_ends_their_sessions_and_reactivating_brings_none_back(db, province_admin, province):
    official = UserFactory(username="canbo", role=User.Role.VIEWER, province=province)
    other = UserFactory(username="khac", role=User.Role.VIEWER, province=province)
    browsers = [Client(), Client()]
    for browser in browsers:
        browser.force_login(official)
    other_browser = Client()
    other_browser.force_login(other)
    assert len(sessions_of(official)) == 2

    official.is_active = False
    services.user_save(actor=province_admin, user=official)
    assert sessions_of(official) == []
    assert len(sessions_of(other)) == 1  # nobody else is logged out

    official.is_active = True
    services.user_save(actor=province_admin, user=official)
    for browser in browsers:
        response = browser.get(reverse("blocs:bloc_list"))
        assert response.status_code == 302 and response.url.startswith(reverse("login"))
    assert other_browser.get(reverse("blocs:bloc_list")).status_code == 200


def test_deactivating_in_the_admin_ends_the_sessions(db, login, province_admin, province):
    official = UserFactory(username="canbo", role=User.Role.VIEWER, province=province)
    browser = Client()
    browser.force_login(official)
    admin = login(province_admin)
    url = reverse("admin:blocs_user_change", args=[official.pk])
    data = form_data(admin.get(url))
    data.pop("is_active", None)  # the box unticked
    response = admin.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    official.refresh_from_db()
    assert not official.is_active
    assert sessions_of(official) == []


def test_saving_an_active_user_keeps_their_sessions(db, province_admin, province):
    official = UserFactory(username="canbo", role=User.Role.VIEWER, province=province)
    Client().force_login(official)
    official.last_name = "Lò"
    services.user_save(actor=province_admin, user=official)
    assert len(sessions_of(official)) == 1
