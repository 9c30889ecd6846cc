"""The spreadsheet import of a year's scoring tables (emulation.imports.scores_import, its page
and `import_sheet scores`): criteria added with their maximum, points per member through the
scores service, the finalized-conference lock, a clear error per bad row, nothing half-saved."""

from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from blocs.services import system_actor
from emulation.imports import CRITERION, MAX_POINTS, MEMBER, POINTS, SCORE_COLUMNS
from emulation.models import Criterion, Score
from tests.emulation.helpers import YEAR
from tests.spreadsheets import csv_file, run, where, xlsx

AGENCIES = ("Bảo hiểm xã hội tỉnh", "Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo")


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def rows(bloc):
    """Two criteria for the three members of the `members` fixture; names typed loosely."""
    return [
        [bloc.name, "I. Chỉ đạo", "Công tác chỉ đạo, điều hành", "60", "bao hiem xa hoi tinh", "55"],
        [bloc.name, "I. Chỉ đạo", "Công tác chỉ đạo, điều hành", "60", AGENCIES[1], "57,5"],
        [bloc.name, "I. Chỉ đạo", "Công tác chỉ đạo, điều hành", "", AGENCIES[2], "60"],
        [bloc.name, "II. Kết quả", "Kết quả thực hiện nhiệm vụ", "40", AGENCIES[0], "38"],
        [bloc.name, "II. Kết quả", "Kết quả thực hiện nhiệm vụ", "40", AGENCIES[1], "39.25"],
        [bloc.name, "II. Kết quả", "Kết quả thực hiện nhiệm vụ", "40", AGENCIES[2], "40"],
    ]


def scores_import(province, upload, year=YEAR, dry_run=False):
    return run("scores", province, upload, actor=system_actor(), year=year, dry_run=dry_run)


def test_the_preview_lists_each_criterion_and_saves_nothing(province, bloc, members):
    preview = scores_import(province, xlsx(SCORE_COLUMNS, rows(bloc)), dry_run=True)
    assert preview.ok, [str(p) for p in preview.problems]
    assert len(preview.created) == 2
    assert not Criterion.objects.exists() and not Score.objects.exists()


def test_the_import_saves_the_table_and_points_and_a_second_run_changes_nothing(province, bloc, members):
    assert scores_import(province, xlsx(SCORE_COLUMNS, rows(bloc))).saved
    lead = Criterion.objects.get(name="Công tác chỉ đạo, điều hành")
    assert (lead.bloc, lead.year, lead.max_points, lead.group, lead.order) == (bloc, YEAR, 60, "I. Chỉ đạo", 1)
    points = {s.membership.agency.name: s.points for s in Score.objects.filter(criterion=lead)}
    assert points == {AGENCIES[0]: Decimal("55"), AGENCIES[1]: Decimal("57.5"), AGENCIES[2]: Decimal("60")}
    assert Score.objects.count() == 6
    history = Score.history.count() + Criterion.history.count()

    again = scores_import(province, xlsx(SCORE_COLUMNS, rows(bloc)))
    assert again.saved and (again.created, again.changed, len(again.unchanged)) == ([], [], 2)
    assert Score.history.count() + Criterion.history.count() == history


def test_a_changed_point_changes_that_score_only(province, bloc, members, criteria):
    scores_import(province, xlsx(SCORE_COLUMNS, rows(bloc)))
    table = rows(bloc)
    table[1][5] = "50"
    preview = scores_import(province, xlsx(SCORE_COLUMNS, table))
    assert preview.saved and len(preview.changed) == 1 and "1" in preview.changed[0]
    assert Score.objects.get(membership=members[YEAR][1], criterion__name=table[1][2]).points == 50


def test_a_csv_in_utf8_with_or_without_bom(province, bloc, members):
    assert scores_import(province, csv_file(SCORE_COLUMNS, rows(bloc), encoding="utf-8"), dry_run=True).ok
    assert scores_import(province, csv_file(SCORE_COLUMNS, rows(bloc)), dry_run=True).ok


