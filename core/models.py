"""Models that know no domain: abstract ones, and the files kept with any record."""

import uuid

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.files.storage import Storage, storages
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.versioning import Versioned


class OfficialDocument(Versioned):
    """A numbered, dated and signed administrative document (văn bản: tờ trình, quyết định) as
    recorded from its printed original. Who issues it, and for which province, is the concrete
    model's to say."""

    number = models.CharField(
        _("number"), max_length=50, help_text=_("As printed after “Số:”, e.g. 15/TTr-SNV or 123/QĐ-UBND.")
    )
    date = models.DateField(_("date"))
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=150,
        blank=True,
        help_text=_("The line above the title: TM. Ủy ban nhân dân, KT. Chủ tịch, Q. Giám đốc; blank if none."),
    )
    signer_title = models.CharField(_("signer's title"), max_length=255, blank=True)
    is_illustrative = models.BooleanField(_("illustrative"), default=False, help_text=_("Demo data only."))

    class Meta:
        abstract = True
        ordering = ["-date", "number"]

    def __str__(self):
        return _("%(kind)s %(number)s of %(date)s") % {
            "kind": self._meta.verbose_name.capitalize(),
            "number": self.number,
            "date": self.date.strftime("%d/%m/%Y"),
        }


class _AttachmentStorage(Storage):
    """settings.STORAGES["attachments"] as it is configured when a file is read or written (a
    field's storage is otherwise fixed when the models load): the file system under var/ by
    default, an S3-compatible store by setting (docs/deployment.md). Never served from a public URL."""

    def __getattribute__(self, name):
        if name.startswith("__"):
            return super().__getattribute__(name)
        return getattr(storages["attachments"], name)


_ATTACHMENT_STORAGE = _AttachmentStorage()


def attachment_storage():
    return _ATTACHMENT_STORAGE


def attachment_path(instance, filename):
    """app/model/record id/random-name: a stored name nobody can guess or choose."""
    record = f"{instance.content_type.app_label}/{instance.content_type.model}/{instance.object_id}"
    return f"{record}/{uuid.uuid4().hex}-{filename}"


class Attachment(models.Model):
    """A file kept with a record (a signed original: minutes, pledge, tờ trình, decision, a photo).
    Which record is a generic relation, so that this app knows no domain; who may read and add is
    the record's app's to say."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    title = models.CharField(_("document title"), max_length=200)
    file = models.FileField(_("file"), storage=attachment_storage, upload_to=attachment_path, max_length=400)
    name = models.CharField(_("file name"), max_length=120)
    kind = models.CharField(_("type"), max_length=10)
    size = models.PositiveBigIntegerField(_("size"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="core_attachment_record")]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "sha256"],
                name="core_attachment_once_per_record",
                violation_error_message=_("This file is already attached to this record."),
            ),
            models.CheckConstraint(condition=Q(size__gt=0), name="core_attachment_not_empty"),
        ]

    def __str__(self):
        return _("Attachment “%(title)s” (%(name)s)") % {"title": self.title, "name": self.name}
