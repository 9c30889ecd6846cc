"""Benchmark rows of the spreadsheet imports (issue 17): wall time and peak memory (the child
process's maximum resident set) of
- refusing a zip bomb (a 2 MB XLSX declaring 2 GB): target under 1 s and 100 MB;
- importing a province's 600 agencies (100 with a former name, 50 merged into another), preview
  then save, through blocs.services;
- importing a year's members of 40 blocs x 15 members of a 600-agency province (XLSX, preview
  then save), and importing the same file again (nothing changes);
- importing 48,000 scores (40 blocs x 15 members x 80 criteria), one file per bloc as each bloc
  sends its table, preview then save, through emulation.services;
- the whole set in one process (agencies, members, scores): target under 30 s and 300 MB.
CPU is the child process's user + system time, Django's start and the setup included: on a busy
machine it says more than the wall time.
Each row runs in a fresh process on a fresh SQLite database (BENCH_IMPORT_DATABASE_URL to use
PostgreSQL). The time is the import's own (reading, preview, save); setting the province up is
not timed, but its memory is in the peak.

    python bench/imports.py            # prints a Markdown table
    BENCH_IMPORT_SIZE=40,15,600,80 python bench/imports.py
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
BLOCS, PER_BLOC, AGENCIES, CRITERIA = (int(n) for n in os.environ.get("BENCH_IMPORT_SIZE", "40,15,600,80").split(","))
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


def workbook(header, rows):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(header)
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def import_file(kind, province, data, year=YEAR):
    """Read and import as the page does: preview (kept), then the save of what was previewed,
    judged again only if anything recorded changed in between."""
    import hashlib

    from django.core.files.uploadedfile import SimpleUploadedFile

    from blocs.services import system_actor
    from core import sheets

    kind, actor = sheets.KINDS[kind], system_actor()
    key = sheets.judged_key(
        kind=kind.slug, province=province.pk, year=year, user=actor.pk, digest=hashlib.sha256(data).hexdigest()
    )
    stamp = sheets.history_stamp()
    sheet = sheets.read(SimpleUploadedFile("bang.xlsx", data), columns=kind.columns)
    preview = kind.run(actor=actor, province=province, year=year, sheet=sheet, dry_run=True)
    assert preview.ok, [str(p) for p in preview.problems[:5]]
    sheets.keep(key, preview, stamp=stamp)
    preview = sheets.take(key)
    assert preview is not None, "the preview was judged again"
    preview.save(actor=actor)
    assert preview.saved, [str(p) for p in preview.problems[:5]]
    return preview


def agency_rows():
    """The 600 agencies of the members rows (the first 100 with a former name), and 50 more that
    merged into one of them on 01/03/2025."""
    from blocs.models import Agency

    kind = str(Agency.Kind.DEPARTMENT.label)
    rows = []
    for n in range(AGENCIES):
        rows.append([f"Sở Số {n}", f"SS{n}", kind, "01/01/2000", "", "", "", ""])
        if n < 100:
            rows.append([f"Sở Số {n}", "", "", "", "", "", f"Sở Cũ {n}", "01/08/2003"])
    for n in range(50):
        rows.append([f"Sở Đã Sáp Nhập {n}", "", kind, "01/01/2000", "28/02/2025", f"Sở Số {n}", "", ""])
    return rows


def new_province():
    from blocs.models import Province

    return Province.objects.create(name="Tỉnh Đo Đạc", code="do-dac")


def registry(province):
    """600 agencies and 40 blocs, written straight to the database (not timed)."""
    from blocs.models import Agency, Bloc
    from core.text import fold, sort_key

    Agency.objects.bulk_create(
        Agency(province=province, name=f"Sở Số {n}", search_text=fold(f"Sở Số {n}"), sort_key=sort_key(f"Sở Số {n}"))
        for n in range(AGENCIES)
    )
    Bloc.objects.bulk_create(Bloc(province=province, name=f"Khối Số {n}") for n in range(BLOCS))


def member_rows():
    from blocs import imports

    rows = []
    for b in range(BLOCS):
        for m in range(PER_BLOC):
            role = imports.LEADER if m == 0 else imports.DEPUTY if m == 1 else imports.MEMBER
            rows.append([f"Khối Số {b}", f"Sở Số {b * PER_BLOC + m}", role])
    return rows


def score_files():
    return [
        workbook(
            ["Khối thi đua", "Nhóm tiêu chí", "Tiêu chí", "Điểm tối đa", "Cơ quan, đơn vị", "Điểm"],
            (
                [
                    f"Khối Số {b}",
                    f"Nhóm {c // 10}",
                    f"Tiêu chí số {c}",
                    "10",
                    f"Sở Số {b * PER_BLOC + m}",
                    f"{(m + c) % 10},5",
                ]
                for c in range(CRITERIA)
                for m in range(PER_BLOC)
            ),
        )
        for b in range(BLOCS)
    ]


def row_agencies():
    from blocs.models import Agency

    province = new_province()
    data = workbook(__import__("blocs.imports").imports.AGENCY_COLUMNS, agency_rows())
    started = time.perf_counter()
    import_file("agencies", province, data)
    elapsed = time.perf_counter() - started
    return elapsed, f"{Agency.objects.count()} agencies saved"


def row_members(times):
    from blocs import imports
    from blocs.models import Membership

    province = new_province()
    registry(province)
    data = workbook(imports.MEMBER_COLUMNS, member_rows())
    started = time.perf_counter()
    for _ in range(times):
        import_file("members", province, data)
    elapsed = time.perf_counter() - started
    return elapsed, f"{Membership.objects.filter(year=YEAR).count()} members saved"


def row_scores():
    from emulation.models import Score

    province = new_province()
    registry(province)
    import_file("members", province, workbook(__import__("blocs.imports").imports.MEMBER_COLUMNS, member_rows()))
    files = score_files()
    started = time.perf_counter()
    for data in files:
        import_file("scores", province, data)
    elapsed = time.perf_counter() - started
    return elapsed, f"{Score.objects.count()} scores saved from {len(files)} files"


def row_whole():
    from blocs import imports
    from blocs.models import Bloc
    from emulation.models import Score

    province = new_province()
    files = score_files()
    started = time.perf_counter()
    import_file("agencies", province, workbook(imports.AGENCY_COLUMNS, agency_rows()))
    Bloc.objects.bulk_create(Bloc(province=province, name=f"Khối Số {n}") for n in range(BLOCS))
    import_file("members", province, workbook(imports.MEMBER_COLUMNS, member_rows()))
    for data in files:
        import_file("scores", province, data)
    elapsed = time.perf_counter() - started
    return elapsed, f"{Score.objects.count()} scores, agencies and members saved"


def child(kind, argument):
    with tempfile.TemporaryDirectory() as folder:
        setup_django(Path(folder) / "bench.sqlite3")
        if kind == "zipbomb":
            elapsed, outcome = row_zipbomb(argument)
        elif kind == "members":
            elapsed, outcome = row_members(int(argument))
        else:
            elapsed, outcome = {"agencies": row_agencies, "scores": row_scores, "whole": row_whole}[kind]()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    peak_mb = usage.ru_maxrss / 1024
    print(f"{elapsed:.2f}\t{peak_mb:.0f}\t{usage.ru_utime + usage.ru_stime:.1f}\t{outcome}")


def main():
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        bomb = Path(folder) / "bom.xlsx"
        bomb.write_bytes(zip_bomb())
        cases = [
            (f"zip bomb ({bomb.stat().st_size // 1024} KB declaring 2 GB)", "zipbomb", str(bomb)),
            (f"members: {BLOCS} blocs x {PER_BLOC}, {AGENCIES} agencies, preview + save", "members", "1"),
            ("members: the same file imported twice (second changes nothing)", "members", "2"),
            (f"agencies: {AGENCIES} + 50 merged into them, 100 former names, preview + save", "agencies", ""),
            (
                f"scores: {BLOCS * PER_BLOC * CRITERIA:,} ({BLOCS} files of {PER_BLOC} x {CRITERIA}), preview + save",
                "scores",
                "",
            ),
            ("the whole set: agencies, members, scores", "whole", ""),
        ]
        only = os.environ.get("BENCH_IMPORT_ROWS")  # e.g. "zipbomb,scores"
        cases = [case for case in cases if not only or case[1] in only.split(",")]
        for label, kind, argument in cases:
            result = subprocess.run(  # noqa: S603 - our own script, our arguments
                [sys.executable, __file__, "--child", kind, argument or "-"],
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode:
                rows.append(f"| {label} | failed | | | {result.stderr.strip().splitlines()[-1][:90]} |")
            else:
                elapsed, peak, cpu, outcome = result.stdout.strip().splitlines()[-1].split("\t", 3)
                rows.append(f"| {label} | {elapsed} s | {cpu} s | {peak} MB | {outcome[:90]} |")
            print(rows[-1], file=sys.stderr, flush=True)  # as it goes: the whole run takes minutes
    print(
        "| Import row | Time (the import's wall time) | CPU (whole process) | Peak memory (process) | Outcome |\n"
        "|---|---|---|---|---|"
    )
    print("\n".join(rows))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(sys.argv[2], sys.argv[3])
    else:
        main()
