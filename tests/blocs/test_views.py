"""The registry pages: who gets in, what they show, and queries that do not grow with rows."""

import datetime

import pytest
from django.urls import reverse

from blocs import services
from blocs.models import Membership
from blocs.services import system_actor
from emulation.models import Conference
from tests.blocs.factories import AgencyFactory, BlocFactory, LeadershipFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def table(response, testid):
    """The HTML of the table marked data-testid=testid."""
    html = text(response)
    start = html.index(f'data-testid="{testid}"')
    return html[start : html.index("</table>", start)]


# Who gets in ---------------------------------------------------------------------------


@pytest.fixture
def pages(bloc, members):
    agency = members[2017][0].agency
    return {
        "agency_list": reverse("blocs:agency_list"),
        "agency_detail": reverse("blocs:agency_detail", args=[agency.pk]),
        "bloc_list": reverse("blocs:bloc_list"),
        "bloc_detail": reverse("blocs:bloc_detail", args=[bloc.pk]),
    }


@pytest.mark.parametrize("page", ["agency_list", "agency_detail", "bloc_list", "bloc_detail"])
def test_anonymous_is_sent_to_log_in(client, pages, page):
    response = client.get(pages[page])
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={pages[page]}"


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("superuser", 200),
        ("province_admin", 200),
        ("secretary", 200),
        ("viewer", 200),
        ("other_secretary", 404),
        ("outsider", 404),
    ],
    indirect=["persona"],
)
@pytest.mark.parametrize("page", ["agency_detail", "bloc_detail"])
def test_detail_pages_by_persona(login, pages, persona, expected, page):
    assert login(persona).get(pages[page]).status_code == expected


def test_unknown_bloc_is_404(login, province_admin):
    assert login(province_admin).get(reverse("blocs:bloc_detail", args=[999999])).status_code == 404


def test_home_goes_to_the_blocs_for_a_user_of_no_province(login, viewer):
    # The home page is the province's year (tests/dashboard); a user of no province has none.
    viewer.province = None
    viewer.save()
    response = login(viewer).get(reverse("home"))
    assert response.status_code == 302
    assert response.url == reverse("blocs:bloc_list")


# Agency list ---------------------------------------------------------------------------


class TestAgencyList:
    def test_lists_only_what_the_user_may_see(self, login, secretary, members, other_member, foreign_member):
        response = login(secretary).get(reverse("blocs:agency_list"))
        assert {a.name for a in response.context["page"]} == {m.agency.name for m in members[2017]}
        assert "Sở Tài chính" not in text(response)
        assert "Sở Tư pháp" not in text(response)

    def test_shows_former_names_and_closed_agencies(self, login, province_admin, province):
        agency = AgencyFactory(province=province, name="Sở Thông tin và Truyền thông")
        agency.name = "Sở Khoa học và Công nghệ"
        agency.active_until = datetime.date(2030, 12, 31)
        services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2025, 7, 1))
        html = text(login(province_admin).get(reverse("blocs:agency_list")))
        assert "Sở Thông tin và Truyền thông" in html
        assert "31/12/2030" in html

    def test_paginates_by_fifty_and_keeps_the_query(self, login, province_admin, province):
        for number in range(55):
            AgencyFactory(province=province, name=f"Sở Số {number:02d}")
        client = login(province_admin)
        first = client.get(reverse("blocs:agency_list"), {"q": "so so"})
        assert len(first.context["page"]) == 50
        assert "?q=so%20so&amp;page=2" in text(first)
        second = client.get(reverse("blocs:agency_list"), {"q": "so so", "page": 2})
        assert [a.name for a in second.context["page"]] == [f"Sở Số {n}" for n in range(50, 55)]
        assert "2 / 2" in text(second)

    def test_a_page_out_of_range_shows_the_last_page(self, login, province_admin, province):
        for number in range(55):
            AgencyFactory(province=province, name=f"Sở Số {number:02d}")
        response = login(province_admin).get(reverse("blocs:agency_list"), {"page": 99})
        assert response.context["page"].number == 2

    def test_queries_do_not_grow_with_rows(
        self, login, province_admin, province, django_assert_num_queries, django_assert_max_num_queries
    ):
        def add_agencies(count):
            for _ in range(count):
                agency = AgencyFactory(province=province)
                agency.name += " mới"
                services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2025, 7, 1))

        client = login(province_admin)
        add_agencies(3)
        # session, user, the user's province (page header), count for the paginator,
        # the agencies, their former names
        with django_assert_num_queries(6):
            client.get(reverse("blocs:agency_list"))
        add_agencies(27)
        with django_assert_max_num_queries(6) as captured:
            response = client.get(reverse("blocs:agency_list"))
        assert len(response.context["page"]) == 30
        assert len(captured) == 6


