"""Admin building blocks that know no domain: input that cannot reach the database as
typed, history pages for those who may see the record, writes through the services with their
refusals shown on the form, the version check of a form, and read-only admins."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from core.services import RACE_MESSAGE
from core.versioning import EditConflict

logger = logging.getLogger(__name__)

# The banner over an admin form with errors (Django's change_form.html) is missing from Django's
# own Vietnamese catalogue in its current wording: marked here so that ours carries it.
FORM_ERRORS_BANNER = ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1)


class IdAutocompleteSelect(AutocompleteSelect):
    """Django's autocomplete widget, except that a posted value that cannot be an id (a
    tampered form: text, a NUL byte, a number past the column's range) shows as no choice
    when the form comes back with its errors, instead of failing the lookup with a 500."""

    def optgroups(self, name, value, attr=None):
        target = self.field.target_field
        ids = []
        for item in value:
            try:
                target.run_validators(target.to_python(item))
            except ValidationError:
                continue
            ids.append(item)
        return super().optgroups(name, ids, attr)


def searchable(term):
    """A search term without NUL bytes, which PostgreSQL refuses in a query with a server error:
    the changelist's search box is checked by its form, the autocomplete's term is not."""
    return term.replace("\x00", "")


class NulSafeMixin:
    """List filter values and autocomplete terms reach the database unchecked: one with a NUL
    byte is a wrong lookup (Django's "?e=1" page) or searches for what is left."""

    def get_changelist_instance(self, request):
        if any("\x00" in value for _name, values in request.GET.lists() for value in values):
            raise IncorrectLookupParameters
        return super().get_changelist_instance(request)

    def get_search_results(self, request, queryset, search_term):
        return super().get_search_results(request, queryset, searchable(search_term))


def refusal_of(error):
    """A service's refusal as a ValidationError: a lock (PermissionDenied with its sentence), a rule, a
    conflicting row (IntegrityError, which validated_save turns into a sentence where it can)."""
    if isinstance(error, ValidationError):
        return error
    if isinstance(error, IntegrityError):
        logger.warning("A save in the admin site broke a database rule", exc_info=True)
        return ValidationError(str(RACE_MESSAGE))
    return ValidationError(str(error) or str(NOT_ALLOWED))


NOT_ALLOWED = _("Your role does not allow this change. Ask your province admin if you need it.")


def _with_refusal(form_class, refusal):
    """The admin's form class, which this time reports `refusal` after its own checks: the form is
    shown again with what was posted, and saves nothing."""

    class Refused(form_class):
        def _post_clean(self):
            super()._post_clean()
            shown = {str(message) for errors in self.errors.values() for message in errors}
            fresh = [message for message in refusal.messages if message not in shown]
            if fresh or not self.errors:
                self.add_error(None, fresh or refusal.messages)

    Refused.__name__ = form_class.__name__
    return Refused


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """The audit trail of a record (django-simple-history's history pages), for those who may
    see the record, read only, and every write through the rules.

    A record outside the user's rows gets what an unknown id gets (the admin's "doesn't exist"
    redirect): simple-history would otherwise find another province's record through its
    historical rows.

    Writes: save_model, delete_model and each inline's rows (ServiceInline) call the services;
    `readonly_once_saved` fields are shown, not posted, once the record exists; a record whose
    `lock_of()` gives a sentence is read-only, and a post to it is refused with that sentence. A
    service's refusal (a rule, a lock, a version that moved on) shows the form again with what the
    user typed and the refusal, never a redirect that loses the input."""

    readonly_once_saved = ()

    def lock_of(self, obj):
        """Why `obj` cannot change or go (a sentence), or None."""
        return None

    def _in_scope(self, request, object_id):
        try:
            return self.get_queryset(request).filter(pk=unquote(object_id)).exists()
        except (ValueError, ValidationError):
            return False

    def history_view(self, request, object_id, extra_context=None):
        if not self._in_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not self._in_scope(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.model._meta, object_id)
        if request.method != "GET":  # a past version is looked at, never saved back over the services
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.pk is not None:
            fields += [name for name in self.readonly_once_saved if name not in fields]
        return fields

    def _locked(self, request, object_id):
        """The lock of the record `object_id`, if it is one of the user's rows and locked."""
        if object_id is None:
            return None
        obj = self.get_object(request, unquote(object_id))
        return self.lock_of(obj) if obj is not None else None

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        lock = self._locked(request, object_id)
        if lock:
            # As on the results page: the record is shown read-only with the reason; a post saves nothing.
            self.message_user(request, lock, messages.ERROR if request.method == "POST" else messages.INFO)
            if request.method == "POST":
                return HttpResponseRedirect(request.get_full_path())
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except (ValidationError, IntegrityError, PermissionDenied) as error:
            # Refused after the forms were checked, by a service or a concurrent save; the
            # transaction has rolled back. Once more, the forms are shown with what was posted
            # and the refusal, and nothing is saved. A refusal of the admin's own (no right to
            # change the record) comes again, before any form, as the 403 it is.
            request._admin_refusal = refusal_of(error)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        lock = self._locked(request, object_id)
        if lock:
            self.message_user(request, lock, messages.ERROR)
            change = f"admin:{self.opts.app_label}_{self.opts.model_name}_change"
            return HttpResponseRedirect(reverse(change, args=[object_id], current_app=self.admin_site.name))
        try:
            with transaction.atomic():
                return super().delete_view(request, object_id, extra_context)
        except ValidationError as refusal:  # a service's, which the delete page could not foresee
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())

    def get_deleted_objects(self, objs, request):
        """A locked record is listed among those that cannot be deleted, with the reason, so that the
        bulk delete refuses the whole choice as it does for records that history refers to."""
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        protected = list(protected)
        locks = {obj: lock for obj in objs if (lock := self.lock_of(obj))}
        for obj, lock in locks.items():
            protected.append(f"{obj}: {lock}")
        for lock in dict.fromkeys(locks.values()):
            self.message_user(request, lock, messages.ERROR)
        return deleted, counts, perms_needed, protected

    def delete_queryset(self, request, queryset):
        """One by one through delete_model (its service), all or nothing."""
        with transaction.atomic():
            for obj in queryset:
                self.delete_model(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_admin_refusal", None)
        return _with_refusal(form, refusal) if refusal is not None else form

    def get_fieldsets(self, request, obj=None):
        """The hidden version goes with the fields that may be changed, and only then."""
        fieldsets = super().get_fieldsets(request, obj)
        names = [name for _title, options in fieldsets for name in options["fields"]]
        versioned = issubclass(self.form, VersionedAdminForm) and obj is not None
        if versioned and self.has_change_permission(request, obj):
            if "shown_version" not in names:
                title, options = fieldsets[0]
                fieldsets = [(title, {**options, "fields": [*options["fields"], "shown_version"]}), *fieldsets[1:]]
        elif "shown_version" in names:
            fieldsets = [
                (title, {**options, "fields": [n for n in options["fields"] if n != "shown_version"]})
                for title, options in fieldsets
            ]
        return fieldsets

    def save_formset(self, request, form, formset, change):
        inline = getattr(formset, "inline", None)
        if inline is None:
            return super().save_formset(request, form, formset, change)
        rows = formset.save(commit=False)
        inline.save_rows(request, form.instance, rows, formset.deleted_objects)
        formset.save_m2m()
        return None


class VersionedAdminForm(forms.ModelForm):
    """Carries the version of the record the form showed (core.versioning.Versioned). A change made
    from a version that is no longer the record's is refused by the form itself, naming who saved
    since and when (EditConflict), and the form comes back with what the user typed and the current
    version: saving again is then the user's informed choice to overwrite. A form that changes
    nothing is no conflict (a row of an inline left as it was)."""

    shown_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    fixed_once_saved = ()  # fields that a saved record keeps (an inline row's year): shown, not posted

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["shown_version"].initial = self.instance.version
            for name in self.fixed_once_saved:
                if name in self.fields:
                    self.fields[name].disabled = True

    def has_changed(self):
        return any(name != "shown_version" for name in self.changed_data)

    def clean(self):
        cleaned = super().clean()
        stale = cleaned.get("shown_version") != getattr(self.instance, "version", None)
        if self.instance.pk is not None and self.has_changed() and stale:
            self.rebase()
            raise EditConflict(self.instance)
        return cleaned

    def rebase(self):
        """The hidden version becomes the record's current one; all else stays as posted."""
        data = self.data.copy()
        data[self.add_prefix("shown_version")] = str(self.instance.version)
        self.data = data


class VersionedAdminMixin:
    """The admin of a versioned record: its form carries the version (VersionedAdminForm)."""

    form = VersionedAdminForm


class ServiceInline:
    """An inline whose rows are written by services: `save_rows(request, parent, rows, deleted)`,
    which the admin's save_formset calls (ScopedHistoryAdmin). `fixed_once_saved` fields of a
    saved row are shown but not posted; `lock_of(parent)` makes every row read-only."""

    fixed_once_saved = ()

    def lock_of(self, parent):
        return None

    def get_formset(self, request, obj=None, **kwargs):
        if self.fixed_once_saved:
            kwargs["form"] = type(self.form.__name__, (self.form,), {"fixed_once_saved": self.fixed_once_saved})
        formset = super().get_formset(request, obj, **kwargs)
        formset.inline = self
        return formset

    def get_fields(self, request, obj=None):
        fields = [name for name in super().get_fields(request, obj) if name != "shown_version"]
        if issubclass(self.form, VersionedAdminForm) and self.has_change_permission(request, obj):
            fields.append("shown_version")  # each row carries its version, hidden in its first cell
        return fields

    def save_rows(self, request, parent, rows, deleted):
        raise NotImplementedError(f"{type(self).__name__} must save its rows through a service")


class LabelledCellsInline:
    """A tabular inline whose inputs are named by their column (aria-label): Django's tabular inline
    names a column in its header only, which does not label the inputs under it (axe-core's
    label and select-name rules), the "Delete" checkbox's included."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Labelled(formset):
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    widget = field.widget
                    while hasattr(widget, "widget"):  # the admin's wrapper of a related field's widget
                        widget = widget.widget
                    if not widget.is_hidden:
                        widget.attrs.setdefault("aria-label", capfirst(field.label))

        Labelled.__name__ = formset.__name__
        return Labelled


class ReadOnly:
    """Records that change only through their pages and services, never here."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class SheetImportLinkMixin:
    """A link, above a changelist, to the spreadsheet import of its records (`import_kind`, one of
    core.sheets.KINDS): the admin site imports through the same page, checks and services as the
    rest of the site, for the province admins who may import."""

    import_kind = ""
    change_list_template = "admin/import_change_list.html"

    def changelist_view(self, request, extra_context=None):
        user = request.user
        extra_context = dict(extra_context or {})
        if self.import_kind and getattr(user, "is_province_admin", False) and user.province_id:
            extra_context["import_url"] = reverse(f"blocs:{self.import_kind}_import", args=[user.province_id])
        return super().changelist_view(request, extra_context=extra_context)
