"""Every rule of blocs/models.py, both ways.

A database constraint is shown twice: full_clean() (what forms, the admin and the
services run) refuses the row with a sentence, and a direct write that skips clean()
is refused by the database itself. The rules that span tables live in clean() only.
Deleting what history refers to is refused.
"""

import datetime
import re

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError, UniqueConstraint

from blocs import services
from blocs.models import Agency, AgencyName, Bloc, Leadership, Membership
from blocs.services import system_actor
from tests.blocs.factories import AgencyFactory, LeadershipFactory

pytestmark = pytest.mark.django_db


def refused_by_database(model, name):
    """pytest.raises(IntegrityError) naming the constraint of `model` that must fire.

    PostgreSQL names every constraint; SQLite names check constraints but reports a
    unique one by its columns.
    """
    constraint = next(c for c in model._meta.constraints if c.name == name)
    expected = name
    if connection.vendor == "sqlite" and isinstance(constraint, UniqueConstraint):
        table = model._meta.db_table
        expected = ", ".join(f"{table}.{model._meta.get_field(f).column}" for f in constraint.fields)
    return pytest.raises(IntegrityError, match=re.escape(expected))


def validation_messages(instance):
    """full_clean() must refuse the instance: {field: [messages]}."""
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


# Agency --------------------------------------------------------------------------------


class TestAgencyUniqueCurrentName:
    """blocs_agency_unique_current_name: one active agency of a name per province."""

    def test_clean_refuses_a_second_active_agency_of_the_name(self, province):
        AgencyFactory(province=province, name="Sở Y tế")
        errors = validation_messages(Agency(province=province, name="Sở Y tế"))
        assert errors[NON_FIELD_ERRORS] == ["Tỉnh đã có một cơ quan đang hoạt động mang tên này."]

    def test_database_refuses_a_second_active_agency_of_the_name(self, province):
        AgencyFactory(province=province, name="Sở Y tế")
        with refused_by_database(Agency, "blocs_agency_unique_current_name"), transaction.atomic():
            Agency.objects.create(province=province, name="Sở Y tế")

    def test_a_closed_agency_frees_its_name(self, province):
        """A merged agency keeps its name in history; a new agency may take the name."""
        AgencyFactory(province=province, name="Sở Y tế", active_until=datetime.date(2025, 6, 30))
        Agency(province=province, name="Sở Y tế").full_clean()
        assert Agency.objects.create(province=province, name="Sở Y tế").pk

    def test_another_province_may_use_the_name(self, province, other_province):
        AgencyFactory(province=province, name="Sở Y tế")
        Agency(province=other_province, name="Sở Y tế").full_clean()
        assert Agency.objects.create(province=other_province, name="Sở Y tế").pk


class TestAgencyActivePeriodOrder:
    """blocs_agency_active_period_order: an agency cannot close before it opens."""

    def test_clean_refuses_closing_before_opening(self, province):
        agency = Agency(
            province=province,
            name="Sở Ngoại vụ",
            active_from=datetime.date(2020, 1, 1),
            active_until=datetime.date(2019, 12, 31),
        )
        assert validation_messages(agency)[NON_FIELD_ERRORS] == [
            "Ngày kết thúc hoạt động không thể trước ngày bắt đầu."
        ]

    def test_database_refuses_closing_before_opening(self, province):
        with refused_by_database(Agency, "blocs_agency_active_period_order"), transaction.atomic():
            Agency.objects.create(
                province=province,
                name="Sở Ngoại vụ",
                active_from=datetime.date(2020, 1, 1),
                active_until=datetime.date(2019, 12, 31),
            )

    def test_an_agency_may_open_and_close_on_the_same_day(self, province):
        day = datetime.date(2020, 1, 1)
        Agency(province=province, name="Sở Ngoại vụ", active_from=day, active_until=day).full_clean()
        assert Agency.objects.create(province=province, name="Sở Ngoại vụ", active_from=day, active_until=day).pk


