"""The admin site for province admins, scoped to their own province.

Every ModelAdmin here filters its rows and its choices by the user's province, and
writes through the services, so the admin cannot bypass a rule or reach another
province.
"""

import logging

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from blocs import services
from blocs.forms import AdminLoginForm
from blocs.models import Agency, AgencyName, Bloc, BlocDecision, Leadership, Membership, Province, User
from core.admin import IdAutocompleteSelect, NulSafeMixin, ScopedHistoryAdmin, searchable
from core.text import fold

logger = logging.getLogger(__name__)

admin.site.site_header = _("Sổ Thi Đua administration")
admin.site.site_title = _("Sổ Thi Đua")
admin.site.login_form = AdminLoginForm


def _province_filter(user, path):
    return {} if user.is_superuser else {path: user.province_id}


class ProvinceScopedMixin(NulSafeMixin):
    """Rows and choices limited to the user's province; only province admins get in."""

    province_path = "province"  # the lookup from this model to its province
    # lookups from the models that forms choose from to their province
    choice_paths = {
        Province: "pk",
        Agency: "province",
        Bloc: "province",
        Membership: "bloc__province",
        BlocDecision: "province",
    }

    # Name histories that __str__ reads (a membership prints the agency's name of its year),
    # fetched once for the whole list rather than once per row.
    list_prefetch_related = []

    def get_queryset(self, request):
        queryset = super().get_queryset(request).filter(**_province_filter(request.user, self.province_path))
        return queryset.prefetch_related(*self.list_prefetch_related)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if model in self.choice_paths:
            kwargs["queryset"] = model._default_manager.filter(
                **_province_filter(request.user, self.choice_paths[model])
            )
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = IdAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        model = db_field.remote_field.model
        if model in self.choice_paths:
            kwargs["queryset"] = model._default_manager.filter(
                **_province_filter(request.user, self.choice_paths[model])
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def get_list_filter(self, request):
        """No filter offers another province's rows: the province filter is dropped and
        related filters list only the values present in the user's own rows."""
        filters = super().get_list_filter(request)
        if request.user.is_superuser:
            return filters
        scoped = []
        for item in filters:
            if isinstance(item, str):
                if item.split("__")[-1] == "province":
                    continue
                if get_fields_from_path(self.model, item)[-1].is_relation:
                    item = (item, admin.RelatedOnlyFieldListFilter)
            scoped.append(item)
        return scoped

    def _allowed(self, request):
        return request.user.is_active and request.user.is_province_admin

    def has_module_permission(self, request):
        return self._allowed(request)

    def has_view_permission(self, request, obj=None):
        return self._allowed(request)

    def has_add_permission(self, request, *args):
        return self._allowed(request)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request)


class ScopedInline(ProvinceScopedMixin, admin.TabularInline):
    extra = 0


@admin.register(Province)
class ProvinceAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    province_path = "pk"
    list_display = ["name", "code", "awards_office"]
    search_fields = ["name"]
    prepopulated_fields = {"code": ["name"]}

    # Provinces are set up by the system operator; a province admin only sees their own.
    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class AgencyNameInline(ScopedInline):
    model = AgencyName
    province_path = "agency__province"
    fields = ["name", "short_name", "until"]


class AgencyAdminForm(forms.ModelForm):
    renamed_on = forms.DateField(
        label=_("Renamed on"),
        required=False,
        help_text=_(
            "Fill in when the agency takes a new name: the old one is kept for the records "
            "before this day. Leave empty to correct a misspelt name."
        ),
    )

    class Meta:
        model = Agency
        fields = [
            "province",
            "name",
            "short_name",
            "kind",
            "active_from",
            "active_until",
            "successor",
            "is_illustrative",
        ]


@admin.register(Agency)
class AgencyAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    form = AgencyAdminForm
    list_display = ["name", "short_name", "kind", "province", "active_until", "successor", "is_illustrative"]
    list_filter = ["kind", "is_illustrative", "province"]
    list_select_related = ["province", "successor"]
    search_fields = ["name"]  # widened by get_search_results
    autocomplete_fields = ["successor"]
    inlines = [AgencyNameInline]

    def get_search_results(self, request, queryset, search_term):
        # Diacritics and case do not matter, as on the staff agency list.
        return queryset.search(searchable(search_term)), False

    def save_model(self, request, obj, form, change):
        services.agency_save(actor=request.user, agency=obj, renamed_on=form.cleaned_data.get("renamed_on"))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Former names edited inline are searchable too. Only the derived columns change: not
        # saved as a change of the agency, which would put an empty change in its history.
        agency = form.instance
        agency.refresh_derived_fields()
        Agency.objects.filter(pk=agency.pk).update(search_text=agency.search_text, sort_key=agency.sort_key)


class MembershipInline(ScopedInline):
    model = Membership
    province_path = "bloc__province"
    fields = ["year", "agency", "note"]
    autocomplete_fields = ["agency"]
    ordering = ["-year", "agency__sort_key"]


class LeadershipInline(ScopedInline):
    model = Leadership
    province_path = "bloc__province"
    fields = ["year", "leader", "deputy"]
    ordering = ["-year"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        bloc_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name in ("leader", "deputy"):
            field.queryset = field.queryset.filter(bloc_id=bloc_id).select_related("agency", "bloc")
        return field


@admin.register(Bloc)
class BlocAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    ordering = ["province__name", "name"]
    list_display = ["name", "province"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["name"]
    inlines = [LeadershipInline, MembershipInline]


@admin.register(Membership)
class MembershipAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    ordering = ["-year", "bloc__name", "agency__sort_key"]
    province_path = "bloc__province"
    list_display = ["agency", "bloc", "year", "note"]
    list_filter = ["year", "bloc"]
    list_select_related = ["agency", "bloc"]
    list_prefetch_related = ["agency__former_names"]
    search_fields = ["agency__search_text"]
    autocomplete_fields = ["agency"]

    def get_search_results(self, request, queryset, search_term):
        for word in fold(searchable(search_term)).split():
            queryset = queryset.filter(agency__search_text__contains=word)
        return queryset, False


@admin.register(Leadership)
class LeadershipAdmin(ProvinceScopedMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "-year"]
    province_path = "bloc__province"
    list_display = ["bloc", "year", "leader", "deputy"]
    list_filter = ["year", "bloc"]
    list_select_related = ["bloc", "leader__agency", "leader__bloc", "deputy__agency", "deputy__bloc"]
    list_prefetch_related = ["leader__agency__former_names", "deputy__agency__former_names"]
    search_fields = ["bloc__name"]

    def save_model(self, request, obj, form, change):
        services.leadership_set(actor=request.user, bloc=obj.bloc, year=obj.year, leader=obj.leader, deputy=obj.deputy)


@admin.register(User)
class UserAdmin(ProvinceScopedMixin, ScopedHistoryAdmin, DjangoUserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "province", "is_active"]
    list_filter = ["role", "is_active", "province"]
    list_select_related = ["province"]
    filter_horizontal = ["blocs"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "email"]}),
        (_("Role"), {"fields": ["role", "province", "blocs", "is_active"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2", "role", "province"]}),
    ]
    superuser_fieldsets = [(_("System"), {"fields": ["is_superuser"]})]

    def save_model(self, request, obj, form, change):
        services.user_save(actor=request.user, user=obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj and request.user.is_superuser:
            fieldsets = [*fieldsets, *self.superuser_fieldsets]
        return fieldsets

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)
