"""Whatever was typed prints safely and legibly, on every document kind and in every format:
no live formula in a spreadsheet (headings included), no file name or header built from raw
input, no column pushed off the page by a long word, no text reordered by a stray
right-to-left override."""

import io
import re
import zipfile
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.models import AwardType, Proposal, Submission
from blocs.models import Agency, Bloc
from emulation.models import Conference, Criterion
from reports import output
from reports.documents import BUILDERS

FORMULA = '=HYPERLINK("https://example.org/steal","Bấm vào đây")'
LONG_WORD = "Đ" * 5000
RLO = "\u202e"


def every_document(conference):
    """(slug, params) of every document kind, all of them holding the conference's bloc."""
    bloc = conference.bloc
    submission = conference.proposals.exclude(submission=None).first().submission
    decision = conference.proposals.exclude(decision=None).first().decision
    found = [
        ("bloc-summary", {"bloc": bloc, "year": conference.year}),
        ("minutes", {"conference": conference}),
        ("province-summary", {"province": bloc.province, "year": conference.year}),
        ("province-prizes", {"province": bloc.province}),
        ("agency-record", {"agency": conference.proposals.first().membership.agency}),
        ("leadership-history", {"bloc": bloc}),
        ("submission-list", {"submission": submission}),
        ("decision-list", {"decision": decision}),
        ("dossier-submission", {"conference": conference}),
        ("vote-minutes", {"conference": conference}),
        ("nominee-list", {"conference": conference}),
        ("achievement-report", {"conference": conference, "proposal": conference.proposals.first()}),
    ]
    assert {slug for slug, _ in found} == set(BUILDERS)
    return found


def fresh(conference):
    """The conference read again with what the access helpers join, after an update()."""
    return Conference.objects.select_related("bloc__province").get(pk=conference.pk)


def pdf_runs(data):
    """(page, x, y, text) of every run of text a PDF draws, where it starts."""
    runs = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages):

        def visit(text, cm, tm, _font, _size, number=number):
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                runs.append((number, x, y, text))

        page.extract_text(visitor_text=visit)
    return runs


# A formula as a criterion's name (a scoring sheet's heading) and in the cells ----------------


@pytest.mark.slow  # every document kind as PDF
def test_no_spreadsheet_cell_is_a_live_formula(seed_000):
    Criterion.objects.create(bloc=seed_000.bloc, year=2017, name=FORMULA, max_points=10)
    Proposal.objects.filter(conference=seed_000).update(achievements=FORMULA)
    Bloc.objects.filter(pk=seed_000.bloc_id).update(name=FORMULA)
    AwardType.objects.filter(name="Cờ thi đua của UBND tỉnh").update(name=FORMULA)  # the prize totals print no bloc
    conference = fresh(seed_000)
    for slug, params in every_document(conference):
        data = output.to_xlsx(output.build(slug, **params))
        cells = [cell for sheet in load_workbook(io.BytesIO(data)) for row in sheet.iter_rows() for cell in row]
        typed = [cell for cell in cells if isinstance(cell.value, str) and "HYPERLINK" in cell.value]
        assert typed, slug  # the text is there, as text
        assert all(cell.data_type == "s" for cell in typed), slug
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            sheets = [package.read(name).decode() for name in package.namelist() if name.startswith("xl/worksheets/")]
        assert not any(re.search(r"<(\w+:)?f[ >]", sheet) for sheet in sheets), f"{slug}: a formula cell"
    # the scoring sheet's heading row holds the criterion's name, as text
    data = output.to_xlsx(output.build("bloc-summary", bloc=conference.bloc, year=2017))
    heading = next(row for row in load_workbook(io.BytesIO(data))["Chấm điểm"].iter_rows() if row[0].value == "Hạng")
    assert heading[2].value == FORMULA and heading[2].data_type == "s"


# A newline and a quote in a submission number; a non-ASCII number --------------------------


@pytest.fixture
def admin_client(client, demo):
    client.login(username="admin.dienbien", password="demo-quantri-2026")
    return client


