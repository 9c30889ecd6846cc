"""Signed originals kept with conferences, pledges, proposals, submissions and decisions: only
PDF, JPEG, PNG, DOCX and XLSX by their content, within the limits, stored through the
attachments storage and downloaded only through the record's access rules."""

import datetime
import hashlib
import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import SkipFile
from django.urls import reverse

from awards import services
from awards.access import can_attach, can_remove_attachment
from core.attachments import LimitedUploadHandler
from core.models import Attachment
from core.services import attachment_add
from tests.emulation.factories import PledgeFactory

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PDF_WITH_JAVASCRIPT = (
    b"%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction 2 0 R >> endobj\n"
    b"2 0 obj << /S /JavaScript /JS (app.alert('x')) >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'


def xlsx_bytes():
    book = openpyxl.Workbook()
    book.active["A1"] = "Biên bản"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def fake_docx_without_content_types():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


@pytest.fixture(autouse=True)
def attachment_store(settings, tmp_path):
    """Every test keeps its files in a folder of its own, with small limits to test them."""
    location = tmp_path / "attachments"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    settings.ATTACHMENTS = {"MAX_FILE_SIZE": 8000, "MAX_RECORD_SIZE": 20_000}
    return location


def stored_files(location):
    return sorted(p for p in location.rglob("*") if p.is_file()) if location.exists() else []


def page_url(kind, record):
    return reverse("awards:record_attachments", args=[kind, record.pk])


def upload(client, kind, record, content, name="bien-ban.pdf", title="Biên bản đã ký"):
    return client.post(page_url(kind, record), {"title": title, "file": SimpleUploadedFile(name, content)})


def errors(response):
    return " ".join(str(e) for e in response.context["refusals"])


def test_a_secretary_attaches_the_signed_minutes_and_a_viewer_downloads_them(
    login, secretary, viewer, conference, attachment_store
):
    response = upload(login(secretary), "conference", conference, PDF)
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.kind, attachment.size) == ("Biên bản đã ký", "pdf", len(PDF))
    assert attachment.sha256 == hashlib.sha256(PDF).hexdigest()
    assert attachment.uploaded_by == secretary
    assert len(stored_files(attachment_store)) == 1

    client = login(viewer)
    detail = client.get(reverse("awards:conference_detail", args=[conference.pk]))
    assert "Biên bản đã ký" in detail.content.decode()
    download = client.get(reverse("awards:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Type"] == "application/pdf"


def test_another_blocs_secretary_and_an_outsider_get_404(login, secretary, other_secretary, outsider, conference):
    upload(login(secretary), "conference", conference, PDF)
    attachment = Attachment.objects.get()
    for persona in (other_secretary, outsider):
        client = login(persona)
        assert client.get(reverse("awards:attachment_download", args=[attachment.pk])).status_code == 404
        assert client.get(page_url("conference", conference)).status_code == 404
        assert upload(client, "conference", conference, PNG, name="x.png").status_code == 404
        assert client.post(reverse("awards:attachment_remove", args=[attachment.pk])).status_code == 404
    assert Attachment.objects.count() == 1


def test_a_viewer_may_read_but_not_attach_or_remove(login, secretary, viewer, conference):
    upload(login(secretary), "conference", conference, PDF)
    client = login(viewer)
    assert client.get(page_url("conference", conference)).status_code == 200
    assert upload(client, "conference", conference, PNG, name="x.png").status_code == 403
    assert client.post(reverse("awards:attachment_remove", args=[Attachment.objects.get().pk])).status_code == 403
    assert Attachment.objects.count() == 1


@pytest.mark.parametrize(("content", "name"), [(HTML, "bien-ban.pdf"), (SVG, "anh.pdf"), (SVG, "anh.png")])
def test_html_or_svg_renamed_is_refused_and_nothing_is_stored(
    login, secretary, conference, attachment_store, content, name
):
    response = upload(login(secretary), "conference", conference, content, name=name)
    assert response.status_code == 400
    assert "Chỉ nhận tệp PDF, JPEG, PNG, DOCX và XLSX" in errors(response)
    assert not Attachment.objects.exists()
    assert stored_files(attachment_store) == []


def test_a_zip_that_is_not_an_office_document_is_refused(login, secretary, conference, attachment_store):
    response = upload(login(secretary), "conference", conference, fake_docx_without_content_types(), name="a.docx")
    assert response.status_code == 400
    assert stored_files(attachment_store) == []


def test_an_xlsx_is_known_by_its_content_whatever_its_name(login, secretary, conference):
    assert upload(login(secretary), "conference", conference, xlsx_bytes(), name="bang-diem.pdf").status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.name) == ("xlsx", "bang-diem.xlsx")


