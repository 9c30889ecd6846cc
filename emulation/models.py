"""Year-end conferences, their attendance, the yearly pledge and the scoring table.

Whatever needs a member points at that year's Membership, so "only members attend,
sign, are scored" holds by construction; that the membership is of the right bloc
and year is checked in clean().
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import FIRST_YEAR, LAST_YEAR, Bloc, Membership, year_field
from core.versioning import Versioned


def format_points(value):
    """Points as people write them: 60 not 6E+1 (what Decimal.normalize() prints), 12,5 in Vietnamese."""
    return number_format(value.normalize())


def _check_member(membership, bloc_id, year, field):
    """A ValidationError dict entry when the membership is not of that bloc and year."""
    if membership is not None and (membership.bloc_id != bloc_id or membership.year != year):
        return {field: _("Must be a member of this bloc in %(year)s.") % {"year": year}}
    return {}


class Conference(Versioned):
    """The year-end conference of a bloc reviewing one year (hội nghị tổng kết)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINALIZED = "finalized", _("Finalized")

    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="conferences", verbose_name=_("bloc"))
    year = year_field(help_text=_("The year the conference reviews."))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("start time"), null=True, blank=True)
    end_time = models.TimeField(_("end time"), null=True, blank=True)
    host = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("host agency"),
        help_text=_("The member agency that hosted the conference, if any."),
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    chair_name = models.CharField(_("chair"), max_length=150, blank=True)
    chair_title = models.CharField(_("chair's title"), max_length=255, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=150, blank=True)
    secretary_title = models.CharField(_("secretary's title"), max_length=255, blank=True)
    document_number = models.CharField(
        _("minutes number"), max_length=50, blank=True, help_text=_("As printed after “Số:”, e.g. 01/BB-KVHXH.")
    )
    results_summary = models.TextField(_("results of the year"), blank=True)
    directions = models.TextField(_("directions for next year"), blank=True)
    absent_opinions = models.TextField(
        _("written opinions of absent members"),
        blank=True,
        help_text=_("One line per absent member: who, and what they wrote of the nominees (in the vote minutes)."),
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    finalized_at = models.DateTimeField(_("finalized at"), null=True, blank=True, editable=False)
    finalized_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("finalized by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("year-end conference")
        verbose_name_plural = _("year-end conferences")
        ordering = ["bloc_id", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year"],
                name="emulation_conference_one_per_bloc_year",
                violation_error_message=_("This bloc already has a conference reviewing this year."),
            ),
            models.CheckConstraint(
                condition=Q(date__year__gt=F("year")),
                name="emulation_conference_after_reviewed_year",
                violation_error_message=_("The conference must be held after the year it reviews has ended."),
            ),
            models.CheckConstraint(
                condition=Q(start_time__isnull=True) | Q(end_time__isnull=True) | Q(end_time__gt=F("start_time")),
                name="emulation_conference_ends_after_start",
                violation_error_message=_("The conference must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="emulation_conference_year_range",
            ),
        ]

    def __str__(self):
        return _("Year-end conference %(year)s of %(bloc)s") % {"year": self.year, "bloc": self.bloc}

    def clean(self):
        errors = {}
        if self.date and self.year and self.date.year <= self.year:
            errors["date"] = _("The conference reviews %(year)s, so it must be held after 31/12/%(year)s.") % {
                "year": self.year
            }
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The conference must end after it starts.")
        if self.bloc_id and self.year:
            errors.update(_check_member(self.host, self.bloc_id, self.year, "host"))
        if errors:
            raise ValidationError(errors)

    @property
    def is_finalized(self):
        return self.status == self.Status.FINALIZED


class Attendance(models.Model):
    """Who attended: a member agency of the reviewed year, or a guest organisation."""

    conference = models.ForeignKey(
        Conference, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("conference")
    )
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("member")
    )
    guest_organisation = models.CharField(_("guest organisation"), max_length=255, blank=True)
    representative = models.CharField(_("representative"), max_length=150, blank=True)
    representative_title = models.CharField(_("title"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        ordering = ["conference_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "membership"],
                condition=Q(membership__isnull=False),
                name="emulation_attendance_member_once",
                violation_error_message=_("This member is already recorded as present."),
            ),
            models.CheckConstraint(
                condition=(Q(membership__isnull=False) & Q(guest_organisation=""))
                | (Q(membership__isnull=True) & ~Q(guest_organisation="")),
                name="emulation_attendance_member_or_guest",
                violation_error_message=_("An attendee is either a member agency or a named guest organisation."),
            ),
        ]

    def __str__(self):
        who = self.membership.printed_name if self.membership_id else self.guest_organisation
        return f"{who}: {self.representative}" if self.representative else who

    def clean(self):
        if self.conference_id:
            errors = _check_member(self.membership, self.conference.bloc_id, self.conference.year, "membership")
            if errors:
                raise ValidationError(errors)


class Pledge(models.Model):
    """The emulation pledge (giao ước thi đua) the members of a bloc sign for a year."""

    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="pledges", verbose_name=_("bloc"))
    year = year_field(help_text=_("The year the pledge is for."))
    content = models.TextField(_("content"), blank=True)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pledge")
        verbose_name_plural = _("pledges")
        ordering = ["bloc_id", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year"],
                name="emulation_pledge_one_per_bloc_year",
                violation_error_message=_("This bloc already has a pledge for this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="emulation_pledge_year_range",
            ),
        ]

    def __str__(self):
        return _("Pledge %(year)s of %(bloc)s") % {"year": self.year, "bloc": self.bloc}


class Signature(models.Model):
    """One member's signature of a pledge."""

    pledge = models.ForeignKey(Pledge, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("pledge"))
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    signer = models.CharField(_("signed by"), max_length=150, blank=True)
    signer_title = models.CharField(_("title"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
        ordering = ["pledge_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["pledge", "membership"],
                name="emulation_signature_once_per_member",
                violation_error_message=_("This member has already signed the pledge."),
            ),
        ]

    def __str__(self):
        return self.membership.printed_name

    def clean(self):
        if self.pledge_id:
            errors = _check_member(self.membership, self.pledge.bloc_id, self.pledge.year, "membership")
            if errors:
                raise ValidationError(errors)


class Criterion(models.Model):
    """A line of a bloc's scoring table for a year."""

    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("bloc"))
    year = year_field()
    group = models.CharField(_("group"), max_length=255, blank=True)
    name = models.CharField(_("criterion"), max_length=500)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["bloc_id", "year", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year", "name"],
                name="emulation_criterion_unique_name",
                violation_error_message=_("This scoring table already has a criterion with this name."),
            ),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="emulation_criterion_max_positive"),
        ]

    def __str__(self):
        return self.name


