"""Merging agencies (issue 13, item 1) and reading the register as of the year (item 4):
the service, its dry run, the province admin's page and the `merge_agencies` command;
copying members, the rotation hint and the leader choices after a merger."""

import datetime
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from blocs import services
from blocs.models import Agency, AgencyMerger, Leadership, Membership
from blocs.selectors import rotation_hint
from blocs.services import system_actor
from emulation.forms import ElectionForm
from tests.blocs.factories import AgencyFactory, MembershipFactory

MARCH_1 = datetime.date(2025, 3, 1)
BASIS_DATE = datetime.date(2025, 2, 28)


@pytest.fixture
def register(bloc, other_bloc):
    """Sở TT&TT and Sở LĐ-TB&XH in `bloc` 2023-2026 (leader and deputy in 2025), Sở KH&CN in
    `bloc` too, and Sở Nội vụ in `other_bloc` in 2026 only."""
    province = bloc.province
    names = {
        "tttt": "Sở Thông tin và Truyền thông",
        "ldtbxh": "Sở Lao động - Thương binh và Xã hội",
        "khcn": "Sở Khoa học và Công nghệ",
        "noivu": "Sở Nội vụ",
    }
    agencies = {key: AgencyFactory(province=province, name=name) for key, name in names.items()}
    members = {}
    for year in range(2023, 2027):
        for key in ("tttt", "ldtbxh", "khcn"):
            members[key, year] = MembershipFactory(bloc=bloc, agency=agencies[key], year=year)
    members["noivu", 2026] = MembershipFactory(bloc=other_bloc, agency=agencies["noivu"], year=2026)
    Leadership.objects.create(bloc=bloc, year=2024, leader=members["tttt", 2024], deputy=members["ldtbxh", 2024])
    Leadership.objects.create(bloc=bloc, year=2025, leader=members["tttt", 2025], deputy=members["ldtbxh", 2025])
    return agencies, members


def merge(predecessors, **kwargs):
    kwargs.setdefault("effective_on", MARCH_1)
    return services.agencies_merge(
        actor=system_actor(), predecessors=predecessors, basis_number="15/NQ-HĐND", basis_date=BASIS_DATE, **kwargs
    )


def member_names(bloc, year):
    return sorted(m.printed_name for m in Membership.objects.filter(bloc=bloc, year=year).select_related("agency"))


def test_two_predecessors_in_one_bloc_become_one_new_member_holding_their_roles(bloc, register):
    agencies, members = register
    outcome = merge([agencies["tttt"], agencies["ldtbxh"]], new_successor_name="Sở Văn hóa và Xã hội")

    successor = Agency.objects.get(name="Sở Văn hóa và Xã hội")
    assert successor.active_from == MARCH_1
    for year in (2025, 2026):
        assert member_names(bloc, year) == ["Sở Khoa học và Công nghệ", "Sở Văn hóa và Xã hội"]
    # Before the merger nothing changed.
    assert member_names(bloc, 2024) == sorted(
        ["Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội", "Sở Khoa học và Công nghệ"]
    )
    leadership_2024 = Leadership.objects.get(bloc=bloc, year=2024)
    assert (leadership_2024.leader.agency, leadership_2024.deputy.agency) == (agencies["tttt"], agencies["ldtbxh"])
    # The leader of 2025 passes to the successor; so did its deputy, which is then no one's.
    leadership_2025 = Leadership.objects.get(bloc=bloc, year=2025)
    assert (leadership_2025.leader.agency, leadership_2025.deputy) == (successor, None)
    # The membership the successor took over is the first predecessor's: what points at it follows.
    assert Membership.objects.get(pk=members["tttt", 2025].pk).agency == successor
    for key in ("tttt", "ldtbxh"):
        agency = Agency.objects.get(pk=agencies[key].pk)
        assert (agency.active_until, agency.successor, agency.merger) == (
            datetime.date(2025, 2, 28),
            successor,
            outcome.merger,
        )
    assert outcome.merger.first_year == 2025
    assert not outcome.dry_run


