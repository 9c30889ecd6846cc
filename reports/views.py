"""Downloads of the printed documents: PDF, DOCX, an HTML print view, and XLSX of the same
tables. Each object is fetched through the access helpers of its app first."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from awards.models import AwardType, Decision, Proposal, Submission
from awards.selectors import certificate_layouts
from blocs.access import get_agency_for_user, get_bloc_for_user, get_province_for_user
from core.requests import int_or_none
from emulation.access import get_conference_for_user, reviewed_year_or_404
from reports import output, selectors
from reports.documents import certificates

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}
WRITERS = {"pdf": output.to_pdf, "xlsx": output.to_xlsx, "docx": output.to_docx}


def _respond(request, slug, fmt, **params):
    try:
        printed = output.build(slug, **params)
    except output.DocumentTooLarge as error:
        context = {"size": error.size, "limit": output.MAX_CHARACTERS}
        return render(request, "reports/too_large.html", context, status=413)
    if fmt == "html":
        return HttpResponse(output.to_html(printed, screen=True), content_type=CONTENT_TYPES[fmt])
    response = HttpResponse(WRITERS[fmt](printed), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = output.content_disposition(printed, fmt, inline=fmt == "pdf")
    return response


@login_required
def bloc_summary(request, bloc_pk, year, fmt):
    bloc = get_bloc_for_user(request.user, bloc_pk)
    return _respond(request, "bloc-summary", fmt, bloc=bloc, year=reviewed_year_or_404(year))


@login_required
def leadership_history(request, bloc_pk, fmt):
    bloc = get_bloc_for_user(request.user, bloc_pk)
    return _respond(request, "leadership-history", fmt, bloc=bloc)


@login_required
def minutes(request, pk, fmt):
    conference = get_conference_for_user(request.user, pk)
    return _respond(request, "minutes", fmt, conference=conference)


@login_required
def agency_record(request, pk, fmt):
    agency = get_agency_for_user(request.user, pk)
    return _respond(request, "agency-record", fmt, agency=agency, user=request.user)


@login_required
def province_summary(request, province_pk, year, fmt):
    province = get_province_for_user(request.user, province_pk)
    return _respond(request, "province-summary", fmt, province=province, year=reviewed_year_or_404(year))


@login_required
def province_prizes(request, province_pk, fmt):
    province = get_province_for_user(request.user, province_pk)
    return _respond(request, "province-prizes", fmt, province=province)


@login_required
def submission_list(request, pk, fmt):
    submission = Submission.objects.filter(pk=pk).select_related("province").first()
    if submission is None:
        raise Http404("No such submission")
    get_province_for_user(request.user, submission.province_id)
    return _respond(request, "submission-list", fmt, submission=submission)


def _decision_for_user(user, pk):
    """A decision whose province-wide documents the user may read (its province's admins and
    viewers); another province's is a 404, a secretary gets a 403."""
    decision = Decision.objects.filter(pk=pk).select_related("province").first()
    if decision is None:
        raise Http404("No such decision")
    get_province_for_user(user, decision.province_id)
    return decision


@login_required
def decision_list(request, pk, fmt):
    decision = _decision_for_user(request.user, pk)
    return _respond(request, "decision-list", fmt, decision=decision)


# A batch of certificates is one PDF the page asks for after the one before: a large decision
# prints with a progress bar and no request long enough to time out. A PDF of more pages than
# CERTIFICATES_AT_MOST is refused (413): the page asks for batches.
CERTIFICATE_BATCH = 25
CERTIFICATES_AT_MOST = 200


def _certificate_batches(decision, total):
    url = reverse("reports:certificates_pdf", args=[decision.pk])
    return [
        {
            "first": start + 1,
            "last": min(start + CERTIFICATE_BATCH, total),
            "url": f"{url}?start={start}&count={CERTIFICATE_BATCH}",
        }
        for start in range(0, total, CERTIFICATE_BATCH)
    ]


