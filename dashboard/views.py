import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill

from blocs.access import (
    can_reorganise,
    get_province_for_user,
    get_province_to_administer,
    visible_blocs,
    writes_province,
)
from blocs.models import FIRST_YEAR, LAST_YEAR, Province
from core.requests import int_or_none
from core.sheets import append_row as _append
from core.text import fold
from dashboard import selectors, services
from dashboard.forms import DeadlineForm
from dashboard.models import YearDeadline
from emulation.selectors import assessment_progress


def _board(request):
    """The province and year asked for, and the rows the user may see. A site admin without a
    province picks one (?province=); everyone else sees their own."""
    user = request.user
    if user.province_id:
        province = user.province
    elif user.is_superuser:
        pk = int_or_none(request.GET.get("province"))
        province = Province.objects.filter(pk=pk).first() if pk else Province.objects.order_by("name").first()
        if province is None:
            return None
    else:
        return None
    year = int_or_none(request.GET.get("year"))
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        year = selectors.default_year(province=province)
    return selectors.year_board(user=user, province=province, year=year)


@require_safe
@login_required
def year_dashboard(request):
    """The home page: the province's year, one row per bloc. A secretary sees their blocs'
    rows only, each with the next step one click away. A member agency's staff have their own page."""
    if request.user.is_member_agency:
        return redirect("awards:member_home")
    board = _board(request)
    if board is None:
        return redirect("blocs:bloc_list")
    user = request.user
    context = {
        "board": board,
        "steps": selectors.STEPS,
        "provinces": Province.objects.order_by("name") if user.is_superuser and not user.province_id else None,
        "is_secretary": user.role == user.Role.SECRETARY and not user.is_superuser,
        "can_set_deadlines": can_reorganise(user)
        and writes_province(user, board.province.pk)
        and not board.province.merged_into_id,
        "onboarding": not board.rows and user.is_province_admin and not user.province.blocs.exists()
        if user.province_id
        else False,
        # Who of each bloc's members has sent its own self-assessment and evidence.
        "progress": assessment_progress(blocs=[row.bloc for row in board.rows], year=board.year, name_all=False),
    }
    return render(request, "dashboard/year.html", context)


@require_safe
@login_required
def year_dashboard_xlsx(request, province_pk, year):
    province = get_province_for_user(request.user, province_pk)
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such year")
    board = selectors.year_board(user=request.user, province=province, year=year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    _append(sheet, [_("%(province)s: the year %(year)s") % {"province": province.name, "year": year}])
    sheet["A1"].font = Font(bold=True)
    _append(sheet, [_("Bloc"), *[label for _key, label, _due in selectors.STEPS], _("Late")])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    late_fill = PatternFill("solid", fgColor="F8D7DA")
    for row in board.rows:
        values = [row.bloc.name, *[cell.text for _key, cell in row.ordered_cells()], _("Yes") if row.late else ""]
        _append(sheet, values)
        for (_key, cell), sheet_cell in zip(row.ordered_cells(), sheet[sheet.max_row][1:], strict=False):
            if cell.late:
                sheet_cell.fill = late_fill
    sheet.append([])
    _append(sheet, [_("Done"), *[done for _key, _label, done, _total in board.counts]])
    for column in sheet.columns:
        width = max(len(str(c.value or "")) for c in list(column)[1:]) if sheet.max_row > 1 else 10
        sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 8), 50)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"nam-{year}-{fold(province.code or province.name).replace(' ', '-')}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


MISSING = {"assessment": _("self-assessment"), "evidence": _("evidence")}


@require_safe
@login_required
def missing_xlsx(request, province_pk, year):
    """The members of the user's blocs (a secretary's own, an admin's or viewer's every bloc) that
    have not sent their self-assessment or evidence for the year, with each bloc's deadline."""
    user = request.user
    province = Province.objects.filter(pk=province_pk).first()
    readable = province is not None and (
        user.is_superuser
        or (user.province_id is not None and user.province_id in (province.pk, province.merged_into_id))
    )
    if not readable or user.is_member_agency or not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such province")
    progress = assessment_progress(blocs=visible_blocs(user).filter(province=province).order_by("name"), year=year)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = str(year)
    _append(
        sheet, [_("%(province)s: who has not sent their part of %(year)s") % {"province": province.name, "year": year}]
    )
    sheet["A1"].font = Font(bold=True)
    _append(sheet, [_("Bloc"), _("Deadline"), _("Member"), _("Not sent")])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for bloc in progress:
        due = bloc.due.strftime("%d/%m/%Y") if bloc.due else ""
        for membership, missing in bloc.missing:
            _append(sheet, [bloc.bloc.name, due, membership.printed_name, ", ".join(str(MISSING[m]) for m in missing)])
    for column, width in zip("ABCD", (32, 12, 40, 30), strict=True):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"chua-gui-{year}-{fold(province.code or province.name).replace(' ', '-')}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def deadlines_edit(request, province_pk, year):
    """The province admin sets when each step of a year is due; the dashboard marks late blocs."""
    province = get_province_to_administer(
        request.user, province_pk, refusal=_("Only the province's admins set its deadlines.")
    )
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise Http404("No such year")
    deadline = YearDeadline.objects.filter(province=province, year=year).first()
    form = DeadlineForm(request.POST if request.method == "POST" else None, instance=deadline)
    if request.method == "POST" and form.is_valid():
        services.deadline_set(actor=request.user, province=province, year=year, **form.cleaned_data)
        messages.success(request, _("The deadlines of %(year)s are saved.") % {"year": year})
        return redirect(
            reverse("home") + f"?year={year}" + (f"&province={province.pk}" if request.user.is_superuser else "")
        )
    return render(request, "dashboard/deadlines.html", {"province": province, "year": year, "form": form})
