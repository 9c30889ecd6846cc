from types import SimpleNamespace

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST, require_safe
from openpyxl import Workbook

from awards import rules, selectors, services
from awards.access import (
    ATTACHABLE,
    can_attach,
    can_remove_attachment,
    check_can_record,
    get_attachable_for_user,
    get_proposal_for_council,
    get_proposal_for_user,
    kind_of,
)
from awards.forms import AttachmentForm, CouncilVoteForm, DecisionForm, ProposalSection, SubmissionForm
from awards.models import AwardType, Proposal
from awards.templatetags.awards import status_badge
from blocs.access import (
    can_read_whole_province,
    can_write_bloc,
    get_agency_for_user,
    get_bloc_for_user,
    visible_blocs,
    writes_province,
)
from blocs.selectors import members_of, rotation_hint
from core.attachments import CONTENT_TYPES, LimitedUploadHandler
from core.history import timeline
from core.models import Attachment
from core.requests import int_or_none
from core.selectors import attachments_of
from core.services import attachment_add, attachment_delete, too_large
from core.sheets import append_row, workbook_bytes
from core.versioning import EditConflict
from emulation import selectors as conference_selectors
from emulation.access import can_reopen, get_conference_for_user, reviewed_year_or_404
from emulation.forms import ResultsForms
from emulation.models import Conference, Criterion
from emulation.rules import LOCKED, is_locked

PAGE_SIZE = 100  # proposals per page of the list


@login_required
def conference_edit(request, bloc_pk, year):
    """The results page: the conference, attendance, scoring, pledge, next year's leaders and
    the proposals voted, validated together and saved in one transaction."""
    bloc = get_bloc_for_user(request.user, bloc_pk, write=True)
    year = reviewed_year_or_404(year)
    conference = Conference.objects.filter(bloc=bloc, year=year).first()
    if is_locked(conference):
        messages.info(request, LOCKED)
        return redirect("awards:conference_detail", pk=conference.pk)

    members = members_of(bloc=bloc, year=year)
    criteria = list(Criterion.objects.filter(bloc=bloc, year=year))
    forms = ResultsForms(
        request.POST or None,
        members=members,
        next_members=members_of(bloc=bloc, year=year + 1),
        criteria=criteria,
        saved=conference_selectors.saved_results(bloc=bloc, year=year, conference=conference),
    )
    proposals = ProposalSection(request.POST or None, conference=conference, bloc=bloc, year=year, members=members)
    conflict = None
    if request.method == "POST":
        if all([forms.is_valid(), proposals.is_valid()]):  # both, so that every error shows
            finalize = "finalize" in request.POST
            try:
                saved, warnings = services.conference_results_save(
                    actor=request.user,
                    bloc=bloc,
                    year=year,
                    results=forms.results(),
                    proposal_rows=proposals.rows(),
                    conference=conference,
                    version=forms.opened_version,
                    finalize=finalize,
                )
            except EditConflict as error:
                # Someone saved this conference after the page was opened: nothing of this save is
                # kept, but what the user typed is, now based on the version saved meanwhile.
                conflict = error
                conference = Conference.objects.filter(bloc=bloc, year=year).first()
                forms.rebase(conference.version if conference else 0)
            except services.ProposalsRefused as error:
                proposals.errors = error.messages
            except ValidationError as error:
                forms.add_errors(error)
            else:
                for problem in warnings:
                    messages.warning(request, str(problem))
                if finalize:
                    messages.success(request, _("The conference results are saved and finalized."))
                else:
                    messages.success(request, _("The conference results are saved as a draft."))
                return redirect("awards:conference_detail", pk=saved.pk)
        if not conflict:
            messages.error(request, _("Nothing was saved: please correct the errors shown below."))

    context = {
        "bloc": bloc,
        "year": year,
        "conference": conference,
        "forms": forms,
        "section": proposals,
        "hint": rotation_hint(bloc=bloc, year=year + 1),
        "conflict": conflict,
        # What the members sent themselves, beside the bloc's saved points (never a draft).
        "sent": conference_selectors.sent_assessments(bloc=bloc, year=year, members=members, criteria=criteria),
    }
    return render(request, "awards/conference_edit.html", context)


