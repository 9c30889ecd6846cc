"""Write helpers that every app's services use: a save that runs the model's rules first and
turns a race into a refusal, a sync of a set of rows, and naming who acts in the audit trail."""

import hashlib

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError, RestrictedError, Sum
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext, gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from core import attachments
from core.models import Attachment
from core.versioning import EditConflict, Versioned

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


def validated_save(obj, *, claim=False, **save_kwargs):
    """full_clean(), then save(). A row that someone else inserted between the two (a race that
    full_clean() could not see) is refused as full_clean() would refuse it now: a
    ValidationError for the page to show, never an IntegrityError.

    A versioned record read from the database and given back unchanged is not saved: its version
    does not move and the audit trail gets no empty entry. `claim=True` saves it all the same, for
    a record whose version also stands for rows saved with it (a conference for its attendance
    and scores, a user for their blocs): their change must move it, so that a page opened before
    is refused."""
    obj.full_clean()
    if not claim and isinstance(obj, Versioned) and obj.changed_fields() == set():
        return obj
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction can still roll back cleanly
            obj.save(**save_kwargs)
    except IntegrityError as error:
        _refuse(error, [obj])
    return obj


def _refuse(error, rows):
    """An IntegrityError the database raised for `rows` (a race the caller could not see), refused
    in the words of the constraint a row breaks, or as a race."""
    for row in rows:
        try:
            row.validate_unique()
            row.validate_constraints()
        except ValidationError as refusal:
            raise refusal from error
    raise ValidationError(str(RACE_MESSAGE)) from error


def check_rows(rows, *, exclude):
    """Each row's own rules (its fields and clean()), as validated_save runs them, for rows written in
    bulk: without the per-row queries of unique constraints, check constraints and the foreign keys in
    `exclude`, which the caller read from the database in one query per kind (the database's
    constraints still stand behind them, see bulk_write). All the sentences at once."""
    errors = []
    for row in rows:
        try:
            row.full_clean(exclude=exclude, validate_unique=False, validate_constraints=False)
        except ValidationError as refusal:
            errors.extend(refusal.messages)
    if errors:
        raise ValidationError(errors)


BATCH = 500  # rows per statement: within SQLite's limit of variables per statement


def bulk_write(model, rows, fields, *, actor):
    """Create the unsaved `rows` and update `fields` of the saved ones in a few statements, each row
    with its history row (django-simple-history's bulk utilities), as `actor`'s. For imports of many
    rows, once check_rows passed. A Versioned row is claimed at the version it was read with, as its
    save() would claim it: one read of the versions, locked, and EditConflict if any moved. A row the
    database refuses (a race the caller could not see) is refused as validated_save refuses it: the
    constraint's sentence, never an IntegrityError."""
    user = actor if getattr(actor, "pk", None) else None
    new = [row for row in rows if row.pk is None]
    changed = [row for row in rows if row.pk is not None]
    try:
        with transaction.atomic():  # a savepoint: the caller's transaction can still roll back cleanly
            if changed and issubclass(model, Versioned):
                _claim_versions(model, changed)
                fields = [*fields, "version"]
            if new:
                bulk_create_with_history(new, model, batch_size=BATCH, default_user=user)
            if changed:
                bulk_update_with_history(changed, model, fields, batch_size=BATCH, default_user=user)
    except IntegrityError as error:
        _refuse(error, [*new, *changed])


def _claim_versions(model, rows):
    saved = {}
    for start in range(0, len(rows), BATCH):
        pks = [row.pk for row in rows[start : start + BATCH]]
        saved.update(model._base_manager.select_for_update().filter(pk__in=pks).values_list("pk", "version"))
    stale = [row for row in rows if saved.get(row.pk) != row.version]
    if stale:
        raise EditConflict(*stale[:3])
    for row in rows:
        row.version += 1


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


@transaction.atomic
def attachment_add(*, actor, record, title, upload):
    """Keep `upload` (an uploaded file) with `record` under `title`: refused unless it is a PDF,
    JPEG, PNG, DOCX or XLSX by its content, not empty and within the limits per file and per
    record. The file is written through the attachments storage only once it passed; if the row
    cannot be saved (the same file attached at the same moment) the written file is removed."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({"file": attachments.EMPTY})
    if size > attachments.max_file_size():
        raise ValidationError({"file": too_large(attachments.max_file_size())})
    content_type = ContentType.objects.get_for_model(record)
    kept = Attachment.objects.filter(content_type=content_type, object_id=record.pk)
    if (kept.aggregate(total=Sum("size"))["total"] or 0) + size > attachments.max_record_size():
        raise ValidationError({"file": record_full(attachments.max_record_size())})
    kind = attachments.sniff(upload)
    if kind is None:
        raise ValidationError({"file": attachments.NOT_ACCEPTED})
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    name = attachments.clean_name(upload.name, kind)
    attachment = Attachment(
        content_type=content_type,
        object_id=record.pk,
        title=(title or "").strip() or name,
        name=name,
        kind=kind,
        size=size,
        sha256=digest.hexdigest(),
        uploaded_by=actor if isinstance(actor, AbstractBaseUser) else None,
    )
    attachment.full_clean(exclude=["file"])
    attachment.file.save(attachments.storage_name(name), upload, save=False)
    try:
        validated_save(by_user(attachment, actor))
    except Exception:
        attachment.file.storage.delete(attachment.file.name)
        raise
    return attachment


@transaction.atomic
def attachment_delete(*, actor, attachment):
    """Remove an attachment: its row (the audit trail keeps who and when) and then its file."""
    name, storage = attachment.file.name, attachment.file.storage
    by_user(attachment, actor).delete()
    transaction.on_commit(lambda: storage.delete(name))


def too_large(limit):
    return gettext("A file may be at most %(size)s.") % {"size": filesizeformat(limit)}


def record_full(limit):
    return gettext("The files of one record may be at most %(size)s together.") % {"size": filesizeformat(limit)}