def test_an_existing_successor_already_in_the_bloc_stays_one_member(bloc, register):
    agencies, members = register
    merge([agencies["tttt"]], successor=agencies["khcn"])

    assert member_names(bloc, 2025) == ["Sở Khoa học và Công nghệ", "Sở Lao động - Thương binh và Xã hội"]
    leadership = Leadership.objects.get(bloc=bloc, year=2025)
    assert (leadership.leader, leadership.deputy) == (members["khcn", 2025], members["ldtbxh", 2025])


def test_a_successor_in_another_bloc_that_year_keeps_its_bloc(bloc, other_bloc, register):
    agencies, members = register
    outcome = merge([agencies["ldtbxh"]], successor=agencies["noivu"])

    assert "Sở Lao động - Thương binh và Xã hội" not in member_names(bloc, 2026)
    assert "Sở Nội vụ" not in member_names(bloc, 2026)
    assert member_names(other_bloc, 2026) == ["Sở Nội vụ"]
    # In 2025 it had no bloc: it takes the place in this one, and the deputy's role.
    assert "Sở Nội vụ" in member_names(bloc, 2025)
    assert Leadership.objects.get(bloc=bloc, year=2025).deputy.agency == agencies["noivu"]
    texts = [(c.year, c.text) for c in outcome.changes]
    assert (
        2026,
        "Sở Lao động - Thương binh và Xã hội rời khối: Sở Nội vụ là thành viên của Khối Kinh tế - Tổng hợp.",
    ) in texts


def test_dry_run_reports_every_change_and_saves_nothing(bloc, register):
    agencies, _members = register
    before = (
        list(Membership.objects.order_by("pk").values()),
        list(Agency.objects.order_by("pk").values()),
        list(Leadership.objects.order_by("pk").values()),
        list(Membership.history.values_list("pk", flat=True)),
    )
    outcome = merge([agencies["tttt"]], successor=agencies["khcn"], dry_run=True)

    assert outcome.dry_run
    assert before == (
        list(Membership.objects.order_by("pk").values()),
        list(Agency.objects.order_by("pk").values()),
        list(Leadership.objects.order_by("pk").values()),
        list(Membership.history.values_list("pk", flat=True)),
    )
    assert not AgencyMerger.objects.exists()
    by_year = {}
    for change in outcome.changes:
        by_year.setdefault(change.year, []).append((change.bloc, change.text))
    assert set(by_year) == {None, 2025, 2026}
    assert ("Khối Văn hóa - Xã hội", "Sở Khoa học và Công nghệ trở thành Trưởng khối.") in by_year[2025]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("twice", "Một cơ quan được chọn hai lần."),
        ("itself", "Cơ quan kế thừa không thể là một trong các cơ quan chấm dứt hoạt động."),
        ("foreign", "không phải cơ quan của tỉnh có cơ quan kế thừa"),
        ("both", "Chọn cơ quan kế thừa, hoặc đặt tên cơ quan mới (không cả hai)."),
    ],
)
def test_refusals_save_nothing(register, foreign_member, case, message):
    agencies, _members = register
    tttt, khcn = agencies["tttt"], agencies["khcn"]
    calls = {
        "twice": lambda: merge([tttt, tttt], successor=khcn),
        "itself": lambda: merge([tttt, khcn], successor=khcn),
        "foreign": lambda: merge([foreign_member], successor=khcn),
        "both": lambda: merge([tttt], successor=khcn, new_successor_name="Sở Mới"),
    }
    with pytest.raises(ValidationError) as refusal:
        calls[case]()
    assert any(message in text for text in refusal.value.messages)
    assert not AgencyMerger.objects.exists()
    assert Agency.objects.get(pk=tttt.pk).active_until is None


def test_a_merger_refused_by_conference_records_is_undone_whole(bloc, register):
    """A predecessor that must leave a bloc whose records of that year name it (PROTECT)."""
    from emulation.models import Conference

    agencies, members = register
    Conference.objects.create(bloc=bloc, year=2025, date=datetime.date(2026, 1, 8), host=members["ldtbxh", 2025])
    with pytest.raises(ValidationError, match="biên bản hội nghị|hồ sơ hội nghị"):
        merge([agencies["ldtbxh"]], successor=agencies["khcn"])
    assert Membership.objects.filter(agency=agencies["ldtbxh"], year=2025).exists()
    assert Agency.objects.get(pk=agencies["ldtbxh"].pk).active_until is None


