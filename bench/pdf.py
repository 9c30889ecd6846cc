"""One document measurement in a process of its own (bench/run.py starts it):

    python bench/pdf.py <bloc-summary|province-summary|submission-list> <ours|weasyprint|docx> '<ids as JSON>'

"ours" times the whole path to the PDF (selectors, document layout, template, WeasyPrint);
"weasyprint" renders the same final HTML with WeasyPrint alone; "docx" times the whole path
to the Word file. submission-list is a tờ trình of LIST_ROWS proposals, added for the
measurement in a transaction that is rolled back. The first render is timed on its own
("cold": the process loads fonts, templates and translations), then WARM_RUNS more as a
server worker makes them. Prints a line of JSON.
"""

import io
import json
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402
from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from awards.models import AwardType, Proposal, Submission  # noqa: E402
from blocs.models import Bloc, Membership, Province  # noqa: E402
from emulation.models import Conference  # noqa: E402
from reports import output  # noqa: E402
from reports.fetcher import BASE_URL, StaticFilesOnly  # noqa: E402

WARM_RUNS = 5
LIST_ROWS = 1000


def long_list(conference):
    """A tờ trình of LIST_ROWS individuals of the conference's bloc (Bằng khen can go to people)."""
    member = Membership.objects.filter(bloc=conference.bloc, year=conference.year).order_by("pk").first()
    award = AwardType.objects.order_by("-precedence").first()
    submission = Submission.objects.create(
        province=conference.bloc.province, number="9999/TTr-BENCH", date=conference.date
    )
    Proposal.objects.bulk_create(
        Proposal(
            conference=conference,
            award_type=award,
            membership=member,
            person_name=f"Nguyễn Văn Thứ {i:04d}",
            person_position="Chuyên viên",
            votes_for=7,
            ballots=8,
            achievements="Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được công nhận cấp tỉnh.",
            status=Proposal.Status.SUBMITTED,
            submission=submission,
        )
        for i in range(LIST_ROWS)
    )
    return submission


def measure(document, mode, ids):
    if document == "bloc-summary":
        params = {"bloc": Bloc.objects.get(pk=ids["bloc"]), "year": ids["year"]}
    elif document == "province-summary":
        params = {"province": Province.objects.get(pk=ids["province"]), "year": ids["year"]}
    else:
        params = {"submission": long_list(Conference.objects.select_related("bloc").get(pk=ids["conference"]))}

    if mode == "weasyprint":
        html = output.to_html(output.build(document, **params))

        def run():
            return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
    elif mode == "docx":

        def run():
            return output.to_docx(output.build(document, **params))
    else:

        def run():
            return output.to_pdf(output.build(document, **params))

    def timed():
        started = time.perf_counter()
        data = run()
        return time.perf_counter() - started, data

    cold, data = timed()
    warm = statistics.median(timed()[0] for _ in range(WARM_RUNS))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = None if mode == "docx" else len(PdfReader(io.BytesIO(data)).pages)  # a DOCX has none until laid out
    return {"cold": cold, "seconds": warm, "peak_mb": peak_mb, "pages": pages}


with transaction.atomic():
    result = measure(sys.argv[1], sys.argv[2], json.loads(sys.argv[3]))
    transaction.set_rollback(True)  # the long list was for the measurement only
print(json.dumps(result))
