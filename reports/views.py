"""Downloads of the printed documents: PDF, DOCX, an HTML print view, and XLSX of the same
tables. Each object is fetched through the access helpers of its app first."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from awards.models import Decision, Submission
from blocs.access import get_agency_for_user, get_bloc_for_user, get_province_for_user
from emulation.access import get_conference_for_user, reviewed_year_or_404
from reports import output

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
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
def submission_list(request, pk, fmt):
    submission = Submission.objects.filter(pk=pk).select_related("province").first()
    if submission is None:
        raise Http404("No such submission")
    get_province_for_user(request.user, submission.province_id)
    return _respond(request, "submission-list", fmt, submission=submission)


@login_required
def decision_list(request, pk, fmt):
    decision = Decision.objects.filter(pk=pk).select_related("province").first()
    if decision is None:
        raise Http404("No such decision")
    get_province_for_user(request.user, decision.province_id)
    return _respond(request, "decision-list", fmt, decision=decision)
