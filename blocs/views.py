import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from blocs import selectors, services
from blocs.access import (
    can_read_whole_province,
    can_reorganise,
    can_write_bloc,
    get_agency_for_user,
    get_bloc_for_user,
    get_province_for_import,
    get_province_for_reorganisation,
    visible_blocs,
)
from blocs.forms import AgencyMergeForm, AgencySearchForm, BlocRedrawForm, CopyMembersForm, SheetImportForm
from blocs.models import FIRST_YEAR, LAST_YEAR
from core import sheets
from core.history import timeline
from core.requests import int_or_none
from core.sheets import Sheet


@login_required
def agency_list(request):
    form = AgencySearchForm(request.GET)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    page = Paginator(selectors.agency_list(user=request.user, query=query), 50).get_page(request.GET.get("page"))
    return render(request, "blocs/agency_list.html", {"form": form, "query": query, "page": page})


@login_required
def agency_detail(request, pk):
    agency = get_agency_for_user(request.user, pk)
    context = {
        "agency": agency,
        "memberships": selectors.agency_memberships(agency=agency),
        "predecessors": selectors.agency_predecessors(agency=agency),
        "visible_bloc_ids": set(visible_blocs(request.user).values_list("pk", flat=True)),
    }
    return render(request, "blocs/agency_detail.html", context)


@login_required
def agency_history(request, pk):
    agency = get_agency_for_user(request.user, pk)
    entries = timeline(*selectors.agency_history_sources(agency=agency))
    return render(request, "blocs/agency_history.html", {"agency": agency, "entries": entries})


@login_required
def bloc_list(request):
    user = request.user
    # Province-wide reports, for the province's admins and viewers: the years reviewed so far.
    summary_years = []
    if user.province_id and can_read_whole_province(user):
        summary_years = selectors.reviewed_years(province_id=user.province_id)
    context = {
        "blocs": selectors.bloc_list(user=user),
        "summary_years": summary_years,
        "can_reorganise": bool(user.province_id) and can_reorganise(user),
    }
    return render(request, "blocs/bloc_list.html", context)


@login_required
def bloc_detail(request, pk):
    bloc = get_bloc_for_user(request.user, pk)
    shown_year = int_or_none(request.GET.get("members"))
    years = selectors.bloc_years(bloc=bloc, also=shown_year)
    latest_year = years[0].year if years else None
    hint = selectors.rotation_hint(bloc=bloc, year=latest_year + 1) if latest_year else []
    copy_form = None
    if can_write_bloc(request.user, bloc):  # the province admin, and the bloc's own secretary
        copy_form = CopyMembersForm(initial={"year": latest_year + 1 if latest_year else None})
        copy_form.helper.form_action = reverse("blocs:bloc_copy_members", args=[bloc.pk])
    statuses = selectors.conference_statuses(bloc=bloc)
    conferences = [(row.year, statuses.get(row.year)) for row in years]
    context = {
        "bloc": bloc,
        "years": years,
        "shown_year": shown_year,
        "latest_year": latest_year,
        "hint": hint,
        "copy_form": copy_form,
        "conferences": conferences,
        "can_write": can_write_bloc(request.user, bloc),
    }
    return render(request, "blocs/bloc_detail.html", context)


@require_POST
@login_required
def bloc_copy_members(request, pk):
    """Last year's members into a new year, by the province admin or the bloc's own secretary
    (only this bloc's members change): "preview" shows what the copy would do, the copy
    itself is the confirmation."""
    bloc = get_bloc_for_user(request.user, pk, write=True)
    form = CopyMembersForm(request.POST)
    if not form.is_valid():
        for error in form.errors.get("year", []):
            messages.error(request, error)
        return redirect("blocs:bloc_detail", pk=bloc.pk)
    year = form.cleaned_data["year"]
    preview = "preview" in request.POST
    try:
        result = services.memberships_copy_from_previous_year(actor=request.user, bloc=bloc, year=year, dry_run=preview)
    except ValidationError as refusal:
        for message in refusal.messages:
            messages.error(request, message)
        return redirect("blocs:bloc_detail", pk=bloc.pk)
    if preview:
        return render(request, "blocs/bloc_copy_members.html", {"bloc": bloc, "year": year, "result": result})
    if not result.copied and not result.skipped:
        messages.warning(request, _("%(year)s has no members to copy.") % {"year": year - 1})
    if result.copied:
        messages.success(
            request,
            _("%(count)s members of %(previous)s are now members in %(year)s.")
            % {"count": len(result.copied), "previous": year - 1, "year": year},
        )
    for closed, successor in result.replaced:
        messages.info(
            request,
            _("%(closed)s has closed: %(successor)s takes its place in %(year)s.")
            % {"closed": closed, "successor": successor, "year": year},
        )
    for name, reason in result.skipped:
        messages.warning(request, _("Not copied: %(name)s, %(reason)s.") % {"name": name, "reason": reason})
    return redirect("blocs:bloc_detail", pk=bloc.pk)


@login_required
def agency_merge(request, province_pk):
    """Merge agencies of the province into one successor: a preview first (a dry run that
    says what changes in each bloc and year), then the merger itself."""
    province = get_province_for_reorganisation(request.user, province_pk)
    agencies = selectors.open_agencies(province=province)
    form = AgencyMergeForm(request.POST or None, agencies=agencies)
    outcome = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirmed = "merge" in request.POST
        try:
            outcome = services.agencies_merge(
                actor=request.user,
                predecessors=data["predecessors"],
                successor=data["successor"],
                new_successor_name=data["new_successor_name"],
                effective_on=data["effective_on"],
                basis_number=data["basis_number"],
                basis_date=data["basis_date"],
                note=data["note"],
                dry_run=not confirmed,
            )
        except ValidationError as refusal:
            for message in refusal.messages:
                form.add_error(None, message)
        else:
            if confirmed:
                messages.success(
                    request,
                    _("Merged into %(successor)s from %(date)s: %(count)s changes.")
                    % {
                        "successor": outcome.merger.successor.name,
                        "date": outcome.merger.effective_on.strftime("%d/%m/%Y"),
                        "count": len(outcome.changes),
                    },
                )
                return redirect("blocs:agency_detail", pk=outcome.merger.successor.pk)
    context = {"province": province, "form": form, "outcome": outcome}
    return render(request, "blocs/agency_merge.html", context)


