"""What `manage.py load_demo` leaves in the database, read from the `demo` fixture (loaded once
for this module, tests/fixtures/demo.py): the seed facts, the illustrative marking, the demo
logins, and what a second run over it keeps or puts back. The first run itself is tested in
test_load_demo.py.

Expected values are written out here rather than read from blocs/demo.py, so that a
wrong edit of the data fails a test instead of moving the expectation with it.
"""

import datetime

import pytest
from django.core.exceptions import PermissionDenied

from blocs import services
from blocs.demo import DEMO_USERS, SEED_CONFERENCES
from blocs.models import Agency, AgencyName, Bloc, Membership, Province, User
from blocs.selectors import rotation_hint
from blocs.services import system_actor
from tests.blocs.demo import (
    CULTURE,
    DIEN_BIEN_NAMED,
    VINH_PHUC_NAMED,
    culture_bloc,
    is_history,
    leader_and_deputy,
    load,
    member_names,
    snapshot,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_settings")]


def test_second_run_leaves_exactly_the_same_rows(demo):
    first = snapshot()
    output = load()

    # The same rows, and not one more history row: nothing was saved again.
    assert snapshot() == first
    assert {label: len(rows) for label, rows in first.items() if not is_history(label)} == {
        "blocs.Province": 3,  # Phú Thọ, which Vĩnh Phúc became part of on 01/07/2025
        # 24 of the seeds' years, Sở Nội vụ and Vĩnh Phúc's Sở KH&CN, and the 12 of Phú Thọ
        # that Vĩnh Phúc's open agencies passed to
        "blocs.Agency": 38,
        "blocs.AgencyName": 1,
        "blocs.AgencyMerger": 14,  # Sở TT&TT into Sở KH&CN in both provinces; 12 into Phú Thọ's
        "blocs.BlocDecision": 0,
        "blocs.Bloc": 4,
        "blocs.Membership": 206,  # 160, Điện Biên's 2025 and 2026 (7 each), Vĩnh Phúc's 2022-2025 (8 each)
        "blocs.Leadership": 29,
        "blocs.User": 8,  # the seven demo logins and the system actor the loader writes as
        "blocs.User_blocs": 2,
        "blocs.User_groups": 0,
        "blocs.User_user_permissions": 0,
        "emulation.Conference": 2,
        "emulation.Attendance": 9,
        "emulation.Pledge": 1,
        "emulation.Signature": 8,
        "emulation.Criterion": 0,
        "emulation.Score": 0,
        "emulation.SelfAssessment": 0,  # what member agencies send is theirs to enter
        "emulation.SelfScore": 0,
        "awards.AwardType": 5,
        "awards.AwardRule": 15,  # the national defaults of three periods, seeded by migrations
        "awards.BaseSalary": 7,  # the base-salary table, seeded by a migration
        "awards.BlocCount": 0,
        "awards.Proposal": 7,
        "awards.Submission": 3,
        "awards.Decision": 4,
        "awards.CertificateLayout": 0,  # a province's blanks are measured by its office, not seeded
    }
    counts = [line for line in output.splitlines() if "(mới " in line]
    assert len(counts) == 10
    assert all(line.endswith("(mới 0, cập nhật 0)") for line in counts), counts


def test_dien_bien_2017_has_the_eight_members_and_the_2018_leader_of_seed_000(demo):
    bloc = culture_bloc("Điện Biên")

    members_2017 = member_names(bloc, 2017)
    assert len(members_2017) == 8
    assert members_2017 >= DIEN_BIEN_NAMED
    assert member_names(bloc, 2018) == members_2017  # all signed the 2018 pledge
    assert leader_and_deputy(bloc, 2018)[0] == "Sở Thông tin và Truyền thông"
    assert Agency.objects.get(province__name="Điện Biên", name="Bảo hiểm xã hội tỉnh").kind == "sector"
    assert Province.objects.get(name="Điện Biên").code == "dien-bien"


def test_vinh_phuc_leaders_of_seed_001(demo):
    bloc = culture_bloc("Vĩnh Phúc")

    assert leader_and_deputy(bloc, 2020)[0] == "Sở Thông tin và Truyền thông"
    assert leader_and_deputy(bloc, 2021)[0] == "Ban Dân tộc tỉnh"
    assert member_names(bloc, 2020) >= VINH_PHUC_NAMED
    assert len(member_names(bloc, 2020)) == 8
    assert Province.objects.get(name="Vĩnh Phúc").code == "vinh-phuc"


@pytest.mark.parametrize(
    ("province", "years", "distinct_leaders"),
    [("Điện Biên", range(2015, 2027), 8), ("Vĩnh Phúc", range(2015, 2026), 8)],
)
def test_every_year_has_a_leader_and_a_different_deputy(demo, province, years, distinct_leaders):
    bloc = culture_bloc(province)

    assert sorted(bloc.leaderships.values_list("year", flat=True)) == list(years)
    leaders = set()
    for year in years:
        leader, deputy = leader_and_deputy(bloc, year)
        assert leader != deputy
        leaders.add(leader)
    assert len(leaders) == distinct_leaders  # it rotates: nobody leads twice before all have led


def test_rotation_hint_puts_the_longest_without_leading_first(demo):
    candidates = rotation_hint(bloc=culture_bloc("Điện Biên"), year=2025)
    # 2025 has no members yet: the hint reads 2024's; BHXH last led in 2017.
    assert candidates[0].membership.agency.name == "Bảo hiểm xã hội tỉnh"
    assert candidates[0].last_led == 2017


@pytest.mark.parametrize(("province", "named"), [("Điện Biên", DIEN_BIEN_NAMED), ("Vĩnh Phúc", VINH_PHUC_NAMED)])
def test_only_agencies_the_seed_names_are_not_illustrative(demo, province, named):
    agencies = Agency.objects.filter(province__name=province)
    real = {agency.name_in(2017) for agency in agencies.filter(is_illustrative=False)}
    assert real == named
    assert agencies.filter(is_illustrative=True).count() == agencies.count() - len(named)


def test_invented_memberships_are_noted_as_illustrative(demo):
    bloc = culture_bloc("Điện Biên")
    notes_2017 = dict(
        Membership.objects.filter(bloc=bloc, year=2017).values_list("agency__name", "note"),
    )
    assert notes_2017["Sở Thông tin và Truyền thông"] == "Theo tin hội nghị tổng kết ngày 08/01/2018"
    assert notes_2017["Sở Y tế"] == "Minh họa"
    assert set(Membership.objects.filter(bloc=bloc, year=2016).values_list("note", flat=True)) == {"Minh họa"}
    vinh_phuc_2021 = dict(
        Membership.objects.filter(bloc=culture_bloc("Vĩnh Phúc"), year=2021).values_list("agency__name", "note")
    )
    assert vinh_phuc_2021["Ban Dân tộc tỉnh"] == "Theo tin hội nghị tổng kết ngày 13/01/2021"
    assert vinh_phuc_2021["Sở Y tế"] == "Minh họa"


def test_2025_rename_keeps_the_old_name_for_past_years_and_happens_once(demo):
    load()
    agency = Agency.objects.get(province__name="Điện Biên", former_names__name="Ban Dân tộc tỉnh")

    assert agency.name == "Sở Dân tộc và Tôn giáo"
    assert agency.name_in(2017) == "Ban Dân tộc tỉnh"
    assert agency.name_in(2025) == "Sở Dân tộc và Tôn giáo"
    assert list(agency.former_names.values_list("name", "until")) == [("Ban Dân tộc tỉnh", datetime.date(2025, 3, 1))]
    assert "Ban Dân tộc tỉnh" in member_names(culture_bloc("Điện Biên"), 2021)
    # Vĩnh Phúc's board is another agency, untouched.
    other = Agency.objects.get(province__name="Vĩnh Phúc", name="Ban Dân tộc tỉnh")
    assert not other.former_names.exists()
    assert AgencyName.objects.count() == 1


def test_2025_merger_of_information_into_science(demo):
    for province in ("Điện Biên", "Vĩnh Phúc"):
        agency = Agency.objects.get(province__name=province, name="Sở Thông tin và Truyền thông")
        assert agency.active_until == datetime.date(2025, 2, 28)
        assert agency.successor.name == "Sở Khoa học và Công nghệ"
        assert agency.successor.province.name == province
        assert (agency.merger.effective_on, agency.merger.basis_number) == (datetime.date(2025, 3, 1), "45/2025/NĐ-CP")
        assert "Minh họa" in agency.merger.note
        bloc = culture_bloc(province)
        # Before the merger the records are as they were; from 2025 Sở KH&CN holds the place, once.
        assert "Sở Thông tin và Truyền thông" in member_names(bloc, 2024)
        assert "Sở Thông tin và Truyền thông" not in member_names(bloc, 2025)
        assert "Sở Khoa học và Công nghệ" in member_names(bloc, 2025)
    dien_bien = culture_bloc("Điện Biên")
    assert len(member_names(dien_bien, 2024)) == 8
    assert len(member_names(dien_bien, 2025)) == len(member_names(dien_bien, 2026)) == 7
    assert leader_and_deputy(dien_bien, 2026) == ("Sở Văn hóa, Thể thao và Du lịch", "Sở Dân tộc và Tôn giáo")
    assert len(member_names(culture_bloc("Vĩnh Phúc"), 2025)) == 8


def test_vinh_phuc_became_part_of_phu_tho_and_keeps_its_records(demo):
    vinh_phuc, phu_tho = Province.objects.get(name="Vĩnh Phúc"), Province.objects.get(name="Phú Thọ")
    assert (vinh_phuc.merged_into, vinh_phuc.merged_on) == (phu_tho, datetime.date(2025, 7, 1))
    assert "202/2025/QH15" in vinh_phuc.merger_basis
    education = Agency.objects.get(province=vinh_phuc, name="Sở Giáo dục và Đào tạo")
    assert (education.active_until, education.successor.province) == (datetime.date(2025, 6, 30), phu_tho)
    # Its blocs and their members stay Vĩnh Phúc's.
    assert member_names(culture_bloc("Vĩnh Phúc"), 2020) >= VINH_PHUC_NAMED
    assert not Bloc.objects.filter(province=phu_tho).exists()
    admin = User.objects.get(username="admin.phutho")
    assert (admin.role, admin.province) == ("province_admin", phu_tho)


def test_seed_conferences_agree_with_the_loaded_leaders(demo):
    for (province, bloc_name, year), conference in SEED_CONFERENCES.items():
        bloc = Bloc.objects.get(province__name=province, name=bloc_name)
        assert conference["date"].year == year + 1
        assert leader_and_deputy(bloc, year + 1)[0] == conference["elected_leader"]
    vinh_phuc = SEED_CONFERENCES["Vĩnh Phúc", CULTURE, 2020]
    assert (vinh_phuc["chair_name"], vinh_phuc["chair_title"]) == (
        "Nguyễn Bá Hiến",
        "Giám đốc Sở Thông tin và Truyền thông",
    )


@pytest.mark.parametrize(
    ("username", "role", "province", "blocs"),
    [
        ("admin.dienbien", "province_admin", "Điện Biên", []),
        ("thuky.dienbien", "secretary", "Điện Biên", [CULTURE]),
        ("thuky.vinhphuc", "secretary", "Vĩnh Phúc", [CULTURE]),
        ("xem.dienbien", "viewer", "Điện Biên", []),
        ("admin.phutho", "province_admin", "Phú Thọ", []),
    ],
)
def test_demo_user_has_its_role_and_logs_in(demo, client, username, role, province, blocs):
    user = User.objects.get(username=username)
    password = next(u["password"] for u in DEMO_USERS if u["username"] == username)

    assert (user.role, user.province.name) == (role, province)
    assert [(b.province.name, b.name) for b in user.blocs.all()] == [(province, name) for name in blocs]
    assert user.is_staff == (role == "province_admin")
    assert not user.is_superuser
    assert len(password) >= 10
    assert client.login(username=username, password=password)
    assert not client.login(username=username, password=password + "x")


def test_second_run_puts_back_what_was_changed(demo, client):
    user = User.objects.get(username="xem.dienbien")
    user.set_password("something-else-1")
    user.save()
    bloc = culture_bloc("Điện Biên")
    members = {m.agency.name: m for m in Membership.objects.filter(bloc=bloc, year=2018).select_related("agency")}
    with pytest.raises(PermissionDenied):  # elected by the finalized conference of 2017: locked
        services.leadership_set(
            actor=system_actor(),
            bloc=bloc,
            year=2018,
            leader=members["Sở Y tế"],
            deputy=members["Bảo hiểm xã hội tỉnh"],
        )
    in_2019 = {m.agency.name: m for m in Membership.objects.filter(bloc=bloc, year=2019).select_related("agency")}
    loaded_2019 = leader_and_deputy(bloc, 2019)
    services.leadership_set(
        actor=system_actor(), bloc=bloc, year=2019, leader=in_2019["Sở Y tế"], deputy=in_2019["Bảo hiểm xã hội tỉnh"]
    )
    Membership.objects.filter(pk=members["Sở Y tế"].pk).update(note="sửa tay")

    output = load()

    assert leader_and_deputy(bloc, 2018) == ("Sở Thông tin và Truyền thông", "Sở Lao động - Thương binh và Xã hội")
    assert leader_and_deputy(bloc, 2019) == loaded_2019
    assert Membership.objects.get(pk=members["Sở Y tế"].pk).note == "Minh họa"
    assert client.login(username="xem.dienbien", password="demo-xem-db-2026")
    assert "Trưởng khối, Phó trưởng khối (theo năm): 29 (mới 0, cập nhật 1)" in output


def test_a_later_rename_by_an_admin_is_kept(demo):
    agency = Agency.objects.get(province__name="Điện Biên", name="Sở Dân tộc và Tôn giáo")
    agency.name = "Sở Dân tộc và Tôn giáo tỉnh Điện Biên"
    services.agency_save(actor=system_actor(), agency=agency, renamed_on=datetime.date(2026, 1, 1))

    load()

    agency.refresh_from_db()
    assert agency.name == "Sở Dân tộc và Tôn giáo tỉnh Điện Biên"
    assert agency.name_in(2017) == "Ban Dân tộc tỉnh"
    assert Agency.objects.filter(province__name="Điện Biên").count() == 13  # with Sở Nội vụ
