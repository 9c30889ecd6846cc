"""Merge agencies of a province into one successor, for a scripted reorganisation, e.g.

    python manage.py merge_agencies --province "Điện Biên" \\
        --into "Sở Khoa học và Công nghệ" --from 01/03/2025 \\
        --basis "15/NQ-HĐND" --basis-date 28/02/2025 --dry-run "Sở Thông tin và Truyền thông"

The same service as the province admin's page (blocs.services.agencies_merge).
"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from blocs import services
from blocs.management.commands._reorganisation import date_argument, print_changes
from blocs.models import Agency, Province


class Command(BaseCommand):
    help = (
        "Sáp nhập các cơ quan vào một cơ quan kế thừa từ một ngày, theo một văn bản (số, ngày). "
        "Merge agencies into one successor; --dry-run shows what would change, per bloc and year."
    )

    def add_arguments(self, parser):
        parser.add_argument("agencies", nargs="+", help="tên hiện tại của các cơ quan chấm dứt hoạt động")
        parser.add_argument("--province", required=True)
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("--into", help="cơ quan kế thừa đã có")
        target.add_argument("--new", help="tên cơ quan kế thừa mới thành lập")
        parser.add_argument("--from", dest="effective_on", required=True, type=date_argument, help="dd/mm/yyyy")
        parser.add_argument("--basis", required=True, help="số văn bản, vd. 15/NQ-HĐND")
        parser.add_argument("--basis-date", required=True, type=date_argument, help="dd/mm/yyyy")
        parser.add_argument("--note", default="", help="ghi chú, vd. phần việc chuyển cho cơ quan khác khi chia tách")
        parser.add_argument("--dry-run", action="store_true", help="chỉ cho xem những gì sẽ thay đổi")

    def handle(self, *args, agencies, province, into, new, effective_on, basis, basis_date, note, dry_run, **options):
        province = Province.objects.filter(name=province).first()
        if province is None:
            raise CommandError("Không có tỉnh này.")
        open_agencies = Agency.objects.filter(province=province, active_until__isnull=True)

        def find(name):
            agency = open_agencies.filter(name=name).first()
            if agency is None:
                raise CommandError(f"{province.name} không có cơ quan đang hoạt động tên “{name}”.")
            return agency

        try:
            outcome = services.agencies_merge(
                actor=services.system_actor(),
                predecessors=[find(name) for name in agencies],
                successor=find(into) if into else None,
                new_successor_name=new or "",
                effective_on=effective_on,
                basis_number=basis,
                basis_date=basis_date,
                note=note,
                dry_run=dry_run,
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        print_changes(self.stdout, outcome.changes, dry_run)
