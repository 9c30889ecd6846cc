"""blocs/access.py for every persona: what each one sees, and what each one may change.

Out of scope is a 404 (Http404: we do not confirm the object exists), in scope but
read only is a 403 (PermissionDenied). The views that use these helpers are tested
in test_views.py.
"""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from blocs.access import (
    can_write_bloc,
    get_agency_for_user,
    get_bloc_for_registry,
    get_bloc_for_user,
    visible_agencies,
    visible_blocs,
)
from tests.blocs.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

ALL_PERSONAS = ["superuser", "province_admin", "secretary", "other_secretary", "viewer", "outsider", "anonymous"]


@pytest.fixture
def blocs(bloc, other_bloc, foreign_bloc):
    return {"bloc": bloc, "other_bloc": other_bloc, "foreign_bloc": foreign_bloc}


@pytest.fixture
def agencies(members, other_member, foreign_member, loose_agency):
    return {
        "members": {m.agency for m in members[2017]},  # of `bloc`
        "other_member": {other_member},  # of `other_bloc`
        "loose_agency": {loose_agency},  # of `province`, in no bloc
        "foreign_member": {foreign_member},  # of `other_province`
    }


def outcome(helper, *args, **kwargs):
    """What a helper gives: "ok", "404" or "403"."""
    try:
        helper(*args, **kwargs)
    except Http404:
        return "404"
    except PermissionDenied:
        return "403"
    return "ok"


# What each persona sees ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("superuser", {"bloc", "other_bloc", "foreign_bloc"}),
        ("province_admin", {"bloc", "other_bloc"}),
        ("viewer", {"bloc", "other_bloc"}),
        ("secretary", {"bloc"}),
        ("other_secretary", {"other_bloc"}),
        ("outsider", {"foreign_bloc"}),
        ("anonymous", set()),
    ],
    indirect=["persona"],
)
def test_visible_blocs(persona, expected, blocs):
    assert set(visible_blocs(persona)) == {blocs[name] for name in expected}


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("superuser", {"members", "other_member", "loose_agency", "foreign_member"}),
        ("province_admin", {"members", "other_member", "loose_agency"}),
        ("viewer", {"members", "other_member", "loose_agency"}),
        ("secretary", {"members"}),
        ("other_secretary", {"other_member"}),
        ("outsider", {"foreign_member"}),
        ("anonymous", set()),
    ],
    indirect=["persona"],
)
def test_visible_agencies(persona, expected, agencies):
    assert set(visible_agencies(persona)) == set().union(*(agencies[name] for name in expected))


def test_secretary_sees_each_member_agency_once(secretary, members):
    """An agency that was a member for several years is listed once, not once a year."""
    assert visible_agencies(secretary).count() == 3


def test_user_without_a_province_sees_nothing(bloc, members):
    """Every user but a superuser works for one province; a half-made account sees nothing."""
    orphan = UserFactory(role="province_admin", province=None)
    assert not visible_blocs(orphan).exists()
    assert not visible_agencies(orphan).exists()


# Reading and writing a bloc ------------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("superuser", {"bloc": True, "other_bloc": True, "foreign_bloc": True}),
        ("province_admin", {"bloc": True, "other_bloc": True, "foreign_bloc": False}),
        ("secretary", {"bloc": True, "other_bloc": False, "foreign_bloc": False}),
        ("other_secretary", {"bloc": False, "other_bloc": True, "foreign_bloc": False}),
        ("viewer", {"bloc": False, "other_bloc": False, "foreign_bloc": False}),
        ("outsider", {"bloc": False, "other_bloc": False, "foreign_bloc": True}),
        ("anonymous", {"bloc": False, "other_bloc": False, "foreign_bloc": False}),
    ],
    indirect=["persona"],
)
def test_can_write_bloc(persona, expected, blocs):
    assert {name: can_write_bloc(persona, bloc) for name, bloc in blocs.items()} == expected


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("superuser", "ok", "ok"),
        ("province_admin", "ok", "ok"),
        ("secretary", "ok", "ok"),
        ("other_secretary", "404", "404"),
        ("viewer", "ok", "403"),
        ("outsider", "404", "404"),
        ("anonymous", "404", "404"),
    ],
    indirect=["persona"],
)
def test_get_bloc_for_user(persona, read, write, bloc):
    assert outcome(get_bloc_for_user, persona, bloc.pk) == read
    assert outcome(get_bloc_for_user, persona, bloc.pk, write=True) == write


def test_get_bloc_for_user_returns_the_bloc(secretary, bloc):
    assert get_bloc_for_user(secretary, bloc.pk, write=True) == bloc


@pytest.mark.parametrize("pk", [999999, "abc"])
def test_get_bloc_for_user_unknown_or_malformed_pk_is_404(province_admin, pk):
    with pytest.raises(Http404):
        get_bloc_for_user(province_admin, pk)


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("superuser", "ok"),
        ("province_admin", "ok"),
        ("secretary", "403"),  # enters results for the bloc, but does not manage its members
        ("other_secretary", "404"),
        ("viewer", "403"),
        ("outsider", "404"),
        ("anonymous", "404"),
    ],
    indirect=["persona"],
)
def test_get_bloc_for_registry(persona, expected, bloc):
    assert outcome(get_bloc_for_registry, persona, bloc.pk) == expected


# Reading and writing an agency ---------------------------------------------------------


@pytest.mark.parametrize(
    ("persona", "read", "write"),
    [
        ("superuser", "ok", "ok"),
        ("province_admin", "ok", "ok"),
        ("secretary", "ok", "403"),  # sees its bloc's members; the registry is the admin's
        ("other_secretary", "404", "404"),
        ("viewer", "ok", "403"),
        ("outsider", "404", "404"),
        ("anonymous", "404", "404"),
    ],
    indirect=["persona"],
)
def test_get_agency_for_user(persona, read, write, members):
    member = members[2017][0].agency
    assert outcome(get_agency_for_user, persona, member.pk) == read
    assert outcome(get_agency_for_user, persona, member.pk, write=True) == write


def test_secretary_cannot_see_an_agency_outside_their_blocs(secretary, members, loose_agency):
    assert outcome(get_agency_for_user, secretary, loose_agency.pk) == "404"


def test_get_agency_for_user_fetches_the_agency_with_its_successor(viewer, province, django_assert_num_queries):
    successor = AgencyFactory(province=province, name="Sở Khoa học và Công nghệ")
    merged = AgencyFactory(province=province, name="Sở Thông tin và Truyền thông", successor=successor)
    with django_assert_num_queries(1):  # the agency joined with its province and successor
        found = get_agency_for_user(viewer, merged.pk)
        assert (found, found.successor, found.province) == (merged, successor, province)


@pytest.mark.parametrize("persona", ALL_PERSONAS, indirect=True)
def test_nobody_reaches_an_unknown_agency(persona, db):
    with pytest.raises(Http404):
        get_agency_for_user(persona, "not-a-number")
