"""One PDF measurement in a process of its own (bench/run.py starts it):

    python bench/pdf.py <bloc-summary|province-summary> <ours|weasyprint> '<ids as JSON>'

"ours" times the whole path (selectors, document layout, template, WeasyPrint); "weasyprint"
renders the same final HTML with WeasyPrint alone. The first render is timed on its own
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

from pypdf import PdfReader  # noqa: E402
from weasyprint import HTML  # noqa: E402

from blocs.models import Bloc, Province  # noqa: E402
from reports import output  # noqa: E402
from reports.fetcher import BASE_URL, StaticFilesOnly  # noqa: E402

WARM_RUNS = 5

document, mode, ids = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
if document == "bloc-summary":
    params = {"bloc": Bloc.objects.get(pk=ids["bloc"]), "year": ids["year"]}
else:
    params = {"province": Province.objects.get(pk=ids["province"]), "year": ids["year"]}

if mode == "weasyprint":
    html = output.to_html(output.build(document, **params))

    def run():
        return HTML(string=html, base_url=BASE_URL, url_fetcher=StaticFilesOnly()).write_pdf()
else:

    def run():
        return output.to_pdf(output.build(document, **params))


def timed():
    started = time.perf_counter()
    pdf = run()
    return time.perf_counter() - started, pdf


cold, pdf = timed()
warm = statistics.median(timed()[0] for _ in range(WARM_RUNS))
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
pages = len(PdfReader(io.BytesIO(pdf)).pages)
print(json.dumps({"cold": cold, "seconds": warm, "peak_mb": peak_mb, "pages": pages}))
