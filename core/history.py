"""The audit trail as the staff pages show it (django-simple-history keeps it).

A page lists the changes of one or more kinds of record, newest first: when, who, what kind
of change and which fields went from what to what (diff_against between a record's
consecutive historical rows). Foreign keys are shown by name, read in one query per kind of
related record, so that a page's queries do not grow with its history.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.template.defaultfilters import yesno
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from core.versioning import change_author

KINDS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
EMPTY = "—"


@dataclass
class FieldChange:
    field: str  # its name as users read it
    old: str
    new: str


@dataclass
class Entry:
    when: datetime.datetime
    who: str
    kind: str  # "+", "~" or "-"
    subject: str  # which record changed
    changes: list = field(default_factory=list)
    order: int = 0  # the historical row's id, to order changes saved in the same instant

    @property
    def kind_label(self):
        return KINDS[self.kind]


@dataclass
class Source:
    """One kind of record on a history page: its historical rows, what to call each record
    (`subject(record, label)`, where label(record, field name) names a related record) and the
    fields not worth repeating on that page (the conference of a conference's proposal)."""

    records: object  # a queryset of historical rows
    subject: object
    hidden: tuple = ()


def subject_of(model, detail=""):
    """`Award proposal: …` — the kind of record, and which one."""
    name = capfirst(model._meta.verbose_name)
    return f"{name}: {detail}" if detail else str(name)


# How each related record is named, and what naming it reads: the apps register their own
# (each app's AppConfig.ready()), since this module knows none of them.
NAMERS = {}  # model -> (rows(pks) -> queryset, name(obj) -> str)
SELECT_FOR_NAME = {}  # model -> the relations its __str__ reads


def register_namer(model, *, rows=None, name=str, select=()):
    """Name `model`'s records on history pages by `name(obj)`, read with `rows(pks)` (by default
    the records with select_related(*select))."""
    NAMERS[model] = (rows, name)
    if select:
        SELECT_FOR_NAME[model] = list(select)


def _related_names(wanted):
    """{(model, pk): name} for every (model, pk) wanted: one query per kind of record."""
    names = {}
    by_model = defaultdict(set)
    for model, pk in wanted:
        by_model[model].add(pk)
    for model, pks in by_model.items():
        rows, name = NAMERS.get(model, (None, str))
        if rows is None:
            rows = model._default_manager.filter(pk__in=pks).select_related(*SELECT_FOR_NAME.get(model, []))
        else:
            rows = rows(pks)
        for obj in rows:
            names[model, obj.pk] = name(obj)
    return names


def _shown(model_field, value, names):
    if value is None or value == "":
        return EMPTY
    if model_field.is_relation:
        return names.get((model_field.related_model, value), f"#{value}")
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yesno(value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, Decimal):
        return number_format(value.normalize())
    return str(value)


def _shown_fields(record, hidden):
    return [
        f.name
        for f in record.tracked_fields
        if f.editable and not f.many_to_many and f.name not in hidden and f.name != "id"
    ]


def _raw_changes(record, previous, hidden):
    """[(field name, old value, new value)] of one historical row, foreign keys as ids: what a
    change changed (diff_against the row before it), or what a new record holds."""
    shown = _shown_fields(record, hidden)
    if record.history_type == "-":
        return []
    if previous is None:  # created, or the first change the trail kept: what it holds, less what is empty or off
        values = [(name, getattr(record, record._meta.get_field(name).attname)) for name in shown]
        return [(name, None, value) for name, value in values if value not in (None, "") and value is not False]
    delta = record.diff_against(previous, included_fields=shown)
    return [(change.field, change.old, change.new) for change in delta.changes]


def _related(record, raw):
    """The (model, id) of every record that this row or its changes point to."""
    for model_field in record._meta.fields:
        if model_field.is_relation and model_field.name != "history_user":
            value = getattr(record, model_field.attname)
            if value is not None:
                yield model_field.related_model, value
    for name, old, new in raw:
        model_field = record._meta.get_field(name)
        if model_field.is_relation:
            yield from ((model_field.related_model, value) for value in (old, new) if value is not None)


def timeline(*sources):
    """Every change the sources hold, newest first, as Entry objects."""
    rows = []  # (source, record, raw changes), until the names of related records are read
    for source in sources:
        by_record = defaultdict(list)
        for record in source.records.select_related("history_user"):
            by_record[record.id].append(record)
        for records in by_record.values():
            records.sort(key=lambda r: (r.history_date, r.history_id))
            for previous, record in zip([None, *records], records, strict=False):
                rows.append((source, record, _raw_changes(record, previous, source.hidden)))
    names = _related_names({pair for _, record, raw in rows for pair in _related(record, raw)})

    def label(record, name):
        model_field = record._meta.get_field(name)
        return _shown(model_field, getattr(record, model_field.attname), names)

    entries = [
        Entry(
            when=record.history_date,
            who=change_author(record),
            kind=record.history_type,
            subject=source.subject(record, label),
            changes=[
                FieldChange(
                    field=str(capfirst(record._meta.get_field(name).verbose_name)),
                    old=_shown(record._meta.get_field(name), old, names),
                    new=_shown(record._meta.get_field(name), new, names),
                )
                for name, old, new in raw
            ],
            order=record.history_id,
        )
        for source, record, raw in rows
    ]
    entries.sort(key=lambda e: (e.when, e.order), reverse=True)
    return entries