class TestAgencyNotOwnSuccessor:
    """blocs_agency_not_own_successor, and the clean() rule: a successor of the same province."""

    def test_clean_refuses_an_agency_succeeding_itself(self, province):
        agency = AgencyFactory(province=province)
        agency.successor = agency
        assert validation_messages(agency)[NON_FIELD_ERRORS] == ["Cơ quan không thể tự kế thừa chính mình."]

    def test_database_refuses_an_agency_succeeding_itself(self, province):
        agency = AgencyFactory(province=province)
        agency.successor = agency
        with refused_by_database(Agency, "blocs_agency_not_own_successor"), transaction.atomic():
            agency.save()

    def test_clean_refuses_a_successor_of_another_province(self, province, other_province):
        agency = AgencyFactory(province=province, successor=AgencyFactory(province=other_province))
        assert validation_messages(agency)["successor"] == ["Cơ quan kế thừa phải thuộc cùng tỉnh."]

    def test_clean_accepts_a_successor_of_the_same_province(self, province):
        AgencyFactory(province=province, successor=AgencyFactory(province=province)).full_clean()


class TestAgencyNameOneRenamePerDay:
    """blocs_agencyname_one_rename_per_day: an agency takes one new name on a given day."""

    def test_clean_refuses_two_renames_on_one_day(self, province):
        agency = AgencyFactory(province=province)
        AgencyName.objects.create(agency=agency, name="Sở Bưu chính", until=datetime.date(2008, 3, 1))
        errors = validation_messages(AgencyName(agency=agency, name="Sở Văn hóa", until=datetime.date(2008, 3, 1)))
        assert errors[NON_FIELD_ERRORS] == ["Tên cũ với thông tin Cơ quan và Ngày đổi tên đã tồn tại"]

    def test_database_refuses_two_renames_on_one_day(self, province):
        agency = AgencyFactory(province=province)
        renames = [AgencyName(agency=agency, name=name, until=datetime.date(2008, 3, 1)) for name in ("Sở A", "Sở B")]
        with refused_by_database(AgencyName, "blocs_agencyname_one_rename_per_day"), transaction.atomic():
            AgencyName.objects.bulk_create(renames)


# Bloc ----------------------------------------------------------------------------------


class TestBlocUniqueNamePerProvince:
    """blocs_bloc_unique_name_per_province."""

    def test_clean_refuses_a_second_bloc_of_the_name(self, bloc):
        errors = validation_messages(Bloc(province=bloc.province, name=bloc.name))
        assert errors[NON_FIELD_ERRORS] == ["Tỉnh đã có khối thi đua mang tên này."]

    def test_database_refuses_a_second_bloc_of_the_name(self, bloc):
        with refused_by_database(Bloc, "blocs_bloc_unique_name_per_province"), transaction.atomic():
            Bloc.objects.create(province=bloc.province, name=bloc.name)

    def test_another_province_may_use_the_name(self, bloc, other_province):
        Bloc(province=other_province, name=bloc.name).full_clean()


# Membership ----------------------------------------------------------------------------


class TestMembershipOneBlocPerYear:
    """blocs_membership_one_bloc_per_year: an agency is in at most one bloc a year."""

    def test_clean_refuses_a_second_bloc_in_the_same_year(self, members, other_bloc):
        agency = members[2017][0].agency
        errors = validation_messages(Membership(bloc=other_bloc, agency=agency, year=2017))
        assert errors[NON_FIELD_ERRORS] == ["Cơ quan này đã là thành viên của một khối trong năm này."]

    def test_database_refuses_a_second_bloc_in_the_same_year(self, members, other_bloc):
        agency = members[2017][0].agency
        with refused_by_database(Membership, "blocs_membership_one_bloc_per_year"), transaction.atomic():
            Membership.objects.create(bloc=other_bloc, agency=agency, year=2017)

    def test_another_bloc_in_another_year_is_allowed(self, members, other_bloc):
        Membership(bloc=other_bloc, agency=members[2017][0].agency, year=2019).full_clean()


