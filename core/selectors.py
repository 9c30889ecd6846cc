"""Reads that any app's pages use and that know no domain."""

from core.models import Attachment


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
