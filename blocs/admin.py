"""The admin site for province admins, scoped to their own province.

Every ModelAdmin here filters its rows and its choices by the user's province, and
writes through the services, so the admin cannot bypass a rule or reach another
province. Every record carries its version (core.admin.VersionedAdminForm): a save from a
page that someone else saved meanwhile is refused and the page keeps what was typed.
"""

import logging

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import get_fields_from_path
from django.contrib.auth import password_validation
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from blocs import services
from blocs.forms import EMPTY_CHOICE, AdminLoginForm
from blocs.models import Agency, AgencyName, Bloc, BlocDecision, Leadership, Membership, Province, User
from core.admin import (
    IdAutocompleteSelect,
    LabelledCellsInline,
    NulSafeMixin,
    ScopedHistoryAdmin,
    ServiceInline,
    SheetImportLinkMixin,
    VersionedAdminForm,
    VersionedAdminMixin,
    searchable,
)
from core.requests import int_or_none
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
        if model is Province and request.user.province_id:
            kwargs.setdefault("initial", request.user.province_id)  # their own: one choice fewer to make
        kwargs.setdefault("empty_label", EMPTY_CHOICE)
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

    def lock_of(self, obj):
        """Why the record (an inline's: its parent) cannot change, or None: see the apps' admins."""
        return None

    def _unlocked(self, obj):
        return obj is None or not self.lock_of(obj)

    def has_add_permission(self, request, *args):  # an inline's: (request, parent)
        return self._allowed(request) and self._unlocked(args[0] if args else None)

    def has_change_permission(self, request, obj=None):
        return self._allowed(request) and self._unlocked(obj)

    def has_delete_permission(self, request, obj=None):
        return self._allowed(request) and self._unlocked(obj)


class ScopedInline(ProvinceScopedMixin, ServiceInline, LabelledCellsInline, admin.TabularInline):
    extra = 0


def members_of_year(field, *, bloc_id, year):
    """Narrows a choice of memberships to one bloc's members in one year, named as they were
    then: a leader, a deputy or a host is one of them, and a list of every year's members (of
    every province, for a site admin) is both useless and as wide as its longest name."""
    field.queryset = (
        Membership.objects.filter(bloc_id=bloc_id, year=year)
        .select_related("agency", "bloc")
        .prefetch_related("agency__former_names")
        .order_by("agency__sort_key")
    )


def year_members_from_query(request):
    """The bloc and year that an add form's link names (?bloc=…&year=…), or None."""
    bloc_id, year = int_or_none(request.GET.get("bloc")), int_or_none(request.GET.get("year"))
    return (bloc_id, year) if bloc_id and year else None


def took_over(obj, saved):
    """The admin's object becomes the one a service saved in its place (the admin logs and links it)."""
    obj.pk, obj.version = saved.pk, saved.version
    obj._state.adding = False