class TestMembershipYearRange:
    """blocs_membership_year_range: 1945 to 2100."""

    @pytest.mark.parametrize("year", [1944, 2101])
    def test_clean_refuses_a_year_out_of_range(self, bloc, year):
        agency = AgencyFactory(province=bloc.province)
        assert "year" in validation_messages(Membership(bloc=bloc, agency=agency, year=year))

    @pytest.mark.parametrize("year", [1944, 2101])
    def test_database_refuses_a_year_out_of_range(self, bloc, year):
        agency = AgencyFactory(province=bloc.province)
        with refused_by_database(Membership, "blocs_membership_year_range"), transaction.atomic():
            Membership.objects.create(bloc=bloc, agency=agency, year=year)

    @pytest.mark.parametrize("year", [1945, 2100])
    def test_the_bounds_are_allowed(self, bloc, year):
        Membership(bloc=bloc, agency=AgencyFactory(province=bloc.province), year=year).full_clean()


class TestMembershipCleanRules:
    """Rules across tables, checked in clean() only: the same province, an active agency."""

    def test_agency_of_another_province_is_refused(self, bloc, other_province):
        agency = AgencyFactory(province=other_province)
        errors = validation_messages(Membership(bloc=bloc, agency=agency, year=2017))
        assert errors["agency"] == ["Cơ quan và khối phải thuộc cùng một tỉnh."]

    def test_agency_closed_before_the_year_is_refused(self, bloc):
        agency = AgencyFactory(province=bloc.province, active_until=datetime.date(2016, 12, 31))
        errors = validation_messages(Membership(bloc=bloc, agency=agency, year=2017))
        assert errors["agency"] == ["Cơ quan không hoạt động trong năm 2017."]

    def test_agency_opened_after_the_year_is_refused(self, bloc):
        agency = AgencyFactory(province=bloc.province, active_from=datetime.date(2018, 1, 1))
        errors = validation_messages(Membership(bloc=bloc, agency=agency, year=2017))
        assert errors["agency"] == ["Cơ quan không hoạt động trong năm 2017."]

    def test_agency_active_part_of_the_year_is_accepted(self, bloc):
        """An agency merged in mid-2025 was still a member for 2025."""
        agency = AgencyFactory(
            province=bloc.province, active_from=datetime.date(2017, 7, 1), active_until=datetime.date(2025, 6, 30)
        )
        for year in (2017, 2025):
            Membership(bloc=bloc, agency=agency, year=year).full_clean()

    def test_the_service_runs_the_same_rules(self, bloc, other_province):
        with pytest.raises(ValidationError, match="cùng một tỉnh"):
            services.membership_add(
                actor=system_actor(), bloc=bloc, agency=AgencyFactory(province=other_province), year=2017
            )
        assert not Membership.objects.exists()


# Leadership ----------------------------------------------------------------------------


class TestLeadershipOnePerBlocYear:
    """blocs_leadership_one_per_bloc_year."""

    def test_clean_refuses_a_second_leadership(self, bloc, members):
        first, second = members[2017][:2]
        Leadership.objects.create(bloc=bloc, year=2017, leader=first)
        errors = validation_messages(Leadership(bloc=bloc, year=2017, leader=second))
        assert errors[NON_FIELD_ERRORS] == ["Khối đã có Trưởng khối cho năm này."]

    def test_database_refuses_a_second_leadership(self, bloc, members):
        first, second = members[2017][:2]
        Leadership.objects.create(bloc=bloc, year=2017, leader=first)
        with refused_by_database(Leadership, "blocs_leadership_one_per_bloc_year"), transaction.atomic():
            Leadership.objects.create(bloc=bloc, year=2017, leader=second)


class TestLeadershipLeaderNotDeputy:
    """blocs_leadership_leader_not_deputy."""

    def test_clean_refuses_the_leader_as_deputy(self, bloc, members):
        leader = members[2017][0]
        errors = validation_messages(Leadership(bloc=bloc, year=2017, leader=leader, deputy=leader))
        assert errors[NON_FIELD_ERRORS] == ["Trưởng khối và Phó trưởng khối phải là hai cơ quan khác nhau."]

    def test_database_refuses_the_leader_as_deputy(self, bloc, members):
        leader = members[2017][0]
        with refused_by_database(Leadership, "blocs_leadership_leader_not_deputy"), transaction.atomic():
            Leadership.objects.create(bloc=bloc, year=2017, leader=leader, deputy=leader)

    def test_no_deputy_is_allowed(self, bloc, members):
        Leadership(bloc=bloc, year=2017, leader=members[2017][0]).full_clean()


