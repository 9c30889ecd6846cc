"""Conferences, pledges and scoring in the admin site, scoped like the registry, written through
the services.

A finalized conference locks here what it locks on its results page (emulation.rules): itself and
its attendance, its year's scoring table and points, and the next year's pledge and signatures
(the leaders it elected: blocs.admin, through blocs.services.LEADERSHIP_LOCKS). A province admin
reopens it on its page.
"""

from django.contrib import admin

from blocs.admin import ProvinceScopedMixin, ScopedInline, members_of_year, year_members_from_query
from core.admin import ScopedHistoryAdmin, SheetImportLinkMixin, VersionedAdminMixin
from emulation import services
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from emulation.rules import lock_of, next_year_lock, year_lock


class AttendanceInline(ScopedInline):
    ordering = ["membership__agency__sort_key", "guest_organisation"]
    model = Attendance
    province_path = "conference__bloc__province"
    fields = ["membership", "guest_organisation", "representative", "representative_title"]

    def lock_of(self, conference):
        return lock_of(conference)

    def save_rows(self, request, parent, rows, deleted):
        services.attendance_save(actor=request.user, conference=parent, rows=rows, deleted=deleted)


@admin.register(Conference)
class ConferenceAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "-year"]
    province_path = "bloc__province"
    list_display = ["bloc", "year", "date", "status", "chair_name"]
    list_filter = ["status", "year", "bloc"]
    list_select_related = ["bloc"]
    search_fields = ["bloc__name", "chair_name", "document_number"]
    readonly_fields = ["status", "finalized_at", "finalized_by"]
    # Its attendance, the scoring table and the proposals are of that bloc's members that year.
    readonly_once_saved = ["bloc", "year"]
    inlines = [AttendanceInline]

    def lock_of(self, obj):
        return lock_of(obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        bloc_year = (obj.bloc_id, obj.year) if obj else year_members_from_query(request)
        if bloc_year and "host" in form.base_fields:
            members_of_year(form.base_fields["host"], bloc_id=bloc_year[0], year=bloc_year[1])
        return form

    def save_model(self, request, obj, form, change):
        services.conference_details_save(actor=request.user, conference=obj)

    def delete_model(self, request, obj):
        services.conference_delete(actor=request.user, conference=obj)


class SignatureInline(ScopedInline):
    ordering = ["membership__agency__sort_key"]
    model = Signature
    province_path = "pledge__bloc__province"
    fields = ["membership", "signer", "signer_title"]

    def lock_of(self, pledge):
        return next_year_lock(bloc_id=pledge.bloc_id, year=pledge.year)

    def save_rows(self, request, parent, rows, deleted):
        services.signatures_save(actor=request.user, pledge=parent, rows=rows, deleted=deleted)


@admin.register(Pledge)
class PledgeAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "-year"]
    province_path = "bloc__province"
    list_display = ["bloc", "year", "signed_on"]
    list_filter = ["year", "bloc"]
    list_select_related = ["bloc"]
    search_fields = ["bloc__name"]
    readonly_once_saved = ["bloc", "year"]  # its signatures are of that bloc's members that year
    inlines = [SignatureInline]

    def lock_of(self, obj):
        return next_year_lock(bloc_id=obj.bloc_id, year=obj.year)

    def save_model(self, request, obj, form, change):
        services.pledge_save(actor=request.user, pledge=obj)

    def delete_model(self, request, obj):
        services.pledge_delete(actor=request.user, pledge=obj)


class ScoreInline(ScopedInline):
    ordering = ["membership__agency__sort_key"]
    model = Score
    province_path = "criterion__bloc__province"
    fields = ["membership", "points"]

    def lock_of(self, criterion):
        return year_lock(bloc_id=criterion.bloc_id, year=criterion.year)

    def save_rows(self, request, parent, rows, deleted):
        services.scores_save(actor=request.user, criterion=parent, rows=rows, deleted=deleted)


@admin.register(Criterion)
class CriterionAdmin(SheetImportLinkMixin, ProvinceScopedMixin, ScopedHistoryAdmin):
    import_kind = "scores"
    ordering = ["bloc__name", "year", "order", "pk"]
    province_path = "bloc__province"
    list_display = ["name", "group", "max_points", "bloc", "year", "order"]
    list_filter = ["year", "bloc"]
    list_select_related = ["bloc"]
    search_fields = ["name", "group"]
    readonly_once_saved = ["bloc", "year"]  # its points are of that bloc's members that year
    inlines = [ScoreInline]

    def lock_of(self, obj):
        return year_lock(bloc_id=obj.bloc_id, year=obj.year)

    def save_model(self, request, obj, form, change):
        services.criteria_save(actor=request.user, bloc=obj.bloc, year=obj.year, rows=[obj])

    def delete_model(self, request, obj):
        services.criteria_save(actor=request.user, bloc=obj.bloc, year=obj.year, rows=[], deleted=[obj])