@pytest.mark.parametrize(
    "index, value, column, words",
    [
        (5, "61", POINTS, "60"),
        (5, "-1", POINTS, "0"),
        (5, "năm mươi", POINTS, "năm mươi"),
        (5, "9.555", POINTS, "2"),
        (3, "50", MAX_POINTS, "60"),
        (3, "0", MAX_POINTS, "0"),
        (4, "Sở Không Có", MEMBER, "Sở Không Có"),
        (2, "", CRITERION, ""),
    ],
)
def test_a_bad_row_names_its_row_and_column_and_nothing_is_saved(province, bloc, members, index, value, column, words):
    table = rows(bloc)
    table[1][index] = value
    preview = scores_import(province, xlsx(SCORE_COLUMNS, table))
    assert not preview.saved
    assert where(preview) == [(3, column)], [str(p) for p in preview.problems]
    assert str(preview.problems[0]).startswith("Dòng 3, cột") and words in str(preview.problems[0])
    assert not Score.objects.exists() and not Criterion.objects.exists()


def test_a_member_given_twice_for_one_criterion(province, bloc, members):
    table = [*rows(bloc), [bloc.name, "", "Kết quả thực hiện nhiệm vụ", "40", AGENCIES[0], "30"]]
    preview = scores_import(province, xlsx(SCORE_COLUMNS, table))
    assert where(preview) == [(8, MEMBER)] and "dòng 5" in preview.problems[0].message


def test_an_agency_of_another_bloc_is_not_a_member(province, bloc, other_bloc, members):
    from tests.blocs.factories import AgencyFactory, MembershipFactory

    outsider = MembershipFactory(bloc=other_bloc, agency=AgencyFactory(province=province, name="Sở Y tế"), year=YEAR)
    table = rows(bloc)
    table[0][4] = outsider.agency.name
    preview = scores_import(province, xlsx(SCORE_COLUMNS, table))
    assert where(preview) == [(2, MEMBER)]


def test_a_finalized_conference_locks_its_year(province, bloc, members, finalized_conference):
    preview = scores_import(province, xlsx(SCORE_COLUMNS, rows(bloc)))
    assert where(preview) == [(2, "Khối thi đua")]  # said once, on the bloc's first row
    assert "đã chốt" in preview.problems[0].message
    assert not Score.objects.exists()


def test_a_finalized_year_refused_in_one_bloc_saves_nothing_in_another(
    province, bloc, other_bloc, members, finalized_conference
):
    from tests.blocs.factories import AgencyFactory, MembershipFactory

    MembershipFactory(bloc=other_bloc, agency=AgencyFactory(province=province, name="Sở Y tế"), year=YEAR)
    table = [[other_bloc.name, "", "Tiêu chí A", "10", "Sở Y tế", "9"], *rows(bloc)]
    preview = scores_import(province, xlsx(SCORE_COLUMNS, table))
    assert where(preview) == [(3, "Khối thi đua")]
    assert not Criterion.objects.exists()


def test_the_command_and_the_page(province, bloc, members, tmp_path, login, province_admin):
    path = tmp_path / "diem.xlsx"
    path.write_bytes(xlsx(SCORE_COLUMNS, rows(bloc)).read())
    with pytest.raises(CommandError, match="--year"):
        call_command("import_sheet", "scores", str(path), "--province", province.code)
    call_command("import_sheet", "scores", str(path), "--province", province.code, "--year", str(YEAR))
    assert Score.objects.count() == 6

    client = login(province_admin)
    url = reverse("blocs:scores_import", args=[province.pk])
    table = rows(bloc)
    table[0][5] = "1"
    page = client.post(url, {"year": YEAR, "file": xlsx(SCORE_COLUMNS, table)})
    assert page.status_code == 200 and page.context["payload"]
    assert client.post(url, {"payload": page.context["payload"]}).status_code == 302
    assert Score.objects.get(membership=members[YEAR][0], criterion__name=table[0][2]).points == 1
