"""Sessions last a working day and end at logout; weak passwords are refused."""

import pytest
from django.conf import settings
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.urls import reverse

WORKING_DAY = 8 * 60 * 60


def test_a_session_lasts_a_working_day_and_ends_with_the_browser(client, viewer):
    response = client.post(reverse("login"), {"username": "xem", "password": "secret-pass-123"})

    assert response.status_code == 302
    assert settings.SESSION_COOKIE_AGE == WORKING_DAY
    assert client.session.get_expiry_age() == WORKING_DAY
    # A cookie without an expiry date is dropped when the browser closes.
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == ""
    assert cookie["max-age"] == ""
    assert cookie["httponly"]


def test_logout_ends_the_session(client, viewer):
    client.force_login(viewer)
    old_key = client.session.session_key
    assert Session.objects.filter(session_key=old_key).exists()

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert not Session.objects.filter(session_key=old_key).exists()
    client.cookies[settings.SESSION_COOKIE_NAME] = old_key  # the old cookie, replayed
    page = client.get(reverse("blocs:bloc_list"))
    assert page.status_code == 302
    assert page.url.startswith(reverse("login"))


def test_logout_is_post_only(client, viewer):
    client.force_login(viewer)

    assert client.get(reverse("logout")).status_code == 405
    assert client.get(reverse("blocs:bloc_list")).status_code == 200


@pytest.mark.parametrize(
    "password",
    [
        "12345678",  # common and entirely numeric
        "matkhau",  # too short
        "password123",  # common
        "xem.dienbien2026",  # too close to the username
    ],
)
def test_a_weak_password_is_refused(viewer, password):
    viewer.username = "xem.dienbien2026"
    with pytest.raises(ValidationError):
        validate_password(password, viewer)
    form = SetPasswordForm(viewer, {"new_password1": password, "new_password2": password})
    assert not form.is_valid()
    assert "new_password2" in form.errors


def test_a_strong_password_is_accepted(viewer):
    password = "Khoi-thi-dua-Dien-Bien-2018"
    validate_password(password, viewer)
    form = SetPasswordForm(viewer, {"new_password1": password, "new_password2": password})
    assert form.is_valid()
