"""A member agency's own pages, phone first: the blocs its agency belongs to year by year, and
for each its self-assessment, evidence, pledge confirmation and achievement report. And the
secretary's adoption of what the members sent, from the results page.

Everything is fetched through blocs.access.get_membership_for_member: another agency's
membership is a 404. What a member sends is its own record (emulation.models.SelfAssessment)
until the secretary adopts it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe

from awards import selectors, services
from awards.access import can_send_own_part
from awards.forms import AttachmentForm
from blocs.access import get_bloc_for_user, get_membership_for_member, member_memberships
from blocs.selectors import members_of
from core.attachments import LimitedUploadHandler
from core.requests import int_or_none
from core.selectors import attachments_of
from core.services import attachment_add, too_large
from core.versioning import EditConflict
from emulation import selectors as emulation_selectors
from emulation import services as emulation_services
from emulation.access import reviewed_year_or_404
from emulation.forms import AchievementReportForm, SelfAssessmentForm
from emulation.models import Conference, SelfAssessment
from emulation.rules import LOCKED, is_locked


def _member(request):
    if not request.user.is_member_agency:
        raise Http404("Only a member agency's staff have these pages")
    return request.user


@require_safe
@login_required
def member_home(request):
    """The blocs the user's agency belongs to, newest year first, with what it has sent."""
    user = _member(request)
    years = emulation_selectors.member_years(memberships=member_memberships(user))
    return render(request, "awards/member_home.html", {"years": years, "agency": user.agency})


def _page(request, membership, *, form=None, report_form=None, upload_form=None, refusals=(), status=200):
    part = emulation_selectors.own_part(membership=membership)
    may_change = can_send_own_part(request.user, membership)
    nominations = selectors.nominations_of(membership=membership)
    assessment = part.assessment
    context = {
        "membership": membership,
        "part": part,
        "may_change": may_change,
        "form": form or SelfAssessmentForm(lines=part.lines, assessment=assessment),
        "nominations": nominations,
        "report_form": report_form
        or AchievementReportForm(
            initial={"text": assessment.achievement_report if assessment else "", "version": _version(assessment)}
        ),
        "upload_form": upload_form or AttachmentForm(),
        "refusals": refusals,
        "evidence": attachments_of(assessment) if assessment else [],
        "max_file_mb": round(settings.ATTACHMENTS["MAX_FILE_SIZE"] / 1024 / 1024, 1),
        "version": _version(assessment),
    }
    if part.locked:
        # Once the conference is finalized, the bloc's public results: its members and their ranking.
        members = members_of(bloc=membership.bloc, year=membership.year)
        context["results"] = emulation_selectors.scoring_table(
            bloc=membership.bloc, year=membership.year, members=members
        )
    return render(request, "awards/member_year.html", context, status=status)


def _version(assessment):
    return assessment.version if assessment else 0


def _refuse_unless_may_change(request, membership):
    if not can_send_own_part(request.user, membership):
        raise PermissionDenied(LOCKED)