class TestTheRegisterOfTheYear:
    def test_copy_replaces_a_closed_agency_by_its_successor_once(self, bloc, register):
        agencies, _members = register
        merge([agencies["tttt"], agencies["ldtbxh"]], new_successor_name="Sở Văn hóa và Xã hội")
        result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2027)

        assert member_names(bloc, 2027) == ["Sở Khoa học và Công nghệ", "Sở Văn hóa và Xã hội"]
        assert len(result.copied) == 2
        assert result.skipped == []

    def test_copy_into_the_merger_year_says_whom_the_successor_replaces(self, bloc, register):
        agencies, _members = register
        Leadership.objects.filter(year=2025).delete()
        Membership.objects.filter(year__gte=2025).delete()
        merge([agencies["tttt"]], successor=agencies["noivu"])
        result = services.memberships_copy_from_previous_year(actor=system_actor(), bloc=bloc, year=2025)

        assert result.replaced == [("Sở Thông tin và Truyền thông", "Sở Nội vụ")]
        assert member_names(bloc, 2025) == [
            "Sở Khoa học và Công nghệ",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Nội vụ",
        ]

    def test_copy_page_says_so(self, login, province_admin, bloc, register):
        """Closed by hand in the admin (last day and successor, no merger recorded): the copy
        follows the successor all the same."""
        agencies, _members = register
        successor = AgencyFactory(province=bloc.province, name="Sở Truyền thông", active_from=datetime.date(2027, 3, 1))
        agencies["tttt"].active_until, agencies["tttt"].successor = datetime.date(2027, 2, 28), successor
        services.agency_save(actor=system_actor(), agency=agencies["tttt"])
        response = login(province_admin).post(
            reverse("blocs:bloc_copy_members", args=[bloc.pk]), {"year": 2027}, follow=True
        )
        shown = [str(m) for m in response.context["messages"]]
        assert "Sở Thông tin và Truyền thông đã chấm dứt hoạt động: Sở Truyền thông thay thế trong năm 2027." in shown
        assert member_names(bloc, 2027) == [
            "Sở Khoa học và Công nghệ",
            "Sở Lao động - Thương binh và Xã hội",
            "Sở Truyền thông",
        ]

    def test_rotation_hint_offers_the_successor_in_place_of_the_closed_agency(self, bloc, register):
        agencies, members = register
        agencies["tttt"].active_until, agencies["tttt"].successor = datetime.date(2025, 2, 28), agencies["noivu"]
        services.agency_save(actor=system_actor(), agency=agencies["tttt"])
        Leadership.objects.filter(year=2025).delete()
        Membership.objects.filter(year__gte=2025).delete()

        hint = rotation_hint(bloc=bloc, year=2025)  # 2025 has no members yet: 2024's, as of 2025
        names = [(c.membership.printed_name, c.replaces) for c in hint]
        assert ("Sở Nội vụ", ["Sở Thông tin và Truyền thông"]) in names
        assert all(name != "Sở Thông tin và Truyền thông" for name, _ in names)

    def test_leader_choices_offer_only_agencies_active_at_the_end_of_the_year(self, bloc, register):
        agencies, members = register
        # Closed on 30/06/2026 without a merger: still a member of 2026 on record, not electable.
        agencies["ldtbxh"].active_until = datetime.date(2026, 6, 30)
        services.agency_save(actor=system_actor(), agency=agencies["ldtbxh"])
        memberships = list(Membership.objects.filter(bloc=bloc, year=2026).select_related("agency"))
        form = ElectionForm(members=memberships)
        offered = {m.agency.name for m in form.fields["leader"].queryset.select_related("agency")}
        assert offered == {"Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"}