@login_required
def decision_certificates(request, pk):
    """The page that prints a decision's certificates, batch after batch, and links to the
    calibration page of each award type it conferred."""
    decision = _decision_for_user(request.user, pk)
    total, layouts = selectors.decision_certificate_layouts(decision=decision)
    context = {
        "decision": decision,
        "total": total,
        "batches": _certificate_batches(decision, total),
        "layouts": [
            {
                "award_type": layout.award_type,
                "saved": layout.pk is not None,
                "url": reverse("reports:certificate_calibration", args=[decision.province_id, layout.award_type_id]),
            }
            for layout in layouts.values()
        ],
    }
    return render(request, "reports/certificates_print.html", context)


@login_required
def decision_certificates_pdf(request, pk):
    """The certificates of a decision's approved awards as one PDF, one per page; with
    ?start=&count=, one batch of them."""
    decision = _decision_for_user(request.user, pk)
    start = int_or_none(request.GET.get("start")) or 0
    count = int_or_none(request.GET.get("count"))
    figures = selectors.decision_certificates(decision=decision, start=start, count=count)
    if len(figures.proposals) > CERTIFICATES_AT_MOST:
        message = _(
            "%(count)s certificates are more than %(most)s in one PDF: "
            "print them in batches from the decision's certificates page."
        ) % {"count": len(figures.proposals), "most": CERTIFICATES_AT_MOST}
        return HttpResponse(message, status=413, content_type="text/plain; charset=utf-8")
    pages = certificates.lay_out(figures)
    if not pages:
        raise Http404("No certificates in this batch")
    title = f"Bằng khen theo Quyết định số {decision.number}"
    response = HttpResponse(certificates.to_pdf(pages, title=title), content_type=CONTENT_TYPES["pdf"])
    first, last = start + 1, start + len(pages)
    name = f"khen-thuong-{decision.number}-{first}-{last}"
    response["Content-Disposition"] = output.named_disposition(name, "pdf", fallback="khen-thuong")
    return response


@login_required
def certificate_calibration(request, province_pk, award_type_pk):
    """The calibration page of a province's certificates of one award type: its own layout, or
    the defaults."""
    province = get_province_for_user(request.user, province_pk)
    award_type = AwardType.objects.filter(pk=award_type_pk).first()
    if award_type is None:
        raise Http404("No such award type")
    layout = certificate_layouts(province=province, award_types=[award_type])[award_type.pk]
    title = f"Trang căn chỉnh: {award_type.name}"
    pdf = certificates.to_pdf(certificates.calibration(layout), title=title)
    response = HttpResponse(pdf, content_type=CONTENT_TYPES["pdf"])
    name = f"can-chinh-{award_type.name}"
    response["Content-Disposition"] = output.named_disposition(name, "pdf", fallback="can-chinh", inline=True)
    return response


# A bloc's award dossier: each part alone, and the whole as one ZIP. Whoever may read the
# conference may print its dossier (the bloc's secretaries, the province's admins and viewers).


@login_required
def dossier_submission(request, pk, fmt):
    conference = get_conference_for_user(request.user, pk)
    return _respond(request, "dossier-submission", fmt, conference=conference)


@login_required
def vote_minutes(request, pk, fmt):
    conference = get_conference_for_user(request.user, pk)
    return _respond(request, "vote-minutes", fmt, conference=conference)


@login_required
def nominee_list(request, pk, fmt):
    conference = get_conference_for_user(request.user, pk)
    return _respond(request, "nominee-list", fmt, conference=conference)


@login_required
def achievement_report(request, pk, proposal_pk, fmt):
    conference = get_conference_for_user(request.user, pk)
    proposal = Proposal.objects.filter(pk=proposal_pk, conference=conference, person_name="").first()
    if proposal is None:
        raise Http404("No such collective nominee at this conference")
    return _respond(request, "achievement-report", fmt, conference=conference, proposal=proposal)


@login_required
def dossier_zip(request, pk):
    conference = get_conference_for_user(request.user, pk)
    try:
        parts = output.build_dossier(conference=conference)
    except output.DocumentTooLarge as error:
        context = {"size": error.size, "limit": output.MAX_CHARACTERS}
        return render(request, "reports/too_large.html", context, status=413)
    response = HttpResponse(output.to_zip(parts), content_type=CONTENT_TYPES["zip"])
    response["Content-Disposition"] = output.dossier_disposition(conference)
    return response
