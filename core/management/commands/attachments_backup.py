"""`attachments_backup FILE.tar`: every attached file, read through the attachments storage
(the file system or an S3-compatible store alike), into one tar with a SHA256SUMS manifest.
`make backup` runs it next to the JSON of the database (docs/backup.md)."""

import hashlib
import io
import os
import tarfile

from django.core.management.base import BaseCommand

from core.models import Attachment


class Command(BaseCommand):
    help = "Sao lưu mọi tệp đính kèm vào một tệp tar (kèm SHA256SUMS)."

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, file, **options):
        sums = []
        old_umask = os.umask(0o077)  # signed originals: readable by the server's owner only
        try:
            with tarfile.open(file, "w") as archive:
                for attachment in Attachment.objects.order_by("pk").iterator():
                    digest = hashlib.sha256()
                    with attachment.file.open("rb") as stored:
                        for chunk in iter(lambda: stored.read(1 << 20), b""):
                            digest.update(chunk)
                        stored.seek(0)
                        info = tarfile.TarInfo(attachment.file.name)
                        info.size = attachment.size
                        archive.addfile(info, stored)
                    if digest.hexdigest() != attachment.sha256:
                        self.stderr.write(f"Cảnh báo: tệp {attachment.file.name} không khớp mã kiểm tra đã ghi.")
                    sums.append(f"{digest.hexdigest()}  {attachment.file.name}\n")
                manifest = "".join(sums).encode()
                info = tarfile.TarInfo("SHA256SUMS")
                info.size = len(manifest)
                archive.addfile(info, io.BytesIO(manifest))
        finally:
            os.umask(old_umask)
        self.stdout.write(f"Đã sao lưu {len(sums)} tệp đính kèm vào {file}.")
