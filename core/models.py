"""Abstract models that know no domain."""

from django.db import models
from django.utils.translation import gettext_lazy as _

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