# Agency detail -------------------------------------------------------------------------


class TestAgencyDetail:
    def test_shows_blocs_and_roles_over_the_years(self, login, viewer, bloc, members):
        leader = members[2018][0]
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=leader, deputy=members[2018][1])
        response = login(viewer).get(reverse("blocs:agency_detail", args=[leader.agency.pk]))
        rows = [(m.year, m.bloc, m.role) for m in response.context["memberships"]]
        assert rows == [(2018, bloc, "leader"), (2017, bloc, "")]
        assert "<strong>Trưởng khối</strong>" in text(response)

    def test_shows_a_deputy(self, login, viewer, bloc, members):
        services.leadership_set(
            actor=system_actor(), bloc=bloc, year=2018, leader=members[2018][0], deputy=members[2018][1]
        )
        response = login(viewer).get(reverse("blocs:agency_detail", args=[members[2018][1].agency.pk]))
        assert [m.role for m in response.context["memberships"]] == ["deputy", ""]

    def test_prints_the_name_of_each_year(self, login, viewer, bloc, members):
        agency = members[2017][1].agency
        agency.name = "Sở Khoa học và Công nghệ"
        services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2018, 7, 1))
        response = login(viewer).get(reverse("blocs:agency_detail", args=[agency.pk]))
        assert [m.printed_name for m in response.context["memberships"]] == [
            "Sở Khoa học và Công nghệ",
            "Sở Thông tin và Truyền thông",
        ]
        assert "Sở Thông tin và Truyền thông, đến 01/07/2018" in text(response)

    def test_links_only_to_blocs_the_user_may_open(self, login, secretary, bloc, other_bloc, members):
        """A secretary sees a member agency's earlier bloc by name, without a link to a 404."""
        agency = members[2017][0].agency
        MembershipFactory(bloc=other_bloc, agency=agency, year=2016)
        html = text(login(secretary).get(reverse("blocs:agency_detail", args=[agency.pk])))
        assert reverse("blocs:bloc_detail", args=[bloc.pk]) in html
        assert other_bloc.name in html
        assert reverse("blocs:bloc_detail", args=[other_bloc.pk]) not in html


# Bloc list -----------------------------------------------------------------------------


class TestBlocList:
    def test_lists_visible_blocs_with_latest_year_and_agency_count(self, login, viewer, bloc, other_bloc, members):
        response = login(viewer).get(reverse("blocs:bloc_list"))
        rows = {b.name: (b.latest_year, b.agency_count) for b in response.context["blocs"]}
        assert rows == {bloc.name: (2018, 3), other_bloc.name: (None, 0)}

    def test_secretary_sees_only_their_bloc(self, login, secretary, bloc, other_bloc):
        response = login(secretary).get(reverse("blocs:bloc_list"))
        assert list(response.context["blocs"]) == [bloc]
        assert other_bloc.name not in text(response)

    def test_outsider_does_not_see_this_province(self, login, outsider, bloc, foreign_bloc):
        response = login(outsider).get(reverse("blocs:bloc_list"))
        assert list(response.context["blocs"]) == [foreign_bloc]
        assert reverse("blocs:bloc_detail", args=[bloc.pk]) not in text(response)

    def test_queries_do_not_grow_with_rows(
        self, login, viewer, province, django_assert_num_queries, django_assert_max_num_queries
    ):
        def add_blocs(count):
            for _ in range(count):
                MembershipFactory(bloc=BlocFactory(province=province), year=2020)

        client = login(viewer)
        add_blocs(3)
        # session, user, the years reviewed (province-wide reports), the user's province
        # (page header), the blocs with their province and annotations
        with django_assert_num_queries(5):
            client.get(reverse("blocs:bloc_list"))
        add_blocs(27)
        with django_assert_max_num_queries(5) as captured:
            response = client.get(reverse("blocs:bloc_list"))
        assert len(response.context["blocs"]) == 30
        assert len(captured) == 5


