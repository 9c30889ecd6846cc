"""The bloc registry: provinces, agencies, blocs, yearly memberships and leaders.

Every rule of the domain that the database can hold is a named constraint; the rules
that span tables (same province, membership of the right bloc and year) are checked
in clean(), which forms, the admin and the services all run.
"""

import datetime

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.text import fold, sort_key
from core.versioning import Versioned

FIRST_YEAR = 1945
LAST_YEAR = 2100
year_validators = [MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]


def year_field(**kwargs):
    return models.PositiveSmallIntegerField(_("year"), validators=year_validators, **kwargs)


class UserHistory(HistoricalRecords):
    """A login writes only last_login, a password hash upgrade only the password: neither is
    tracked, so neither makes a history row. A user restored from a backup (loaddata, a raw
    save) brings their history along: setting their blocs next must not add to it."""

    def post_save(self, instance, created, using=None, **kwargs):
        if kwargs.get("raw"):
            instance.skip_history_when_saving = True  # simple-history's m2m_changed handler reads it
            return
        update_fields = kwargs.get("update_fields")
        if update_fields and set(update_fields) <= set(self.excluded_fields):
            return
        super().post_save(instance, created, using=using, **kwargs)


class Province(Versioned):
    name = models.CharField(_("name"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    awards_office = models.CharField(
        _("awards office"),
        max_length=255,
        blank=True,
        help_text=_("The standing body of the province's awards council, as printed on its documents, e.g. Sở Nội vụ."),
    )
    document_code = models.CharField(
        _("document code"),
        max_length=30,
        blank=True,
        help_text=_("The awards office's abbreviation after the type code in “Số:”, e.g. SNV in …/BC-SNV."),
    )
    signer_authority = models.CharField(
        _("signing authority"),
        max_length=150,
        blank=True,
        help_text=_("The line above the signer's title when a deputy signs, e.g. KT. Giám đốc; blank otherwise."),
    )
    signer_title = models.CharField(
        _("signer's title"), max_length=150, blank=True, help_text=_("e.g. Giám đốc, Trưởng ban.")
    )
    signer_name = models.CharField(_("signer"), max_length=150, blank=True)

    # The 2025 reorganisation: a province merged into another keeps its rows, its name and its
    # records; the province it became part of reads them.
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_provinces",
        verbose_name=_("merged into"),
    )
    merged_on = models.DateField(
        _("merged on"), null=True, blank=True, help_text=_("The first day of the new province.")
    )
    merger_basis = models.CharField(
        _("legal basis of the merger"), max_length=255, blank=True, help_text=_("E.g. Nghị quyết 202/2025/QH15.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("province")
        verbose_name_plural = _("provinces")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")),
                name="blocs_province_not_merged_into_itself",
                violation_error_message=_("A province cannot be merged into itself."),
            ),
            models.CheckConstraint(
                condition=Q(merged_into__isnull=True, merged_on__isnull=True)
                | Q(merged_into__isnull=False, merged_on__isnull=False),
                name="blocs_province_merger_dated",
                violation_error_message=_("A merged province needs the date of its merger, and only then."),
            ),
        ]

    def __str__(self):
        return self.name


class AgencyQuerySet(models.QuerySet):
    def search(self, query):
        """Every word of the query, without diacritics or case, in a name of the agency."""
        for word in fold(query).split():
            self = self.filter(search_text__contains=word)
        return self

    def active_in(self, year):
        """Active on any day of the year: who may have a membership of that year (an agency
        merged on 01/03/2025 still has its records of early 2025)."""
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__year__lte=year),
            Q(active_until__isnull=True) | Q(active_until__year__gte=year),
        )

    def in_register_of(self, year):
        """Active on 31 December of the year: the register of a year is the register at its end,
        the day whose names name_in() prints. What copying members, the rotation hint, leader
        choices and re-drawing blocs offer."""
        end = datetime.date(year, 12, 31)
        return self.filter(
            Q(active_from__isnull=True) | Q(active_from__lte=end),
            Q(active_until__isnull=True) | Q(active_until__gte=end),
        )


