"""Award proposals voted at a conference, and what the awarding authority decided.

A proposal goes proposed → submitted (in a tờ trình) → approved or not approved (by a
decision). Its status and its links to the submission and the decision agree, which
the database checks; every transition goes through awards.services.

Quotas, vote thresholds, eligibility conditions and prize multipliers are not in the code:
an AwardRule holds them for a period (valid_from–valid_until), a national default (no
province) that a province's own regulation overrides within its own period. Which rule
judges a proposal, and why, is awards/rules.py's to say.
"""

import math
from decimal import ROUND_CEILING, Decimal

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
    def in_force(self, on):
        """The rules whose period covers the date `on` (an open end covers every date)."""
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=on)).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=on)
        )

    def for_province(self, province, on):
        """{award type id: the rule in force on `on`}: the province's own regulation where it has
        one for that date, else the national default. One query."""
        rules = {}
        in_force = self.in_force(on).filter(Q(province__isnull=True) | Q(province=province))
        for rule in in_force.select_related("award_type", "province").order_by("province_id"):
            if rule.province_id or rule.award_type_id not in rules:
                rules[rule.award_type_id] = rule
        return rules

    def prize_rules(self, province, on):
        """{award type id: the rule whose prize multipliers apply on `on`}: the province's own
        where it sets multipliers, else the national default's."""
        rules = {}
        for rule in (
            self.in_force(on)
            .filter(Q(province__isnull=True) | Q(province=province))
            .filter(Q(prize_multiplier_collective__isnull=False) | Q(prize_multiplier_individual__isnull=False))
            .order_by("province_id")
        ):
            if rule.province_id or rule.award_type_id not in rules:
                rules[rule.award_type_id] = rule
        return rules