def test_a_pdf_with_javascript_is_stored_but_only_ever_downloaded(login, secretary, viewer, conference):
    assert upload(login(secretary), "conference", conference, PDF_WITH_JAVASCRIPT).status_code == 302
    response = login(viewer).get(reverse("awards:attachment_download", args=[Attachment.objects.get().pk]))
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]


def test_an_empty_file_is_refused(login, secretary, conference, attachment_store):
    response = upload(login(secretary), "conference", conference, b"")
    assert response.status_code == 400
    assert "Tệp trống" in errors(response)
    assert stored_files(attachment_store) == []


def test_a_file_over_the_limit_is_dropped_while_it_streams_in(login, secretary, conference, attachment_store):
    response = upload(login(secretary), "conference", conference, PDF + b"0" * 9000)
    assert response.status_code == 400
    assert "tối đa" in errors(response)
    assert not Attachment.objects.exists()
    assert stored_files(attachment_store) == []


def test_a_request_declaring_more_than_the_limit_is_refused_unread(login, secretary, conference, attachment_store):
    response = upload(login(secretary), "conference", conference, PDF + b"0" * 200_000)
    assert response.status_code == 413
    assert not Attachment.objects.exists()
    assert stored_files(attachment_store) == []


def test_the_files_of_one_record_have_a_limit_together(secretary, conference):
    for n in range(3):
        attachment_add(
            actor=secretary, record=conference, title="", upload=SimpleUploadedFile("a.pdf", PDF + b"%" * (6000 + n))
        )
    with pytest.raises(ValidationError, match="cộng lại"):
        attachment_add(
            actor=secretary, record=conference, title="", upload=SimpleUploadedFile("b.pdf", PDF + b"%" * 3000)
        )
    assert Attachment.objects.count() == 3


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("../../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\boot.pdf", "boot.pdf"),
        ("bien\x00ban.pdf", "bienban.pdf"),
        ("a" * 300 + ".pdf", "a" * 116 + ".pdf"),
        ("Biên bản hội nghị.exe", "Biên bản hội nghị.pdf"),
    ],
)
def test_a_file_name_is_cleaned_and_the_file_stays_in_the_store(secretary, conference, attachment_store, name, kept):
    attachment = attachment_add(actor=secretary, record=conference, title="", upload=SimpleUploadedFile(name, PDF))
    assert attachment.name == kept
    assert attachment.title == kept
    (path,) = stored_files(attachment_store)
    assert path.resolve().is_relative_to(attachment_store.resolve())
    assert "\x00" not in attachment.file.name and ".." not in attachment.file.name


def test_a_traversing_file_name_through_the_page(login, secretary, conference, attachment_store):
    assert upload(login(secretary), "conference", conference, PDF, name="../../x.pdf").status_code == 302
    (path,) = stored_files(attachment_store)
    assert path.resolve().is_relative_to(attachment_store.resolve())


def test_the_same_file_twice_is_kept_once(secretary, conference, attachment_store):
    attachment_add(actor=secretary, record=conference, title="", upload=SimpleUploadedFile("a.pdf", PDF))
    with pytest.raises(ValidationError, match="đã được đính kèm"):
        attachment_add(actor=secretary, record=conference, title="", upload=SimpleUploadedFile("b.pdf", PDF))
    assert Attachment.objects.count() == 1
    assert len(stored_files(attachment_store)) == 1


def test_a_finalized_conference_takes_the_secretarys_scan_but_only_the_admin_removes_one(
    login, secretary, other_secretary, viewer, province_admin, finalized_conference
):
    """The minutes are signed at the conference and scanned afterwards by the secretary who holds
    them: adding the scan changes nothing decided. Removing a file from a finalized record would
    change what the record shows as signed: the province admin's only."""
    assert can_attach(secretary, "conference", finalized_conference)
    assert not can_remove_attachment(secretary, "conference", finalized_conference)
    assert upload(login(viewer), "conference", finalized_conference, PDF).status_code == 403
    assert upload(login(other_secretary), "conference", finalized_conference, PDF).status_code == 404
    assert upload(login(secretary), "conference", finalized_conference, PDF).status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.uploaded_by == secretary
    remove = reverse("awards:attachment_remove", args=[attachment.pk])
    page = login(secretary).get(page_url("conference", finalized_conference)).content.decode()
    assert remove not in page  # no remove button for the secretary
    assert login(secretary).post(remove).status_code == 403
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    assert login(province_admin).post(remove).status_code == 302
    assert not Attachment.objects.exists()