@login_required
def conference_detail(request, pk):
    conference = get_conference_for_user(request.user, pk)
    record = conference_selectors.conference_record(conference=conference)
    proposals, problems = selectors.conference_proposals(conference=conference, members=record.members)
    context = {
        "record": record,
        "proposals": proposals,
        "problems": problems,
        "rules_cited": selectors.rules_cited(proposals),
        "prize_total": sum(p.prize_amount or 0 for p in proposals),
        "rule_date": rules.rule_date(conference),
        "conference": conference,
        "bloc": conference.bloc,
        "can_edit": can_write_bloc(request.user, conference.bloc) and not conference.is_finalized,
        "can_reopen": conference.is_finalized and can_reopen(request.user, conference),
        "can_record_council": request.user.is_province_admin
        and writes_province(request.user, conference.bloc.province_id),
        "attachments": attachments_of(conference),
        "may_attach": can_attach(request.user, "conference", conference),
    }
    return render(request, "awards/conference_detail.html", context)


@login_required
def conference_history(request, pk):
    """Every change to the conference and to what its results page enters, newest first."""
    conference = get_conference_for_user(request.user, pk)
    context = {
        "conference": conference,
        "bloc": conference.bloc,
        "entries": timeline(
            *conference_selectors.conference_history_sources(conference=conference),
            selectors.proposal_history_source(conference=conference),
        ),
    }
    return render(request, "awards/conference_history.html", context)


class RowUrl:
    """One view's URL for each row of a list: reversed once with a placeholder id, which
    each row's id then replaces: a page has hundreds of links, and reverse() is not free."""

    PLACEHOLDER = "2147483647"

    def __init__(self, viewname, *more_args):
        self.pattern = reverse(viewname, args=[self.PLACEHOLDER, *more_args])

    def __call__(self, pk):
        return self.pattern.replace(self.PLACEHOLDER, str(pk))


def _list_rows(proposals, *, chosen, can_print_lists):
    """What each row of the list prints, worked out here rather than in the template: 100
    rows of nested lookups cost the template language several times what these values do
    (docs/benchmarks.md)."""
    conference_url = RowUrl("awards:conference_detail")
    history_url = RowUrl("awards:proposal_history")
    list_url = RowUrl("reports:submission_list", "pdf")
    decision_list_url = RowUrl("reports:decision_list", "pdf")
    list_docx_url = RowUrl("reports:submission_list_docx")
    decision_list_docx_url = RowUrl("reports:decision_list_docx")
    certificates_url = RowUrl("reports:certificates")
    rows = []
    for p in proposals:
        submission, decision = p.submission, p.decision
        rows.append(
            SimpleNamespace(
                pk=p.pk,
                version=p.version,
                year=p.conference.year,
                conference_url=conference_url(p.conference_id),
                bloc=p.conference.bloc.name,
                award=p.award_type.name,
                nominee=p.nominee_name,
                votes=f"{p.votes_for}/{p.ballots}",
                status=status_badge(p),
                history_url=history_url(p.pk),
                checked=str(p.pk) in chosen,
                closed=p.status in (Proposal.Status.APPROVED, Proposal.Status.NOT_APPROVED),
                submission=submission and f"{submission.number}, {submission.date:%d/%m/%Y}",
                list_url=list_url(submission.pk) if submission and can_print_lists else "",
                list_docx_url=list_docx_url(submission.pk) if submission and can_print_lists else "",
                decision=decision and f"{decision.number}, {decision.date:%d/%m/%Y}",
                decision_list_url=decision_list_url(decision.pk) if decision and can_print_lists else "",
                decision_list_docx_url=decision_list_docx_url(decision.pk) if decision and can_print_lists else "",
                certificates_url=certificates_url(decision.pk)
                if can_print_lists and p.status == Proposal.Status.APPROVED
                else "",
                prize=rules.money(p.prize_amount) if p.prize_amount else "",
                prize_basis=p.prize_basis,
                illustrative=bool(decision and decision.is_illustrative),
            )
        )
    return rows