class TestLeadershipYearRange:
    """blocs_leadership_year_range: 1945 to 2100."""

    def test_clean_refuses_a_year_out_of_range(self, bloc, members):
        assert "year" in validation_messages(Leadership(bloc=bloc, year=2101, leader=members[2017][0]))

    def test_database_refuses_a_year_out_of_range(self, bloc, members):
        with refused_by_database(Leadership, "blocs_leadership_year_range"), transaction.atomic():
            Leadership.objects.create(bloc=bloc, year=1944, leader=members[2017][0])


class TestLeadershipCleanRules:
    """The leader and the deputy are members of this bloc in this year (clean() only)."""

    def test_leader_of_another_year_is_refused(self, bloc, members):
        errors = validation_messages(Leadership(bloc=bloc, year=2018, leader=members[2017][0]))
        assert errors["leader"] == ["Phải là thành viên của khối trong năm 2018."]

    def test_deputy_of_another_year_is_refused(self, bloc, members):
        leadership = Leadership(bloc=bloc, year=2018, leader=members[2018][0], deputy=members[2017][1])
        assert validation_messages(leadership) == {"deputy": ["Phải là thành viên của khối trong năm 2018."]}

    def test_leader_and_deputy_of_another_bloc_are_refused(self, bloc, other_bloc, other_member):
        other_membership = other_member.memberships.get()
        leadership = Leadership(bloc=bloc, year=2017, leader=other_membership, deputy=other_membership)
        errors = validation_messages(leadership)
        assert errors["leader"] == errors["deputy"] == ["Phải là thành viên của khối trong năm 2017."]

    def test_a_leadership_without_a_leader_is_a_form_error(self, bloc):
        """Not a crash: an empty leader field is reported like any required field."""
        errors = validation_messages(Leadership(bloc=bloc, year=2017))
        assert list(errors) == ["leader"]


# Deleting what history refers to -------------------------------------------------------


class TestHistoryIsProtected:
    """The ORM refuses to delete a row that memberships, leaderships or successors point at."""

    def test_agency_with_memberships_cannot_be_deleted(self, members):
        agency = members[2017][0].agency
        with pytest.raises(ProtectedError):
            agency.delete()
        assert Agency.objects.filter(pk=agency.pk).exists()

    def test_agency_that_succeeded_another_cannot_be_deleted(self, province):
        successor = AgencyFactory(province=province)
        AgencyFactory(province=province, successor=successor, active_until=datetime.date(2025, 6, 30))
        with pytest.raises(ProtectedError):
            successor.delete()

    def test_bloc_with_memberships_cannot_be_deleted(self, bloc, members):
        with pytest.raises(ProtectedError):
            bloc.delete()
        assert Bloc.objects.filter(pk=bloc.pk).exists()

    def test_membership_that_led_cannot_be_deleted(self, bloc):
        leadership = LeadershipFactory(bloc=bloc, year=2017)
        with pytest.raises(ProtectedError):
            leadership.leader.delete()

    def test_province_with_blocs_cannot_be_deleted(self, bloc):
        with pytest.raises(ProtectedError):
            bloc.province.delete()

    def test_agency_without_history_can_be_deleted(self, loose_agency):
        """The protection is about history, not a blanket ban."""
        loose_agency.delete()
        assert not Agency.objects.filter(name="Thanh tra tỉnh").exists()

    def test_former_names_go_with_their_agency(self, loose_agency):
        AgencyName.objects.create(agency=loose_agency, name="Thanh tra Nhà nước", until=datetime.date(2010, 1, 1))
        loose_agency.delete()
        assert not AgencyName.objects.exists()