@pytest.mark.parametrize(
    "number",
    ["08/TTr\nBTĐKT", "08\"; filename*=UTF-8''evil.html; x=\"", "08/TTr\r\nSet-Cookie: a=b"],
)
def test_a_hostile_submission_number_never_reaches_the_header(admin_client, number):
    submission = Submission.objects.get(number="08/TTr-BTĐKT")
    Submission.objects.filter(pk=submission.pk).update(number=number)
    for fmt in ["pdf", "xlsx", "html"]:
        response = admin_client.get(reverse("reports:submission_list", args=[submission.pk, fmt]))
        assert response.status_code == 200, fmt
        disposition = response.get("Content-Disposition", "")
        assert "\n" not in disposition and "\r" not in disposition
        assert disposition.count('"') in (0, 2) and "evil.html" not in disposition
        assert "Set-Cookie" not in response.headers
    response = admin_client.get(reverse("reports:submission_list_docx", args=[submission.pk]))
    assert response.status_code == 200
    assert re.fullmatch(
        r"attachment; filename=\"[A-Za-z0-9-]+\.docx\"; filename\*=UTF-8''[A-Za-z0-9%-]+\.docx",
        response["Content-Disposition"],
    )


def test_a_non_ascii_number_downloads_under_its_own_name(admin_client):
    submission = Submission.objects.get(number="08/TTr-BTĐKT")
    Submission.objects.filter(pk=submission.pk).update(number="12/TTr-ĐTĐKT")
    response = admin_client.get(reverse("reports:submission_list", args=[submission.pk, "pdf"]))
    assert response["Content-Disposition"] == (
        'inline; filename="danh-sach-de-nghi-12-TTr-DTDKT-20180124.pdf"; '
        "filename*=UTF-8''danh-sach-de-nghi-12-TTr-%C4%90T%C4%90KT-20180124.pdf"
    )


def test_every_format_of_every_document_has_a_safe_file_name(seed_000, admin_client):
    for slug, params in every_document(seed_000):
        printed = output.build(slug, **params)
        for extension in ["pdf", "xlsx", "docx"]:
            ascii_name, unicode_name = output.file_names(printed, extension)
            assert re.fullmatch(r"[A-Za-z0-9-]+\." + extension, ascii_name), ascii_name
            assert re.fullmatch(r"[\w-]+\." + extension, unicode_name), unicode_name


# A 5,000-character word: nothing leaves the page -------------------------------------------


@pytest.mark.slow  # every document kind as PDF
def test_a_long_word_never_pushes_a_column_off_the_page(seed_000):
    Proposal.objects.filter(conference=seed_000).update(achievements=LONG_WORD, person_name="")
    Agency.objects.filter(name="Sở Y tế", province=seed_000.bloc.province).update(name=LONG_WORD[:255])
    Bloc.objects.filter(pk=seed_000.bloc_id).update(name="Khối " + "X" * 250)
    Conference.objects.filter(pk=seed_000.pk).update(results_summary=LONG_WORD, chair_name="C" * 150)
    conference = fresh(seed_000)
    for slug, params in every_document(conference):
        printed = output.build(slug, **params)
        runs = pdf_runs(output.to_pdf(printed))
        assert runs, slug
        outside = [(page, round(x), text[:20]) for page, x, _y, text in runs if not 0 <= x <= 595.28 - 15 * 2.83]
        assert not outside, f"{slug}: text starts off the page: {outside[:5]}"
        # The motto and the date stay in their column at the right of the first page's header.
        motto = [x for page, x, _y, text in runs if page == 0 and "Độc lập" in text]
        assert motto and 595.28 * 0.4 < motto[0] < 595.28 - 40, slug

        html = output.to_html(printed)
        assert 'class="data' in html or not printed.tables
        document = Document(io.BytesIO(output.to_docx(printed)))
        for table in document.tables:
            layout = table._tbl.tblPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}tblLayout")
            assert (
                layout is not None
                and layout.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}type") == "fixed"
            ), slug
            assert sum(column.width for column in table.columns) <= document.sections[0].page_width - (
                document.sections[0].left_margin + document.sections[0].right_margin
            ), slug
    css = Path(finders.find("css/print.css")).read_text()
    assert "table-layout: fixed" in css and "overflow-wrap: anywhere" in css


