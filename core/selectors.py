"""Reads that any app's pages use and that know no domain."""

from django.db.models import IntegerField, Subquery

from core.models import Attachment


class SubqueryCount(Subquery):
    """COUNT(*) of a correlated query, as a column of the outer one: a count per row that joins
    nothing to the outer rows, so they need no GROUP BY over every column they carry."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) _counted)"
    output_field = IntegerField()

    def __init__(self, queryset, **extra):
        super().__init__(queryset.order_by(), **extra)  # a count needs no order: the models' would sort each


def attachments_of(record):
    """The files kept with `record`, oldest first, with who uploaded each."""
    meta = record._meta  # by the content type's natural key: one query, whatever the cache holds
    return list(
        Attachment.objects.filter(
            content_type__app_label=meta.app_label, content_type__model=meta.model_name, object_id=record.pk
        )
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
