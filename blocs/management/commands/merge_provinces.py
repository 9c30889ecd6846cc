"""Merge provinces into one (Nghị quyết 202/2025/QH15), a site-level operator's action, e.g.

    python manage.py merge_provinces "Vĩnh Phúc" "Hòa Bình" "Phú Thọ" --into "Phú Thọ" \\
        --from 01/07/2025 --basis "202/2025/QH15" --basis-date 12/06/2025 --users move --dry-run

The old provinces' records stay as they were, under their names; the new province's admins
and viewers read them. `--create` makes the new province when it is not there yet.
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from blocs import services
from blocs.management.commands._reorganisation import date_argument, print_changes
from blocs.models import Province


class Command(BaseCommand):
    help = (
        "Hợp nhất các tỉnh thành một tỉnh từ một ngày (người quản trị hệ thống). "
        "Merge provinces into one; --dry-run shows what would change."
    )

    def add_arguments(self, parser):
        parser.add_argument("provinces", nargs="+", help="tên các tỉnh hợp nhất")
        parser.add_argument("--into", required=True, help="tên tỉnh mới (hoặc tỉnh giữ tên)")
        parser.add_argument("--create", action="store_true", help="tạo tỉnh mới nếu chưa có")
        parser.add_argument("--awards-office", default="Sở Nội vụ", help="cơ quan thường trực của tỉnh mới tạo")
        parser.add_argument("--from", dest="effective_on", required=True, type=date_argument, help="dd/mm/yyyy")
        parser.add_argument("--basis", required=True, help="số văn bản, vd. 202/2025/QH15")
        parser.add_argument("--basis-date", required=True, type=date_argument, help="dd/mm/yyyy")
        parser.add_argument(
            "--users",
            choices=["move", "close"],
            required=True,
            help="người dùng của tỉnh cũ: chuyển sang tỉnh mới, hay khóa",
        )
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho xem những gì sẽ thay đổi")

    def handle(self, *args, provinces, into, create, awards_office, effective_on, basis, basis_date, users, dry_run,
               **options):  # fmt: skip
        found = []
        for name in provinces:
            province = Province.objects.filter(name=name).first()
            if province is None:
                raise CommandError(f"Không có tỉnh “{name}”.")
            found.append(province)
        target = Province.objects.filter(name=into).first()
        if target is None and not create:
            raise CommandError(f"Không có tỉnh “{into}”: thêm --create để tạo tỉnh mới.")
        try:
            if target is None:
                target = services.province_create(
                    actor=services.system_actor(),
                    name=into,
                    code=services.province_code(into),
                    awards_office=awards_office,
                )
            outcome = services.provinces_merge(
                actor=services.system_actor(),
                provinces=found,
                into=target,
                effective_on=effective_on,
                basis_number=basis,
                basis_date=basis_date,
                users=users,
                dry_run=dry_run,
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        print_changes(self.stdout, outcome.changes, dry_run)