# Bloc detail ---------------------------------------------------------------------------


class TestBlocDetail:
    def get(self, client, bloc):
        response = client.get(reverse("blocs:bloc_detail", args=[bloc.pk]))
        assert response.status_code == 200
        return response

    def test_members_by_year_newest_first(self, login, viewer, bloc, members):
        response = self.get(login(viewer), bloc)
        years = [(row.year, row.count, len(row.members)) for row in response.context["years"]]
        assert years == [(2018, 3, 3), (2017, 3, 3)]
        assert "2018 · 3 thành viên" in text(response)

    def test_only_the_latest_years_are_listed_in_full_the_others_on_request(self, login, viewer, bloc, members):
        for year in range(2012, 2017):  # seven years in all: 2012-2018
            for membership in members[2017]:
                MembershipFactory(bloc=bloc, agency=membership.agency, year=year)
        client = login(viewer)
        response = self.get(client, bloc)
        listed = {row.year: row.members is not None for row in response.context["years"]}
        assert listed == {2018: True, 2017: True, 2016: True, 2015: False, 2014: False, 2013: False, 2012: False}
        assert [row.count for row in response.context["years"]] == [3] * 7
        html = response.content.decode()
        assert 'href="?members=2012#members-2012"' in html
        assert html.count("<li><a href=") == 9  # three years of three members
        response = client.get(reverse("blocs:bloc_detail", args=[bloc.pk]), {"members": "2012"})
        listed = [row.year for row in response.context["years"] if row.members is not None]
        assert listed == [2018, 2017, 2016, 2012]
        assert 'id="members-2012" data-year="2012" open' in response.content.decode()
        for nonsense in ("abc", "99999999999999999999", "1800", ""):
            response = client.get(reverse("blocs:bloc_detail", args=[bloc.pk]), {"members": nonsense})
            assert response.status_code == 200
            assert [row.year for row in response.context["years"] if row.members is not None] == [2018, 2017, 2016]

    def test_members_print_the_name_of_their_year(self, login, viewer, bloc, members):
        agency = members[2017][1].agency
        agency.name = "Sở Khoa học và Công nghệ"
        services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2018, 7, 1))
        response = self.get(login(viewer), bloc)
        printed = {row.year: {m.printed_name for m in row.members} for row in response.context["years"]}
        assert "Sở Thông tin và Truyền thông" in printed[2017]
        assert "Sở Khoa học và Công nghệ" in printed[2018]

    def test_leader_history(self, login, viewer, bloc, members):
        services.leadership_set(
            actor=system_actor(), bloc=bloc, year=2017, leader=members[2017][0], deputy=members[2017][2]
        )
        response = self.get(login(viewer), bloc)
        history = {row.year: row.leadership for row in response.context["years"]}
        assert history[2018] is None
        assert (history[2017].leader, history[2017].deputy) == (members[2017][0], members[2017][2])
        rows = table(response, "leadership-history").split("<tr>")[2:]  # after the header
        assert "2018" in rows[0] and "chưa ghi nhận" in rows[0]
        assert "2017" in rows[1] and "Bảo hiểm xã hội tỉnh" in rows[1] and "Sở Giáo dục và Đào tạo" in rows[1]

    def test_rotation_hint_puts_who_never_led_first_and_the_latest_leader_last(self, login, viewer, bloc, members):
        bhxh, tttt, gddt = (m.agency for m in members[2018])
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2017, leader=members[2017][1])  # TTTT
        services.leadership_set(actor=system_actor(), bloc=bloc, year=2018, leader=members[2018][0])  # BHXH
        response = self.get(login(viewer), bloc)
        hint = [(c.membership.agency, c.last_led) for c in response.context["hint"]]
        assert hint == [(gddt, None), (tttt, 2017), (bhxh, 2018)]
        assert "Gợi ý luân phiên" in text(response)
        assert "chưa từng làm Trưởng khối" in text(response)

    def test_conference_status_table(self, login, secretary, bloc, members):
        Conference.objects.create(
            bloc=bloc, year=2017, date=datetime.date(2018, 1, 8), status=Conference.Status.FINALIZED
        )
        response = self.get(login(secretary), bloc)
        statuses = {year: conference and conference["status"] for year, conference in response.context["conferences"]}
        assert statuses == {2018: None, 2017: "finalized"}
        html = text(response)
        assert "đã chốt" in html
        assert "chưa có hội nghị" in html
        assert reverse("awards:conference_edit", args=[bloc.pk, 2018]) in html

    def test_conference_draft_status(self, login, viewer, bloc, members):
        Conference.objects.create(bloc=bloc, year=2018, date=datetime.date(2019, 1, 10))
        html = text(self.get(login(viewer), bloc))
        assert "bản nháp" in html

    def test_viewer_gets_no_enter_results_link(self, login, viewer, bloc, members):
        html = text(self.get(login(viewer), bloc))
        assert reverse("awards:conference_edit", args=[bloc.pk, 2018]) not in html

    def test_copy_form_for_the_province_admin_and_the_bloc_secretary(
        self, login, province_admin, secretary, viewer, bloc, members
    ):
        copy_url = reverse("blocs:bloc_copy_members", args=[bloc.pk])
        admin_page = self.get(login(province_admin), bloc)
        assert admin_page.context["copy_form"].initial == {"year": 2019}
        assert copy_url in text(admin_page)
        # The secretary sets up their own bloc's new year without waiting for the admin (issue 16).
        secretary_page = self.get(login(secretary), bloc)
        assert secretary_page.context["copy_form"].initial == {"year": 2019}
        viewer_page = self.get(login(viewer), bloc)
        assert viewer_page.context["copy_form"] is None
        assert copy_url not in text(viewer_page)

    def test_an_empty_bloc(self, login, province_admin, other_bloc):
        response = self.get(login(province_admin), other_bloc)
        assert (response.context["years"], response.context["hint"]) == ([], [])
        assert "Chưa ghi nhận thành viên." in text(response)
        assert "Chưa ghi nhận Trưởng khối." in text(response)

    def test_queries_do_not_grow_with_members(
        self, login, province_admin, bloc, django_assert_num_queries, django_assert_max_num_queries
    ):
        def add_members(count):
            for _ in range(count):
                agency = AgencyFactory(province=bloc.province)
                MembershipFactory(bloc=bloc, agency=agency, year=2017)
                MembershipFactory(bloc=bloc, agency=agency, year=2018)
                agency.name += " mới"
                services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2025, 7, 1))

        client = login(province_admin)
        add_members(3)
        LeadershipFactory(bloc=bloc, year=2018, leader=Membership.objects.filter(year=2018).first())
        url = reverse("blocs:bloc_detail", args=[bloc.pk])
        # session, user, bloc; members per year, the listed years' members and their former
        # names; leaderships and the leaders' former names (no deputy here); the hint's
        # members of 2019 (none) and 2018, their former names, their last years as leader;
        # the conferences; the user's province (page header)
        with django_assert_num_queries(14):
            client.get(url)
        add_members(27)
        with django_assert_max_num_queries(14) as captured:
            response = client.get(url)
        assert len(response.context["hint"]) == 30
        assert len(captured) == 14


