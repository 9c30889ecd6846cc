"""Re-drawing a year's blocs by a decision of the UBND tỉnh (issue 13, item 3): one save,
all or nothing, every error naming its row."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from blocs import services
from blocs.models import BlocDecision, Membership
from blocs.services import system_actor
from tests.blocs.factories import AgencyFactory, MembershipFactory


@pytest.fixture
def agencies(province):
    names = ["Sở Y tế", "Sở Tài chính", "Sở Xây dựng", "Sở Nội vụ"]
    return {name: AgencyFactory(province=province, name=name) for name in names}


@pytest.fixture
def last_year(bloc, other_bloc, agencies):
    """2025: Sở Y tế and Sở Nội vụ in `bloc`, Sở Tài chính in `other_bloc`."""
    MembershipFactory(bloc=bloc, agency=agencies["Sở Y tế"], year=2025)
    MembershipFactory(bloc=bloc, agency=agencies["Sở Nội vụ"], year=2025)
    MembershipFactory(bloc=other_bloc, agency=agencies["Sở Tài chính"], year=2025)


def redraw(province, table, dry_run=False):
    return services.blocs_redraw(
        actor=system_actor(),
        province=province,
        number="12/QĐ-UBND",
        date=datetime.date(2026, 1, 15),
        signer="Chủ tịch UBND tỉnh",
        year=2026,
        table=table,
        dry_run=dry_run,
    )


def members(bloc, year=2026):
    return sorted(Membership.objects.filter(bloc=bloc, year=year).values_list("agency__name", flat=True))


def test_one_save_sets_the_year_from_the_table(province, bloc, other_bloc, agencies, last_year):
    a = agencies
    outcome = redraw(
        province, [(bloc, [a["Sở Y tế"], a["Sở Xây dựng"]]), (other_bloc, [a["Sở Tài chính"], a["Sở Nội vụ"]])]
    )

    assert members(bloc) == ["Sở Xây dựng", "Sở Y tế"]
    assert members(other_bloc) == ["Sở Nội vụ", "Sở Tài chính"]
    decision = BlocDecision.objects.get()
    assert (decision.number, decision.year, decision.province) == ("12/QĐ-UBND", 2026, province)
    assert set(Membership.objects.filter(year=2026).values_list("decision", flat=True)) == {decision.pk}
    preview = {row.bloc: row for row in outcome.preview}
    assert (preview[bloc].added, preview[bloc].removed, preview[bloc].kept) == (["Sở Xây dựng"], ["Sở Nội vụ"], 1)
    assert preview[other_bloc].added == ["Sở Nội vụ"]
    assert members(bloc, 2025) == ["Sở Nội vụ", "Sở Y tế"]  # the year before stays


def test_a_second_decision_replaces_the_year_and_keeps_what_stays(province, bloc, other_bloc, agencies):
    a = agencies
    redraw(province, [(bloc, [a["Sở Y tế"], a["Sở Xây dựng"]])])
    kept = Membership.objects.get(agency=a["Sở Y tế"], year=2026)
    services.blocs_redraw(
        actor=system_actor(), province=province, number="30/QĐ-UBND", date=datetime.date(2026, 3, 2), signer="",
        year=2026, table=[(bloc, [a["Sở Y tế"]]), (other_bloc, [a["Sở Xây dựng"]])],
    )  # fmt: skip
    assert members(bloc) == ["Sở Y tế"] and members(other_bloc) == ["Sở Xây dựng"]
    assert Membership.objects.get(agency=a["Sở Y tế"], year=2026).pk == kept.pk
    assert Membership.objects.get(pk=kept.pk).decision.number == "30/QĐ-UBND"


def test_preview_saves_nothing(province, bloc, agencies, last_year):
    outcome = redraw(province, [(bloc, [agencies["Sở Xây dựng"]])], dry_run=True)
    assert outcome.dry_run and outcome.preview[0].added == ["Sở Xây dựng"]
    assert not BlocDecision.objects.exists()
    assert not Membership.objects.filter(year=2026).exists()


def test_an_agency_listed_twice_is_refused_naming_both_rows(province, bloc, other_bloc, agencies, last_year):
    a = agencies
    with pytest.raises(ValidationError) as refusal:
        redraw(province, [(bloc, [a["Sở Y tế"]]), (other_bloc, [a["Sở Tài chính"], a["Sở Y tế"]])])
    assert refusal.value.messages == [
        "Dòng 2 (Khối Kinh tế - Tổng hợp): Sở Y tế được liệt kê hai lần (cả ở dòng 1, Khối Văn hóa - Xã hội)."
    ]
    assert not BlocDecision.objects.exists()
    assert not Membership.objects.filter(year=2026).exists()


def test_an_agency_closed_that_year_is_refused_naming_its_row(province, bloc, other_bloc, agencies, last_year):
    a = agencies
    a["Sở Xây dựng"].active_until = datetime.date(2026, 2, 28)
    services.agency_save(actor=system_actor(), agency=a["Sở Xây dựng"])
    with pytest.raises(ValidationError) as refusal:
        redraw(province, [(bloc, [a["Sở Y tế"]]), (other_bloc, [a["Sở Tài chính"], a["Sở Xây dựng"]])])
    assert refusal.value.messages == [
        "Dòng 2 (Khối Kinh tế - Tổng hợp): Sở Xây dựng không còn hoạt động vào cuối năm 2026: "
        "đã ngừng hoạt động từ 28/02/2026."
    ]
    assert not Membership.objects.filter(year=2026).exists()


def test_a_failure_half_way_leaves_nothing(province, bloc, other_bloc, agencies):
    """A leader of that year cannot be dropped (PROTECT): the decision and every row roll back."""
    from blocs.models import Leadership

    a = agencies
    leader = MembershipFactory(bloc=bloc, agency=a["Sở Nội vụ"], year=2026)
    Leadership.objects.create(bloc=bloc, year=2026, leader=leader)
    with pytest.raises(ValidationError, match="Sở Nội vụ không thể rời Khối Văn hóa - Xã hội năm 2026"):
        redraw(province, [(bloc, [a["Sở Y tế"]]), (other_bloc, [a["Sở Tài chính"]])])
    assert not BlocDecision.objects.exists()
    assert members(bloc) == ["Sở Nội vụ"] and members(other_bloc) == []


class TestRedrawPage:
    def url(self, province, year=2026):
        return reverse("blocs:bloc_redraw", args=[province.pk]) + f"?year={year}"

    def data(self, bloc, other_bloc, table, **extra):
        return {
            "year": 2026,
            "number": "12/QĐ-UBND",
            "date": "15/01/2026",
            "signer": "",
            f"bloc_{bloc.pk}": [a.pk for a in table.get(bloc, [])],
            f"bloc_{other_bloc.pk}": [a.pk for a in table.get(other_bloc, [])],
            **extra,
        }

    def test_opens_with_last_years_members(self, login, province_admin, province, bloc, agencies, last_year):
        response = login(province_admin).get(self.url(province))
        assert response.status_code == 200
        form = response.context["form"]
        assert sorted(form.initial[f"bloc_{bloc.pk}"]) == sorted([agencies["Sở Y tế"].pk, agencies["Sở Nội vụ"].pk])

    def test_preview_then_save(self, login, province_admin, province, bloc, other_bloc, agencies, last_year):
        client = login(province_admin)
        table = {bloc: [agencies["Sở Y tế"]], other_bloc: [agencies["Sở Nội vụ"]]}
        preview = client.post(self.url(province), self.data(bloc, other_bloc, table, preview="1"))
        assert preview.status_code == 200
        assert "Sở Nội vụ" in preview.content.decode() and 'data-testid="save-redraw"' in preview.content.decode()
        assert not BlocDecision.objects.exists()
        saved = client.post(self.url(province), self.data(bloc, other_bloc, table, save="1"))
        assert saved.status_code == 302
        assert members(bloc) == ["Sở Y tế"] and members(other_bloc) == ["Sở Nội vụ"]
        page = client.get(reverse("blocs:bloc_detail", args=[bloc.pk])).content.decode()
        assert "theo quyết định 12/QĐ-UBND ngày 15/01/2026" in page

    def test_errors_name_the_row_and_nothing_is_saved(
        self, login, province_admin, province, bloc, other_bloc, agencies, last_year
    ):
        table = {bloc: [agencies["Sở Y tế"]], other_bloc: [agencies["Sở Y tế"]]}
        response = login(province_admin).post(self.url(province), self.data(bloc, other_bloc, table, save="1"))
        assert response.status_code == 200
        # The page lists the blocs by name: Khối Kinh tế - Tổng hợp is row 1.
        assert (
            "Dòng 2 (Khối Văn hóa - Xã hội): Sở Y tế được liệt kê hai lần (cả ở dòng 1, Khối Kinh tế - Tổng hợp)."
            in response.content.decode()
        )
        assert not BlocDecision.objects.exists()
