"""The admin's filter sidebars offer only the admin's own province's values."""

import pytest
from django.urls import reverse

from tests.blocs.factories import AgencyFactory, BlocFactory, MembershipFactory


@pytest.fixture
def foreign_membership(other_province):
    bloc = BlocFactory(province=other_province, name="Khối Nội chính (tỉnh khác)")
    return MembershipFactory(bloc=bloc, agency=AgencyFactory(province=other_province, name="Sở Tư pháp (tỉnh khác)"))


@pytest.mark.parametrize("model", ["membership", "leadership", "agency", "bloc", "user"])
def test_province_admin_sees_no_other_province_in_the_filters(
    client, province_admin, members, foreign_membership, model
):
    client.force_login(province_admin)
    page = client.get(reverse(f"admin:blocs_{model}_changelist")).content.decode()
    assert "Vĩnh Phúc" not in page
    assert "Khối Nội chính (tỉnh khác)" not in page


def test_own_blocs_are_offered_as_filters(client, province_admin, members, foreign_membership, bloc, other_bloc):
    MembershipFactory(bloc=other_bloc, agency=AgencyFactory(province=other_bloc.province))
    client.force_login(province_admin)
    page = client.get(reverse("admin:blocs_membership_changelist")).content.decode()
    assert f"bloc__id__exact={bloc.pk}" in page
    assert f"bloc__id__exact={other_bloc.pk}" in page
    assert f"bloc__id__exact={foreign_membership.bloc.pk}" not in page


def test_superuser_keeps_the_province_filter(client, superuser, members, foreign_membership):
    client.force_login(superuser)
    page = client.get(reverse("admin:blocs_agency_changelist")).content.decode()
    assert "Vĩnh Phúc" in page
