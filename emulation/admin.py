"""Conferences, pledges and scoring in the admin site, scoped like the registry.

A finalized conference is read-only here too: a province admin reopens it on its page.
"""

from django.contrib import admin

from blocs.admin import ProvinceScopedMixin, ScopedInline
from core.admin import ScopedHistoryAdmin, VersionedAdminMixin
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature


class AttendanceInline(ScopedInline):
    ordering = ["membership__agency__sort_key", "guest_organisation"]
    model = Attendance
    province_path = "conference__bloc__province"
    fields = ["membership", "guest_organisation", "representative", "representative_title"]


@admin.register(Conference)
class ConferenceAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "-year"]
    province_path = "bloc__province"
    list_display = ["bloc", "year", "date", "status", "chair_name"]
    list_filter = ["status", "year", "bloc"]
    list_select_related = ["bloc"]
    search_fields = ["bloc__name", "chair_name", "document_number"]
    readonly_fields = ["status", "finalized_at", "finalized_by"]
    inlines = [AttendanceInline]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not (obj and obj.is_finalized)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not (obj and obj.is_finalized)


class SignatureInline(ScopedInline):
    ordering = ["membership__agency__sort_key"]
    model = Signature
    province_path = "pledge__bloc__province"
    fields = ["membership", "signer", "signer_title"]


@admin.register(Pledge)
class PledgeAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "-year"]
    province_path = "bloc__province"
    list_display = ["bloc", "year", "signed_on"]
    list_filter = ["year", "bloc"]
    list_select_related = ["bloc"]
    search_fields = ["bloc__name"]
    inlines = [SignatureInline]


class ScoreInline(ScopedInline):
    ordering = ["membership__agency__sort_key"]
    model = Score
    province_path = "criterion__bloc__province"
    fields = ["membership", "points"]


@admin.register(Criterion)
class CriterionAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "year", "order", "pk"]
    province_path = "bloc__province"
    list_display = ["name", "group", "max_points", "bloc", "year", "order"]
    list_filter = ["year", "bloc"]
    list_select_related = ["bloc"]
    search_fields = ["name", "group"]
    inlines = [ScoreInline]
