"""Benchmark rows of the spreadsheet import (issue 17): wall time and peak memory (the child
process's maximum resident set) of
- refusing a zip bomb (a ~200 KB XLSX declaring 2 GB): target under 1 s and 100 MB;
- importing a year's members of 40 blocs x 15 members of a 600-agency province (XLSX, preview
  then save, through blocs.services), and importing the same file again (nothing changes).
Each row runs in a fresh process on a fresh SQLite database (BENCH_IMPORT_DATABASE_URL to use
PostgreSQL). Not yet: the agencies and scores imports (not built), so not the 48,000 scores row.

    python bench/imports.py            # prints a Markdown table
    BENCH_IMPORT_SIZE=40,15,600 python bench/imports.py
"""

import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLOCS, PER_BLOC, AGENCIES = (int(n) for n in os.environ.get("BENCH_IMPORT_SIZE", "40,15,600").split(","))
YEAR = 2030


def zip_bomb(size=2 * 1024**3):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b"\0" * (4 * 1024 * 1024)
            for _ in range(size // len(chunk)):
                part.write(chunk)
    return out.getvalue()


def setup_django(database):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_IMPORT_DATABASE_URL", f"sqlite:///{database}")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def row_zipbomb(path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from blocs.imports import MEMBER_COLUMNS
    from core import sheets

    data = Path(path).read_bytes()
    started = time.perf_counter()
    try:
        sheets.read(SimpleUploadedFile("bom.xlsx", data), columns=MEMBER_COLUMNS)
    except sheets.Refused as refused:
        outcome = f"refused: {refused}"
    else:
        outcome = "NOT REFUSED"
    return time.perf_counter() - started, outcome


def row_members(times):
    import openpyxl
    from django.core.files.uploadedfile import SimpleUploadedFile

    from blocs import imports
    from blocs.models import Agency, Bloc, Membership, Province
    from blocs.services import system_actor
    from core import sheets
    from core.text import fold, sort_key

    province = Province.objects.create(name="Tỉnh Đo Đạc", code="do-dac")
    Agency.objects.bulk_create(
        Agency(province=province, name=f"Sở Số {n}", search_text=fold(f"Sở Số {n}"), sort_key=sort_key(f"Sở Số {n}"))
        for n in range(AGENCIES)
    )
    Bloc.objects.bulk_create(Bloc(province=province, name=f"Khối Số {n}") for n in range(BLOCS))
    book = openpyxl.Workbook()
    book.active.append(imports.MEMBER_COLUMNS)
    for b in range(BLOCS):
        for m in range(PER_BLOC):
            role = imports.LEADER if m == 0 else imports.DEPUTY if m == 1 else imports.MEMBER
            book.active.append([f"Khối Số {b}", f"Sở Số {b * PER_BLOC + m}", role])
    out = io.BytesIO()
    book.save(out)
    data = out.getvalue()
    started = time.perf_counter()
    for _ in range(times):
        sheet = sheets.read(SimpleUploadedFile("thanh-vien.xlsx", data), columns=imports.MEMBER_COLUMNS)
        preview = imports.members_import(actor=system_actor(), province=province, year=YEAR, sheet=sheet)
        assert preview.ok, [str(p) for p in preview.problems[:5]]
    elapsed = time.perf_counter() - started
    return elapsed, f"{Membership.objects.filter(year=YEAR).count()} members saved"


def child(kind, argument):
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        if kind == "zipbomb":
            elapsed, outcome = row_zipbomb(argument)
        else:
            elapsed, outcome = row_members(int(argument))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{elapsed:.2f}\t{peak_mb:.0f}\t{outcome}")


def main():
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        bomb = Path(folder) / "bom.xlsx"
        bomb.write_bytes(zip_bomb())
        cases = [
            (f"zip bomb ({bomb.stat().st_size // 1024} KB declaring 2 GB)", "zipbomb", str(bomb)),
            (f"members: {BLOCS} blocs x {PER_BLOC}, {AGENCIES} agencies, preview + save", "members", "1"),
            ("members: the same file imported twice (second changes nothing)", "members", "2"),
        ]
        for label, kind, argument in cases:
            result = subprocess.run(  # noqa: S603 - our own script, our arguments
                [sys.executable, __file__, "--child", kind, argument],
                capture_output=True,
                text=True,
                check=True,
            )
            elapsed, peak, outcome = result.stdout.strip().splitlines()[-1].split("\t", 2)
            rows.append(f"| {label} | {elapsed} s | {peak} MB | {outcome[:90]} |")
    print("| Import row | Time | Peak memory (process) | Outcome |\n|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
