"""With DEBUG off a missing page and a crash show our generic pages, never a traceback or settings."""

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as project_urlpatterns


def crash(request):
    raise RuntimeError("secret detail of the crash")


# ROOT_URLCONF for these tests: the project's URLs plus one that raises.
urlpatterns = [path("test-crash/", crash), *project_urlpatterns]


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__


def assert_no_debug_output(page):
    assert "Traceback" not in page
    assert "secret detail of the crash" not in page
    assert "SECRET_KEY" not in page
    assert "DATABASES" not in page


def test_a_crash_shows_the_generic_server_error_page(production, db):
    client = Client(raise_request_exception=False)

    response = client.get("/test-crash/")

    assert response.status_code == 500
    page = response.content.decode()
    assert 'data-testid="server-error"' in page
    assert '<html lang="vi">' in page
    assert_no_debug_output(page)


def test_the_server_error_page_follows_the_chosen_language(production, db):
    client = Client(raise_request_exception=False)
    client.cookies["django_language"] = "en"

    response = client.get("/test-crash/")

    assert response.status_code == 500
    assert '<html lang="en">' in response.content.decode()
    assert "Server error" in response.content.decode()


def test_a_crash_for_a_logged_in_user_shows_the_same_page(production, viewer):
    client = Client(raise_request_exception=False)
    client.force_login(viewer)

    response = client.get("/test-crash/")

    assert response.status_code == 500
    assert 'data-testid="server-error"' in response.content.decode()
    assert_no_debug_output(response.content.decode())


def test_a_missing_page_shows_the_generic_not_found_page(production, client, viewer):
    client.force_login(viewer)

    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert [t.name for t in response.templates][0] == "404.html"
    page = response.content.decode()
    assert "/no-such-page/" not in page.split("<main")[1]  # no list of the URL patterns tried
    assert "Using the URLconf" not in page
    assert_no_debug_output(page)