# An unclosed right-to-left override: its neighbours keep their order ------------------------


@pytest.mark.slow  # every document kind as PDF
def test_an_unclosed_right_to_left_override_reorders_nothing_after_it(seed_000):
    Agency.objects.filter(name="Sở Y tế", province=seed_000.bloc.province).update(name=f"Sở Y tế {RLO}ABC")
    Proposal.objects.filter(conference=seed_000).update(achievements=f"Thành tích {RLO}XYZ")
    Bloc.objects.filter(pk=seed_000.bloc_id).update(name=f"Khối Văn hóa {RLO}KVH")
    # The province's prize totals print no bloc, only award forms (named in the admin).
    AwardType.objects.filter(name="Cờ thi đua của UBND tỉnh").update(name=f"Cờ thi đua tỉnh {RLO}CTĐ")
    conference = fresh(seed_000)
    for slug, params in every_document(conference):
        printed = output.build(slug, **params)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(output.to_pdf(printed))).pages)
        # Words printed after a user's text, in every document: none of them reversed.
        for word in ["thi đua", "khen thưởng", "Trưởng khối", "CỘNG HÒA"]:
            assert word[::-1] not in text, f"{slug}: “{word}” reversed"
        if slug in ("bloc-summary", "minutes"):
            assert "Lãnh đạo, chuyên viên làm công tác thi đua"[::-1] not in text
        # DOCX and HTML carry the same isolates around the typed text.
        typed = "Cờ thi đua tỉnh \u202eCTĐ" if slug == "province-prizes" else "Khối Văn hóa \u202eKVH"
        assert f"\u2068{typed}\u202c\u2069" in output.to_html(printed)
        document = Document(io.BytesIO(output.to_docx(printed)))
        docx_text = "\n".join(p.text for p in document.paragraphs)
        docx_text += "\n".join(cell.text for table in document.tables for row in table.rows for cell in row.cells)
        assert f"{typed[-4:]}\u202c\u2069" in docx_text, slug


@pytest.mark.slow  # every document kind as PDF
def test_every_document_kind_and_format_answers_with_hostile_text(seed_000, admin_client):
    """All the hostile values at once, through the pages: no 500 anywhere."""
    Criterion.objects.create(bloc=seed_000.bloc, year=2017, name=FORMULA, max_points=10)
    Proposal.objects.filter(conference=seed_000).update(achievements=LONG_WORD + RLO + "\x0b\x0c pasted")
    Submission.objects.filter(proposals__conference=seed_000).update(number='1\n"2/TTr-Đ' + RLO)
    Conference.objects.filter(pk=seed_000.pk).update(chair_name=FORMULA + RLO, venue=LONG_WORD[:255])
    bloc, conference = seed_000.bloc, seed_000
    submission = Proposal.objects.filter(conference=seed_000).first().submission
    decision = Proposal.objects.filter(conference=seed_000).first().decision
    agency = seed_000.proposals.first().membership.agency
    urls = {
        "bloc_summary": [bloc.pk, 2017],
        "leadership_history": [bloc.pk],
        "minutes": [conference.pk],
        "agency_record": [agency.pk],
        "province_summary": [bloc.province_id, 2017],
        "submission_list": [submission.pk],
        "decision_list": [decision.pk],
    }
    for name, args in urls.items():
        for fmt in ["pdf", "html", "xlsx"]:
            assert admin_client.get(reverse(f"reports:{name}", args=[*args, fmt])).status_code == 200, (name, fmt)
        assert admin_client.get(reverse(f"reports:{name}_docx", args=args)).status_code == 200, name
