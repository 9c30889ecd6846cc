"""Login throttling (django-axes): five wrong passwords lock a username from one address, for a while."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from config.security import client_ip

PASSWORD = "secret-pass-123"  # tests.factories.UserFactory's


def log_in(client, username, password, address="127.0.0.1"):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def fail_five_times(client, username, address="127.0.0.1"):
    for _ in range(5):
        response = log_in(client, username, "wrong-password", address)
    return response


def is_logged_in(client):
    return "_auth_user_id" in client.session


def test_the_settings_lock_a_username_at_one_address_for_a_quarter_of_an_hour():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60
    assert settings.AXES_RESET_ON_SUCCESS is True


def test_four_wrong_passwords_still_let_the_right_one_in(client, viewer):
    for _ in range(4):
        assert log_in(client, "xem", "wrong-password").status_code == 200
    assert log_in(client, "xem", PASSWORD).status_code == 302
    assert is_logged_in(client)


def test_five_wrong_passwords_lock_the_username_even_with_the_right_password(client, viewer):
    fifth = fail_five_times(client, "xem")
    assert fifth.status_code == 429

    response = log_in(client, "xem", PASSWORD)

    assert response.status_code == 429
    assert not is_logged_in(client)
    assert "registration/lockout.html" in [t.name for t in response.templates]
    page = response.content.decode()
    assert 'data-testid="lockout"' in page
    assert "15" in page
    assert 'name="password"' not in page


def test_the_lockout_page_is_in_vietnamese_with_english_available(client, viewer):
    fail_five_times(client, "xem")
    vietnamese = log_in(client, "xem", PASSWORD)
    assert vietnamese.headers["Content-Language"] == "vi"

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = log_in(client, "xem", PASSWORD)

    assert english.status_code == 429
    assert english.headers["Content-Language"] == "en"
    assert "Too many failed logins" in english.content.decode()


def test_another_username_from_the_same_address_is_not_locked(client, viewer, secretary):
    fail_five_times(client, "xem")

    response = log_in(client, "thuky", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_the_same_username_from_another_address_is_not_locked(viewer):
    """An attacker elsewhere cannot lock an official out of their own office."""
    fail_five_times(Client(), "xem", address="203.0.113.9")
    official = Client()

    response = log_in(official, "xem", PASSWORD, address="10.1.2.3")

    assert response.status_code == 302
    assert is_logged_in(official)


def test_the_lockout_ends_after_the_cool_off(client, viewer):
    fail_five_times(client, "xem")
    assert log_in(client, "xem", PASSWORD).status_code == 429

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=15, seconds=1))
    response = log_in(client, "xem", PASSWORD)

    assert response.status_code == 302
    assert is_logged_in(client)


def test_trying_again_during_the_lockout_does_not_prolong_it(client, viewer):
    fail_five_times(client, "xem")
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    for _ in range(3):
        assert log_in(client, "xem", "still-wrong").status_code == 429

    # A minute later: had the tries restarted the cool-off, it would have 14 minutes left.
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=1, seconds=1))

    assert log_in(client, "xem", PASSWORD).status_code == 302


def test_a_successful_login_clears_the_failures(client, viewer):
    for _ in range(4):
        log_in(client, "xem", "wrong-password")
    assert log_in(client, "xem", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="xem").exists()

    client.post(reverse("logout"))
    for _ in range(4):
        log_in(client, "xem", "wrong-password")
    assert log_in(client, "xem", PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(client, superuser):
    url = reverse("admin:login")
    for _ in range(5):
        client.post(url, {"username": "root", "password": "wrong-password"})

    response = client.post(url, {"username": "root", "password": "secret-pass-123"})

    assert response.status_code == 429


def test_the_test_client_login_goes_through_axes(client, viewer):
    """tests/conftest.py's client passes the request that django-axes needs to client.login()."""
    assert client.login(username="xem", password=PASSWORD)
    assert not client.login(username="xem", password="wrong-password")
    assert AccessAttempt.objects.filter(username="xem", ip_address="127.0.0.1").exists()


class TestClientAddress:
    def request(self, rf, **meta):
        return rf.get("/", REMOTE_ADDR="10.0.0.1", **meta)

    def test_is_the_remote_address_without_a_proxy(self, rf, settings):
        settings.CLIENT_IP_HEADER = ""
        assert client_ip(self.request(rf, HTTP_X_REAL_IP="1.2.3.4")) == "10.0.0.1"

    def test_is_the_proxy_header_behind_a_proxy(self, rf, settings):
        settings.CLIENT_IP_HEADER = "X-Real-IP"
        assert client_ip(self.request(rf, HTTP_X_REAL_IP="198.51.100.7")) == "198.51.100.7"

    def test_is_the_address_our_proxy_appended_not_one_the_client_sent(self, rf, settings):
        settings.CLIENT_IP_HEADER = "X-Forwarded-For"
        request = self.request(rf, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
        assert client_ip(request) == "198.51.100.7"

    @pytest.mark.parametrize("value", ["", "not-an-address", "1.2.3.4, <script>"])
    def test_falls_back_to_the_remote_address_on_garbage(self, rf, settings, value):
        settings.CLIENT_IP_HEADER = "X-Forwarded-For"
        assert client_ip(self.request(rf, HTTP_X_FORWARDED_FOR=value)) == "10.0.0.1"
