"""The province's deadlines of a year: the dashboard marks the blocs that are late."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import Province, year_field


class YearDeadline(models.Model):
    """When the province wants each step of a year done (e.g. dossiers due 10/12). Each
    date is optional: a step without one is never late."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="year_deadlines", verbose_name=_("province")
    )
    year = year_field(help_text=_("The year the blocs review."))
    members_due = models.DateField(_("members set by"), null=True, blank=True)
    conference_due = models.DateField(_("conference held by"), null=True, blank=True)
    finalized_due = models.DateField(_("finalized by"), null=True, blank=True)
    dossiers_due = models.DateField(_("dossiers sent by"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deadlines of a year")
        verbose_name_plural = _("deadlines of a year")
        ordering = ["province_id", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year"],
                name="dashboard_yeardeadline_one_per_province_year",
                violation_error_message=_("This province already has deadlines for this year."),
            ),
        ]

    def __str__(self):
        return _("Deadlines of %(year)s, %(province)s") % {"year": self.year, "province": self.province}