class Score(models.Model):
    """The points a member earned on one criterion."""

    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="scores", verbose_name=_("criterion")
    )
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    points = models.DecimalField(
        _("points"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion_id", "membership_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "membership"],
                name="emulation_score_once_per_member",
                violation_error_message=_("This member already has points for this criterion."),
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="emulation_score_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"

    def clean(self):
        errors = {}
        if self.criterion_id:
            criterion = self.criterion
            errors.update(_check_member(self.membership, criterion.bloc_id, criterion.year, "membership"))
            if self.points is not None and self.points > criterion.max_points:
                errors["points"] = _("At most %(max)s points for “%(criterion)s”.") % {
                    "max": format_points(criterion.max_points),
                    "criterion": criterion.name,
                }
        if errors:
            raise ValidationError(errors)


class SelfAssessment(Versioned):
    """A member agency's own part of a year, prepared by its own staff: its points against the
    bloc's criteria with a comment on each (SelfScore), its evidence (core attachments kept with
    this record), its acknowledgement of the pledge the conference signs for the year after, and
    its achievement report when it is nominated. None of it is the bloc's record: the bloc's
    Score rows change only when the bloc's secretary adopts it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Sent to the bloc")
        ADOPTED = "adopted", _("Adopted by the bloc")

    membership = models.OneToOneField(
        Membership, on_delete=models.PROTECT, related_name="self_assessment", verbose_name=_("member")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("sent at"), null=True, blank=True, editable=False)
    pledge_acknowledged_at = models.DateTimeField(_("pledge confirmed at"), null=True, blank=True, editable=False)
    pledge_acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("pledge confirmed by"),
    )
    achievement_report = models.TextField(
        _("achievement report"), blank=True, help_text=_("The agency's own report of its achievements when nominated.")
    )
    adopted_at = models.DateTimeField(_("adopted at"), null=True, blank=True, editable=False)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("adopted by"),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessment")
        verbose_name_plural = _("self-assessments")
        ordering = ["membership_id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(submitted_at__isnull=False),
                name="emulation_selfassessment_sent_dated",
                violation_error_message=_("A self-assessment sent to the bloc needs the time it was sent."),
            ),
            models.CheckConstraint(
                condition=~Q(status="adopted") | Q(adopted_at__isnull=False),
                name="emulation_selfassessment_adopted_dated",
                violation_error_message=_("An adopted self-assessment needs the time it was adopted."),
            ),
        ]

    def __str__(self):
        return _("Self-assessment of %(member)s") % {"member": self.membership}

    @property
    def is_sent(self):
        return self.status != self.Status.DRAFT


class SelfScore(models.Model):
    """The points a member agency gives itself on one criterion, with its comment."""

    assessment = models.ForeignKey(
        SelfAssessment, on_delete=models.CASCADE, related_name="scores", verbose_name=_("self-assessment")
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("criterion"))
    points = models.DecimalField(
        _("points"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    comment = models.TextField(_("comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("self-assessed score")
        verbose_name_plural = _("self-assessed scores")
        ordering = ["assessment_id", "criterion_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "criterion"],
                name="emulation_selfscore_once_per_criterion",
                violation_error_message=_("This self-assessment already has points for this criterion."),
            ),
            models.CheckConstraint(condition=Q(points__gte=0), name="emulation_selfscore_not_negative"),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.points}"

    def clean(self):
        errors = {}
        if self.criterion_id and self.assessment_id:
            criterion, membership = self.criterion, self.assessment.membership
            if (criterion.bloc_id, criterion.year) != (membership.bloc_id, membership.year):
                errors["criterion"] = _("Must be a criterion of this bloc in %(year)s.") % {"year": membership.year}
            if self.points is not None and self.points > criterion.max_points:
                errors["points"] = _("At most %(max)s points for “%(criterion)s”.") % {
                    "max": format_points(criterion.max_points),
                    "criterion": criterion.name,
                }
        if errors:
            raise ValidationError(errors)
