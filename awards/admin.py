"""Awards in the admin site. The award type catalogue is the system operator's; a province
admin reads it and the default rules, and keeps their own province's rules. Proposals
change only through their pages (results page, bulk submission and decision page), so
here they are read-only; a submission or decision can have its details corrected."""

from django.contrib import admin
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from awards import services
from awards.models import (
    CERTIFICATE_LINES,
    AwardRule,
    AwardType,
    BaseSalary,
    BlocCount,
    CertificateLayout,
    Decision,
    Proposal,
    Submission,
)
from blocs.admin import ProvinceScopedMixin
from core.admin import NulSafeMixin, ReadOnly, ScopedHistoryAdmin, SheetImportLinkMixin, VersionedAdminMixin


class ReadOnlyForProvinceAdmins(NulSafeMixin):
    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_province_admin

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


@admin.register(AwardType)
class AwardTypeAdmin(ReadOnlyForProvinceAdmins, VersionedAdminMixin, ScopedHistoryAdmin):
    list_display = ["name", "authority", "nominee", "precedence", "is_active"]
    list_filter = ["nominee", "is_active"]
    search_fields = ["name", "authority"]

    def save_model(self, request, obj, form, change):
        services.award_type_save(actor=request.user, award_type=obj)

    def delete_model(self, request, obj):
        services.award_type_delete(actor=request.user, award_type=obj)


@admin.register(BaseSalary)
class BaseSalaryAdmin(ReadOnlyForProvinceAdmins, ScopedHistoryAdmin):
    """The national base salary by date: the operator's, read by province admins."""

    list_display = ["valid_from", "amount", "source"]

    def save_model(self, request, obj, form, change):
        services.base_salary_save(actor=request.user, base_salary=obj)

    def delete_model(self, request, obj):
        services.base_salary_delete(actor=request.user, base_salary=obj)


@admin.register(AwardRule)
class AwardRuleAdmin(ReadOnlyForProvinceAdmins, VersionedAdminMixin, ScopedHistoryAdmin):
    """Each row is one version of an award type's rules, in force for its period. A version is
    never edited to change what a submitted proposal was judged by: the proposal keeps a copy."""

    ordering = ["award_type__precedence", "province__name", "valid_from"]
    list_display = ["award_type", "scope", "valid_from", "valid_until", "quota_percent", "quota_basis", "quota_count",
                    "vote_threshold_percent", "vote_basis", "enforcement"]  # fmt: skip
    list_filter = ["enforcement", "award_type"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "award_type",
                    "province",
                    "valid_from",
                    "valid_until",
                    "source",
                    "enforcement",
                    "shown_version",
                ]
            },
        ),
        (_("Quota"), {"fields": ["quota_percent", "quota_basis", "quota_count"]}),
        (_("Vote threshold"), {"fields": ["vote_threshold_percent", "vote_basis"]}),
        (_("Eligibility from the record"), {"fields": ["required_award", "required_years", "required_source"]}),
        (_("Prize money"), {"fields": ["prize_multiplier_collective", "prize_multiplier_individual"]}),
    ]
    list_select_related = ["award_type", "province"]
    search_fields = ["award_type__name", "source"]

    @admin.display(description=_("applies to"))
    def scope(self, rule):
        return rule.province or _("every province (default)")

    def get_queryset(self, request):
        rules = super().get_queryset(request)
        if request.user.is_superuser:
            return rules
        return rules.filter(Q(province__isnull=True) | Q(province=request.user.province_id))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "province" and not request.user.is_superuser:
            kwargs["queryset"] = db_field.remote_field.model.objects.filter(pk=request.user.province_id)
            kwargs["required"] = True
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _own(self, request, obj):
        """Province admins keep their own province's rules; defaults are the operator's."""
        return request.user.is_superuser or (
            request.user.is_province_admin and (obj is None or obj.province_id == request.user.province_id)
        )

    def has_add_permission(self, request, *args):
        return self._own(request, None)

    def has_change_permission(self, request, obj=None):
        return self._own(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._own(request, obj)

    def save_model(self, request, obj, form, change):
        services.award_rule_save(actor=request.user, rule=obj)

    def delete_model(self, request, obj):
        services.award_rule_delete(actor=request.user, rule=obj)


@admin.register(BlocCount)
class BlocCountAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    """How many blocs each province has in a year: the basis of quotas on the blocs' leaders."""

    list_display = ["province", "year", "blocs", "source"]
    list_filter = ["year"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "province" and not request.user.is_superuser:
            field.required = True
        return field

    def save_model(self, request, obj, form, change):
        services.bloc_count_save(actor=request.user, bloc_count=obj)

    def delete_model(self, request, obj):
        services.bloc_count_delete(actor=request.user, bloc_count=obj)


@admin.register(CertificateLayout)
class CertificateLayoutAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    """Where the province prints each line of an award type's certificates onto its blanks. An
    award type without a layout prints with the defaults; the calibration page shows either."""

    list_display = ["award_type", "province", "paper", "orientation", "font_size", "calibration"]
    list_filter = ["award_type"]
    list_select_related = ["award_type", "province"]
    ordering = ["province__name", "award_type__precedence"]
    readonly_fields = ["calibration"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "province",
                    "award_type",
                    ("paper", "orientation"),
                    ("font_size", "recipient_font_size"),
                    "line_width",
                    "calibration",
                ]
            },
        ),
        (
            _("Lines: x is a line's centre, y its baseline, in mm from the blank's top-left corner"),
            {"fields": [(f"{name}_x", f"{name}_y") for name, _label in CERTIFICATE_LINES]},
        ),
    ]

    @admin.display(description=_("calibration page"))
    def calibration(self, layout):
        if not (layout.province_id and layout.award_type_id):
            return "—"
        url = reverse("reports:certificate_calibration", args=[layout.province_id, layout.award_type_id])
        return format_html('<a href="{}">{}</a>', url, _("Print the calibration page (PDF)"))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "province" and not request.user.is_superuser:
            field.required = True
        return field

    def save_model(self, request, obj, form, change):
        services.certificate_layout_save(actor=request.user, layout=obj)

    def delete_model(self, request, obj):
        services.certificate_layout_delete(actor=request.user, layout=obj)


