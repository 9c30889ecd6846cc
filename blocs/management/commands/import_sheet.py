"""`import_sheet KIND FILE --province CODE [--year YEAR] [--dry-run]`: the spreadsheet import of
the pages, for scripts, through the same checks and services, as the system actor. Prints the
preview (created, changed, unchanged, warnings, every bad row) and saves nothing while a row is bad.
The kinds are those the apps register in core.sheets (agencies, members, scores, proposals)."""

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError

from blocs.models import Province
from blocs.services import system_actor
from core import sheets


class Command(BaseCommand):
    help = "Nhập bảng tính (XLSX hoặc CSV) vào sổ của một tỉnh. KIND: agencies, members, scores, proposals."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(sheets.KINDS))
        parser.add_argument("file")
        parser.add_argument("--province", required=True, help="Mã tỉnh (code), ví dụ dien-bien.")
        parser.add_argument("--year", type=int)
        parser.add_argument("--dry-run", action="store_true", help="Chỉ xem trước, không lưu.")

    def handle(self, *args, kind, file, province, year, dry_run, **options):
        province_row = Province.objects.filter(code=province).first()
        if province_row is None:
            raise CommandError(f"Không có tỉnh mã “{province}”.")
        kind = sheets.KINDS[kind]
        if year is None and kind.needs_year:
            raise CommandError("Cần --year cho loại nhập này.")
        with open(file, "rb") as handle:
            try:
                sheet = sheets.read(File(handle, name=file), columns=kind.columns)
            except sheets.Refused as error:
                raise CommandError(str(error)) from None
        preview = kind.run(actor=system_actor(), province=province_row, year=year, sheet=sheet, dry_run=dry_run)
        for label, lines in (("Tạo mới", preview.created), ("Thay đổi", preview.changed)):
            for line in lines:
                self.stdout.write(f"{label}: {line}")
        for warning in preview.warnings:
            self.stdout.write(f"Lưu ý: {warning}")
        self.stdout.write(
            f"{len(preview.created)} tạo mới, {len(preview.changed)} thay đổi, {len(preview.unchanged)} giữ nguyên."
        )
        if preview.problems:
            for problem in preview.problems:
                self.stderr.write(str(problem))
            raise CommandError(f"Không lưu gì: {len(preview.problems)} lỗi.")
        self.stdout.write("Xem trước, chưa lưu." if dry_run else "Đã lưu.")
