"""Signed originals kept with a record: what a file is, judged by its content, and how big it may be.

Only PDF, JPEG, PNG, DOCX and XLSX are kept. The check is our own few lines rather than
`python-magic` (it needs the system's libmagic and names far more types than we accept) or
`filetype` (it calls any zip with a `word/` entry a DOCX): the signatures of the three binary
formats are fixed bytes, and an Office file is a zip whose `[Content_Types].xml` declares the
main part of a document or a workbook. That file is read only when the zip declares it small,
so a zip bomb is refused before anything is unpacked.
"""

import os
import unicodedata
import zipfile

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.utils.text import get_valid_filename
from django.utils.translation import gettext_lazy as _

PDF, JPEG, PNG, DOCX, XLSX = "pdf", "jpeg", "png", "docx", "xlsx"
CONTENT_TYPES = {
    PDF: "application/pdf",
    JPEG: "image/jpeg",
    PNG: "image/png",
    DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
EXTENSIONS = {PDF: "pdf", JPEG: "jpg", PNG: "png", DOCX: "docx", XLSX: "xlsx"}
_OFFICE_MAIN_PARTS = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
_CONTENT_TYPES_XML_LIMIT = 64 * 1024  # a real [Content_Types].xml is a few kilobytes
NAME_LENGTH = 120

NOT_ACCEPTED = _("Only PDF, JPEG, PNG, DOCX and XLSX files are accepted, judged by their content, not their name.")
EMPTY = _("The file is empty.")


def max_file_size():
    return settings.ATTACHMENTS["MAX_FILE_SIZE"]


def max_record_size():
    return settings.ATTACHMENTS["MAX_RECORD_SIZE"]


def office_kind(file):
    """DOCX or XLSX when `file` is a zip declaring such a document's main part, else None."""
    try:
        with zipfile.ZipFile(file) as archive:
            info = archive.getinfo("[Content_Types].xml")
            if info.file_size > _CONTENT_TYPES_XML_LIMIT:
                return None
            declared = archive.read(info)[:_CONTENT_TYPES_XML_LIMIT]
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, NotImplementedError, EOFError, ValueError):
        return None
    for kind, main_part in _OFFICE_MAIN_PARTS.items():
        if main_part in declared:
            return kind
    return None


def sniff(file):
    """The kind of an uploaded file (PDF, JPEG, ...) from its first bytes, or None."""
    file.seek(0)
    head = file.read(8)
    file.seek(0)
    kind = None
    if head.startswith(b"%PDF-"):
        kind = PDF
    elif head.startswith(b"\xff\xd8\xff"):
        kind = JPEG
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        kind = PNG
    elif head.startswith(b"PK\x03\x04"):
        kind = office_kind(file)
    file.seek(0)
    return kind


def clean_name(name, kind):
    """A file name fit to show and to offer on download: no folders, no control characters,
    at most NAME_LENGTH characters, ending with the extension of what the file is."""
    name = unicodedata.normalize("NFC", name or "")
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = os.path.splitext(name)[0].strip(" .") or "tep"
    extension = EXTENSIONS[kind]
    stem = stem[: NAME_LENGTH - len(extension) - 1]
    return f"{stem}.{extension}"


def storage_name(name):
    """Django's valid file name of `name` (ASCII-safe for any storage), for the stored path."""
    return get_valid_filename(unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()) or "tep"


class LimitedUploadHandler(FileUploadHandler):
    """Put first among a request's upload handlers: a file larger than the limit is dropped
    while it streams in, before the chunk over the limit reaches the next handler (memory or
    a temporary file), and the request remembers which file was refused."""

    def __init__(self, request=None, limit=None):
        super().__init__(request)
        self.limit = limit if limit is not None else max_file_size()
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            refused = getattr(self.request, "refused_uploads", [])
            refused.append(self.file_name)
            self.request.refused_uploads = refused
            raise SkipFile
        return raw_data

    def file_complete(self, file_size):
        return None
