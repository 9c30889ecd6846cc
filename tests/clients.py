"""Test clients shared by the fixtures and the tests."""

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