@login_required
def member_year(request, pk):
    """The member's part of one year: its points and comments, saved as a draft or sent."""
    _member(request)
    membership = get_membership_for_member(request.user, pk)
    if request.method != "POST":
        return _page(request, membership)
    _refuse_unless_may_change(request, membership)
    part = emulation_selectors.own_part(membership=membership)
    form = SelfAssessmentForm(request.POST, lines=part.lines, assessment=part.assessment)
    if form.is_valid():
        send = "send" in request.POST
        try:
            emulation_services.self_assessment_save(
                actor=request.user,
                membership=membership,
                scores=form.scores(),
                send=send,
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as refusal:  # EditConflict too: someone of the agency saved meanwhile
            return _page(request, membership, form=form, refusals=refusal.messages, status=400)
        if send:
            messages.success(request, _("Your self-assessment is sent to the bloc."))
        else:
            messages.success(request, _("Your self-assessment is saved as a draft: send it when it is ready."))
        return redirect("awards:member_year", membership.pk)
    return _page(request, membership, form=form, status=400)


@require_POST
@login_required
def member_pledge(request, pk):
    _member(request)
    membership = get_membership_for_member(request.user, pk)
    _refuse_unless_may_change(request, membership)
    try:
        emulation_services.pledge_acknowledge(
            actor=request.user, membership=membership, version=int_or_none(request.POST.get("version")) or None
        )
    except ValidationError as refusal:
        return _page(request, membership, refusals=refusal.messages, status=400)
    messages.success(request, _("Your agency's confirmation of the pledge is recorded."))
    return redirect("awards:member_year", membership.pk)


@require_POST
@login_required
def member_report(request, pk):
    _member(request)
    membership = get_membership_for_member(request.user, pk)
    _refuse_unless_may_change(request, membership)
    form = AchievementReportForm(request.POST)
    if form.is_valid():
        try:
            services.member_report_save(
                actor=request.user,
                membership=membership,
                text=form.cleaned_data["text"],
                version=form.cleaned_data["version"] or None,
            )
        except ValidationError as refusal:
            return _page(request, membership, report_form=form, refusals=refusal.messages, status=400)
        messages.success(request, _("Your achievement report is saved."))
        return redirect("awards:member_year", membership.pk)
    return _page(request, membership, report_form=form, status=400)


@csrf_exempt  # the upload handler is put first before anything reads the body; csrf_protect below checks
@require_POST
@login_required
def member_evidence(request, pk):
    """A file of evidence (a photo from the phone's camera, a PDF) kept with the member's
    self-assessment. A file over the limit is dropped while it streams in."""
    request.upload_handlers.insert(0, LimitedUploadHandler(request))
    return _evidence_add(request, pk)


@csrf_protect
def _evidence_add(request, pk):
    _member(request)
    membership = get_membership_for_member(request.user, pk)
    _refuse_unless_may_change(request, membership)
    limit = settings.ATTACHMENTS["MAX_FILE_SIZE"]
    if (int_or_none(request.META.get("CONTENT_LENGTH")) or 0) > limit + 64 * 1024:
        return _page(request, membership, refusals=[too_large(limit)], status=413)
    form = AttachmentForm(request.POST, request.FILES)
    if getattr(request, "refused_uploads", None):
        return _page(request, membership, refusals=[too_large(limit)], status=400)
    if not form.is_valid():
        return _page(request, membership, upload_form=form, status=400)
    assessment = SelfAssessment.objects.filter(membership=membership).first()
    try:
        if assessment is None:  # evidence first, points later: the record the files are kept with
            assessment = emulation_services.self_assessment_save(actor=request.user, membership=membership, scores={})
        attachment = attachment_add(
            actor=request.user, record=assessment, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
        )
    except ValidationError as refusal:
        return _page(request, membership, upload_form=form, refusals=refusal.messages, status=400)
    messages.success(request, _("Attached “%(title)s”.") % {"title": attachment.title})
    return redirect("awards:member_year", membership.pk)


@require_POST
@login_required
def self_assessments_adopt(request, bloc_pk, year):
    """The secretary takes what one member (`membership`) or every member sent as the bloc's points."""
    bloc = get_bloc_for_user(request.user, bloc_pk, write=True)
    year = reviewed_year_or_404(year)
    if is_locked(Conference.objects.filter(bloc=bloc, year=year).first()):
        raise PermissionDenied(LOCKED)
    chosen = None
    if "all" not in request.POST:
        pk = int_or_none(request.POST.get("membership"))
        if pk is None:
            return HttpResponseBadRequest(_("Choose the member whose self-assessment to adopt, or all."))
        chosen = [m for m in members_of(bloc=bloc, year=year) if m.pk == pk]
        if not chosen:
            raise Http404("No such member")
    try:
        adopted = emulation_services.self_assessments_adopt(
            actor=request.user, bloc=bloc, year=year, memberships=chosen
        )
    except EditConflict as conflict:
        messages.error(request, conflict.messages[0])
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
    else:
        if adopted:
            messages.success(
                request,
                _("Adopted the self-assessment of: %(names)s.")
                % {"names": ", ".join(a.membership.printed_name for a in adopted)},
            )
        else:
            messages.info(request, _("There was no sent self-assessment to adopt."))
    return redirect("awards:conference_edit", bloc.pk, year)