def _list_filters(request):
    """The blocs the user may filter by, and the list's filters as the query string asks."""
    params = request.GET
    blocs = visible_blocs(request.user).order_by("name")
    filters = {
        "year": int_or_none(params.get("year")),
        "bloc": blocs.filter(pk=int_or_none(params.get("bloc"))).first(),
        "status": params.get("status") if params.get("status") in Proposal.Status.values else None,
        "award_type": AwardType.objects.filter(pk=int_or_none(params.get("award_type"))).first(),
    }
    return blocs, filters


@login_required
def proposal_list(request):
    """The province's proposals, filtered; a province admin chooses some and records the
    submission that sends them, or the decision on them, for all of them at once."""
    user = request.user
    params = request.GET
    blocs, filters = _list_filters(request)
    proposals = selectors.filter_proposals(selectors.visible_proposals(user), **filters)
    can_record = user.is_province_admin
    action = request.POST.get("action")
    submission_form = SubmissionForm(request.POST if action == "submit" else None, prefix="sub")
    decision_form = DecisionForm(request.POST if action == "decide" else None, prefix="dec")
    if request.method == "POST":
        if not can_record:
            raise PermissionDenied(_("Only a province admin records submissions and decisions."))
        chosen = [pk for pk in map(int_or_none, request.POST.getlist("proposal")) if pk]
        check_can_record(user, chosen)
        # The version of each chosen proposal as the page showed it: if any changed since, all are refused.
        versions = {pk: int_or_none(request.POST.get(f"version-{pk}")) for pk in chosen}
        form = submission_form if action == "submit" else decision_form
        if action in ("submit", "decide") and form.is_valid():
            try:
                if action == "submit":
                    document = services.proposals_submit(
                        actor=user, proposal_ids=chosen, versions=versions, **form.cleaned_data
                    )
                else:
                    data = dict(form.cleaned_data)
                    document = services.proposals_decide(
                        actor=user, proposal_ids=chosen, approved=data.pop("outcome"), versions=versions, **data
                    )
            except EditConflict as conflict:
                messages.error(
                    request,
                    " ".join(
                        [*conflict.messages, _("The list shows them as they are now: check them, then record again.")]
                    ),
                )
            except ValidationError as error:
                for message in error.messages:
                    messages.error(request, message)
            else:
                messages.success(
                    request,
                    _("%(document)s recorded for %(count)s proposals.") % {"document": document, "count": len(chosen)},
                )
                return redirect(request.get_full_path())
        else:
            messages.error(request, _("Nothing was recorded: please correct the errors shown below."))
    page = Paginator(proposals, PAGE_SIZE).get_page(params.get("page"))
    other_params = params.copy()
    other_params.pop("page", None)
    chosen = set(request.POST.getlist("proposal"))
    context = {
        "proposals": page,
        "rows": _list_rows(page, chosen=chosen, can_print_lists=can_read_whole_province(user)),
        "page": page,
        "page_query": other_params.urlencode(),
        "filters": filters,
        "blocs": blocs,
        "statuses": Proposal.Status.choices,
        "award_types": AwardType.objects.all(),
        "years": selectors.visible_proposals(user)
        .order_by("-conference__year")
        .values_list("conference__year", flat=True)
        .distinct(),
        "can_record": can_record,
        "submission_form": submission_form,
        "decision_form": decision_form,
    }
    return render(request, "awards/proposal_list.html", context)