@login_required
def bloc_redraw(request, province_pk):
    """Re-draw the province's blocs of a year by a decision of the UBND tỉnh, in one save."""
    province = get_province_for_reorganisation(request.user, province_pk)
    latest = selectors.latest_member_year(province=province)
    year = int_or_none(request.POST.get("year") or request.GET.get("year")) or ((latest or 2024) + 1)
    if not FIRST_YEAR < year <= LAST_YEAR:
        year = (latest or 2024) + 1
    blocs = province.blocs.order_by("name")
    agencies = selectors.redraw_agencies(province=province, year=year)
    chosen = selectors.redraw_initial(province=province, year=year)
    initial = {f"bloc_{pk}": pks for pk, pks in chosen.items()}
    form = BlocRedrawForm(request.POST or None, blocs=blocs, agencies=agencies, initial=initial)
    outcome, errors = None, []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirmed = "save" in request.POST
        try:
            outcome = services.blocs_redraw(
                actor=request.user,
                province=province,
                number=data["number"],
                date=data["date"],
                signer=data["signer"],
                year=year,
                table=form.table(),
                dry_run=not confirmed,
            )
        except ValidationError as refusal:
            errors = refusal.messages
        else:
            if confirmed:
                messages.success(
                    request,
                    _("The blocs of %(year)s are set by decision %(number)s.")
                    % {"year": year, "number": outcome.decision.number},
                )
                return redirect("blocs:bloc_list")
    context = {"province": province, "form": form, "year": year, "outcome": outcome, "errors": errors}
    return render(request, "blocs/bloc_redraw.html", context)


def _import_kind(kind):
    found = sheets.KINDS.get(kind)
    if found is None:
        raise Http404("No such import")
    return found


@login_required
def sheet_import(request, province_pk, kind):
    """A spreadsheet import (agencies, a year's members, scoring tables, proposals; each app registers
    its own in core.sheets): upload, preview (what changes, every bad row), then import. The preview
    carries the rows it read, signed, so the import saves exactly what was previewed; the preview's
    judgement is kept (core.sheets.keep) and written as it is when nothing recorded changed since,
    else the signed rows are judged again through the same checks. The `import_sheet` command runs
    the same import."""
    province = get_province_for_import(request.user, province_pk)
    kind = _import_kind(kind)
    salt = f"core.sheets.import.{kind.slug}"
    form = SheetImportForm(request.POST or None, request.FILES or None, needs_year=kind.needs_year)
    preview, refusal, payload, year = None, None, "", None
    if request.method == "POST" and "payload" in request.POST:
        try:
            data = signing.loads(request.POST["payload"], salt=salt, max_age=3600)
        except signing.BadSignature:
            raise PermissionDenied from None
        year = data["year"]
        key = sheets.judged_key(
            kind=kind.slug, province=province.pk, year=year, user=request.user.pk, digest=data.get("digest", "")
        )
        preview = sheets.take(key)
        if preview is not None:  # judged by the preview, and nothing recorded changed since
            preview.save(actor=request.user)
        else:
            sheet = Sheet(header=kind.columns, rows=[(n, row) for n, row in data["rows"]])
            preview = kind.run(actor=request.user, province=province, year=year, sheet=sheet)
        if preview.saved:
            messages.success(
                request,
                _("Imported: %(created)s added, %(changed)s changed, %(unchanged)s unchanged.")
                % {
                    "created": len(preview.created),
                    "changed": len(preview.changed),
                    "unchanged": len(preview.unchanged),
                },
            )
            for warning in preview.warnings:
                messages.warning(request, warning)
            return redirect(kind.done_url)
    elif request.method == "POST" and form.is_valid():
        year = form.cleaned_data.get("year")
        upload = form.cleaned_data["file"]
        digest = hashlib.sha256(b"".join(upload.chunks())).hexdigest()
        upload.seek(0)
        stamp = sheets.history_stamp()  # before judging: a change while it judges is a change since
        try:
            sheet = sheets.read(upload, columns=kind.columns)
        except sheets.Refused as error:
            refusal = str(error)
        else:
            preview = kind.run(actor=request.user, province=province, year=year, sheet=sheet, dry_run=True)
            if preview.ok:
                payload = signing.dumps({"year": year, "rows": sheet.rows, "digest": digest}, salt=salt, compress=True)
                if preview.plan is not None:
                    key = sheets.judged_key(
                        kind=kind.slug, province=province.pk, year=year, user=request.user.pk, digest=digest
                    )
                    sheets.keep(key, preview, stamp=stamp)
    context = {
        "province": province,
        "kind": kind,
        "description": kind.description % {"province": province.name},
        "form": form,
        "preview": preview,
        "refusal": refusal,
        "payload": payload,
        "year": year,
    }
    return render(request, "blocs/sheet_import.html", context, status=400 if refusal else 200)


@login_required
def sheet_import_template(request, province_pk, kind):
    get_province_for_import(request.user, province_pk)
    kind = _import_kind(kind)
    content = sheets.template(title=str(kind.title), columns=kind.columns, example=kind.example, choices=kind.choices())
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{kind.template_name}"'
    return response
