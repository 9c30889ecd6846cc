"""The certificates of a 100-award decision, in a process of its own (bench/run.py starts it):

    python bench/certificates.py <whole|batches> '<ids as JSON>'

The decision is added for the measurement to the synthetic province's conference, in a
transaction that is rolled back: AWARDS Bằng khen to individuals of one member agency, printed
with a layout the province set. "whole" times the one PDF of every certificate (selector, layout,
template, WeasyPrint); "batches" times the certificates page's way, one PDF per batch of
reports.views.CERTIFICATE_BATCH, one after another, summed. The first run is timed alone (cold),
then WARM_RUNS more. Prints a line of JSON.
"""

import datetime
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

from awards.models import AwardType, CertificateLayout, Decision, Proposal, Submission  # noqa: E402
from blocs.models import Membership  # noqa: E402
from emulation.models import Conference  # noqa: E402
from reports import selectors  # noqa: E402
from reports.documents import certificates  # noqa: E402
from reports.views import CERTIFICATE_BATCH  # noqa: E402

AWARDS = 100
WARM_RUNS = 3


def decision_of(conference):
    province = conference.bloc.province
    member = Membership.objects.filter(bloc=conference.bloc, year=conference.year).order_by("pk").first()
    award = AwardType.objects.get(name="Bằng khen của Chủ tịch UBND tỉnh")
    CertificateLayout.objects.get_or_create(province=province, award_type=award)
    day = conference.date + datetime.timedelta(days=30)
    submission = Submission.objects.create(province=province, number="9999/TTr-BENCH", date=day)
    decision = Decision.objects.create(
        province=province, number="9999/QĐ-BENCH", date=day, signer_authority="KT. Chủ tịch",
        signer_title="Phó Chủ tịch", signer="Nguyễn Văn Ký",
    )  # fmt: skip
    Proposal.objects.bulk_create(
        Proposal(
            conference=conference,
            award_type=award,
            membership=member,
            person_name=f"Nguyễn Văn Thứ {i:03d}",
            person_position="Chuyên viên",
            votes_for=7,
            ballots=8,
            status=Proposal.Status.APPROVED,
            submission=submission,
            decision=decision,
            achievements="Đã có thành tích xuất sắc trong phong trào thi đua năm; có sáng kiến được công nhận.",
        )  # fmt: skip
        for i in range(AWARDS)
    )
    return Decision.objects.select_related("province").get(pk=decision.pk)


def measure(mode, ids):
    decision = decision_of(Conference.objects.select_related("bloc__province").get(pk=ids["conference"]))

    def pdf(start=0, count=None):
        figures = selectors.decision_certificates(decision=decision, start=start, count=count)
        return certificates.to_pdf(certificates.lay_out(figures), title="bench")

    def run():
        if mode == "whole":
            return [pdf()]
        return [pdf(start, CERTIFICATE_BATCH) for start in range(0, AWARDS, CERTIFICATE_BATCH)]

    def timed():
        started = time.perf_counter()
        files = run()
        return time.perf_counter() - started, files

    cold, files = timed()
    warm = statistics.median(timed()[0] for _ in range(WARM_RUNS))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    pages = sum(len(PdfReader(io.BytesIO(data)).pages) for data in files)
    return {"cold": cold, "seconds": warm, "peak_mb": peak_mb, "pages": pages, "files": len(files)}


with transaction.atomic():
    result = measure(sys.argv[1], json.loads(sys.argv[2]))
    transaction.set_rollback(True)  # the decision was for the measurement only
print(json.dumps(result))
