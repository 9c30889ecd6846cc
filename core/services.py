"""Write helpers that every app's services use: a save that runs the model's rules first and
turns a race into a refusal, a sync of a set of rows, and naming who acts in the audit trail."""

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext, gettext_lazy

RACE_MESSAGE = gettext_lazy(
    "Someone else saved a conflicting record at the same moment, so nothing was saved. Please try again."
)


def by_user(obj, user):
    """Name `user` as the author of obj's next save in the audit trail. A page's user is
    found by the history middleware; a service that is told who acts says so here. The demo
    loader acts as no user: the trail leaves the author empty."""
    if isinstance(user, AbstractBaseUser):
        obj._history_user = user
    return obj


def validated_save(obj, **save_kwargs):
    """full_clean(), then save(). A row that someone else inserted between the two (a race that
    full_clean() could not see) is refused as full_clean() would refuse it now: a
    ValidationError for the page to show, never an IntegrityError."""
    obj.full_clean()
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction can still roll back cleanly
            obj.save(**save_kwargs)
    except IntegrityError as error:
        try:
            obj.validate_unique()
            obj.validate_constraints()
        except ValidationError as refusal:
            raise refusal from error
        raise ValidationError(str(RACE_MESSAGE)) from error
    return obj


def rows_sync(current, wanted, build, *, actor):
    """Make the saved rows `current` ({key: row}) match `wanted` ({key: {field: value}}): delete
    the rows not wanted, change those whose fields differ and add the missing ones, made by
    `build(key, fields)`, each in the audit trail as `actor`'s. A row that stays as it was is not
    saved, so the trail shows only what changed. Returns the wanted rows, in the order of `wanted`."""
    for key, row in current.items():
        if key not in wanted:
            by_user(row, actor).delete()
    rows = []
    for key, fields in wanted.items():
        row = current.get(key)
        if row is None:
            row = validated_save(by_user(build(key, fields), actor))
        elif any(getattr(row, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(row, name, value)
            validated_save(by_user(row, actor))
        rows.append(row)
    return rows


def model_update(instance, *, fields, data):
    """Set `fields` of `instance` from `data` (a dict) and save it through validated_save when
    any of them changed. Returns (instance, changed): an unchanged record is not saved, so the
    audit trail shows only real changes and its version does not move."""
    changed = [name for name in fields if name in data and getattr(instance, name) != data[name]]
    for name in changed:
        setattr(instance, name, data[name])
    if changed or instance._state.adding:
        validated_save(instance)
    return instance, bool(changed)


def record_delete(obj, *, actor):
    """Delete `obj` in the audit trail as `actor`'s. A record that others still point at (history is
    never rewritten: on_delete=PROTECT) is refused with a sentence that names them."""
    try:
        with transaction.atomic():
            by_user(obj, actor).delete()
    except (ProtectedError, RestrictedError) as error:
        rows = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
        raise ValidationError(
            gettext("“%(what)s” cannot be deleted: these records refer to it: %(names)s.")
            % {"what": obj, "names": "; ".join(sorted({str(row) for row in rows}))}
        ) from error
