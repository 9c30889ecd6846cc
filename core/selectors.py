"""Reads that any app's pages use and that know no domain."""

from django.contrib.contenttypes.models import ContentType

from core.models import Attachment


def attachments_of(record):
    """The files kept with `record`, oldest first, with who uploaded each."""
    return list(
        Attachment.objects.filter(content_type=ContentType.objects.get_for_model(record), object_id=record.pk)
        .select_related("uploaded_by")
        .order_by("uploaded_at", "pk")
    )
