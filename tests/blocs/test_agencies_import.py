"""The spreadsheet import of a province's agencies (blocs.imports.agencies_import, its page and
`import_sheet agencies`): former names with their dates, merged agencies with their successor,
dates typed as text and as Excel serials, a clear error per bad row and nothing half-saved."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from blocs.imports import (
    ACTIVE_FROM,
    ACTIVE_UNTIL,
    AGENCY_COLUMNS,
    FORMER,
    FORMER_UNTIL,
    KIND,
    NAME,
    SHORT,
    SUCCESSOR,
)
from blocs.models import Agency, AgencyName
from blocs.services import system_actor
from tests.blocs.factories import AgencyFactory
from tests.spreadsheets import csv_file, run, serial, where, xlsx


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def department():
    return str(Agency.Kind.DEPARTMENT.label)


def rows():
    """Sở TT&TT merged into Sở KH&CN on 01/03/2025; Sở KH&CN was named otherwise until 2003."""
    return [
        ["Sở Khoa học và Công nghệ", "Sở KH&CN", department(), "", "", "", "", ""],
        ["Sở Khoa học và Công nghệ", "", "", "", "", "", "Sở Khoa học, Công nghệ và Môi trường", "01/08/2003"],
        [
            "Sở Thông tin và Truyền thông",
            "Sở TT&TT",
            department(),
            "01/07/2008",
            "28/02/2025",
            "Sở Khoa học và Công nghệ",
            "",
            "",
        ],  # fmt: skip
        ["Ban Dân tộc tỉnh", "", "", "", "", "", "", ""],
    ]


def header_cells(row):
    return dict(zip(AGENCY_COLUMNS, row, strict=True))


def agencies_import(province, upload, dry_run=False):
    return run("agencies", province, upload, actor=system_actor(), dry_run=dry_run)


def test_the_preview_lists_agencies_and_former_names_and_saves_nothing(province):
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, rows()), dry_run=True)
    assert preview.ok, [str(p) for p in preview.problems]
    assert len(preview.created) == 4  # three agencies and a former name
    assert not Agency.objects.exists()


def test_the_import_saves_names_dates_and_the_merger_and_a_second_run_changes_nothing(province):
    assert agencies_import(province, xlsx(AGENCY_COLUMNS, rows())).saved
    science = Agency.objects.get(name="Sở Khoa học và Công nghệ")
    ict = Agency.objects.get(name="Sở Thông tin và Truyền thông")
    assert (science.short_name, science.kind) == ("Sở KH&CN", Agency.Kind.DEPARTMENT)
    assert science.name_in(2002) == "Sở Khoa học, Công nghệ và Môi trường"
    assert science.name_in(2003) == "Sở Khoa học và Công nghệ"
    assert (ict.active_from, ict.active_until, ict.successor) == (
        datetime.date(2008, 7, 1),
        datetime.date(2025, 2, 28),
        science,
    )
    assert list(Agency.objects.search("khoa hoc cong nghe va moi truong")) == [science]  # found by its old name
    history = Agency.history.count() + AgencyName.history.count()

    again = agencies_import(province, xlsx(AGENCY_COLUMNS, rows()))
    assert again.saved and (again.created, again.changed) == ([], [])
    assert len(again.unchanged) == 4
    assert Agency.history.count() + AgencyName.history.count() == history


def test_dates_as_excel_serial_numbers_and_as_date_cells_read_as_the_text(province):
    table = rows()
    table[2][3] = serial(datetime.date(2008, 7, 1))  # a General-format cell holding the serial
    table[2][4] = datetime.datetime(2025, 2, 28)  # a date cell
    table[1][7] = serial(datetime.date(2003, 8, 1))
    assert agencies_import(province, xlsx(AGENCY_COLUMNS, table)).saved
    ict = Agency.objects.get(name="Sở Thông tin và Truyền thông")
    assert (ict.active_from, ict.active_until) == (datetime.date(2008, 7, 1), datetime.date(2025, 2, 28))
    assert AgencyName.objects.get().until == datetime.date(2003, 8, 1)


def test_a_csv_with_a_serial_date_and_a_text_date(province):
    table = rows()
    table[2][3] = str(serial(datetime.date(2008, 7, 1)))
    assert agencies_import(province, csv_file(AGENCY_COLUMNS, table)).saved
    assert Agency.objects.get(name="Sở Thông tin và Truyền thông").active_from == datetime.date(2008, 7, 1)


def test_an_existing_agency_is_matched_ignoring_case_and_diacritics_and_changed_in_the_columns_given(province):
    saved = AgencyFactory(province=province, name="Ban Dân tộc tỉnh", short_name="")
    table = [["ban dan toc tinh", "BDT", "", "", "", "", "", ""]]
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, table))
    assert preview.saved and len(preview.changed) == 1
    saved.refresh_from_db()
    assert (saved.name, saved.short_name) == ("Ban Dân tộc tỉnh", "BDT")


@pytest.mark.parametrize(
    "row, column, words",
    [
        (["Sở A", "", "", "13/13/2021", "", "", "", ""], ACTIVE_FROM, "không có thật"),
        (["Sở A", "", "", "ngày 8 tháng 1", "", "", "", ""], ACTIVE_FROM, "dd/mm/yyyy"),
        (["Sở A", "", "", "01/01/1890", "", "", "", ""], ACTIVE_FROM, "1890"),
        (["Sở A", "", "", "", "", "", "", ""][:0] + ["Sở A", "", "Bộ", "", "", "", "", ""], KIND, "Loại"),
        (["Sở A", "", "", "01/01/2020", "01/01/2019", "", "", ""], ACTIVE_UNTIL, "đóng"),
        (["Sở A", "", "", "", "01/01/2020", "Sở Không Có", "", ""], SUCCESSOR, "Sở Không Có"),
        (["Sở A", "", "", "", "01/01/2020", "Sở A", "", ""], SUCCESSOR, ""),
        (["Sở A", "", "", "", "", "Sở B", "", ""], ACTIVE_UNTIL, ""),
        (["Sở A", "", "", "", "", "", "Sở Cũ", ""], FORMER_UNTIL, ""),
        (["Sở A", "", "", "", "", "", "", "01/01/2001"], FORMER, "01/01/2001"),
    ],
)
def test_a_bad_row_names_its_row_and_column_and_nothing_is_saved(province, row, column, words):
    AgencyFactory(province=province, name="Sở B")
    table = [["Sở Tốt", "", "", "", "", "", "", ""], row]
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, table))
    assert not preview.saved
    assert where(preview) == [(3, column)], [str(p) for p in preview.problems]
    text = str(preview.problems[0])
    assert text.startswith("Dòng 3, cột") and words in text
    assert not Agency.objects.filter(name="Sở Tốt").exists()


def test_duplicate_agencies_in_one_file(province):
    table = [*rows(), ["SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "TTTT", "", "", "", "", "", ""]]
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, table))
    assert where(preview) == [(6, NAME)]
    assert "hai lần" in preview.problems[0].message and "dòng 4" in preview.problems[0].message
    assert not Agency.objects.exists()


def test_an_ambiguous_name_names_the_candidates(province):
    AgencyFactory(province=province, name="Sở Y tế", active_until=datetime.date(2010, 1, 1))
    AgencyFactory(province=province, name="Sở Y Tế")
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, [["so y te", "", "", "", "", "", "", ""]]))
    assert where(preview) == [(2, NAME)]
    assert "Sở Y tế" in preview.problems[0].message and "Sở Y Tế" in preview.problems[0].message


def test_a_former_name_that_contradicts_the_recorded_one_is_refused(province):
    agency = AgencyFactory(province=province, name="Sở Nội vụ")
    AgencyName.objects.create(agency=agency, name="Ban Tổ chức chính quyền", until=datetime.date(2003, 8, 1))
    table = [["Sở Nội vụ", "", "", "", "", "", "Sở Tổ chức", "01/08/2003"]]
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, table))
    assert where(preview) == [(2, FORMER)]


def test_a_formula_is_refused_not_computed(province):
    table = rows()
    table[3][1] = '=HYPERLINK("http://example.com","x")'
    preview = agencies_import(province, xlsx(AGENCY_COLUMNS, table))
    assert where(preview) == [(5, SHORT)] and "công thức" in preview.problems[0].message
    assert not Agency.objects.exists()


def test_the_command_imports_and_refuses_as_the_page_does(province, tmp_path, capsys):
    path = tmp_path / "co-quan.xlsx"
    path.write_bytes(xlsx(AGENCY_COLUMNS, rows()).read())
    call_command("import_sheet", "agencies", str(path), "--province", province.code, "--dry-run")
    assert not Agency.objects.exists()
    call_command("import_sheet", "agencies", str(path), "--province", province.code)
    assert Agency.objects.count() == 3
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(xlsx(AGENCY_COLUMNS, [["Sở X", "", "", "32/01/2020", "", "", "", ""]]).read())
    with pytest.raises(CommandError, match="1 lỗi"):
        call_command("import_sheet", "agencies", str(bad), "--province", province.code)
    assert "Dòng 2" in capsys.readouterr().err
    assert not Agency.objects.filter(name="Sở X").exists()


def test_the_page_previews_then_imports_and_the_template_has_the_kinds_list(login, province_admin, province):
    import io

    import openpyxl

    client = login(province_admin)
    url = reverse("blocs:agencies_import", args=[province.pk])
    template = client.get(reverse("blocs:agencies_import_template", args=[province.pk]))
    book = openpyxl.load_workbook(io.BytesIO(template.content))
    assert [c.value for c in book.active[1]] == AGENCY_COLUMNS
    assert department() in book.active.data_validations.dataValidation[0].formula1
    page = client.post(url, {"file": xlsx(AGENCY_COLUMNS, rows())})
    assert page.status_code == 200 and "year" not in page.context["form"].fields
    payload = page.context["payload"]
    assert payload and not Agency.objects.exists()
    done = client.post(url, {"payload": payload})
    assert done.status_code == 302 and Agency.objects.count() == 3


def test_the_admin_changelists_link_to_the_import_pages(login, province_admin, province):
    """The admin site imports through the same page (and so the same checks and services)."""
    client = login(province_admin)
    for model, kind in (("blocs_agency", "agencies"), ("blocs_membership", "members"),
                        ("emulation_criterion", "scores"), ("awards_proposal", "proposals")):  # fmt: skip
        page = client.get(reverse(f"admin:{model}_changelist")).content.decode()
        assert reverse(f"blocs:{kind}_import", args=[province.pk]) in page, model
