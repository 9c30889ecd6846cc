"""`attachments_restore FILE.tar`: put the files of `attachments_backup` back through the
attachments storage, each under its own name, after checking it against the SHA256SUMS manifest
and against the checksum its database row keeps (restore the database first). A file whose
checksum differs is refused and named; nothing outside the store is ever written."""

import hashlib
import tarfile

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from core.models import Attachment, attachment_storage


class Command(BaseCommand):
    help = "Khôi phục các tệp đính kèm từ tệp tar của attachments_backup (sau khi khôi phục cơ sở dữ liệu)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        storage = attachment_storage()
        expected = dict(Attachment.objects.values_list("file", "sha256"))
        with tarfile.open(file, "r") as archive:
            manifest = archive.extractfile("SHA256SUMS").read().decode()
            sums = dict(reversed(line.split("  ", 1)) for line in manifest.splitlines() if line)
            restored, bad = 0, []
            for member in archive.getmembers():
                if member.name == "SHA256SUMS":
                    continue
                if not member.isfile() or member.name not in expected:
                    bad.append(member.name)
                    continue
                content = archive.extractfile(member).read()
                digest = hashlib.sha256(content).hexdigest()
                if digest != sums.get(member.name) or digest != expected[member.name]:
                    bad.append(member.name)
                    continue
                if storage.exists(member.name):
                    storage.delete(member.name)
                saved = storage.save(member.name, ContentFile(content))
                if saved != member.name:
                    raise CommandError(f"Không ghi được {member.name} đúng tên của nó.")
                restored += 1
        missing = sorted(set(expected) - set(sums))
        self.stdout.write(f"Đã khôi phục {restored} tệp đính kèm.")
        if bad or missing:
            raise CommandError(
                "Không khôi phục: "
                + ", ".join(bad)
                + ("; thiếu trong bản sao lưu: " + ", ".join(missing) if missing else "")
            )
