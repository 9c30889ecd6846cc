"""A backup taken with attachments restores them byte for byte (docs/backup.md): the JSON of the
database, then the files' tar; restored into an emptied database and an emptied store."""

import hashlib
import io
import tarfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from core.models import Attachment
from core.services import attachment_add
from tests.security.test_backup import DUMP_OPTIONS

pytestmark = pytest.mark.slow  # flush and loaddata


def xlsx():
    book = openpyxl.Workbook()
    book.active["A1"] = "Bảng điểm"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def checksums(location):
    return {
        str(path.relative_to(location)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in location.rglob("*")
        if path.is_file()
    }


@pytest.fixture
def store(settings, tmp_path):
    location = tmp_path / "store"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(location)},
        },
    }
    return location


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_the_attached_files_byte_for_byte(tmp_path, store, conference, secretary, province_admin):
    files = {
        "bien-ban.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n",
        "bang-diem.xlsx": xlsx(),
        "anh.png": b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 3,
    }
    for name, content in files.items():
        attachment_add(actor=secretary, record=conference, title=name, upload=SimpleUploadedFile(name, content))
    before = checksums(store)
    assert sorted(before.values()) == sorted(hashlib.sha256(c).hexdigest() for c in files.values())

    backup = tmp_path / "backup.json"
    call_command("dumpdata", output=str(backup), verbosity=0, **DUMP_OPTIONS)
    call_command("attachments_backup", f"{backup}.attachments.tar", stdout=io.StringIO())
    call_command("flush", interactive=False, verbosity=0)
    for path in store.rglob("*"):
        if path.is_file():
            path.unlink()
    assert not Attachment.objects.exists() and checksums(store) == {}

    call_command("loaddata", str(backup), verbosity=0)
    call_command("attachments_restore", f"{backup}.attachments.tar", stdout=io.StringIO())

    assert checksums(store) == before
    for attachment in Attachment.objects.all():
        with attachment.file.open("rb") as restored:
            assert hashlib.sha256(restored.read()).hexdigest() == attachment.sha256


@pytest.mark.django_db(transaction=True)
def test_a_tampered_file_is_not_restored(tmp_path, store, conference, secretary):
    attachment = attachment_add(
        actor=secretary, record=conference, title="", upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n%%EOF\n")
    )
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(tampered, "w") as archive:
        for name, content in (
            ("SHA256SUMS", f"{'0' * 64}  {attachment.file.name}\n".encode()),
            (attachment.file.name, b"%PDF-evil"),
        ):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            archive.addfile(info, io.BytesIO(content))
    with pytest.raises(CommandError, match="Không khôi phục"):
        call_command("attachments_restore", str(tampered), stdout=io.StringIO())
