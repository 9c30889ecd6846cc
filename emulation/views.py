"""The scoring table, and finalizing or reopening a conference. The conference pages that show
its proposals too (results, record, history) are the awards app's (awards.views)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from blocs.access import get_bloc_for_user
from core.requests import int_or_none
from core.versioning import EditConflict
from emulation import services
from emulation.access import can_reopen, get_conference_for_user, reviewed_year_or_404
from emulation.forms import CriterionFormSet
from emulation.models import Conference, Criterion
from emulation.rules import LOCKED, is_locked


@require_http_methods(["GET", "POST"])
@login_required
def conference_finalize(request, pk):
    """GET asks for confirmation, saying what finalizing locks and who can reopen; POST finalizes."""
    if request.method == "GET":
        conference = get_conference_for_user(request.user, pk)
        if conference.is_finalized:
            return redirect("awards:conference_detail", pk=conference.pk)
        conference = get_conference_for_user(request.user, pk, write=True)
        return render(request, "emulation/conference_finalize.html", {"c": conference})
    conference = get_conference_for_user(request.user, pk, write=True)
    version = int_or_none(request.POST.get("version"))
    try:
        services.conference_finalize(actor=request.user, conference=conference, version=version)
    except EditConflict as conflict:
        # Asked again, with the conference as it is now: the confirmation carries its version.
        messages.error(request, " ".join(conflict.messages))
        return redirect("emulation:conference_finalize", pk=conference.pk)
    messages.success(request, _("The conference is finalized: its secretaries can no longer change it."))
    return redirect("awards:conference_detail", pk=conference.pk)


@require_POST
@login_required
def conference_reopen(request, pk):
    conference = get_conference_for_user(request.user, pk)
    if not can_reopen(request.user, conference):
        raise PermissionDenied(_("Only a province admin can reopen a finalized conference."))
    version = int_or_none(request.POST.get("version"))
    try:
        services.conference_reopen(actor=request.user, conference=conference, version=version)
    except EditConflict as conflict:
        messages.error(request, " ".join(conflict.messages))
    else:
        messages.success(request, _("The conference is open for changes again."))
    return redirect("awards:conference_detail", pk=conference.pk)


@login_required
def criteria_edit(request, bloc_pk, year):
    bloc = get_bloc_for_user(request.user, bloc_pk, write=True)
    year = reviewed_year_or_404(year)
    conference = Conference.objects.filter(bloc=bloc, year=year).first()
    if is_locked(conference):
        messages.info(request, LOCKED)
        return redirect("awards:conference_detail", pk=conference.pk)
    queryset = Criterion.objects.filter(bloc=bloc, year=year)
    formset = CriterionFormSet(request.POST or None, queryset=queryset, prefix="crit")
    errors = []
    if request.method == "POST" and formset.is_valid():
        rows = formset.save(commit=False)
        try:
            services.criteria_save(actor=request.user, bloc=bloc, year=year, rows=rows, deleted=formset.deleted_objects)
        except ValidationError as error:
            errors = error.messages
        else:
            messages.success(request, _("The scoring table is saved."))
            return redirect("awards:conference_edit", bloc_pk=bloc.pk, year=year)
    context = {"bloc": bloc, "year": year, "formset": formset, "errors": errors}
    return render(request, "emulation/criteria_edit.html", context)
