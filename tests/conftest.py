"""Shared personas: two provinces, two blocs of one province, and a user of each role.

`bloc` and `other_bloc` both belong to `province`; `secretary` keeps `bloc`,
`other_secretary` keeps `other_bloc`; `outsider` is the admin of `other_province`.
"""

import threading
import weakref

import pytest
from django.db.backends.signals import connection_created
from django.http import HttpRequest
from django.test import Client

from blocs.models import User
from tests.factories import AgencyFactory, BlocFactory, MembershipFactory, ProvinceFactory, UserFactory


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are deselected (not skipped) on SQLite; CI's second pass runs them."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if "postgres" not in item.keywords]
    if len(kept) != len(items):
        config.hook.pytest_deselected(items=[item for item in items if item not in kept])
        items[:] = kept


@pytest.fixture(scope="session", autouse=True)
def close_every_connection_before_the_test_database_goes(django_db_setup):
    """Django keeps a database connection per context, and once Playwright (the browser
    tests) has run, tests of this thread no longer all share one context: a connection
    opened in an earlier one stays open, and dropping the PostgreSQL test database then
    fails ("being accessed by other users"). Every connection this thread opened is
    closed before the database is dropped (this fixture's teardown comes first)."""
    opened, this_thread = [], threading.get_ident()

    def remember(sender, connection, **kwargs):
        if connection._thread_ident == this_thread:  # other threads close their own
            opened.append(weakref.ref(connection))

    connection_created.connect(remember, weak=False)
    yield
    connection_created.disconnect(remember)
    for ref in opened:
        if (wrapper := ref()) is not None:
            wrapper.close()


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in as that user (anonymous: not logged in)."""

    def log_in(user):
        if user.is_authenticated:
            client.force_login(user)
        return client

    return log_in


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class AxesClient(Client):
    """The test client, whose login() passes a request as the login page does: django-axes needs one."""

    def login(self, **credentials):
        request = HttpRequest()
        request.META["REMOTE_ADDR"] = "127.0.0.1"  # the address of the test client's own requests
        return super().login(request=request, **credentials)


@pytest.fixture
def client():
    return AxesClient()


@pytest.fixture
def province(db):
    return ProvinceFactory(name="Điện Biên", code="dien-bien")


@pytest.fixture
def other_province(db):
    return ProvinceFactory(name="Vĩnh Phúc", code="vinh-phuc")


@pytest.fixture
def bloc(province):
    return BlocFactory(province=province, name="Khối Văn hóa - Xã hội")


@pytest.fixture
def other_bloc(province):
    return BlocFactory(province=province, name="Khối Kinh tế - Tổng hợp")


@pytest.fixture
def foreign_bloc(other_province):
    return BlocFactory(province=other_province, name="Khối Văn hóa - Xã hội")


@pytest.fixture
def members(bloc):
    """Three member agencies of `bloc` in 2017 and 2018, as {year: [memberships]}."""
    agencies = [
        AgencyFactory(province=bloc.province, name=name)
        for name in ("Bảo hiểm xã hội tỉnh", "Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo")
    ]
    return {year: [MembershipFactory(bloc=bloc, agency=a, year=year) for a in agencies] for year in (2017, 2018)}


@pytest.fixture
def province_admin(province):
    return UserFactory(username="admin", role=User.Role.PROVINCE_ADMIN, province=province)


@pytest.fixture
def secretary(bloc):
    return UserFactory(username="thuky", role=User.Role.SECRETARY, province=bloc.province, blocs=[bloc])


@pytest.fixture
def other_secretary(other_bloc):
    return UserFactory(username="thuky2", role=User.Role.SECRETARY, province=other_bloc.province, blocs=[other_bloc])


@pytest.fixture
def viewer(province):
    return UserFactory(username="xem", role=User.Role.VIEWER, province=province)


@pytest.fixture
def outsider(other_province):
    """The admin of another province."""
    return UserFactory(username="admin2", role=User.Role.PROVINCE_ADMIN, province=other_province)


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", password="secret-pass-123")
