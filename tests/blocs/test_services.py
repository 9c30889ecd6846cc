"""blocs/services.py: renames that keep history, copying last year's members, leaders."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from blocs import services
from blocs.models import Agency, AgencyName, Leadership, Membership
from blocs.services import system_actor
from tests.blocs.factories import AgencyFactory, MembershipFactory

pytestmark = pytest.mark.django_db

RENAMED_ON = datetime.date(2025, 7, 1)


# agency_save ---------------------------------------------------------------------------


@pytest.fixture
def renamed(bloc):
    """Sở Thông tin và Truyền thông, a member in 2024 and 2025, renamed on 1/7/2025."""
    agency = AgencyFactory(province=bloc.province, name="Sở Thông tin và Truyền thông", short_name="STTTT")
    for year in (2024, 2025):
        MembershipFactory(bloc=bloc, agency=agency, year=year)
    agency.name, agency.short_name = "Sở Khoa học và Công nghệ", "SKHCN"
    return services.agency_save(actor=system_actor(), agency=agency, renamed_on=RENAMED_ON)


class TestAgencySave:
    def test_rename_keeps_the_old_name(self, renamed):
        former = AgencyName.objects.get(agency=renamed)
        assert (former.name, former.short_name, former.until) == ("Sở Thông tin và Truyền thông", "STTTT", RENAMED_ON)
        assert Agency.objects.get(pk=renamed.pk).name == "Sở Khoa học và Công nghệ"

    def test_name_on_switches_on_the_day_of_the_rename(self, renamed):
        assert renamed.name_on(RENAMED_ON - datetime.timedelta(days=1)) == "Sở Thông tin và Truyền thông"
        assert renamed.name_on(RENAMED_ON) == "Sở Khoa học và Công nghệ"

    def test_name_in_is_the_name_at_the_end_of_the_year(self, renamed):
        assert renamed.name_in(2024) == "Sở Thông tin và Truyền thông"
        assert renamed.name_in(2025) == "Sở Khoa học và Công nghệ"

    def test_memberships_print_the_name_of_their_year(self, renamed):
        printed = {m.year: m.printed_name for m in Membership.objects.filter(agency=renamed)}
        assert printed == {2024: "Sở Thông tin và Truyền thông", 2025: "Sở Khoa học và Công nghệ"}
        assert str(Membership.objects.get(agency=renamed, year=2024)).startswith("Sở Thông tin và Truyền thông")

    def test_two_renames_each_keep_their_years(self, renamed):
        renamed.name = "Sở Khoa học, Công nghệ và Chuyển đổi số"
        services.agency_save(actor=system_actor(), agency=renamed, renamed_on=datetime.date(2027, 1, 1))
        assert [renamed.name_in(year) for year in (2024, 2026, 2027)] == [
            "Sở Thông tin và Truyền thông",
            "Sở Khoa học và Công nghệ",
            "Sở Khoa học, Công nghệ và Chuyển đổi số",
        ]

    def test_a_correction_without_a_date_rewrites_the_name(self, province):
        """Fixing a misspelt name is not a rename: no former name is kept."""
        agency = AgencyFactory(province=province, name="Sở Giáo duc và Đào tạo")
        agency.name = "Sở Giáo dục và Đào tạo"
        services.agency_save(actor=system_actor(), agency=agency)
        assert not AgencyName.objects.exists()
        assert agency.name_in(2017) == "Sở Giáo dục và Đào tạo"

    def test_a_date_without_a_change_of_name_records_nothing(self, province):
        agency = AgencyFactory(province=province)
        agency.kind = Agency.Kind.BOARD
        services.agency_save(actor=system_actor(), agency=agency, renamed_on=RENAMED_ON)
        assert not AgencyName.objects.exists()

    def test_a_new_agency_is_validated(self, province):
        AgencyFactory(province=province, name="Sở Y tế")
        with pytest.raises(ValidationError):
            services.agency_save(
                actor=system_actor(), agency=Agency(province=province, name="Sở Y tế"), renamed_on=RENAMED_ON
            )
        assert Agency.objects.count() == 1

    def test_a_refused_rename_keeps_no_former_name(self, province):
        """The former name and the new one are saved together or not at all."""
        AgencyFactory(province=province, name="Sở Y tế")
        agency = AgencyFactory(province=province, name="Sở Dân số")
        agency.name = "Sở Y tế"
        with pytest.raises(ValidationError):
            services.agency_save(actor=system_actor(), agency=agency, renamed_on=RENAMED_ON)
        assert not AgencyName.objects.exists()
        assert Agency.objects.get(pk=agency.pk).name == "Sở Dân số"


# memberships_copy_from_previous_year ---------------------------------------------------


class TestMembershipsCopyFromPreviousYear:
    def test_copies_last_years_members(self, bloc, members):
        result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2019)
        assert {m.agency for m in result.copied} == {m.agency for m in members[2018]}
        assert result.skipped == []
        assert set(Membership.objects.filter(bloc=bloc, year=2019).values_list("agency__name", flat=True)) == {
            "Bảo hiểm xã hội tỉnh",
            "Sở Thông tin và Truyền thông",
            "Sở Giáo dục và Đào tạo",
        }

    def test_skips_an_agency_already_in_another_bloc_that_year(self, bloc, other_bloc, members):
        moved = members[2018][0].agency
        MembershipFactory(bloc=other_bloc, agency=moved, year=2019)
        result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2019)
        assert moved not in {m.agency for m in result.copied}
        assert result.skipped == [(moved.name, "đã là thành viên của Khối Kinh tế - Tổng hợp năm 2019")]
        assert Membership.objects.get(agency=moved, year=2019).bloc == other_bloc

    def test_skips_an_agency_no_longer_active(self, bloc, members):
        closed = members[2018][1].agency
        closed.active_until = datetime.date(2018, 12, 31)
        closed.save()
        result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2019)
        assert len(result.copied) == 2
        assert result.skipped == [(closed.name, "không hoạt động trong năm 2019")]
        assert not Membership.objects.filter(agency=closed, year=2019).exists()

    def test_copying_twice_adds_nothing(self, bloc, members):
        services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2019)
        again = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2019)
        assert again.copied == []
        assert len(again.skipped) == 3
        assert Membership.objects.filter(bloc=bloc, year=2019).count() == 3

    def test_nothing_to_copy_from_an_empty_year(self, bloc, members):
        result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2017)
        assert (result.copied, result.skipped) == ([], [])
        assert not Membership.objects.filter(year=2016).exists()

    def test_only_this_blocs_members_are_copied(self, bloc, other_bloc, members, other_member):
        services.memberships_copy_from_previous_year(actor=system_actor(), bloc=other_bloc, year=2018)
        assert list(Membership.objects.filter(bloc=other_bloc, year=2018).values_list("agency", flat=True)) == [
            other_member.pk
        ]


# leadership_set ------------------------------------------------------------------------


class TestLeadershipSet:
    def test_records_leader_and_deputy(self, bloc, members):
        leader, deputy = members[2018][:2]
        leadership = services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=leader, deputy=deputy)
        assert Leadership.objects.get() == leadership
        assert (leadership.leader, leadership.deputy) == (leader, deputy)

    def test_replaces_the_leadership_of_the_year(self, bloc, members):
        first, second, third = members[2018]
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=first, deputy=second)
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=third)
        leadership = Leadership.objects.get(bloc=bloc, year=2018)
        assert (leadership.leader, leadership.deputy) == (third, None)

    def test_other_years_are_untouched(self, bloc, members):
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2017, leader=members[2017][0])
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=members[2018][1])
        assert dict(Leadership.objects.values_list("year", "leader__agency__name")) == {
            2017: "Bảo hiểm xã hội tỉnh",
            2018: "Sở Thông tin và Truyền thông",
        }

    def test_refuses_a_leader_who_is_not_a_member_that_year(self, bloc, members):
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=members[2018][0])
        with pytest.raises(ValidationError, match="năm 2018"):
            services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=members[2017][1])
        assert Leadership.objects.get().leader == members[2018][0]

    def test_refuses_the_leader_as_deputy(self, bloc, members):
        leader = members[2018][0]
        with pytest.raises(ValidationError):
            services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=leader, deputy=leader)
        assert not Leadership.objects.exists()
