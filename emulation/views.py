from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from awards import selectors as award_selectors
from awards.forms import ProposalSection
from blocs.access import can_write_bloc, get_bloc_for_user
from blocs.history import timeline
from blocs.models import FIRST_YEAR, LAST_YEAR, EditConflict
from blocs.selectors import rotation_hint
from emulation import selectors, services
from emulation.access import get_conference_for_user
from emulation.forms import CriterionFormSet, ResultsForms
from emulation.models import Conference, Criterion


def _reviewed_year(year):
    if not FIRST_YEAR <= year < LAST_YEAR:
        raise Http404("No such year")
    return year


@login_required
def conference_edit(request, bloc_pk, year):
    bloc = get_bloc_for_user(request.user, bloc_pk, write=True)
    year = _reviewed_year(year)
    conference = Conference.objects.filter(bloc=bloc, year=year).first()
    if conference and conference.is_finalized:
        messages.info(request, _("This conference is finalized. A province admin can reopen it."))
        return redirect("emulation:conference_detail", pk=conference.pk)

    members = selectors.members_of(bloc=bloc, year=year)
    forms = ResultsForms(
        request.POST or None,
        members=members,
        next_members=selectors.members_of(bloc=bloc, year=year + 1),
        criteria=list(Criterion.objects.filter(bloc=bloc, year=year)),
        saved=selectors.saved_results(bloc=bloc, year=year, conference=conference),
    )
    proposals = ProposalSection(request.POST or None, conference=conference, bloc=bloc, year=year, members=members)
    conflict = None
    if request.method == "POST":
        if all([forms.is_valid(), proposals.is_valid()]):  # both, so that every error shows
            try:
                with transaction.atomic():  # the results, the proposals and the finalizing, or nothing
                    saved = services.conference_save_results(
                        bloc=bloc,
                        year=year,
                        results=forms.results(),
                        conference=conference,
                        version=forms.opened_version,
                    )
                    warnings = proposals.save(saved)
                    if "finalize" in request.POST:
                        services.conference_finalize(conference=saved, user=request.user)
            except EditConflict as error:
                # Someone saved this conference after the page was opened: nothing of this save is
                # kept, but what the user typed is, now based on the version saved meanwhile.
                conflict = error
                conference = Conference.objects.filter(bloc=bloc, year=year).first()
                forms.rebase(conference.version if conference else 0)
            except ValidationError as error:
                if not proposals.errors:
                    forms.add_errors(error)
            else:
                for problem in warnings:
                    messages.warning(request, str(problem))
                if "finalize" in request.POST:
                    messages.success(request, _("The conference results are saved and finalized."))
                else:
                    messages.success(request, _("The conference results are saved as a draft."))
                return redirect("emulation:conference_detail", pk=saved.pk)
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
    }
    return render(request, "emulation/conference_edit.html", context)


@login_required
def conference_detail(request, pk):
    conference = get_conference_for_user(request.user, pk)
    record = selectors.conference_record(conference=conference)
    proposals, problems = award_selectors.conference_proposals(conference=conference, members=record.members)
    user = request.user
    can_write = can_write_bloc(user, conference.bloc)
    context = {
        "record": record,
        "proposals": proposals,
        "problems": problems,
        "conference": conference,
        "bloc": conference.bloc,
        "can_edit": can_write and not conference.is_finalized,
        "can_reopen": user.is_province_admin and conference.is_finalized,
    }
    return render(request, "emulation/conference_detail.html", context)


def _shown_version(request):
    """The version of the conference the page showed, if the form carried one. A number no
    version can be (a tampered form) counts as none, as text does, rather than failing the
    save's validation with a 500."""
    try:
        version = int(request.POST["version"])
    except (KeyError, ValueError):
        return None
    low, high = connection.ops.integer_field_range(Conference._meta.get_field("version").get_internal_type())
    return version if low <= version <= high else None


@require_POST
@login_required
def conference_finalize(request, pk):
    conference = get_conference_for_user(request.user, pk, write=True)
    try:
        services.conference_finalize(conference=conference, user=request.user, version=_shown_version(request))
    except EditConflict as conflict:
        messages.error(request, " ".join(conflict.messages))
    else:
        messages.success(request, _("The conference is finalized: its secretaries can no longer change it."))
    return redirect("emulation:conference_detail", pk=conference.pk)


@require_POST
@login_required
def conference_reopen(request, pk):
    conference = get_conference_for_user(request.user, pk)
    if not request.user.is_province_admin:
        raise PermissionDenied(_("Only a province admin can reopen a finalized conference."))
    try:
        services.conference_reopen(conference=conference, user=request.user, version=_shown_version(request))
    except EditConflict as conflict:
        messages.error(request, " ".join(conflict.messages))
    else:
        messages.success(request, _("The conference is open for changes again."))
    return redirect("emulation:conference_detail", pk=conference.pk)


@login_required
def conference_history(request, pk):
    """Every change to the conference and to what its results page enters, newest first."""
    conference = get_conference_for_user(request.user, pk)
    context = {
        "conference": conference,
        "bloc": conference.bloc,
        "entries": timeline(
            *selectors.conference_history_sources(conference=conference),
            award_selectors.proposal_history_source(conference=conference),
        ),
    }
    return render(request, "emulation/conference_history.html", context)


@login_required
def criteria_edit(request, bloc_pk, year):
    bloc = get_bloc_for_user(request.user, bloc_pk, write=True)
    year = _reviewed_year(year)
    conference = Conference.objects.filter(bloc=bloc, year=year).first()
    if conference and conference.is_finalized:
        messages.info(request, _("This conference is finalized. A province admin can reopen it."))
        return redirect("emulation:conference_detail", pk=conference.pk)
    queryset = Criterion.objects.filter(bloc=bloc, year=year)
    formset = CriterionFormSet(request.POST or None, queryset=queryset, prefix="crit")
    errors = []
    if request.method == "POST" and formset.is_valid():
        rows = formset.save(commit=False)
        try:
            services.criteria_save(bloc=bloc, year=year, rows=rows, deleted=formset.deleted_objects)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The scoring table is saved."))
            return redirect("emulation:conference_edit", bloc_pk=bloc.pk, year=year)
    context = {"bloc": bloc, "year": year, "formset": formset, "errors": errors}
    return render(request, "emulation/criteria_edit.html", context)