class TestMergePage:
    def url(self, province):
        return reverse("blocs:agency_merge", args=[province.pk])

    def post(self, client, province, agencies, **extra):
        data = {
            "predecessors": [agencies["tttt"].pk],
            "successor": agencies["khcn"].pk,
            "new_successor_name": "",
            "effective_on": "01/03/2025",
            "basis_number": "15/NQ-HĐND",
            "basis_date": "28/02/2025",
            "note": "",
            **extra,
        }
        return client.post(self.url(province), data)

    def test_preview_changes_nothing_then_merge_saves(self, login, province_admin, bloc, register):
        agencies, _members = register
        client = login(province_admin)
        preview = self.post(client, bloc.province, agencies, preview="1")
        assert preview.status_code == 200
        assert [(c.year, c.bloc) for c in preview.context["outcome"].changes if c.year] == [
            (2025, "Khối Văn hóa - Xã hội"),
            (2025, "Khối Văn hóa - Xã hội"),
            (2026, "Khối Văn hóa - Xã hội"),
        ]
        assert 'data-testid="confirm-merge"' in preview.content.decode()
        assert not AgencyMerger.objects.exists()

        done = self.post(client, bloc.province, agencies, merge="1")
        assert done.status_code == 302
        assert done["Location"] == reverse("blocs:agency_detail", args=[agencies["khcn"].pk])
        assert Agency.objects.get(pk=agencies["tttt"].pk).successor == agencies["khcn"]
        page = client.get(reverse("blocs:agency_detail", args=[agencies["tttt"].pk])).content.decode()
        assert "15/NQ-HĐND" in page

    def test_refusal_is_shown_on_the_page(self, login, province_admin, bloc, register):
        agencies, _members = register
        response = self.post(
            login(province_admin), bloc.province, agencies, predecessors=[agencies["khcn"].pk], preview="1"
        )
        assert response.status_code == 200
        assert "Cơ quan kế thừa không thể là một trong các cơ quan chấm dứt hoạt động." in response.content.decode()

    @pytest.mark.parametrize("persona_name", ["viewer", "secretary"])
    def test_only_the_province_admin_merges(self, login, request, persona_name, bloc, register):
        agencies, _members = register
        client = login(request.getfixturevalue(persona_name))
        assert client.get(self.url(bloc.province)).status_code == 403
        assert self.post(client, bloc.province, agencies, merge="1").status_code == 403
        assert not AgencyMerger.objects.exists()

    def test_another_provinces_admin_gets_a_404(self, login, outsider, bloc, register):
        agencies, _members = register
        assert self.post(login(outsider), bloc.province, agencies, merge="1").status_code == 404
        assert not AgencyMerger.objects.exists()


class TestMergeCommand:
    def run(self, *args):
        out = StringIO()
        call_command("merge_agencies", *args, stdout=out)
        return out.getvalue()

    def test_dry_run_prints_the_changes_per_bloc_and_year_and_saves_nothing(self, bloc, register):
        output = self.run(
            "Sở Thông tin và Truyền thông",
            "--province", "Điện Biên", "--into", "Sở Khoa học và Công nghệ", "--from", "01/03/2025",
            "--basis", "15/NQ-HĐND", "--basis-date", "28/02/2025", "--dry-run",
        )  # fmt: skip
        assert output.startswith("Chạy thử (không lưu gì):")
        assert "2025, Khối Văn hóa - Xã hội: Sở Khoa học và Công nghệ trở thành Trưởng khối." in output
        assert "2026, Khối Văn hóa - Xã hội: Sở Thông tin và Truyền thông rời khối" in output
        assert not AgencyMerger.objects.exists()

    def test_merges(self, bloc, register):
        output = self.run(
            "Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội",
            "--province", "Điện Biên", "--new", "Sở Văn hóa và Xã hội", "--from", "01/03/2025",
            "--basis", "15/NQ-HĐND", "--basis-date", "28/02/2025", "--note", "Công tác trẻ em sang Sở Y tế",
        )  # fmt: skip
        assert output.startswith("Đã thực hiện:")
        merger = AgencyMerger.objects.get()
        assert (merger.successor.name, merger.note) == ("Sở Văn hóa và Xã hội", "Công tác trẻ em sang Sở Y tế")
        assert member_names(bloc, 2026) == ["Sở Khoa học và Công nghệ", "Sở Văn hóa và Xã hội"]

    def test_an_unknown_agency_is_refused(self, bloc, register):
        from django.core.management.base import CommandError

        with pytest.raises(CommandError, match="không có cơ quan đang hoạt động"):
            self.run(
                "Sở Không Có", "--province", "Điện Biên", "--into", "Sở Nội vụ", "--from", "01/03/2025",
                "--basis", "1/NQ", "--basis-date", "28/02/2025",
            )  # fmt: skip