@login_required
def agency_record(request, pk):
    agency = get_agency_for_user(request.user, pk)
    lines = selectors.agency_record(agency=agency, user=request.user)
    prize_total = sum(line.proposal.prize_amount or 0 for line in lines)
    return render(request, "awards/agency_record.html", {"agency": agency, "lines": lines, "prize_total": prize_total})


@login_required
def proposal_history(request, pk):
    proposal = get_proposal_for_user(request.user, pk)
    entries = timeline(selectors.proposal_history_source(proposal=proposal))
    # The proposal's signed originals: its achievement report, the tờ trình and the decision.
    originals = [
        (kind, record, attachments_of(record))
        for kind, record in (
            ("proposal", proposal),
            ("submission", proposal.submission),
            ("decision", proposal.decision),
        )
        if record is not None
    ]
    context = {"proposal": proposal, "entries": entries, "originals": originals}
    return render(request, "awards/proposal_history.html", context)


@login_required
def proposal_council(request, pk):
    """The province admin records the awards council's vote on a proposal: its members, the votes
    in favour with absent members' written opinions among them. The page shows how the proposal
    fares on the council basis of the rule that judges it."""
    proposal = get_proposal_for_council(request.user, pk)
    initial = {
        "council_members": proposal.council_members,
        "council_votes_for": proposal.council_votes_for,
        "council_written_opinions": proposal.council_written_opinions or 0,
        "version": proposal.version,
    }
    form = CouncilVoteForm(request.POST or None, initial=initial)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.proposal_council_vote(
                actor=request.user,
                proposal=proposal,
                members=data["council_members"],
                votes_for=data["council_votes_for"],
                written_opinions=data["council_written_opinions"],
                version=data["version"],
            )
        except EditConflict as error:
            # What was typed stays, now based on the version saved meanwhile.
            conflict = error
            proposal = get_proposal_for_council(request.user, pk)
            form = CouncilVoteForm({**request.POST.dict(), "version": proposal.version}, initial=initial)
            form.is_valid()
        except ValidationError as error:
            by_field = error.error_dict if hasattr(error, "error_dict") else {None: error.error_list}
            for field, errors in by_field.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The council's vote on %(proposal)s is recorded.") % {"proposal": proposal})
            return redirect("awards:conference_detail", pk=proposal.conference_id)
        proposal = get_proposal_for_council(request.user, pk)  # as saved: the form keeps what was typed
    context = {
        "proposal": proposal,
        "form": form,
        "conflict": conflict,
        "verdict": selectors.proposal_verdict(proposal=proposal),
        "decided": proposal.status in (Proposal.Status.APPROVED, Proposal.Status.NOT_APPROVED),
    }
    return render(request, "awards/proposal_council.html", context)


def _attachments_context(request, kind, record):
    may_attach = can_attach(request.user, kind, record)
    return {
        "kind": kind,
        "record": record,
        "attachments": attachments_of(record),
        "may_attach": may_attach,
        "may_remove": can_remove_attachment(request.user, kind, record),
        "form": AttachmentForm() if may_attach else None,
        "max_file_mb": round(settings.ATTACHMENTS["MAX_FILE_SIZE"] / 1024 / 1024, 1),
    }


@csrf_exempt  # the upload handler is put first before anything reads the body; csrf_protect below checks
@login_required
def record_attachments(request, kind, pk):
    """The files kept with a record: listed for whoever reads the record; added by who may change it.
    A file over the limit is dropped while it streams in (LimitedUploadHandler), never stored."""
    if request.method == "POST":
        request.upload_handlers.insert(0, LimitedUploadHandler(request))
        return _attachment_add(request, kind, pk)
    record = get_attachable_for_user(request.user, kind, pk)
    return render(request, "awards/attachments.html", _attachments_context(request, kind, record))


