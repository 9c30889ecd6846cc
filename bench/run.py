"""The benchmark, one command (`make bench`): a synthetic province on PostgreSQL, served by
gunicorn, loaded with wrk on loopback; then the PDFs timed against WeasyPrint alone.
Writes docs/benchmarks.md.

Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/sothidua_bench,
dropped and created again), BENCH_DURATION (seconds per URL, default 10), BENCH_CONNECTIONS
(default 8), BENCH_SIZE ("40,600,20": blocs, agencies, years).
"""

import datetime
import json
import os
import platform
import secrets
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
DATABASE_URL = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/sothidua_bench")
DURATION = int(os.environ.get("BENCH_DURATION", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
BLOCS, AGENCIES, YEARS = (int(n) for n in os.environ.get("BENCH_SIZE", "40,600,20").split(","))
PORT = 8765
ENV = {
    **os.environ,
    "DATABASE_URL": DATABASE_URL,
    "DEBUG": "false",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
    "CONN_MAX_AGE": "60",
    "DJANGO_SETTINGS_MODULE": "config.settings",
}


def manage(*args, capture=False):
    result = subprocess.run(  # noqa: S603 - our own commands
        [PYTHON, "manage.py", *args], cwd=ROOT, env=ENV, check=True, capture_output=capture, text=True
    )
    return result.stdout


def fresh_database():
    name = DATABASE_URL.rsplit("/", 1)[1]
    base = DATABASE_URL.rsplit("/", 1)[0]
    subprocess.run(["dropdb", "--if-exists", f"--maintenance-db={base}/postgres", name], check=True)  # noqa: S603, S607
    subprocess.run(["createdb", f"--maintenance-db={base}/postgres", name], check=True)  # noqa: S603, S607
    manage("migrate", "--noinput", "-v0")
    started = time.monotonic()
    output = manage("make_synthetic", f"--blocs={BLOCS}", f"--agencies={AGENCIES}", f"--years={YEARS}", capture=True)
    return output.strip(), time.monotonic() - started


SETUP = """
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from awards.models import Proposal
from blocs.models import Agency, Bloc, Province, User
from emulation.models import Conference
province = Province.objects.get(name="Tỉnh Tổng Hợp 1")
from blocs.services import system_actor, user_save
user = User.objects.filter(username="bench.admin").first()
if user is None:  # logged in by its session below: it needs no password
    user = User(username="bench.admin", role="province_admin", province=province)
    user.set_unusable_password()
    user_save(actor=system_actor(), user=user)
session = SessionStore()
session[SESSION_KEY], session[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
bloc = Bloc.objects.filter(province=province).order_by("pk").first()
agency = Agency.objects.filter(memberships__bloc=bloc).order_by("pk").first()
year = Conference.objects.filter(bloc=bloc).order_by("-year").first().year
conference = Conference.objects.get(bloc=bloc, year=year)
print(json.dumps({"session": session.session_key, "bloc": bloc.pk, "agency": agency.pk, "year": year,
                  "conference": conference.pk, "province": province.pk, "agency_name": agency.name}))
"""


def urls(ids):
    bloc, agency, conference, year = ids["bloc"], ids["agency"], ids["conference"], ids["year"]
    name = urllib.parse.quote_plus(ids["agency_name"])
    # (our page, the admin changelist of the same records)
    return [
        ("blocs", "/blocs/", "/admin/blocs/bloc/"),
        ("bloc page", f"/blocs/{bloc}/", f"/admin/blocs/membership/?bloc__id__exact={bloc}"),
        ("agencies", "/agencies/", "/admin/blocs/agency/"),
        ("agency page", f"/agencies/{agency}/", f"/admin/blocs/agency/?q={name}"),
        ("conference page", f"/conferences/{conference}/", f"/admin/emulation/conference/?bloc__id__exact={bloc}"),
        ("proposals", f"/awards/?year={year}", f"/admin/awards/proposal/?conference__year={year}"),
        ("award record", f"/agencies/{agency}/awards/", f"/admin/awards/proposal/?q={name}"),
        ("year dashboard", f"/?year={year}", f"/admin/emulation/conference/?year={year}"),
    ]  # fmt: skip


LUA = ROOT / "bench" / "report.lua"


def wrk(path, session):
    result = subprocess.run(  # noqa: S603 - our own load
        [
            shutil.which("wrk"),
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{DURATION}s",
            "-s",
            str(LUA),
            "-H",
            f"Cookie: sessionid={session}",
            f"http://127.0.0.1:{PORT}{path}",
        ],  # fmt: skip
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in result.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect (to the login page, or the admin's ?e=1) is a failed check


def check(path, session):
    """The URL answers 200 itself: what wrk measures is the page, not a redirect."""
    request = urllib.request.Request(f"http://127.0.0.1:{PORT}{path}", headers={"Cookie": f"sessionid={session}"})
    with urllib.request.build_opener(NoRedirect).open(request, timeout=60) as response:
        assert response.status == 200, (path, response.status)


def serve():
    server = subprocess.Popen(  # noqa: S603
        [
            PYTHON,
            "-m",
            "gunicorn",
            "config.wsgi",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(os.cpu_count() or 2),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env=ENV,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)  # noqa: S310 - loopback
            return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("gunicorn did not start")


DOCUMENTS = ("bloc-summary", "province-summary", "submission-list")


def pdf_runs(ids, runs=3):
    """Each measurement in its own process, so that its peak memory is its own; the two
    modes alternate, so that a slower moment of the machine falls on both."""
    samples = {}
    for _ in range(runs):
        for document in DOCUMENTS:
            for mode in ("ours", "weasyprint", "docx"):
                output = subprocess.run(  # noqa: S603
                    [PYTHON, str(ROOT / "bench" / "pdf.py"), document, mode, json.dumps(ids)],
                    cwd=ROOT,
                    env=ENV,
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                samples.setdefault((document, mode), []).append(json.loads(output.strip().splitlines()[-1]))
    return {
        key: {
            "seconds": statistics.median(s["seconds"] for s in group),
            "cold": statistics.median(s["cold"] for s in group),
            "peak_mb": max(s["peak_mb"] for s in group),
            "pages": group[0]["pages"],
        }
        for key, group in samples.items()
    }


def certificate_runs(ids, runs=3):
    """The certificates of a 100-award decision (bench/certificates.py): one PDF, and the page's
    batches one after another; each measurement in its own process, the two ways alternating."""
    samples = {}
    for _ in range(runs):
        for mode in ("whole", "batches"):
            output = subprocess.run(  # noqa: S603
                [PYTHON, str(ROOT / "bench" / "certificates.py"), mode, json.dumps(ids)],
                cwd=ROOT,
                env=ENV,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            samples.setdefault(mode, []).append(json.loads(output.strip().splitlines()[-1]))
    return {
        mode: {
            "seconds": statistics.median(s["seconds"] for s in group),
            "cold": statistics.median(s["cold"] for s in group),
            "peak_mb": max(s["peak_mb"] for s in group),
            "pages": group[0]["pages"],
            "files": group[0]["files"],
        }
        for mode, group in samples.items()
    }


def machine():
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    memory = next(
        line.split()[1] for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
    )
    postgres = subprocess.run(["psql", "--version"], capture_output=True, text=True).stdout.strip()  # noqa: S607
    return (
        f"{os.cpu_count()} × {cpu}, {int(memory) // 1024 // 1024} GiB, Python {platform.python_version()}, {postgres}"
    )


def main():
    for tool in ("wrk", "dropdb", "createdb", "psql"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is needed: `make bench` installs wrk and expects PostgreSQL's client tools")
    synthetic, seconds = fresh_database()
    print(synthetic, f"({seconds:.1f} s with the process start)")
    ids = json.loads(manage("shell", "-c", SETUP, capture=True).strip().splitlines()[-1])
    server = serve()
    try:
        rows = []
        baseline_path = "/healthz"
        check(baseline_path, ids["session"])
        baseline = wrk(baseline_path, ids["session"])
        for name, ours, theirs in urls(ids):
            check(ours, ids["session"])
            check(theirs, ids["session"])
            rows.append((name, ours, wrk(ours, ids["session"]), theirs, wrk(theirs, ids["session"])))
            print(name, rows[-1][2], rows[-1][4])
    finally:
        server.terminate()
        server.wait()
    pdfs = pdf_runs(ids)
    write_report(synthetic, seconds, baseline, rows, pdfs, certificate_runs(ids))


def write_report(synthetic, seconds, baseline, rows, pdfs, certificates):
    def ms(value):
        return f"{value / 1000:.1f}"

    lines = [
        "# Benchmarks",
        "",
        f"Measured {datetime.date.today():%d/%m/%Y} by `make bench` (bench/run.py) on {machine()}.",
        "",
        f"Data: `make_synthetic --blocs {BLOCS} --agencies {AGENCIES} --years {YEARS}`: {synthetic.split(': ', 1)[1]}.",
        f"Generated in {seconds:.1f} s (with Django's start).",
        "",
        f"Load: wrk, 2 threads, {CONNECTIONS} connections, {DURATION} s per URL, loopback, logged in as the "
        f"province admin; gunicorn with {os.cpu_count()} sync workers, DEBUG off, PostgreSQL.",
        "",
        "## Pages against the admin changelist of the same records",
        "",
        "| page | p50 ms | p95 ms | req/s | admin changelist | p50 ms | p95 ms | req/s | our p50 / admin p50 |",
        "|---|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for name, ours, mine, theirs, admin in rows:
        lines.append(
            f"| {name} `{ours}` | {ms(mine['p50'])} | {ms(mine['p95'])} | {mine['rps']:.0f} | `{theirs}` | "
            f"{ms(admin['p50'])} | {ms(admin['p95'])} | {admin['rps']:.0f} | {mine['p50'] / admin['p50']:.2f} |"
        )
    lines += [
        f"| trivial view `/healthz` | {ms(baseline['p50'])} | {ms(baseline['p95'])} | {baseline['rps']:.0f} "
        "| | | | | |",
        "",
        "Errors (non-2xx or socket) during the runs: "
        + str(sum(r[2]["errors"] + r[4]["errors"] for r in rows) + baseline["errors"])
        + ".",
        "",
        "## PDFs against WeasyPrint alone on the same HTML, and the DOCX",
        "",
        "Three processes per document and way, alternating. In each, the first render is timed alone "
        "(cold: the process loads fonts, templates and translations), then five more (warm, as a server "
        "worker renders); the table gives the medians. Overhead compares the warm times. Peak memory is "
        "the largest maximum resident size of a process. submission-list is a tờ trình of 1,000 "
        "individuals, added for the measurement and rolled back; DOCX is the whole path to the Word file.",
        "",
        "| document | pages | ours s | WeasyPrint alone s | overhead | ours cold s | alone cold s "
        "| ours peak MB | alone peak MB | DOCX s | DOCX peak MB |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for document in DOCUMENTS:
        ours, raw, word = pdfs[document, "ours"], pdfs[document, "weasyprint"], pdfs[document, "docx"]
        overhead = (ours["seconds"] - raw["seconds"]) / raw["seconds"] * 100
        lines.append(
            f"| {document} | {ours['pages']} | {ours['seconds']:.2f} | {raw['seconds']:.2f} | {overhead:+.0f}% | "
            f"{ours['cold']:.2f} | {raw['cold']:.2f} | {ours['peak_mb']:.0f} | {raw['peak_mb']:.0f} | "
            f"{word['seconds']:.2f} | {word['peak_mb']:.0f} |"
        )
    lines += certificate_lines(certificates)
    lines.append("")
    path = ROOT / "docs" / "benchmarks.md"
    path.write_text("\n".join(lines) + "\n" + notes() + imports_section(path))
    print(f"Wrote {path}")


def certificate_lines(certificates):
    lines = [
        "",
        "## Certificates of a 100-award decision",
        "",
        "bench/certificates.py: 100 Bằng khen of one decision, added for the measurement and rolled back, "
        "printed with a layout the province set. Three processes per way, alternating; cold is the first "
        "run of a process, warm the median of three more. Batches: the certificates page's way, one PDF "
        "per batch of 25 asked for one after another (the time is their sum).",
        "",
        "| way | PDFs | pages | warm s | cold s | peak MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for mode, label in (("whole", "one PDF"), ("batches", "in batches")):
        row = certificates[mode]
        lines.append(
            f"| {label} | {row['files']} | {row['pages']} | {row['seconds']:.2f} | {row['cold']:.2f} "
            f"| {row['peak_mb']:.0f} |"
        )
    return lines


def imports_section(path):
    """The spreadsheet import figures (bench/imports.py, measured apart) kept at the end of the file."""
    text = path.read_text() if path.exists() else ""
    start = text.find("\n## Spreadsheet imports")
    return text[start:] if start >= 0 else ""


def notes():
    existing = ROOT / "docs" / "benchmarks-notes.md"
    return existing.read_text() if existing.exists() else ""


if __name__ == "__main__":
    main()
