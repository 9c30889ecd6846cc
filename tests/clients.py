"""Test clients shared by the fixtures and the tests."""

from django.conf import settings
from django.http import HttpRequest
from django.test import Client


class AxesClient(Client):
    """The test client, whose login() passes a request as the login page does: django-axes needs one."""

    def login(self, **credentials):
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"  # the address of the test client's own requests
        return super().login(request=request, **credentials)


def client_for(user):
    """A fresh test client (no CSRF checks), logged in as `user` unless None."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def clients_for(user):
    """A maker of fresh test clients on one session of `user` (None: anonymous), logged in now.

    For many requests each rolled back in a savepoint (tests/permissions): the session is saved
    before them, so whatever a request does to it (a logout deletes it) is rolled back with the
    rest, and the next client starts from the same session. Logging in anew for each request
    cost about as much as the request itself."""
    session = None
    if user is not None:
        session = client_for(user).cookies[settings.SESSION_COOKIE_NAME].value

    def fresh_client():
        client = Client()
        if session is not None:
            client.cookies[settings.SESSION_COOKIE_NAME] = session
        return client

    return fresh_client