@csrf_protect
def _attachment_add(request, kind, pk):
    record = get_attachable_for_user(request.user, kind, pk)
    if not can_attach(request.user, kind, record):
        raise PermissionDenied(_("You may not add files to this record."))
    context = _attachments_context(request, kind, record)
    limit = settings.ATTACHMENTS["MAX_FILE_SIZE"]
    if (int_or_none(request.META.get("CONTENT_LENGTH")) or 0) > limit + 64 * 1024:
        # Refused by its declared size: the body is never read.
        return render(request, "awards/attachments.html", {**context, "refusals": [too_large(limit)]}, status=413)
    form = AttachmentForm(request.POST, request.FILES)
    if getattr(request, "refused_uploads", None):
        return render(request, "awards/attachments.html", {**context, "refusals": [too_large(limit)]}, status=400)
    refusals = []
    if form.is_valid():
        try:
            attachment = attachment_add(
                actor=request.user, record=record, title=form.cleaned_data["title"], upload=form.cleaned_data["file"]
            )
        except ValidationError as refusal:
            refusals = refusal.messages
        else:
            messages.success(request, _("Attached “%(title)s”.") % {"title": attachment.title})
            return redirect("awards:record_attachments", kind, record.pk)
    return render(request, "awards/attachments.html", {**context, "form": form, "refusals": refusals}, status=400)


def _attachment_for_user(user, pk, write=False):
    attachment = Attachment.objects.select_related("content_type").filter(pk=pk).first()
    model = attachment and attachment.content_type.model_class()
    if model not in ATTACHABLE.values():
        raise Http404("No such attachment")
    kind = kind_of(model)
    record = get_attachable_for_user(user, kind, attachment.object_id)
    if write and not can_remove_attachment(user, kind, record):
        raise PermissionDenied(_("You may not remove files from this record."))
    return attachment, kind, record


@login_required
def attachment_download(request, pk):
    """The file, to save and never to open in the browser: attachment, nosniff, and a sandbox
    in case a browser renders it anyway (a PDF may carry JavaScript)."""
    attachment, _kind, _record = _attachment_for_user(request.user, pk)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.name,
        content_type=CONTENT_TYPES[attachment.kind],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@login_required
def attachment_remove(request, pk):
    attachment, kind, record = _attachment_for_user(request.user, pk, write=True)
    attachment_delete(actor=request.user, attachment=attachment)
    messages.success(request, _("Removed “%(title)s”.") % {"title": attachment.title})
    if kind == "selfassessment":  # a member's evidence: back to its own page
        return redirect("awards:member_year", record.membership_id)
    return redirect("awards:record_attachments", kind, record.pk)


@require_safe
@login_required
def proposal_list_xlsx(request):
    """The proposals the list's filter shows, every page of them, as a spreadsheet."""
    _blocs, filters = _list_filters(request)
    proposals = selectors.filter_proposals(selectors.visible_proposals(request.user), **filters)
    book = Workbook()
    sheet = book.active
    sheet.title = _("Award proposals")[:31]
    append_row(sheet, [_("Award proposals")], bold=True)
    append_row(
        sheet,
        [
            _("Year"), _("Bloc"), _("Award"), _("Nominee"), _("Votes in favour"), _("Ballots cast"),
            _("Status"), _("Submission"), _("Decision"), _("Prize money"),
        ],
        bold=True,
    )  # fmt: skip
    for p in proposals:
        submission, decision = p.submission, p.decision
        append_row(
            sheet,
            [
                p.conference.year,
                p.conference.bloc.name,
                p.award_type.name,
                p.nominee_name,
                p.votes_for,
                p.ballots,
                p.get_status_display(),
                f"{submission.number}, {submission.date:%d/%m/%Y}" if submission else "",
                f"{decision.number}, {decision.date:%d/%m/%Y}" if decision else "",
                int(p.prize_amount) if p.prize_amount else "",
            ],
        )
    year = f"-{filters['year']}" if filters["year"] else ""
    response = HttpResponse(
        workbook_bytes(book), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="de-nghi-khen-thuong{year}.xlsx"'
    return response
