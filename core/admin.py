"""Admin building blocks that know no domain: input that cannot reach the database as
typed, history pages for those who may see the record, the version check of a form, and
read-only admins."""

import logging

from django import forms
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import HttpResponseRedirect
from simple_history.admin import SimpleHistoryAdmin

from core.services import RACE_MESSAGE

logger = logging.getLogger(__name__)


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


class ScopedHistoryAdmin(SimpleHistoryAdmin):
    """The audit trail of a record (django-simple-history's history pages), for those who may
    see the record, read only. A record outside the user's rows gets what an unknown id gets
    (the admin's "doesn't exist" redirect): simple-history would otherwise find another
    province's record through its historical rows."""

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

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # A refusal the form could not foresee: someone else saved the record, or a conflicting
        # one, after the form was checked (blocs.models.EditConflict, services.validated_save).
        # The transaction has rolled back; the user is told, not shown a server error.
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as refusal:
            self.message_user(request, " ".join(refusal.messages), messages.ERROR)
        except IntegrityError:
            logger.warning("A save in the admin site broke a database rule", exc_info=True)
            self.message_user(request, RACE_MESSAGE, messages.ERROR)
        return HttpResponseRedirect(request.get_full_path())


class VersionedAdminForm(forms.ModelForm):
    """Carries the version of the record the form showed (blocs.models.Versioned)."""

    shown_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["shown_version"].initial = self.instance.version


class VersionedAdminMixin:
    """A save from the admin site is refused when the record changed after its form was shown."""

    form = VersionedAdminForm

    def save_model(self, request, obj, form, change):
        if change and form.cleaned_data.get("shown_version") is not None:
            obj.version = form.cleaned_data["shown_version"]
        super().save_model(request, obj, form, change)


class ReadOnly:
    """Records that change only through their pages and services, never here."""

    def has_add_permission(self, request, *args):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
