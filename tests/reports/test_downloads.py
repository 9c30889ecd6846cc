"""Downloading documents from the pages they summarise, per role; XLSX of the same tables;
the batch commands."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from awards.models import Proposal
from blocs.models import Province, User
from tests.blocs.factories import UserFactory
from tests.reports.pdf import pdf_text, squash

PASSWORDS = {
    "admin.dienbien": "demo-quantri-2026",
    "thuky.dienbien": "demo-thuky-db-2026",
    "thuky.vinhphuc": "demo-thuky-vp-2026",
    "xem.dienbien": "demo-xem-db-2026",
}


@pytest.fixture
def as_user(client):
    def log_in(username):
        client.logout()
        assert client.login(username=username, password=PASSWORDS[username])
        return client

    return log_in


@pytest.fixture
def urls(seed_000, bhxh):
    bloc = seed_000.bloc
    submission = seed_000.proposals.first().submission
    decision = seed_000.proposals.first().decision
    return {
        "decision-list": reverse("reports:decision_list", args=[decision.pk, "pdf"]),
        "bloc-summary": reverse("reports:bloc_summary", args=[bloc.pk, 2017, "pdf"]),
        "leadership-history": reverse("reports:leadership_history", args=[bloc.pk, "pdf"]),
        "minutes": reverse("reports:minutes", args=[seed_000.pk, "pdf"]),
        "agency-record": reverse("reports:agency_record", args=[bhxh.pk, "pdf"]),
        "province-summary": reverse("reports:province_summary", args=[bloc.province_id, 2017, "pdf"]),
        "submission-list": reverse("reports:submission_list", args=[submission.pk, "pdf"]),
    }


# Who may download what: the Điện Biên demo users, and the Vĩnh Phúc secretary (another province).
EXPECTED = {
    "admin.dienbien": dict.fromkeys(
        [
            "bloc-summary",
            "leadership-history",
            "minutes",
            "agency-record",
            "province-summary",
            "submission-list",
            "decision-list",
        ],
        200,
    ),
    "xem.dienbien": dict.fromkeys(
        [
            "bloc-summary",
            "leadership-history",
            "minutes",
            "agency-record",
            "province-summary",
            "submission-list",
            "decision-list",
        ],
        200,
    ),
    # The secretary of the bloc: its documents, not the province-wide ones.
    "thuky.dienbien": {
        "bloc-summary": 200,
        "leadership-history": 200,
        "minutes": 200,
        "agency-record": 200,
        "province-summary": 403,
        "submission-list": 403,
        "decision-list": 403,
    },
    "thuky.vinhphuc": dict.fromkeys(
        [
            "bloc-summary",
            "leadership-history",
            "minutes",
            "agency-record",
            "province-summary",
            "submission-list",
            "decision-list",
        ],
        404,
    ),
}


@pytest.mark.parametrize("username", sorted(EXPECTED))
def test_who_may_download_what(as_user, urls, username):
    client = as_user(username)
    got = {slug: client.get(url).status_code for slug, url in urls.items()}
    assert got == EXPECTED[username]


def test_anonymous_users_are_sent_to_log_in(client, urls):
    for url in urls.values():
        response = client.get(url)
        assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_pdf_html_and_xlsx_of_the_same_document(as_user, seed_000):
    client = as_user("admin.dienbien")
    base = (seed_000.bloc_id, 2017)
    response = client.get(reverse("reports:bloc_summary", args=[*base, "pdf"]))
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="bao-cao-dien-bien-khoi-' in response["Content-Disposition"]
    assert "215/QĐ-UBND" in squash(pdf_text(response.content)[0])

    response = client.get(reverse("reports:bloc_summary", args=[*base, "html"]))
    assert response["Content-Type"].startswith("text/html")
    assert "Tổng kết công tác thi đua, khen thưởng năm 2017" in response.content.decode()

    response = client.get(reverse("reports:bloc_summary", args=[*base, "xlsx"]))
    assert response["Content-Disposition"].startswith("attachment;")
    workbook = load_workbook(io.BytesIO(response.content))
    proposals = workbook["Đề nghị khen thưởng"]
    rows = list(proposals.iter_rows(values_only=True))
    rows = rows[[row[0] for row in rows].index("STT") + 1 :]
    rows = [row for row in rows if isinstance(row[0], int)]
    assert len(rows) == seed_000.proposals.count() == 5
    assert rows[0][1] == "Cờ thi đua của UBND tỉnh" and rows[0][3] == "8/8 *"  # invented votes are marked
    assert "215/QĐ-UBND" in rows[0][4]


def test_xlsx_keeps_formula_like_text_as_text(as_user, seed_000):
    Proposal.objects.filter(conference=seed_000).update(person_name="")
    proposal = seed_000.proposals.first()
    Proposal.objects.filter(pk=proposal.pk).update(achievements='=HYPERLINK("https://example.org","x")')
    client = as_user("admin.dienbien")
    response = client.get(reverse("reports:submission_list", args=[proposal.submission_id, "xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in workbook for row in sheet.iter_rows() for cell in row if cell.value]
    hyperlink = [cell for cell in cells if "HYPERLINK" in str(cell.value)]
    assert hyperlink and all(cell.data_type == "s" for cell in hyperlink)


def test_pages_link_to_their_documents(as_user, seed_000, bhxh):
    client = as_user("admin.dienbien")
    page = client.get(reverse("awards:conference_detail", args=[seed_000.pk])).content.decode()
    assert reverse("reports:minutes", args=[seed_000.pk, "pdf"]) in page
    assert reverse("reports:bloc_summary", args=[seed_000.bloc_id, 2017, "pdf"]) in page
    page = client.get(reverse("blocs:bloc_detail", args=[seed_000.bloc_id])).content.decode()
    assert reverse("reports:leadership_history", args=[seed_000.bloc_id, "pdf"]) in page
    page = client.get(reverse("awards:agency_record", args=[bhxh.pk])).content.decode()
    assert reverse("reports:agency_record", args=[bhxh.pk, "pdf"]) in page
    page = client.get(reverse("blocs:bloc_list")).content.decode()
    assert reverse("reports:province_summary", args=[seed_000.bloc.province_id, 2017, "pdf"]) in page
    page = client.get(reverse("awards:proposal_list")).content.decode()
    assert reverse("reports:submission_list", args=[seed_000.proposals.first().submission_id, "pdf"]) in page


def test_the_admin_of_another_province_gets_nothing(client, seed_000, urls):
    other = Province.objects.get(name="Vĩnh Phúc")
    UserFactory(username="admin.vp", role=User.Role.PROVINCE_ADMIN, province=other)
    client.login(username="admin.vp", password="secret-pass-123")
    assert {slug: client.get(url).status_code for slug, url in urls.items()} == dict.fromkeys(urls, 404)


def test_render_report_command(tmp_path, seed_001):
    output = tmp_path / "bien-ban.pdf"
    call_command("render_report", "minutes", province="Vĩnh Phúc", bloc="Khối Văn hóa - Xã hội", year=2020,
                 output=str(output), stdout=io.StringIO())  # fmt: skip
    assert "Nguyễn Bá Hiến" in squash(pdf_text(output.read_bytes())[0])

    output = tmp_path / "record.xlsx"
    call_command("render_report", "agency-record", province="Vĩnh Phúc", agency="Sở Giáo dục và Đào tạo",
                 output=str(output), stdout=io.StringIO())  # fmt: skip
    values = [c for row in load_workbook(output).active.iter_rows(values_only=True) for c in row if c]
    assert "Cờ thi đua của Chính phủ" in values

    with pytest.raises(CommandError, match="needs --year"):
        call_command("render_report", "bloc-summary", province="Vĩnh Phúc", bloc="Khối Văn hóa - Xã hội",
                     output=str(tmp_path / "x.pdf"))  # fmt: skip
    with pytest.raises(CommandError, match="No bloc named"):
        call_command("render_report", "bloc-summary", province="Vĩnh Phúc", bloc="Khối không có", year=2020,
                     output=str(tmp_path / "x.pdf"))  # fmt: skip
    with pytest.raises(CommandError, match="--output must end in"):
        call_command("render_report", "province-summary", province="Vĩnh Phúc", year=2020,
                     output=str(tmp_path / "x.doc"))  # fmt: skip


def test_render_province_prints_every_bloc_into_a_folder(tmp_path, seed_000):
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command("render_province", province="Điện Biên", year=2017, output_dir=str(tmp_path / "in"),
                 stdout=stdout, stderr=stderr)  # fmt: skip
    files = sorted(p.name for p in (tmp_path / "in").iterdir())
    blocs = Province.objects.get(name="Điện Biên").blocs.filter(memberships__year=2017).distinct().count()
    assert blocs < Province.objects.get(name="Điện Biên").blocs.count()  # one bloc had no members in 2017
    # the province summary, the report of each bloc that had members, and the minutes of the one conference held
    assert len(files) == 1 + blocs + 1, files
    assert all(name.endswith(".pdf") for name in files)
    assert "100%" in stderr.getvalue()  # the progress bar reached its end
    assert f"{len(files)} documents" in stdout.getvalue()
