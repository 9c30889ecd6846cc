"""Award proposals voted at a conference, and what the awarding authority decided.

A proposal goes proposed → submitted (in a tờ trình) → approved or not approved (by a
decision). Its status and its links to the submission and the decision agree, which
the database checks; every transition goes through awards.services.

Quotas and vote thresholds are not in the code: an AwardRule holds them, a default one
(no province) that a province may override with its own regulation.
"""

import math

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from blocs.models import Membership, Province
from core.models import OfficialDocument
from core.versioning import Versioned
from emulation.models import Conference


class AwardType(Versioned):
    """A form of award (hình thức khen thưởng) such as Cờ thi đua của Chính phủ."""

    class Nominee(models.TextChoices):
        COLLECTIVE = "collective", _("Collective (an agency)")
        INDIVIDUAL = "individual", _("Individual")
        EITHER = "either", _("Collective or individual")

    name = models.CharField(_("name"), max_length=255, unique=True)
    authority = models.CharField(
        _("awarding authority"), max_length=255, help_text=_("Who confers it, e.g. Chủ tịch UBND tỉnh.")
    )
    nominee = models.CharField(_("nominee"), max_length=20, choices=Nominee.choices, default=Nominee.COLLECTIVE)
    precedence = models.PositiveSmallIntegerField(
        _("precedence"), default=100, help_text=_("Higher awards first: a smaller number is printed first.")
    )
    is_active = models.BooleanField(_("in use"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award type")
        verbose_name_plural = _("award types")
        ordering = ["precedence", "name"]

    def __str__(self):
        return self.name

    @property
    def for_individuals(self):
        return self.nominee != self.Nominee.COLLECTIVE

    @property
    def for_collectives(self):
        return self.nominee != self.Nominee.INDIVIDUAL


class AwardRuleQuerySet(models.QuerySet):
    def for_province(self, province):
        """{award type id: the rule in force}: the province's own, else the default."""
        rules = {}
        for rule in self.filter(Q(province__isnull=True) | Q(province=province)).order_by("province_id"):
            if rule.province_id or rule.award_type_id not in rules:
                rules[rule.award_type_id] = rule
        return rules


class AwardRule(Versioned):
    """The quota and vote threshold of an award type: a default (no province) or a
    province's own regulation, which replaces the default for that province."""

    class Basis(models.TextChoices):
        BLOC_MEMBERS = "bloc_members", _("members of the bloc")
        BLOC_LEADERS = "bloc_leaders", _("units leading their blocs in the province")

    class Enforcement(models.TextChoices):
        WARN = "warn", _("Warn")
        BLOCK = "block", _("Block")

    award_type = models.ForeignKey(
        AwardType, on_delete=models.CASCADE, related_name="rules", verbose_name=_("award type")
    )
    province = models.ForeignKey(
        Province,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="award_rules",
        verbose_name=_("province"),
        help_text=_("Empty: the default for every province that has no rule of its own."),
    )
    quota_percent = models.DecimalField(
        _("quota (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("At most this share of the basis may be proposed, rounded down."),
    )
    quota_basis = models.CharField(_("quota basis"), max_length=20, choices=Basis.choices, default=Basis.BLOC_MEMBERS)
    quota_count = models.PositiveSmallIntegerField(
        _("quota (number)"), null=True, blank=True, help_text=_("At most this many per bloc and year.")
    )
    vote_threshold_percent = models.DecimalField(
        _("vote threshold (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("A nominee needs at least this share of the ballots cast."),
    )
    enforcement = models.CharField(
        _("when broken"), max_length=10, choices=Enforcement.choices, default=Enforcement.WARN
    )
    source = models.TextField(
        _("legal source"), help_text=_("The regulation the rule comes from, as users should cite it.")
    )

    objects = AwardRuleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quota and threshold rule")
        verbose_name_plural = _("quota and threshold rules")
        ordering = ["award_type_id", "province_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["award_type", "province"],
                name="awards_awardrule_one_per_province",
                violation_error_message=_("This province already has a rule for this award type."),
            ),
            models.UniqueConstraint(
                fields=["award_type"],
                condition=Q(province__isnull=True),
                name="awards_awardrule_one_default",
                violation_error_message=_("This award type already has a default rule."),
            ),
            models.CheckConstraint(
                condition=(Q(quota_percent__isnull=True) | Q(quota_percent__gt=0, quota_percent__lte=100))
                & (
                    Q(vote_threshold_percent__isnull=True)
                    | Q(vote_threshold_percent__gt=0, vote_threshold_percent__lte=100)
                ),
                name="awards_awardrule_percents_in_range",
                violation_error_message=_("A percentage must be above 0 and at most 100."),
            ),
        ]

    def __str__(self):
        where = self.province or _("default")
        return f"{self.award_type} ({where})"

    @property
    def is_default(self):
        return self.province_id is None

    def percent_quota(self, basis_size):
        """How many of `basis_size` the percentage allows (rounded down), or None."""
        if self.quota_percent is None:
            return None
        return math.floor(basis_size * self.quota_percent / 100)


class Submission(OfficialDocument):
    """A tờ trình: the letter that sends proposals to the awarding authority."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="award_submissions", verbose_name=_("province")
    )
    issuer = models.CharField(
        _("issued by"), max_length=255, blank=True, help_text=_("e.g. Sở Nội vụ, or UBND tỉnh for the Government.")
    )

    history = HistoricalRecords()

    class Meta(OfficialDocument.Meta):
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number", "date"],
                name="awards_submission_unique_number",
                violation_error_message=_("This submission is already recorded."),
            ),
        ]

    def clean(self):
        """A corrected date keeps the order the services record: conference, submission, decision."""
        if not (self.pk and self.date):
            return
        proposals = self.proposals.select_related("conference__bloc", "award_type", "membership__agency", "decision")
        early = sorted({str(p.conference) for p in proposals if self.date < p.conference.date})
        if early:
            raise ValidationError(
                {
                    "date": _("Nothing was recorded: the submission cannot be dated before the conference: %(names)s.")
                    % {"names": "; ".join(early)}
                }
            )
        _refuse_decided_before_submitted([p for p in proposals if p.decision and p.decision.date < self.date])


class Decision(OfficialDocument):
    """The awarding authority's decision (quyết định khen thưởng)."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="award_decisions", verbose_name=_("province")
    )
    authority = models.CharField(_("issued by"), max_length=255, blank=True, help_text=_("e.g. UBND tỉnh."))

    history = HistoricalRecords()

    class Meta(OfficialDocument.Meta):
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number", "date"],
                name="awards_decision_unique_number",
                violation_error_message=_("This decision is already recorded."),
            ),
        ]

    def clean(self):
        if not (self.pk and self.date):
            return
        proposals = self.proposals.select_related("conference__bloc", "award_type", "membership__agency", "submission")
        _refuse_decided_before_submitted([p for p in proposals if self.date < p.submission.date])