class ProposalInline(ReadOnly, ProvinceScopedMixin, admin.TabularInline):
    ordering = ["conference__year", "award_type__precedence", "pk"]
    model = Proposal
    province_path = "conference__bloc__province"
    fields = ["conference", "award_type", "nominee_name", "votes_for", "ballots", "status"]
    readonly_fields = fields
    extra = 0


class DocumentAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    """Recorded on the proposals page, for a list of proposals at once; corrected here."""

    list_filter = ["date", "is_illustrative"]
    search_fields = ["number", "signer"]
    inlines = [ProposalInline]

    def has_add_permission(self, request, *args):
        return False

    def save_model(self, request, obj, form, change):
        services.document_correct(actor=request.user, document=obj)

    def delete_model(self, request, obj):
        services.document_delete(actor=request.user, document=obj)


@admin.register(Submission)
class SubmissionAdmin(DocumentAdmin):
    list_display = ["number", "date", "signer", "province"]
    fields = [
        "province",
        "number",
        "date",
        "issuer",
        "signer_authority",
        "signer_title",
        "signer",
        "is_illustrative",
        "shown_version",
    ]
    readonly_fields = ["province"]


@admin.register(Decision)
class DecisionAdmin(DocumentAdmin):
    list_display = ["number", "date", "authority", "signer", "province"]
    fields = [
        "province",
        "number",
        "date",
        "authority",
        "signer_authority",
        "signer_title",
        "signer",
        "is_illustrative",
        "shown_version",
    ]
    readonly_fields = ["province"]


@admin.register(Proposal)
class ProposalAdmin(SheetImportLinkMixin, ReadOnly, ProvinceScopedMixin, ScopedHistoryAdmin):
    import_kind = "proposals"
    ordering = ["-conference__year", "conference__bloc__name", "award_type__precedence", "pk"]
    province_path = "conference__bloc__province"
    list_display = ["nominee_name", "award_type", "conference", "votes_for", "ballots", "status"]
    list_filter = ["status", "award_type", "conference__year", "conference__bloc"]
    list_select_related = ["award_type", "conference__bloc", "membership__agency", "submission", "decision"]
    list_prefetch_related = ["membership__agency__former_names"]
    search_fields = ["membership__agency__name", "person_name"]
