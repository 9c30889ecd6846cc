"""Benchmark rows of a bloc's award dossier (issue 19): wall time, peak memory (the child
process's maximum resident set) and queries of the whole ZIP (every part as DOCX and PDF) for a
bloc of 15 members with 5 collective nominees, the size of a real provincial bloc, and for a
bloc of 5 members with 2 nominees beside it (the queries must be the same).

Each row runs in a fresh process on a fresh database built by make_synthetic (SQLite, or
BENCH_DOSSIER_DATABASE_URL for PostgreSQL, which is dropped and created again). The first ZIP a
process writes is timed alone (cold: fonts, templates, translations), then WARM_RUNS more.

    python bench/dossier.py            # prints a Markdown table
"""

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WARM_RUNS = 3
SIZES = [(15, 5), (5, 2)]  # (members of the bloc, collective nominees)


def setup_django(database, members, nominees):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    url = os.environ.get("BENCH_DOSSIER_DATABASE_URL")
    if url:
        name, base = url.rsplit("/", 1)[1], url.rsplit("/", 1)[0]
        subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={base}/postgres", name], check=True)  # noqa: S603, S607
        subprocess.run(["createdb", f"--maintenance-db={base}/postgres", name], check=True)  # noqa: S603, S607
    os.environ["DATABASE_URL"] = url or f"sqlite:///{database}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("make_synthetic", blocs=1, agencies=members, years=3, proposals=nominees, last_year=2025, verbosity=0)


def child(members, nominees):
    with tempfile.TemporaryDirectory() as directory:
        setup_django(Path(directory) / "db.sqlite3", members, nominees)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from emulation.models import Conference
        from reports import output

        conference = Conference.objects.select_related("bloc__province").get(year=2025)

        def run():
            return output.to_zip(output.build_dossier(conference=conference))

        started = time.perf_counter()
        with CaptureQueriesContext(connection) as queries:
            data = run()
        cold = time.perf_counter() - started
        warm = []
        for _ in range(WARM_RUNS):
            started = time.perf_counter()
            run()
            warm.append(time.perf_counter() - started)
        parts = len(output.build_dossier(conference=conference))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(f"{statistics.median(warm):.2f}\t{cold:.2f}\t{peak}\t{len(queries)}\t{parts}\t{len(data) // 1024}")


def main():
    rows = []
    for members, nominees in SIZES:
        result = subprocess.run(  # noqa: S603 - our own script, our arguments
            [sys.executable, __file__, "--child", str(members), str(nominees)],
            capture_output=True,
            text=True,
            check=True,
        )
        warm, cold, peak, queries, parts, size = result.stdout.strip().splitlines()[-1].split("\t")
        rows.append(
            f"| {members} members, {nominees} collective nominees ({parts} parts, {2 * int(parts)} files, {size} KB) "
            f"| {warm} s | {cold} s | {peak} MB | {queries} |"
        )
    load = os.getloadavg()[0]
    print(f"Load average when measured: {load:.1f} on {os.cpu_count()} cores.\n")
    print("| Dossier ZIP | Warm (median) | Cold | Peak memory (process) | Queries |\n|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(int(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
