"""What the reorganisation commands share: dates in dd/mm/yyyy, and printing what changes."""

import datetime

from django.core.management.base import CommandError


def date_argument(text):
    try:
        return datetime.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"“{text}” không phải ngày dạng dd/mm/yyyy.") from None


def print_changes(stdout, changes, dry_run):
    stdout.write("Chạy thử (không lưu gì):" if dry_run else "Đã thực hiện:")
    for change in changes:
        where = ", ".join(str(x) for x in (change.year, change.bloc) if x)
        stdout.write(f"  {where + ': ' if where else ''}{change.text}")