class Agency(Versioned):
    class Kind(models.TextChoices):
        DEPARTMENT = "department", _("Department (Sở)")
        BOARD = "board", _("Board (Ban)")
        SECTOR = "sector", _("Sector agency")
        ORGANISATION = "organisation", _("Political or social organisation")
        OTHER = "other", _("Other")

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("province")
    )
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=100, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.DEPARTMENT)
    active_from = models.DateField(_("active from"), null=True, blank=True)
    active_until = models.DateField(
        _("active until"),
        null=True,
        blank=True,
        help_text=_("The last day of an agency that was merged or dissolved."),
    )
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("successor"),
        help_text=_("The agency that took over its work after a merger."),
    )
    merger = models.ForeignKey(
        "AgencyMerger",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        verbose_name=_("merger"),
        help_text=_("The merger that ended this agency, with its legal basis."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Demo data only: added to reach a member count a report states, not a real record."),
    )
    # Derived from the names, kept so that both databases search and sort alike.
    search_text = models.TextField(editable=False, default="")
    sort_key = models.CharField(max_length=1024, editable=False, default="", db_index=True)

    history = HistoricalRecords()

    objects = AgencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                condition=Q(active_until__isnull=True),
                name="blocs_agency_unique_current_name",
                violation_error_message=_("An active agency of this province already has this name."),
            ),
            models.CheckConstraint(
                condition=Q(active_from__isnull=True)
                | Q(active_until__isnull=True)
                | Q(active_until__gte=F("active_from")),
                name="blocs_agency_active_period_order",
                violation_error_message=_("An agency cannot close before it opens."),
            ),
            models.CheckConstraint(
                condition=~Q(successor=F("pk")),
                name="blocs_agency_not_own_successor",
                violation_error_message=_("An agency cannot succeed itself."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.refresh_derived_fields()
        super().save(*args, **kwargs)

    def clean(self):
        if self.successor_id and self.successor.province_id != self.province_id:
            # Across provinces only into the province this one was merged into.
            merged_into = Province.objects.filter(pk=self.province_id).values_list("merged_into", flat=True).first()
            if merged_into is None or self.successor.province_id != merged_into:
                raise ValidationError({"successor": _("The successor must be an agency of the same province.")})

    def holder_in(self, year):
        """The agency that holds this one's place in the register of `year`: itself while it is
        active at the end of that year, else its successor's, following a chain of mergers. None
        for an agency closed with no successor. Reads a row per successor not already loaded."""
        agency, seen = self, set()
        while agency is not None and not agency.in_register_of(year):
            if agency.pk in seen:  # a cycle of successors: nobody holds the place
                return None
            seen.add(agency.pk)
            agency = agency.successor
        return agency

    def active_in(self, year):
        """active_in() of the queryset, read from the loaded row: no query per row of an import."""
        return (self.active_from is None or self.active_from.year <= year) and (
            self.active_until is None or self.active_until.year >= year
        )

    def in_register_of(self, year):
        """in_register_of() of the queryset, read from the loaded row."""
        end = datetime.date(year, 12, 31)
        return (self.active_from is None or self.active_from <= end) and (
            self.active_until is None or self.active_until >= end
        )

    def refresh_derived_fields(self, former=None):
        """Reads the name history when the agency is already saved, unless `former` gives it
        ((name, short name) pairs)."""
        names = [self.name, self.short_name]
        if former is None and self.pk:
            former = self.former_names.values_list("name", "short_name")
        names += [n for pair in former or () for n in pair]
        self.search_text = " | ".join(fold(n) for n in names if n)
        self.sort_key = sort_key(self.name)

    def name_on(self, date):
        """The name the agency had on that date. Reads the name history: the list that
        blocs.selectors.with_name_history attached, else former_names (one query, none when
        prefetched)."""
        history = getattr(self, "name_history", None)
        for former in self.former_names.all() if history is None else history:  # ordered by `until`
            if date < former.until:
                return former.name
        return self.name

    def name_in(self, year):
        """The name the agency had at the end of a year, as records of that year print it."""
        return self.name_on(datetime.date(year, 12, 31))


class AgencyName(Versioned):
    """A name an agency used until a rename took effect."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="former_names", verbose_name=_("agency"))
    name = models.CharField(_("former name"), max_length=255)
    short_name = models.CharField(_("former short name"), max_length=100, blank=True)
    until = models.DateField(_("renamed on"), help_text=_("The day the next name took effect."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("former name")
        verbose_name_plural = _("former names")
        ordering = ["agency_id", "until"]  # the column: no join to order by the agency
        constraints = [
            models.UniqueConstraint(fields=["agency", "until"], name="blocs_agencyname_one_rename_per_day"),
        ]

    def __str__(self):
        return _("%(name)s (until %(date)s)") % {"name": self.name, "date": self.until.strftime("%d/%m/%Y")}


class AgencyMerger(models.Model):
    """Several agencies ending on the same day, their work going to one successor from
    `effective_on` (e.g. 01/03/2025), by a resolution or decision. A split is recorded as
    the agency ending with its main successor, the others named in the note."""

    successor = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="mergers_received", verbose_name=_("successor")
    )
    effective_on = models.DateField(_("effective from"), help_text=_("The first day of the successor."))
    basis_number = models.CharField(_("legal basis number"), max_length=100)
    basis_date = models.DateField(_("legal basis date"))
    note = models.TextField(_("note"), blank=True, help_text=_("For a split: where the rest of the work went."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency merger")
        verbose_name_plural = _("agency mergers")
        ordering = ["-effective_on", "pk"]

    def __str__(self):
        return _("Merger into %(successor)s from %(date)s") % {
            "successor": self.successor,
            "date": self.effective_on.strftime("%d/%m/%Y"),
        }

    @property
    def first_year(self):
        """The first year in which the successor takes the predecessors' places."""
        return self.effective_on.year


class BlocDecision(models.Model):
    """A decision of the UBND tỉnh that draws the province's blocs for a year: which agencies
    belong to which bloc. The memberships it set point at it."""

    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="bloc_decisions", verbose_name=_("province")
    )
    number = models.CharField(_("number"), max_length=100, help_text=_("E.g. 123/QĐ-UBND."))
    date = models.DateField(_("date"))
    signer = models.CharField(_("signed by"), max_length=255, blank=True)
    year = year_field(help_text=_("The year whose blocs it draws."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bloc decision")
        verbose_name_plural = _("bloc decisions")
        ordering = ["province_id", "-year", "-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "number", "date"],
                name="blocs_blocdecision_unique_number",
                violation_error_message=_("This decision is recorded already."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="blocs_blocdecision_year_range",
            ),
        ]

    def __str__(self):
        return _("Decision %(number)s of %(date)s") % {"number": self.number, "date": self.date.strftime("%d/%m/%Y")}


class Bloc(Versioned):
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="blocs", verbose_name=_("province"))
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    document_code = models.CharField(
        _("document code"),
        max_length=30,
        blank=True,
        help_text=_("The bloc's abbreviation after the type code in “Số:”, e.g. KVHXH in …/BB-KVHXH."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("emulation bloc")
        verbose_name_plural = _("emulation blocs")
        ordering = ["province_id", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name"],
                name="blocs_bloc_unique_name_per_province",
                violation_error_message=_("This province already has a bloc with this name."),
            ),
        ]

    def __str__(self):
        return self.name


class Membership(Versioned):
    """An agency's membership of a bloc in one year."""

    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("bloc"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("agency"))
    year = year_field()
    note = models.CharField(_("note"), max_length=255, blank=True)
    decision = models.ForeignKey(
        BlocDecision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("decision"),
        help_text=_("The decision of the UBND tỉnh that set this member, if recorded."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["-year", "bloc_id", "agency_id"]
        # A bloc's members of a year: the bloc page, conferences, quotas and documents.
        indexes = [models.Index(fields=["bloc", "year"], name="blocs_membership_bloc_year")]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                name="blocs_membership_one_bloc_per_year",
                violation_error_message=_("This agency already belongs to a bloc in this year."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="blocs_membership_year_range",
            ),
        ]

    def __str__(self):
        return _("%(agency)s in %(bloc)s, %(year)s") % {
            "agency": self.printed_name,
            "bloc": self.bloc,
            "year": self.year,
        }

    @property
    def printed_name(self):
        """The agency's name in this membership's year (reads the name history)."""
        return self.agency.name_in(self.year)

    def clean(self):
        if not (self.agency_id and self.bloc_id and self.year):
            return
        if self.agency.province_id != self.bloc.province_id:
            raise ValidationError({"agency": _("The agency and the bloc must belong to the same province.")})
        if not self.agency.active_in(self.year):
            raise ValidationError({"agency": _("The agency was not active in %(year)s.") % {"year": self.year}})
        if self.decision_id and (self.decision.province_id, self.decision.year) != (self.bloc.province_id, self.year):
            raise ValidationError({"decision": _("The decision must draw this province's blocs of this year.")})


class Leadership(Versioned):
    """The leader (Trưởng khối) and deputy (Phó trưởng khối) of a bloc for a year.

    Both point at that year's memberships, so a leader is always a member.
    """

    bloc = models.ForeignKey(Bloc, on_delete=models.PROTECT, related_name="leaderships", verbose_name=_("bloc"))
    year = year_field()
    leader = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="+", verbose_name=_("leader"))
    deputy = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("deputy")
    )
    head_name = models.CharField(
        _("head of the leader agency"),
        max_length=150,
        blank=True,
        help_text=_("Who signs the bloc's documents as Trưởng khối, e.g. Nguyễn Bá Hiến."),
    )
    head_title = models.CharField(
        _("head's title"), max_length=255, blank=True, help_text=_("e.g. Giám đốc Sở Thông tin và Truyền thông.")
    )
    is_illustrative = models.BooleanField(_("illustrative"), default=False, help_text=_("Demo data only."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("leadership")
        verbose_name_plural = _("leaderships")
        ordering = ["bloc_id", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["bloc", "year"],
                name="blocs_leadership_one_per_bloc_year",
                violation_error_message=_("This bloc already has a leader for this year."),
            ),
            models.CheckConstraint(
                condition=Q(deputy__isnull=True) | ~Q(leader=F("deputy")),
                name="blocs_leadership_leader_not_deputy",
                violation_error_message=_("The leader and the deputy must be different agencies."),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=FIRST_YEAR, year__lte=LAST_YEAR),
                name="blocs_leadership_year_range",
            ),
        ]

    def __str__(self):
        return _("Leader of %(bloc)s in %(year)s") % {"bloc": self.bloc, "year": self.year}

    def clean(self):
        errors = {}
        for field in ("leader", "deputy"):
            # An empty required leader is clean_fields()' error; reading it would raise.
            membership = getattr(self, field) if getattr(self, f"{field}_id") else None
            if membership and (membership.bloc_id != self.bloc_id or membership.year != self.year):
                errors[field] = _("Must be a member of this bloc in %(year)s.") % {"year": self.year}
        if errors:
            raise ValidationError(errors)


class User(Versioned, AbstractUser):
    class Role(models.TextChoices):
        PROVINCE_ADMIN = "province_admin", _("Province admin")
        SECRETARY = "secretary", _("Bloc secretary")
        VIEWER = "viewer", _("Viewer")
        MEMBER = "member", _("Member agency")

    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.VIEWER)
    province = models.ForeignKey(
        Province,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
        verbose_name=_("province"),
        help_text=_("Every user but a system superuser works for one province."),
    )
    blocs = models.ManyToManyField(
        Bloc,
        blank=True,
        related_name="secretaries",
        verbose_name=_("blocs"),
        help_text=_("The blocs a bloc secretary enters results for."),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("agency"),
        help_text=_("The member agency whose own self-assessment, evidence and pledge this user sends."),
    )

    # Who was given which role and blocs; not the password hash nor each login.
    history = UserHistory(excluded_fields=["password", "last_login"], m2m_fields=["blocs"])
    unversioned_fields = frozenset(["password", "last_login"])  # a login is not an edit of the user

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=Q(role="member", agency__isnull=False) | (~Q(role="member") & Q(agency__isnull=True)),
                name="blocs_user_member_has_agency",
                violation_error_message=_("A member agency's user belongs to one agency, and only such a user does."),
            ),
        ]

    def clean(self):
        super().clean()
        if not self.is_superuser and not self.province_id:
            raise ValidationError({"province": _("Choose the province this user works for.")})
        if self.role == self.Role.MEMBER and not self.agency_id:
            raise ValidationError({"agency": _("Choose the agency this user works for.")})
        if self.role != self.Role.MEMBER and self.agency_id:
            raise ValidationError({"agency": _("Only a member agency's user belongs to an agency.")})
        # An agency of a province merged into the user's is history: a user moved by the merger keeps it.
        if (
            self.agency_id
            and self.province_id
            and self.province_id
            not in (
                self.agency.province_id,
                self.agency.province.merged_into_id,
            )
        ):
            raise ValidationError({"agency": _("The agency must be of the user's province.")})

    @property
    def display_name(self):
        return self.get_full_name() or self.username

    def get_full_name(self):
        """Vietnamese order: Họ (and đệm), then Tên: "Nguyễn Thị" and "Lan" is "Nguyễn Thị Lan"."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def is_province_admin(self):
        return self.is_superuser or self.role == self.Role.PROVINCE_ADMIN

    @property
    def is_member_agency(self):
        """The staff of one member agency: they see and send their own agency's part only."""
        return not self.is_superuser and self.role == self.Role.MEMBER