def test_an_open_conference_lets_its_secretary_remove_a_file(login, secretary, conference):
    assert upload(login(secretary), "conference", conference, PDF).status_code == 302
    attachment = Attachment.objects.get()
    assert login(secretary).post(reverse("awards:attachment_remove", args=[attachment.pk])).status_code == 302
    assert not Attachment.objects.exists()


def test_a_submission_takes_files_from_the_province_admin_and_its_blocs_secretary_reads_them(
    login, secretary, other_secretary, viewer, province_admin, outsider, proposals
):
    submission = services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr-BTĐKT", date=datetime.date(2018, 1, 24)
    )
    assert upload(login(secretary), "submission", submission, PDF).status_code == 403
    assert upload(login(province_admin), "submission", submission, PDF, title="Tờ trình đã ký").status_code == 302
    download = reverse("awards:attachment_download", args=[Attachment.objects.get().pk])
    for persona, status in ((secretary, 200), (viewer, 200), (other_secretary, 404), (outsider, 404)):
        assert login(persona).get(download).status_code == status


def test_a_proposal_of_a_finalized_conference_takes_files_from_its_secretary_and_the_admin(
    login, secretary, province_admin, proposals
):
    proposal = proposals[0]
    assert login(secretary).get(page_url("proposal", proposal)).status_code == 200
    assert upload(login(secretary), "proposal", proposal, PDF).status_code == 302
    assert upload(login(province_admin), "proposal", proposal, PNG, name="bao-cao.png").status_code == 302
    assert not can_remove_attachment(secretary, "proposal", proposal)


def test_a_pledge_takes_files_from_its_blocs_secretary(login, secretary, other_secretary, bloc):
    pledge = PledgeFactory(bloc=bloc, year=2018)
    assert upload(login(secretary), "pledge", pledge, PNG, name="giao-uoc.png").status_code == 302
    assert login(other_secretary).get(page_url("pledge", pledge)).status_code == 404


def test_an_unknown_kind_of_record_is_404(login, province_admin, conference):
    assert (
        login(province_admin).get(reverse("awards:record_attachments", args=["user", conference.pk])).status_code == 404
    )


def test_the_upload_handler_drops_the_chunk_over_the_limit():
    request = type("Request", (), {})()
    handler = LimitedUploadHandler(request, limit=10)
    handler.new_file("file", "a.pdf", "application/pdf", None)
    assert handler.receive_data_chunk(b"x" * 10, 0) == b"x" * 10
    with pytest.raises(SkipFile):
        handler.receive_data_chunk(b"x", 10)
    assert request.refused_uploads == ["a.pdf"]


def test_attachment_changes_are_in_the_audit_trail(login, secretary, conference):
    upload(login(secretary), "conference", conference, PDF)
    attachment = Attachment.objects.get()
    assert login(secretary).post(reverse("awards:attachment_remove", args=[attachment.pk])).status_code == 302
    assert not Attachment.objects.exists()
    trail = list(Attachment.history.order_by("history_id").values_list("history_type", "history_user", "title"))
    assert trail == [("+", secretary.pk, "Biên bản đã ký"), ("-", secretary.pk, "Biên bản đã ký")]


def test_the_printed_minutes_note_the_attached_signed_original(login, secretary, conference):
    minutes = reverse("reports:minutes", args=[conference.pk, "html"])
    client = login(secretary)
    assert "Bản gốc đã ký: đính kèm" not in client.get(minutes).content.decode()
    upload(client, "conference", conference, PDF)
    assert "Bản gốc đã ký: đính kèm" in client.get(minutes).content.decode()


def test_the_proposal_page_lists_the_originals_of_its_submission(login, secretary, province_admin, proposals):
    submission = services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr-BTĐKT", date=datetime.date(2018, 1, 24)
    )
    upload(login(province_admin), "submission", submission, PDF, title="Tờ trình đã ký")
    page = login(secretary).get(reverse("awards:proposal_history", args=[proposals[0].pk]))
    assert "Tờ trình đã ký" in page.content.decode()


def test_the_conference_page_links_its_pledge_to_the_pledges_files(login, secretary, conference, bloc):
    pledge = PledgeFactory(bloc=bloc, year=2018)  # signed at the conference reviewing 2017
    page = login(secretary).get(reverse("awards:conference_detail", args=[conference.pk])).content.decode()
    assert page_url("pledge", pledge) in page