class ProvinceAddForm(forms.ModelForm):
    """A province and its first admin. The code may be left empty: it is made from the name,
    transliterated ("Đồng Nai" is "dong-nai")."""

    admin_fields = ["admin_username", "admin_last_name", "admin_first_name", "admin_email", "admin_password"]
    admin_username = forms.CharField(label=_("First admin's username"), max_length=150)
    admin_last_name = forms.CharField(label=_("Family and middle names (Họ đệm)"), max_length=150, required=False)
    admin_first_name = forms.CharField(label=_("Given name (Tên)"), max_length=150, required=False)
    admin_email = forms.EmailField(label=_("Email"), required=False)
    admin_password = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)

    class Meta:
        model = Province
        fields = ["name", "code", "awards_office"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].required = False
        self.fields["code"].help_text = _("Left empty, it is made from the name: Đồng Nai gives dong-nai.")

    def clean_code(self):
        return self.cleaned_data.get("code") or services.province_code(self.cleaned_data.get("name", ""))

    def clean_admin_username(self):
        username = self.cleaned_data["admin_username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("A user with this username already exists."))
        return username

    def clean(self):
        data = super().clean()
        password = data.get("admin_password")
        if password:
            user = User(username=data.get("admin_username", ""), email=data.get("admin_email", ""))
            try:
                password_validation.validate_password(password, user)
            except ValidationError as error:
                self.add_error("admin_password", error)
        return data


@admin.register(Province)
class ProvinceAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    province_path = "pk"
    list_display = ["name", "code", "awards_office", "document_code"]
    search_fields = ["name"]
    # A merger of provinces is the merge_provinces command's: it also gives the old province's
    # agencies their successors and moves or closes its users. Shown here, never set here.
    readonly_fields = ["merged_into", "merged_on", "merger_basis"]
    add_form = ProvinceAddForm

    def get_form(self, request, obj=None, **kwargs):
        """The operator creates a province with its first admin in one page (issue 16)."""
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return [*ProvinceAddForm.Meta.fields, *ProvinceAddForm.admin_fields]
        return super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return [] if obj is None else super().get_readonly_fields(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            services.province_save(actor=request.user, province=obj)
            return
        data = form.cleaned_data
        admin_user = User(username=data["admin_username"], last_name=data["admin_last_name"],
                          first_name=data["admin_first_name"], email=data["admin_email"])  # fmt: skip
        admin_user.set_password(data["admin_password"])
        province, _admin = services.province_create_with_admin(
            actor=request.user, name=obj.name, code=obj.code, awards_office=obj.awards_office, admin=admin_user
        )
        took_over(obj, province)

    def delete_model(self, request, obj):
        services.province_delete(actor=request.user, province=obj)

    # Provinces are set up by the system operator; a province admin only sees their own.
    def has_add_permission(self, request, *args):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser


class AgencyNameInline(ScopedInline):
    model = AgencyName
    form = VersionedAdminForm
    province_path = "agency__province"
    fields = ["name", "short_name", "until"]

    def save_rows(self, request, parent, rows, deleted):
        services.agency_former_names_save(actor=request.user, agency=parent, rows=rows, deleted=deleted)


class AgencyAdminForm(VersionedAdminForm):
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
class AgencyAdmin(SheetImportLinkMixin, ProvinceScopedMixin, ScopedHistoryAdmin):
    import_kind = "agencies"
    form = AgencyAdminForm
    list_display = ["name", "short_name", "kind", "province", "active_until", "successor", "is_illustrative"]
    list_filter = ["kind", "is_illustrative", "province"]
    list_select_related = ["province", "successor"]
    search_fields = ["name"]  # widened by get_search_results
    autocomplete_fields = ["successor"]
    inlines = [AgencyNameInline]
    readonly_once_saved = ["province"]  # its memberships are in that province's blocs

    def get_search_results(self, request, queryset, search_term):
        # Diacritics and case do not matter, as on the staff agency list.
        return queryset.search(searchable(search_term)), False

    def save_model(self, request, obj, form, change):
        services.agency_save(actor=request.user, agency=obj, renamed_on=form.cleaned_data.get("renamed_on"))

    def delete_model(self, request, obj):
        services.agency_delete(actor=request.user, agency=obj)


class MembershipInline(ScopedInline):
    model = Membership
    form = VersionedAdminForm
    province_path = "bloc__province"
    fields = ["year", "agency", "note"]
    fixed_once_saved = ["year", "agency"]
    autocomplete_fields = ["agency"]
    ordering = ["-year", "agency__sort_key"]

    def save_rows(self, request, parent, rows, deleted):
        for membership in deleted:
            services.membership_remove(actor=request.user, membership=membership)
        for membership in rows:
            services.membership_save(actor=request.user, membership=membership)


class LeadershipInline(ScopedInline):
    model = Leadership
    form = VersionedAdminForm
    province_path = "bloc__province"
    fields = ["year", "leader", "deputy", "head_name", "head_title"]
    fixed_once_saved = ["year"]
    ordering = ["-year"]

    def save_rows(self, request, parent, rows, deleted):
        for leadership in deleted:
            services.leadership_remove(actor=request.user, leadership=leadership)
        for leadership in rows:
            saved = services.leadership_set(
                actor=request.user,
                bloc=parent,
                year=leadership.year,
                leader=leadership.leader,
                deputy=leadership.deputy,
                version=leadership.version if leadership.pk else None,
                **{name: getattr(leadership, name) for name in services.LEADERSHIP_DETAILS},
            )
            took_over(leadership, saved)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        bloc_id = request.resolver_match.kwargs.get("object_id")
        if db_field.name in ("leader", "deputy"):
            field.queryset = field.queryset.filter(bloc_id=bloc_id).select_related("agency", "bloc")
        return field

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A saved year's row offers that year's members only; a new row, the bloc's.
        form = formset.form

        class YearMembersForm(form):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                if self.instance.pk:
                    for name in ("leader", "deputy"):
                        members_of_year(self.fields[name], bloc_id=self.instance.bloc_id, year=self.instance.year)

        formset.form = YearMembersForm
        return formset


@admin.register(Bloc)
class BlocAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    ordering = ["province__name", "name"]
    list_display = ["name", "province"]
    list_filter = ["province"]
    list_select_related = ["province"]
    search_fields = ["name"]
    inlines = [LeadershipInline, MembershipInline]
    readonly_once_saved = ["province"]

    def save_model(self, request, obj, form, change):
        services.bloc_save(actor=request.user, bloc=obj)

    def delete_model(self, request, obj):
        services.bloc_delete(actor=request.user, bloc=obj)


@admin.register(Membership)
class MembershipAdmin(SheetImportLinkMixin, ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    import_kind = "members"
    ordering = ["-year", "bloc__name", "agency__sort_key"]
    province_path = "bloc__province"
    list_display = ["agency", "bloc", "year", "note"]
    list_filter = ["year", "bloc"]
    list_select_related = ["agency", "bloc"]
    list_prefetch_related = ["agency__former_names"]
    search_fields = ["agency__search_text"]
    autocomplete_fields = ["agency"]

    # Its leadership, attendance, scores and proposals point at it as that bloc's member that year.
    readonly_once_saved = ["bloc", "agency", "year"]

    def get_search_results(self, request, queryset, search_term):
        for word in fold(searchable(search_term)).split():
            queryset = queryset.filter(agency__search_text__contains=word)
        return queryset, False

    def save_model(self, request, obj, form, change):
        services.membership_save(actor=request.user, membership=obj)

    def delete_model(self, request, obj):
        services.membership_remove(actor=request.user, membership=obj)


@admin.register(Leadership)
class LeadershipAdmin(ProvinceScopedMixin, VersionedAdminMixin, ScopedHistoryAdmin):
    ordering = ["bloc__name", "-year"]
    province_path = "bloc__province"
    list_display = ["bloc", "year", "leader", "deputy"]
    list_filter = ["year", "bloc"]
    list_select_related = ["bloc", "leader__agency", "leader__bloc", "deputy__agency", "deputy__bloc"]
    list_prefetch_related = ["leader__agency__former_names", "deputy__agency__former_names"]
    search_fields = ["bloc__name"]
    # One leadership per bloc and year: another year is another row, added as such.
    readonly_once_saved = ["bloc", "year"]

    def lock_of(self, obj):
        return services.leadership_lock(bloc_id=obj.bloc_id, year=obj.year)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        bloc_year = (obj.bloc_id, obj.year) if obj else year_members_from_query(request)
        if bloc_year:
            for name in ("leader", "deputy"):
                if name in form.base_fields:
                    members_of_year(form.base_fields[name], bloc_id=bloc_year[0], year=bloc_year[1])
        return form

    def save_model(self, request, obj, form, change):
        saved = services.leadership_set(
            actor=request.user,
            bloc=obj.bloc,
            year=obj.year,
            leader=obj.leader,
            deputy=obj.deputy,
            version=obj.version if change else None,
            **{name: getattr(obj, name) for name in services.LEADERSHIP_DETAILS},
        )
        took_over(obj, saved)

    def delete_model(self, request, obj):
        services.leadership_remove(actor=request.user, leadership=obj)


class UserAdminForm(VersionedAdminForm, UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


class SecretaryNeedsBloc:
    """A bloc secretary is saved with the blocs they keep: one without any could do nothing."""

    def clean(self):
        data = super().clean()
        if data.get("role") == User.Role.SECRETARY and "blocs" in self.fields and not data.get("blocs"):
            self.add_error("blocs", _("Choose the bloc this secretary keeps."))
        if data.get("role") == User.Role.MEMBER and "blocs" in self.fields and data.get("blocs"):
            self.add_error("blocs", _("A member agency's user keeps no bloc: they send their agency's own part."))
        return data


class UserAddForm(SecretaryNeedsBloc, AdminUserCreationForm):
    pass


class UserEditForm(SecretaryNeedsBloc, UserAdminForm):
    pass


@admin.register(User)
class UserAdmin(ProvinceScopedMixin, ScopedHistoryAdmin, DjangoUserAdmin):
    add_form = UserAddForm
    form = UserEditForm
    list_display = ["username", "last_name", "first_name", "role", "province", "is_active"]
    list_filter = ["role", "is_active", "province"]
    list_select_related = ["province"]
    filter_horizontal = ["blocs"]
    # Bookkeeping, shown: the form's minutes would cut the seconds off date_joined at every save.
    readonly_fields = ["last_login", "date_joined"]
    fieldsets = [
        (None, {"fields": ["username", "password"]}),
        (_("Personal info"), {"fields": ["last_name", "first_name", "email"]}),
        (_("Role"), {"fields": ["role", "province", "blocs", "agency", "is_active"]}),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    # One page for a new user, a secretary with their bloc (issue 16).
    add_fieldsets = [
        (None, {"fields": ["username", "password1", "password2"]}),
        (_("Personal info"), {"fields": ["last_name", "first_name", "email"]}),
        (_("Role"), {"fields": ["role", "province", "blocs", "agency"]}),
    ]
    superuser_fieldsets = [(_("System"), {"fields": ["is_superuser"]})]

    def save_model(self, request, obj, form, change):
        services.user_save(actor=request.user, user=obj, blocs=form.cleaned_data.get("blocs"))

    def save_related(self, request, form, formsets, change):
        """The blocs, the form's only many-to-many field, were saved by user_save with the user."""
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def delete_model(self, request, obj):
        services.user_delete(actor=request.user, user=obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj and request.user.is_superuser:
            fieldsets = [*fieldsets, *self.superuser_fieldsets]
        return fieldsets

    def get_queryset(self, request):
        users = super().get_queryset(request)
        return users if request.user.is_superuser else users.filter(is_superuser=False)


# Permission names are stored in English when Django creates them ("Can add log entry"): the
# operator's group page names them in the user's language instead.
PERMISSION_ACTIONS = {
    "add": _("Can add %s"),
    "change": _("Can change %s"),
    "delete": _("Can delete %s"),
    "view": _("Can view %s"),
}


def permission_label(permission):
    model = permission.content_type.model_class()
    action = permission.codename.split("_", 1)[0]
    if model is None or action not in PERMISSION_ACTIONS:
        return str(permission)
    return f"{model._meta.app_config.verbose_name} | {PERMISSION_ACTIONS[action] % model._meta.verbose_name}"


admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DjangoGroupAdmin):
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name == "permissions":
            field.label_from_instance = permission_label
        return field