# Copying last year's members -----------------------------------------------------------


class TestCopyMembers:
    def post(self, client, bloc, year=2019, **kwargs):
        return client.post(reverse("blocs:bloc_copy_members", args=[bloc.pk]), {"year": year}, **kwargs)

    def test_province_admin_copies(self, login, province_admin, bloc, members):
        response = self.post(login(province_admin), bloc, follow=True)
        assert response.redirect_chain == [(reverse("blocs:bloc_detail", args=[bloc.pk]), 302)]
        assert Membership.objects.filter(bloc=bloc, year=2019).count() == 3
        assert "3 thành viên năm 2018 nay là thành viên năm 2019." in text(response)

    def test_skipped_agencies_are_named(self, login, province_admin, bloc, other_bloc, members):
        MembershipFactory(bloc=other_bloc, agency=members[2018][0].agency, year=2019)
        response = self.post(login(province_admin), bloc, follow=True)
        assert "Không sao chép: Bảo hiểm xã hội tỉnh, đã là thành viên của Khối Kinh tế - Tổng hợp năm 2019." in text(
            response
        )
        assert Membership.objects.filter(bloc=bloc, year=2019).count() == 2

    def test_an_empty_year_is_a_warning(self, login, province_admin, bloc, members):
        response = self.post(login(province_admin), bloc, year=2017, follow=True)
        assert "Năm 2016 không có thành viên để sao chép." in text(response)
        assert not Membership.objects.filter(year=2017).exclude(pk__in=[m.pk for m in members[2017]]).exists()

    def test_an_invalid_year_is_an_error(self, login, province_admin, bloc, members):
        response = self.post(login(province_admin), bloc, year=1900, follow=True)
        assert 'class="alert alert-danger"' in text(response)
        assert Membership.objects.count() == 6

    @pytest.mark.parametrize(
        ("persona", "expected"),
        [("viewer", 403), ("other_secretary", 404), ("outsider", 404)],
        indirect=["persona"],
    )
    def test_others_may_not_copy(self, login, bloc, members, persona, expected):
        assert self.post(login(persona), bloc).status_code == expected
        assert not Membership.objects.filter(year=2019).exists()

    def test_the_secretary_previews_then_confirms(self, login, secretary, bloc, other_bloc, members):
        client = login(secretary)
        url = reverse("blocs:bloc_copy_members", args=[bloc.pk])
        preview = client.post(url, {"year": 2019, "preview": "1"})
        assert preview.status_code == 200
        assert [m.agency.name for m in preview.context["result"].copied] == [
            m.agency.name for m in sorted(members[2018], key=lambda m: m.agency.sort_key)
        ]
        assert 'data-testid="confirm-copy"' in text(preview)
        assert not Membership.objects.filter(year=2019).exists()  # a preview changes nothing
        response = client.post(url, {"year": 2019, "copy": "1"}, follow=True)
        assert "3 thành viên năm 2018 nay là thành viên năm 2019." in text(response)
        assert Membership.objects.filter(year=2019).count() == 3
        assert not Membership.objects.filter(bloc=other_bloc).exists()

    def test_the_other_bloc_secretary_may_not_preview(self, login, other_secretary, bloc, members):
        response = login(other_secretary).post(
            reverse("blocs:bloc_copy_members", args=[bloc.pk]), {"year": 2019, "preview": "1"}
        )
        assert response.status_code == 404

    def test_anonymous_is_sent_to_log_in(self, client, bloc, members):
        response = self.post(client, bloc)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
        assert not Membership.objects.filter(year=2019).exists()

    def test_get_is_not_allowed(self, login, province_admin, bloc, members):
        response = login(province_admin).get(reverse("blocs:bloc_copy_members", args=[bloc.pk]))
        assert response.status_code == 405
        assert not Membership.objects.filter(year=2019).exists()
