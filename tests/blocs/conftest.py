"""Fixtures for the blocs tests, on top of the shared personas in tests/conftest.py."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import translation

from tests.blocs.factories import AgencyFactory, MembershipFactory


@pytest.fixture(autouse=True)
def vietnamese():
    """Messages are asserted as the users read them, whatever another test activated."""
    with translation.override("vi"):
        yield


@pytest.fixture
def anonymous():
    return AnonymousUser()


@pytest.fixture
def persona(request):
    """The persona named by the test's `persona_name` parameter ("anonymous" included)."""
    return request.getfixturevalue(request.param)


@pytest.fixture
def other_member(other_bloc):
    """An agency of `province` that belongs to `other_bloc` in 2017, not to `bloc`."""
    return MembershipFactory(bloc=other_bloc, agency__name="Sở Tài chính", year=2017).agency


@pytest.fixture
def foreign_member(foreign_bloc):
    """An agency of `other_province`, member of `foreign_bloc` in 2017."""
    return MembershipFactory(bloc=foreign_bloc, agency__name="Sở Tư pháp", year=2017).agency


@pytest.fixture
def loose_agency(province):
    """An agency of `province` that has never been in a bloc."""
    return AgencyFactory(province=province, name="Thanh tra tỉnh")


@pytest.fixture
def demo_settings(settings):
    """What `load_demo` needs: pytest-django turns DEBUG off, which the command refuses; and the
    default hasher would spend most of the time hashing demo passwords."""
    settings.DEBUG = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return settings
