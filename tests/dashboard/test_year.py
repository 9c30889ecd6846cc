"""The year dashboard: one row per bloc of the year, one cell per step, late blocs marked,
the secretary's next step, the XLSX export and the deadlines' service."""

import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from blocs.services import system_actor
from dashboard import selectors, services
from dashboard.models import YearDeadline
from emulation.models import Conference
from tests.blocs.factories import BlocFactory, LeadershipFactory, MembershipFactory
from tests.emulation.factories import ConferenceFactory

pytestmark = pytest.mark.django_db
YEAR = 2017


def cells(response, bloc):
    row = next(row for row in response.context["board"].rows if row.bloc == bloc)
    return dict(row.ordered_cells())


def test_the_admin_home_is_the_year_of_the_province(login, province_admin, bloc, other_bloc, members, foreign_bloc):
    members = members[YEAR]
    LeadershipFactory(bloc=bloc, year=YEAR, leader=members[0], deputy=members[1])
    ConferenceFactory(bloc=bloc, year=YEAR, date=datetime.date(YEAR + 1, 1, 8))
    response = login(province_admin).get(reverse("home") + f"?year={YEAR}")
    assert response.status_code == 200
    rows = response.context["board"].rows
    assert [row.bloc for row in rows] == [bloc]  # other_bloc has no members in 2017, foreign_bloc is not ours
    state = cells(response, bloc)
    assert state["members"].done and str(len(members)) in state["members"].text
    assert state["leaders"].done and members[0].printed_name in state["leaders"].text
    assert state["conference"].done and state["conference"].text == f"08/01/{YEAR + 1}"
    assert not state["finalized"].done and not state["dossier"].done
    assert state["results"].url == reverse("awards:conference_edit", args=[bloc.pk, YEAR])
    counts = {key: (done, total) for key, _label, done, total in response.context["board"].counts}
    assert counts["members"] == (1, 1) and counts["finalized"] == (0, 1)
    assert 'data-testid="year-dashboard"' in response.content.decode()


def test_a_passed_deadline_marks_the_bloc_late(login, province_admin, province, bloc, members):
    services.deadline_set(
        actor=system_actor(), province=province, year=YEAR, conference_due=datetime.date(YEAR + 1, 1, 20)
    )
    board = selectors.year_board(user=province_admin, province=province, year=YEAR, today=datetime.date(YEAR + 1, 2, 1))
    assert board.rows[0].late and board.rows[0].cells["conference"].late
    assert not board.rows[0].cells["members"].late  # no deadline for members
    early = selectors.year_board(user=province_admin, province=province, year=YEAR, today=datetime.date(YEAR + 1, 1, 2))
    assert not early.rows[0].late


def test_the_year_switcher_lists_the_years_with_members_and_the_next(login, viewer, province, bloc, members):
    MembershipFactory(bloc=bloc, agency=members[YEAR][0].agency, year=YEAR - 2)
    response = login(viewer).get(reverse("home"))
    assert response.context["board"].year == YEAR + 1  # the latest year with members
    assert response.context["board"].years == [YEAR + 2, YEAR + 1, YEAR, YEAR - 1, YEAR - 2]


def test_the_secretary_sees_their_bloc_and_the_next_step(login, secretary, bloc, other_bloc, members):
    MembershipFactory(bloc=other_bloc, agency__province=other_bloc.province, year=YEAR)
    response = login(secretary).get(reverse("home") + f"?year={YEAR}")
    assert [row.bloc for row in response.context["board"].rows] == [bloc]
    key, _label, cell = response.context["board"].rows[0].next_step
    assert key == "leaders" and cell.url.startswith(reverse("blocs:bloc_detail", args=[bloc.pk]))
    assert 'data-testid="next-step"' in response.content.decode()
    assert 'data-testid="dashboard-xlsx"' not in response.content.decode()


def test_a_finalized_year_is_done_up_to_its_dossier(login, province_admin, bloc, members):
    LeadershipFactory(bloc=bloc, year=YEAR, leader=members[YEAR][0])
    ConferenceFactory(bloc=bloc, year=YEAR, status=Conference.Status.FINALIZED, date=datetime.date(YEAR + 1, 1, 8))
    response = login(province_admin).get(reverse("home") + f"?year={YEAR}")
    state = cells(response, bloc)
    assert state["finalized"].done
    assert not state["results"].done and state["dossier"].text == "—"


def test_the_export_is_a_spreadsheet_whose_text_is_never_a_formula(login, province_admin, province, members):
    BlocFactory(province=province, name='=HYPERLINK("http://x")')
    formula_bloc = province.blocs.get(name__startswith="=")
    MembershipFactory(bloc=formula_bloc, agency__province=province, year=YEAR)
    response = login(province_admin).get(reverse("dashboard:year_xlsx", args=[province.pk, YEAR]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'nam-{YEAR}-dien-bien.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[0].value for row in sheet.iter_rows(min_row=3)]
    assert formula_bloc.name in names
    cell = next(row[0] for row in sheet.iter_rows(min_row=3) if row[0].value == formula_bloc.name)
    assert cell.data_type == "s"


def test_the_export_is_for_the_province_only(login, secretary, outsider, province):
    assert login(secretary).get(reverse("dashboard:year_xlsx", args=[province.pk, YEAR])).status_code == 403
    assert login(outsider).get(reverse("dashboard:year_xlsx", args=[province.pk, YEAR])).status_code == 404


def test_deadlines_are_set_and_changed_by_their_service(province, province_admin):
    first = services.deadline_set(
        actor=province_admin, province=province, year=YEAR, dossiers_due=datetime.date(YEAR + 1, 12, 10)
    )
    again = services.deadline_set(
        actor=province_admin, province=province, year=YEAR, members_due=datetime.date(YEAR, 3, 1)
    )
    assert first.pk == again.pk and YearDeadline.objects.count() == 1
    again.refresh_from_db()
    assert again.dossiers_due == datetime.date(YEAR + 1, 12, 10) and again.members_due == datetime.date(YEAR, 3, 1)
    assert again.history.latest().history_user == province_admin


def test_people_are_named_in_vietnamese_order(login, province_admin):
    province_admin.last_name, province_admin.first_name = "Nguyễn Thị", "Lan"
    province_admin.save()
    assert province_admin.display_name == "Nguyễn Thị Lan"
    html = login(province_admin).get(reverse("blocs:bloc_list")).content.decode()
    assert "Nguyễn Thị Lan" in html and "Lan Nguyễn Thị" not in html


def test_results_count_the_members_present_not_the_guests(login, province_admin, bloc, members):
    conference = ConferenceFactory(bloc=bloc, year=YEAR, date=datetime.date(YEAR + 1, 1, 8))
    conference.attendances.create(membership=members[YEAR][0])
    conference.attendances.create(guest_organisation="Ban Thi đua - Khen thưởng tỉnh")
    response = login(province_admin).get(reverse("home") + f"?year={YEAR}")
    assert cells(response, bloc)["results"].text.startswith("1 ")