class AwardRule(Versioned):
    """One version of an award type's rules, in force from valid_from to valid_until (either end
    open): quota, vote threshold and the basis each is counted on, an eligibility condition on
    the nominee's own record, and the prize multipliers. A default (no province) is national;
    a province's own regulation replaces it for that province within its own period."""

    class Basis(models.TextChoices):
        BLOC_MEMBERS = "bloc_members", _("members of the bloc")
        BLOC_LEADERS = "bloc_leaders", _("blocs of the province that year (one leading unit each)")

    class VoteBasis(models.TextChoices):
        BALLOTS = "ballots", _("ballots cast")
        BLOC_MEMBERS = "bloc_members", _("all members of the bloc that year")
        COUNCIL = "council", _("all members of the council (absent members' written opinions counted)")

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
        help_text=_("Empty: the national default for every province that has no rule of its own for that date."),
    )
    valid_from = models.DateField(
        _("in force from"), null=True, blank=True, help_text=_("Empty: since before any record here.")
    )
    valid_until = models.DateField(_("in force until"), null=True, blank=True, help_text=_("Empty: still in force."))
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
        help_text=_("A nominee needs at least this share of the votes, counted on the vote basis."),
    )
    vote_basis = models.CharField(_("vote basis"), max_length=20, choices=VoteBasis.choices, default=VoteBasis.BALLOTS)
    required_award = models.ForeignKey(
        AwardType,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requires earlier award"),
        help_text=_("The nominee must have been awarded this (decided) in each of the years before."),
    )
    required_years = models.PositiveSmallIntegerField(
        _("in how many consecutive years before"),
        null=True,
        blank=True,
        help_text=_("e.g. 2: the earlier award in each of the two years before the reviewed year."),
    )
    required_source = models.TextField(
        _("source of the condition"), blank=True, help_text=_("Empty: the rule's legal source.")
    )
    prize_multiplier_collective = models.DecimalField(
        _("prize for a collective (× base salary)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    prize_multiplier_individual = models.DecimalField(
        _("prize for an individual (× base salary)"), max_digits=5, decimal_places=2, null=True, blank=True
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
        verbose_name = _("award rule")
        verbose_name_plural = _("award rules")
        ordering = ["award_type_id", "province_id", "valid_from"]
        constraints = [
            # Two versions cannot start on the same day; an open start (valid_from empty) is
            # checked apart, since the database holds no two NULLs equal. Overlapping periods are
            # refused by clean().
            models.UniqueConstraint(
                fields=["award_type", "province", "valid_from"],
                name="awards_awardrule_one_per_province_and_start",
                violation_error_message=_("This province already has a rule for this award type from that date."),
            ),
            models.UniqueConstraint(
                fields=["award_type", "province"],
                condition=Q(valid_from__isnull=True),
                name="awards_awardrule_one_per_province",
                violation_error_message=_("This province already has a rule for this award type."),
            ),
            models.UniqueConstraint(
                fields=["award_type", "valid_from"],
                condition=Q(province__isnull=True),
                name="awards_awardrule_one_default_per_start",
                violation_error_message=_("This award type already has a default rule from that date."),
            ),
            models.UniqueConstraint(
                fields=["award_type"],
                condition=Q(province__isnull=True, valid_from__isnull=True),
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
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
                name="awards_awardrule_period_in_order",
                violation_error_message=_("A rule cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=Q(required_award__isnull=True, required_years__isnull=True)
                | Q(required_award__isnull=False, required_years__gte=1),
                name="awards_awardrule_condition_complete",
                violation_error_message=_("An eligibility condition needs both the earlier award and the years."),
            ),
        ]

    def __str__(self):
        where = self.province or _("default")
        return f"{self.award_type} ({where}, {self.period})"

    @property
    def is_default(self):
        return self.province_id is None

    @property
    def period(self):
        start = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else "…"
        end = self.valid_until.strftime("%d/%m/%Y") if self.valid_until else "…"
        return f"{start}–{end}"

    @property
    def condition_source(self):
        return self.required_source or self.source

    def covers(self, on):
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_until is None or on <= self.valid_until
        )

    def clean(self):
        """Two versions of one award type's rules for the same province (or two defaults) may
        not be in force on the same day: the rule of a date must be one."""
        if not self.award_type_id:
            return
        same = AwardRule.objects.filter(award_type_id=self.award_type_id, province_id=self.province_id).exclude(
            pk=self.pk
        )
        if same.filter(valid_from=self.valid_from).exists() or (
            self.valid_from is None and same.filter(valid_from__isnull=True).exists()
        ):
            return  # a version starting the same day: the unique constraints refuse it, with their sentence
        if self.valid_until:
            same = same.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=self.valid_until))
        if self.valid_from:
            same = same.filter(Q(valid_until__isnull=True) | Q(valid_until__gte=self.valid_from))
        overlapping = list(same)
        if overlapping:
            raise ValidationError(
                {
                    "valid_from": _("Another rule for this award type is in force in that period: %(rules)s.")
                    % {"rules": "; ".join(str(rule) for rule in overlapping)}
                }
            )

    def percent_quota(self, basis_size):
        """How many of `basis_size` the percentage allows (rounded down), or None."""
        if self.quota_percent is None:
            return None
        return math.floor(basis_size * self.quota_percent / 100)

    SNAPSHOT_FIELDS = [
        "valid_from", "valid_until", "quota_percent", "quota_basis", "quota_count", "vote_threshold_percent",
        "vote_basis", "required_years", "required_source", "prize_multiplier_collective",
        "prize_multiplier_individual", "enforcement", "source",
    ]  # fmt: skip

    def snapshot(self):
        """The figures and source text of this version, as stored with a proposal it judged."""
        data = {"id": self.pk, "award_type": self.award_type_id, "province": self.province_id}
        data["required_award"] = self.required_award_id
        for name in self.SNAPSHOT_FIELDS:
            value = getattr(self, name)
            data[name] = (
                value.isoformat() if hasattr(value, "isoformat") else (str(value) if value is not None else None)
            )
        return data

    @classmethod
    def from_snapshot(cls, data):
        """The version a proposal was judged by, as it was then (unsaved: never to be saved)."""
        rule = cls(
            pk=data["id"],
            award_type_id=data["award_type"],
            province_id=data["province"],
            required_award_id=data.get("required_award"),
        )
        for name in cls.SNAPSHOT_FIELDS:
            value = data.get(name)
            field = cls._meta.get_field(name)
            setattr(rule, name, field.to_python(value) if value is not None else None)
        return rule


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date: prize money is a multiple of it."""

    valid_from = models.DateField(_("from"), unique=True)
    amount = models.PositiveIntegerField(_("amount (VND a month)"))
    source = models.TextField(_("legal source"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base salary")
        verbose_name_plural = _("base salaries")
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ từ {self.valid_from:%d/%m/%Y}".replace(",", ".")

    @classmethod
    def on(cls, day):
        return cls.objects.filter(valid_from__lte=day).order_by("-valid_from").first()


def round_prize(amount):
    """Prize money is rounded up to the next ten thousand đồng."""
    return int((Decimal(amount) / 10000).to_integral_value(rounding=ROUND_CEILING) * 10000)


class BlocCount(models.Model):
    """How many emulation blocs a province has in a year, as it records them: the basis of a
    quota on the units leading their blocs, when not every bloc is registered here."""

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="bloc_counts", verbose_name=_("province")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    blocs = models.PositiveSmallIntegerField(_("number of blocs"))
    source = models.CharField(
        _("source"), max_length=255, blank=True, help_text=_("e.g. the decision that set up the blocs that year.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("number of blocs in a year")
        verbose_name_plural = _("numbers of blocs by year")
        ordering = ["province_id", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "year"],
                name="awards_bloccount_one_per_year",
                violation_error_message=_("This province already recorded its number of blocs for that year."),
            ),
        ]

    def __str__(self):
        return f"{self.province}: {self.blocs} khối ({self.year})"


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
    votes_illustrative = models.BooleanField(
        _("illustrative votes"), default=False, help_text=_("Demo data only: the vote counts were invented.")
    )
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
    council_members = models.PositiveSmallIntegerField(
        _("council members"), null=True, blank=True, help_text=_("All members of the council that voted on it.")
    )
    council_votes_for = models.PositiveSmallIntegerField(
        _("council votes in favour"),
        null=True,
        blank=True,
        help_text=_("Including the written opinions of absent members."),
    )
    council_written_opinions = models.PositiveSmallIntegerField(_("of which written opinions"), null=True, blank=True)
    # What judged it, stored when it was submitted: later changes to the rules never change it.
    applied_rule = models.ForeignKey(
        AwardRule,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("rule applied"),
    )
    applied_rule_snapshot = models.JSONField(_("rule applied, as it was"), null=True, blank=True, editable=False)
    # The prize money, worked out when the decision was recorded.
    prize_amount = models.PositiveBigIntegerField(_("prize money (VND)"), null=True, blank=True)
    prize_basis = models.TextField(_("prize money worked out as"), blank=True)

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
                condition=Q(council_votes_for__isnull=True)
                | Q(council_members__isnull=False, council_votes_for__lte=F("council_members")),
                name="awards_proposal_council_votes_within_members",
                violation_error_message=_("The council's votes in favour cannot exceed its members."),
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
        if self.council_votes_for is not None and (
            self.council_members is None or self.council_votes_for > self.council_members
        ):
            errors["council_votes_for"] = _("The council's votes in favour cannot exceed its members.")
        if self.council_written_opinions is not None and self.council_written_opinions > (self.council_votes_for or 0):
            errors["council_written_opinions"] = _("Written opinions are counted among the votes in favour.")
        if self.award_type_id:
            if not self.award_type.for_collectives and not self.person_name:
                errors["person_name"] = _("Name the individual proposed for this award.")
            if not self.award_type.for_individuals and (self.person_name or self.person_position):
                errors["person_name"] = _("This award is for an agency: leave the individual's name empty.")
        if errors:
            raise ValidationError(errors)


def _mm(verbose_name, default):
    return models.DecimalField(verbose_name, max_digits=5, decimal_places=1, default=Decimal(default))


# (field, verbose name): the lines of a certificate in the order they are printed, each with an x and a y.
CERTIFICATE_LINES = [
    ("recipient", _("recipient's name")),
    ("recipient_detail", _("recipient's unit or address")),
    ("achievement", _("achievement")),
    ("decision", _("decision number and date")),
    ("place_date", _("place and date")),
    ("signer_title", _("signer's title")),
    ("signer_name", _("signer's name")),
]


class CertificateLayout(Versioned):
    """Where each line of a certificate (Bằng khen, Giấy khen, Cờ thi đua's certificate) is printed
    on a province's pre-printed blank of one award type, in millimetres from the blank's top-left
    corner. The blank carries the national emblem, the authority and "TẶNG BẰNG KHEN"; what is
    printed onto it follows the blank's own lines (Nghị định 50/2006/NĐ-CP, Điều 28, kept by its
    successors): the recipient's name and address, the achievement; at the bottom left the
    decision's number and date; at the bottom right the place and date, the signer's title and,
    after the room for the signature and seal, the signer's name.

    Each line is centred on its x, with its baseline (the blank's dotted line) at its y. A
    province that has set none prints with the defaults of the fields (an A4 landscape blank)."""

    class Paper(models.TextChoices):
        A4 = "A4", _("A4 (210 × 297 mm)")
        A3 = "A3", _("A3 (297 × 420 mm)")
        LARGE = "300x400", _("300 × 400 mm")

    class Orientation(models.TextChoices):
        LANDSCAPE = "landscape", _("Landscape")
        PORTRAIT = "portrait", _("Portrait")

    PAPER_MM = {Paper.A4: (210, 297), Paper.A3: (297, 420), Paper.LARGE: (300, 400)}  # short side, long side
    FIELDS = CERTIFICATE_LINES

    province = models.ForeignKey(
        Province, on_delete=models.CASCADE, related_name="certificate_layouts", verbose_name=_("province")
    )
    award_type = models.ForeignKey(
        AwardType, on_delete=models.PROTECT, related_name="certificate_layouts", verbose_name=_("award type")
    )
    paper = models.CharField(_("paper"), max_length=10, choices=Paper.choices, default=Paper.A4)
    orientation = models.CharField(
        _("orientation"), max_length=10, choices=Orientation.choices, default=Orientation.LANDSCAPE
    )
    font_size = models.DecimalField(_("font size (pt)"), max_digits=4, decimal_places=1, default=Decimal(14))
    recipient_font_size = models.DecimalField(
        _("font size of the recipient's name (pt)"), max_digits=4, decimal_places=1, default=Decimal(22)
    )
    line_width = _mm(_("width of a line (mm)"), 150)
    recipient_x = _mm(_("recipient's name: x (mm)"), "148.5")
    recipient_y = _mm(_("recipient's name: y (mm)"), 100)
    recipient_detail_x = _mm(_("recipient's unit or address: x (mm)"), "148.5")
    recipient_detail_y = _mm(_("recipient's unit or address: y (mm)"), 112)
    achievement_x = _mm(_("achievement: x (mm)"), "148.5")
    achievement_y = _mm(_("achievement: y (mm)"), 126)
    decision_x = _mm(_("decision number and date: x (mm)"), 80)
    decision_y = _mm(_("decision number and date: y (mm)"), 170)
    place_date_x = _mm(_("place and date: x (mm)"), 215)
    place_date_y = _mm(_("place and date: y (mm)"), 160)
    signer_title_x = _mm(_("signer's title: x (mm)"), 215)
    signer_title_y = _mm(_("signer's title: y (mm)"), 168)
    signer_name_x = _mm(_("signer's name: x (mm)"), 215)
    signer_name_y = _mm(_("signer's name: y (mm)"), 198)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("certificate layout")
        verbose_name_plural = _("certificate layouts")
        ordering = ["province_id", "award_type_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "award_type"],
                name="awards_certificatelayout_one_per_award_type",
                violation_error_message=_("This province already has a layout for this award type."),
            ),
            models.CheckConstraint(
                condition=Q(font_size__gte=6, font_size__lte=72)
                & Q(recipient_font_size__gte=6, recipient_font_size__lte=72),
                name="awards_certificatelayout_font_sizes_in_range",
                violation_error_message=_("A font size must be between 6 and 72 points."),
            ),
            models.CheckConstraint(
                condition=Q(line_width__gt=0, line_width__lte=420),
                name="awards_certificatelayout_line_width_in_range",
                violation_error_message=_("A line's width must be above 0 and at most 420 mm."),
            ),
            # The largest blank is 420 mm long: a position beyond it is a typing error. That it
            # falls on the chosen blank is clean()'s to say, as the size depends on the paper.
            models.CheckConstraint(
                condition=Q(
                    *(
                        Q(**{f"{name}_{axis}__gte": 0, f"{name}_{axis}__lte": 420})
                        for name, _label in CERTIFICATE_LINES
                        for axis in "xy"
                    )
                ),
                name="awards_certificatelayout_positions_in_range",
                violation_error_message=_("A position must be between 0 and 420 mm."),
            ),
        ]

    def __str__(self):
        return _("Certificate layout: %(award)s, %(province)s") % {"award": self.award_type, "province": self.province}

    @property
    def page_size(self):
        """(width, height) in mm."""
        short, long = self.PAPER_MM[self.paper]
        return (long, short) if self.orientation == self.Orientation.LANDSCAPE else (short, long)

    def position(self, name):
        """(x, y) of a line in mm: its centre and its baseline."""
        return getattr(self, f"{name}_x"), getattr(self, f"{name}_y")

    def clean(self):
        if self.paper not in self.PAPER_MM or self.orientation not in self.Orientation.values:
            return  # the field's own check names the wrong choice
        width, height = self.page_size
        errors = {}
        for name, label in self.FIELDS:
            x, y = self.position(name)
            if x is not None and x > width:
                errors[f"{name}_x"] = _("%(field)s is off the blank: it is %(size)s mm wide.") % {
                    "field": label.capitalize(),
                    "size": width,
                }
            if y is not None and y > height:
                errors[f"{name}_y"] = _("%(field)s is off the blank: it is %(size)s mm high.") % {
                    "field": label.capitalize(),
                    "size": height,
                }
        if errors:
            raise ValidationError(errors)
