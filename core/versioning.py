"""No lost updates: every save of a loaded record claims its row at the version it was read
with, and who saved last is named from the audit trail (django-simple-history)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.signals import pre_create_historical_record


def change_author(record):
    """Who made a historical change, as pages name them."""
    user = record.history_user if record is not None else None
    return user.display_name if user else gettext("an unknown user")


def change_time(record):
    """When a historical change was made, in local time, dd/mm/yyyy hh:mm."""
    return timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M") if record is not None else "?"


class EditConflict(ValidationError):
    """Someone else saved these objects after the page showed them: the save is refused.

    A ValidationError, so that every page that shows a service's refusals shows this one too;
    the message names who saved last, and when, from the audit trail.
    """

    def __init__(self, *objs):
        self.objs = objs
        changes = [(obj, obj.history.select_related("history_user").first()) for obj in objs]
        if len(changes) == 1:
            obj, record = changes[0]
            message = gettext(
                "Nothing was saved: %(who)s saved “%(what)s” at %(when)s, after you opened this page."
            ) % {
                "who": change_author(record),
                "what": obj,
                "when": change_time(record),
            }
        else:
            message = gettext("Nothing was saved: some of them changed after you opened this page: %(changes)s.") % {
                "changes": "; ".join(
                    gettext("%(what)s (%(who)s, %(when)s)")
                    % {"what": obj, "who": change_author(record), "when": change_time(record)}
                    for obj, record in changes
                )
            }
        super().__init__(message, code="conflict")


class Versioned(models.Model):
    """No lost updates. Every save of a loaded object first claims its row with one
    UPDATE … SET version = version + 1 WHERE id = … AND version = <the version it was loaded
    with>. No row matched: someone else saved in between, and EditConflict is raised, so
    that the caller's transaction saves nothing. The UPDATE also locks the row until the
    transaction ends: a concurrent save waits, then finds the version moved on.

    A page that lets users edit the object carries the version it showed, and sets it back
    on the object before saving (services take it as `version=`).
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    # A save of only these fields is bookkeeping, not an edit (a login's last_login): it claims nothing.
    unversioned_fields = frozenset()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        bookkeeping = update_fields is not None and set(update_fields) <= self.unversioned_fields
        if not self._state.adding and not bookkeeping:
            claimed = type(self)._base_manager.filter(pk=self.pk, version=self.version).update(version=F("version") + 1)
            if not claimed:
                raise EditConflict(self)
            self.version += 1
        super().save(*args, **kwargs)
        self._read = self._values()

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        record._read = dict(zip(field_names, values, strict=True))  # what the row held, to tell a change from none
        return record

    def refresh_from_db(self, using=None, fields=None, **kwargs):
        super().refresh_from_db(using=using, fields=fields, **kwargs)
        values = self._values()
        if fields is not None:  # only these were read again: the others keep what they were read as
            names = {self._meta.get_field(name).attname for name in fields if name != "pk"}
            values = getattr(self, "_read", {}) | {name: value for name, value in values.items() if name in names}
        self._read = values

    def _values(self):
        deferred = self.get_deferred_fields()  # not read: reading them now would cost a query each
        return {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields if f.attname not in deferred}

    def changed_fields(self):
        """The fields (attnames) whose value differs from the row as it was read, the version
        aside; None for a record not read from the database (a new one), which is all change."""
        read = getattr(self, "_read", None)
        if self._state.adding or read is None:
            return None
        return {name for name, value in read.items() if name != "version" and getattr(self, name) != value}


@receiver(pre_create_historical_record)
def history_date_in_milliseconds(sender, history_instance, **kwargs):
    """The JSON backup (docs/backup.md) keeps times to the millisecond: so does the audit trail,
    so that a restored trail is the same to the last digit."""
    when = history_instance.history_date
    history_instance.history_date = when.replace(microsecond=when.microsecond // 1000 * 1000)
