"""What a printed document may load (our static files, nothing else), user text printed
as text, and documents too long to print refused cleanly."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from awards.models import AwardType, Proposal, Submission
from blocs.models import Membership
from reports import output
from reports.fetcher import BASE_URL, RefusedURL, StaticFilesOnly, read_static
from tests.reports.pdf import pdf_text, placed_lines, squash

HOSTILE_URLS = [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "http://127.0.0.1:8000/admin/",
    "https://example.org/evil.css",
    "http://169.254.169.254/latest/meta-data/",
    "data:text/css,body{color:red}",
    "ftp://example.org/x",
    f"{BASE_URL}static/../config/settings.py",
    f"{BASE_URL}static/%2e%2e/config/settings.py",
    f"{BASE_URL}static//etc/passwd",
    f"{BASE_URL}media/x.png",
    f"{BASE_URL}static/css/print.css?redirect=https://example.org/",
    f"{BASE_URL}static/css/does-not-exist.css",
    "https://static.sothidua.invalid.example.org/static/css/print.css",
]


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_the_fetcher_refuses_every_url_but_our_static_files(url):
    with pytest.raises(RefusedURL):
        read_static(url)
    with pytest.raises(RefusedURL):
        StaticFilesOnly().fetch(url)


def test_the_fetcher_serves_our_css_and_fonts():
    assert b"@page" in read_static(f"{BASE_URL}static/css/print.css")
    font = StaticFilesOnly().fetch(f"{BASE_URL}static/fonts/LiberationSerif-Regular.ttf")
    assert font.read()[:4] in (b"\x00\x01\x00\x00", b"true")


def test_the_fetcher_never_follows_redirects():
    fetcher = StaticFilesOnly()
    assert not any(type(handler).__name__ == "HTTPRedirectHandler" for handler in fetcher.handlers)


HOSTILE_TEXT = (
    '<img src="file:///etc/passwd"><link rel="stylesheet" href="http://127.0.0.1:9/x.css">'
    "<script>alert(1)</script> <style>@import url(https://example.org/a.css);</style> "
    '<a href="file:///etc/passwd">file:///etc/passwd</a>'
)


@pytest.fixture
def fetched(monkeypatch):
    """The URLs the printed documents' fetcher is asked for from now on, the style sheets included:
    those parsed earlier in this thread are dropped, so that the next PDF reads them again."""
    urls = []
    original = StaticFilesOnly.fetch

    def spy(self, url, headers=None):
        urls.append(url)
        return original(self, url, headers)

    monkeypatch.setattr(StaticFilesOnly, "fetch", spy)
    monkeypatch.delattr(output._parsed, "styles", raising=False)
    return urls


def test_user_text_prints_as_text_and_fetches_nothing(seed_000, fetched):
    seed_000.results_summary = HOSTILE_TEXT
    seed_000.save()
    proposal = seed_000.proposals.first()
    Proposal.objects.filter(pk=proposal.pk).update(achievements=HOSTILE_TEXT)

    for slug, params in [
        ("minutes", {"conference": seed_000}),
        ("submission-list", {"submission": proposal.submission}),
    ]:
        printed = output.build(slug, **params)
        html = output.to_html(printed)
        assert "<script>" not in html and "&lt;script&gt;" in html
        text, _reader = pdf_text(output.to_pdf(printed))
        # Long runs without spaces break anywhere in the narrow columns: read them unbroken.
        unbroken = "".join(text.split())
        assert "<script>alert(1)</script>" in unbroken
        assert "file:///etc/passwd" in unbroken
    assert fetched and all(url.startswith(f"{BASE_URL}static/") for url in fetched), fetched


def test_the_style_sheets_and_fonts_are_read_once_per_thread_and_print_the_same(seed_000, fetched, settings):
    printed = output.build("minutes", conference=seed_000)

    first = output.to_pdf(printed)
    read = sorted(url.rsplit("/", 1)[1] for url in fetched)
    assert read == ["LiberationSerif-Bold.ttf", "LiberationSerif-BoldItalic.ttf", "LiberationSerif-Italic.ttf"] + [
        "LiberationSerif-Regular.ttf",
        "columns.css",
        "print.css",
    ]
    second = output.to_pdf(printed)
    assert len(fetched) == len(read)  # nothing read again
    assert placed_lines(second) == placed_lines(first)
    fonts = {font["/BaseFont"] for page in pdf_text(second)[1].pages for font in page_fonts(page)}
    assert {font.split("+")[1] for font in fonts} >= {"Liberation-Serif", "Liberation-Serif-Bold"}

    settings.DEBUG = True  # while developing, an edited style sheet prints at once
    output.to_pdf(printed)
    assert len(fetched) == 2 * len(read)


def page_fonts(page):
    return [font.get_object() for font in page["/Resources"]["/Font"].values()]


def test_a_two_megabyte_text_is_refused_cleanly_on_the_page_and_the_command_line(seed_000, client, tmp_path):
    seed_000.results_summary = "Thi đua yêu nước. " * 120_000  # about 2 MB
    seed_000.save()
    assert len(seed_000.results_summary.encode()) > 2_000_000

    with pytest.raises(output.DocumentTooLarge):
        output.build("minutes", conference=seed_000)
    client.login(username="admin.dienbien", password="demo-quantri-2026")
    for url in [
        reverse("reports:minutes", args=[seed_000.pk, "pdf"]),
        reverse("reports:bloc_summary", args=[seed_000.bloc_id, 2017, "xlsx"]),
    ]:
        response = client.get(url)
        assert response.status_code == 413
        assert "Văn bản quá dài để in" in response.content.decode()
    with pytest.raises(CommandError, match="too long"):
        call_command("render_report", "minutes", province="Điện Biên", bloc=seed_000.bloc.name, year=2017,
                     output=str(tmp_path / "bien-ban.pdf"))  # fmt: skip
    assert not (tmp_path / "bien-ban.pdf").exists()  # nothing half-written


@pytest.mark.slow
def test_a_thousand_row_list_prints(seed_000):
    """A tờ trình with 1,000 individuals (Bằng khen can go to people) prints on many pages."""
    award = AwardType.objects.get(name="Bằng khen của Chủ tịch UBND tỉnh")
    member = Membership.objects.filter(bloc=seed_000.bloc, year=2017).first()
    submission = Submission.objects.create(
        province=seed_000.bloc.province, number="99/TTr-TEST", date=datetime.date(2018, 2, 1)
    )
    Proposal.objects.bulk_create(
        Proposal(
            conference=seed_000,
            award_type=award,
            membership=member,
            person_name=f"Nguyễn Văn Thứ {i:04d}",
            person_position="Chuyên viên",
            votes_for=7,
            ballots=8,
            achievements="Hoàn thành xuất sắc nhiệm vụ năm 2017.",
            status=Proposal.Status.SUBMITTED,
            submission=submission,
        )
        for i in range(1000)
    )
    text, reader = pdf_text(output.to_pdf(output.build("submission-list", submission=submission)))
    flat = squash(text)
    assert len(reader.pages) > 20
    assert "Nguyễn Văn Thứ 0000" in flat and "Nguyễn Văn Thứ 0999" in flat
    assert "1000 đề nghị" in flat