def _refuse_decided_before_submitted(proposals):
    if proposals:
        raise ValidationError(
            {
                "date": _("Nothing was recorded: the decision cannot be dated before the submission of %(names)s.")
                % {"names": "; ".join(str(p) for p in proposals)}
            }
        )


class Proposal(Versioned):
    """A nominee proposed for an award type at a conference (đề nghị khen thưởng)."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        SUBMITTED = "submitted", _("Submitted")
        APPROVED = "approved", _("Approved")
        NOT_APPROVED = "not_approved", _("Not approved")

    conference = models.ForeignKey(
        Conference, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("conference")
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("award type")
    )
    membership = models.ForeignKey(
        Membership,
        on_delete=models.PROTECT,
        related_name="award_proposals",
        verbose_name=_("agency"),
        help_text=_("The nominee, or for an individual the agency they work for."),
    )
    person_name = models.CharField(_("individual's name"), max_length=150, blank=True)
    person_position = models.CharField(_("individual's position"), max_length=255, blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes in favour"))
    ballots = models.PositiveSmallIntegerField(_("ballots cast"))
    achievements = models.TextField(_("achievements"), blank=True)
    note = models.CharField(_("note"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    submission = models.ForeignKey(
        Submission,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("submission"),
    )
    decision = models.ForeignKey(
        Decision, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals", verbose_name=_("decision")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("award proposal")
        verbose_name_plural = _("award proposals")
        ordering = ["conference_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["conference", "award_type", "membership", "person_name"],
                name="awards_proposal_once_per_type",
                violation_error_message=_("This nominee is already proposed for this award at this conference."),
            ),
            models.CheckConstraint(
                condition=Q(votes_for__lte=F("ballots")),
                name="awards_proposal_votes_within_ballots",
                violation_error_message=_("The votes in favour cannot exceed the ballots cast."),
            ),
            models.CheckConstraint(
                condition=Q(status="proposed", submission__isnull=True, decision__isnull=True)
                | Q(status="submitted", submission__isnull=False, decision__isnull=True)
                | Q(status__in=["approved", "not_approved"], submission__isnull=False, decision__isnull=False),
                name="awards_proposal_status_matches_documents",
                violation_error_message=_(
                    "A submitted proposal needs its submission, and a decided one its submission and decision."
                ),
            ),
        ]

    def __str__(self):
        return _("%(award)s for %(nominee)s") % {"award": self.award_type, "nominee": self.nominee_name}

    @property
    def nominee_name(self):
        """As the records of that year print it: the person and their agency, or the agency."""
        agency = self.membership.printed_name
        if self.person_name:
            return (
                f"{self.person_name}, {self.person_position}, {agency}"
                if self.person_position
                else (f"{self.person_name}, {agency}")
            )
        return agency

    @property
    def vote_share(self):
        return self.votes_for * 100 / self.ballots if self.ballots else 0

    def clean(self):
        errors = {}
        # The results page checks its lines before a new conference is saved: an unsaved
        # conference still knows its bloc and year.
        conference = self.conference if self.conference_id or Proposal.conference.is_cached(self) else None
        if conference and self.membership_id:
            membership = self.membership
            if membership.bloc_id != conference.bloc_id or membership.year != conference.year:
                errors["membership"] = _("The nominee must be a member of the bloc in %(year)s.") % {
                    "year": conference.year
                }
            members = Membership.objects.filter(bloc_id=conference.bloc_id, year=conference.year).count()
            if self.ballots is not None and self.ballots > members:
                errors["ballots"] = _("At most %(count)s ballots: the bloc had %(count)s members in %(year)s.") % {
                    "count": members,
                    "year": conference.year,
                }
        if self.votes_for is not None and self.ballots is not None and self.votes_for > self.ballots:
            errors["votes_for"] = _("The votes in favour cannot exceed the ballots cast.")
        if self.award_type_id:
            if not self.award_type.for_collectives and not self.person_name:
                errors["person_name"] = _("Name the individual proposed for this award.")
            if not self.award_type.for_individuals and (self.person_name or self.person_position):
                errors["person_name"] = _("This award is for an agency: leave the individual's name empty.")
        if errors:
            raise ValidationError(errors)
