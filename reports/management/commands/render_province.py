"""Print a province's year at once: the year-end report and minutes of every bloc that had
members that year, and the province-wide report, into a folder, with a progress bar:

    python manage.py render_province --province "Điện Biên" --year 2017 --output-dir in-2017/
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from blocs.models import Membership, Province
from emulation.models import Conference
from reports import output


class Command(BaseCommand):
    help = "Print every bloc's documents of a province and year, and the province-wide report, into a folder."

    def add_arguments(self, parser):
        parser.add_argument("--province", required=True)
        parser.add_argument("--year", type=int, required=True, help="the reviewed year")
        parser.add_argument("--output-dir", required=True)

    def handle(self, *args, province, year, output_dir, verbosity=1, **options):
        province = Province.objects.filter(name=province).first()
        if province is None:
            raise CommandError("No such province.")
        folder = Path(output_dir)
        folder.mkdir(parents=True, exist_ok=True)
        conferences = {c.bloc_id: c for c in Conference.objects.filter(bloc__province=province, year=year)}
        jobs = [("province-summary", {"province": province, "year": year})]
        with_members = set(
            Membership.objects.filter(bloc__province=province, year=year).values_list("bloc_id", flat=True)
        )
        for bloc in province.blocs.order_by("name"):
            if bloc.pk not in with_members and bloc.pk not in conferences:
                continue  # the bloc did not exist that year
            jobs.append(("bloc-summary", {"bloc": bloc, "year": year}))
            if bloc.pk in conferences:
                jobs.append(("minutes", {"conference": conferences[bloc.pk]}))
        refused = []
        for slug, params in tqdm(jobs, desc=f"{province} {year}", unit="doc", disable=verbosity < 1, file=self.stderr):
            try:
                printed = output.build(slug, **params)
            except output.DocumentTooLarge as error:
                refused.append(f"{slug} {params}: {error}")
                continue
            (folder / f"{printed.filename}.pdf").write_bytes(output.to_pdf(printed))
        self.stdout.write(self.style.SUCCESS(f"{len(jobs) - len(refused)} documents in {folder}"))
        for line in refused:
            self.stderr.write(f"Not printed, too long: {line}")
        if refused:
            raise CommandError(f"{len(refused)} documents were too long to print.")
