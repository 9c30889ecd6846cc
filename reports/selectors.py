"""Reads for the printed documents: each returns the named figures of one document, read
with the apps' selectors, every related row fetched here (select_related,
prefetch_related or one query per kind), so that laying the document out runs no query.

reports is the top app: it reads every other app, and no app reads it.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, F, Q, Sum

from awards import selectors as award_selectors
from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from awards.rules import rule_date
from blocs import selectors as bloc_selectors
from blocs.models import Agency, Bloc, Leadership, Membership, Province
from core.selectors import attachments_of
from emulation import selectors as conference_selectors
from emulation.models import Conference, Pledge
from reports import basis as basis_module


def _decided_on_illustrative(proposal):
    return bool(proposal.decision and proposal.decision.is_illustrative)


def _leaderships(bloc, years, members=()):
    """{year: Leadership} with leader and deputy; `members` already read are not read again."""
    leaderships = list(Leadership.objects.filter(bloc=bloc, year__in=years).order_by("pk"))
    bloc_selectors.attach_memberships(leaderships, "leader", "deputy", known={m.pk: m for m in members})
    return {leadership.year: leadership for leadership in leaderships}


@dataclass
class BlocYearFigures:
    """A bloc's reviewed year: its members, its leaders of that year and the next, and
    what its year-end conference recorded, if it met."""

    bloc: Bloc
    year: int
    members: list  # the year's Memberships in Vietnamese order, with their name history
    leadership: Leadership | None  # of the year
    elected: Leadership | None  # for the next year
    scoring: conference_selectors.ScoringTable
    conference: Conference | None = None
    present: int = 0  # members at the conference; 0 also when nobody's attendance was recorded
    guests: list = field(default_factory=list)  # guest Attendance rows
    proposals: list = field(default_factory=list)
    pledge: Pledge | None = None  # signed at the conference, for the next year
    signatures: list = field(default_factory=list)

    @property
    def illustrative(self):
        """Whether any of it is demo data."""
        return any(m.agency.is_illustrative for m in self.members) or any(map(_decided_on_illustrative, self.proposals))


def bloc_year(*, bloc, year):
    conference = Conference.objects.filter(bloc=bloc, year=year).order_by("pk").first()
    if conference is None:
        members = bloc_selectors.members_of(bloc=bloc, year=year)
        leaderships = _leaderships(bloc, [year, year + 1], members=members)
        return BlocYearFigures(
            bloc=bloc,
            year=year,
            members=members,
            leadership=leaderships.get(year),
            elected=leaderships.get(year + 1),
            scoring=conference_selectors.scoring_table(bloc=bloc, year=year, members=members),
        )
    record = conference_selectors.conference_record(conference=conference)
    leaderships = _leaderships(bloc, [year, year + 1], members=record.members + record.next_members)
    proposals, _ = award_selectors.conference_proposals(conference=conference, members=record.members, check=False)
    return BlocYearFigures(
        bloc=bloc,
        year=year,
        members=record.members,
        leadership=leaderships.get(year),
        elected=leaderships.get(year + 1),
        scoring=record.scoring,
        conference=conference,
        present=len(record.attending),
        guests=record.guests,
        proposals=proposals,
        pledge=record.pledge,
        signatures=record.signatures,
    )


@dataclass
class ConferenceMinutes:
    conference: Conference
    members: list  # Memberships of the reviewed year
    attending: list  # member Attendance rows
    guests: list  # guest Attendance rows
    proposals: list  # as voted, in the order they are printed
    elected: Leadership | None  # for the next year
    originals: bool = False  # whether its signed minutes are attached (core.models.Attachment)
    pledge: Pledge | None = None  # signed at the conference, for the next year
    signatures: list = field(default_factory=list)


def conference_minutes(*, conference):
    record = conference_selectors.conference_record(conference=conference)
    proposals, _ = award_selectors.conference_proposals(conference=conference, members=record.members, check=False)
    return ConferenceMinutes(
        conference=conference,
        members=record.members,
        attending=record.attending,
        guests=record.guests,
        proposals=proposals,
        elected=record.leadership,
        originals=bool(attachments_of(conference)),
        pledge=record.pledge,
        signatures=record.signatures,
    )


@dataclass
class AwardGroup:
    award_type: AwardType
    proposals: list

    @property
    def rules_applied(self):
        """The rule versions that judged these proposals, as stored with them when submitted:
        [(period, source)], each once."""
        seen = {}
        for proposal in self.proposals:
            snapshot = proposal.applied_rule_snapshot
            if snapshot:
                rule = AwardRule.from_snapshot(snapshot)
                seen.setdefault((rule.period, rule.source), None)
        return list(seen)

    @property
    def prize_total(self):
        return sum(p.prize_amount or 0 for p in self.proposals)


@dataclass
class SubmissionProposals:
    submission: Submission
    groups: list  # AwardGroups, higher awards first

    @property
    def count(self):
        return sum(len(group.proposals) for group in self.groups)


@dataclass
class DecisionProposals:
    decision: Decision
    groups: list  # AwardGroups, higher awards first

    @property
    def count(self):
        return sum(len(group.proposals) for group in self.groups)

    @property
    def prize_total(self):
        return sum(group.prize_total for group in self.groups)


def decision_proposals(*, decision):
    """The proposals a decision decided, by award type, with the prize money kept with each."""
    proposals = (
        award_selectors.every_proposal()
        .filter(decision=decision)
        .order_by("award_type__precedence", "conference__bloc__name", "membership__agency__sort_key", "person_name")
    )
    by_type = {}
    for proposal in proposals:
        by_type.setdefault(proposal.award_type, []).append(proposal)
    groups = [AwardGroup(award_type, group) for award_type, group in by_type.items()]
    return DecisionProposals(decision=decision, groups=groups)


def submission_proposals(*, submission):
    proposals = (
        award_selectors.every_proposal()
        .filter(submission=submission)
        .order_by("award_type__precedence", "conference__bloc__name", "membership__agency__sort_key", "person_name")
    )
    by_type = {}
    for proposal in proposals:
        by_type.setdefault(proposal.award_type, []).append(proposal)
    groups = [AwardGroup(award_type, group) for award_type, group in by_type.items()]
    return SubmissionProposals(submission=submission, groups=groups)


@dataclass(frozen=True)
class Outcomes:
    """What became of a set of proposals."""

    proposed: int = 0  # all of them, whatever became of them
    approved: int = 0
    not_approved: int = 0
    pending: int = 0  # proposed or submitted, not decided yet

    @classmethod
    def of(cls, proposals):
        status = Counter(p.status for p in proposals)
        return cls(
            proposed=len(proposals),
            approved=status[Proposal.Status.APPROVED],
            not_approved=status[Proposal.Status.NOT_APPROVED],
            pending=status[Proposal.Status.PROPOSED] + status[Proposal.Status.SUBMITTED],
        )

    def __add__(self, other):
        return Outcomes(
            proposed=self.proposed + other.proposed,
            approved=self.approved + other.approved,
            not_approved=self.not_approved + other.not_approved,
            pending=self.pending + other.pending,
        )


@dataclass
class BlocFigures:
    bloc: Bloc
    members: int
    leadership: Leadership | None  # of the year
    elected: Leadership | None  # for the next year
    conference: Conference | None
    outcomes: Outcomes


@dataclass
class AwardTypeFigures:
    award_type: AwardType
    outcomes: Outcomes


@dataclass
class ProvinceYear:
    province: Province
    year: int
    blocs: list  # BlocFigures by bloc name
    award_types: list  # AwardTypeFigures, higher awards first
    proposals: list  # by bloc name, award and agency

    @property
    def members(self):
        return sum(figures.members for figures in self.blocs)

    @property
    def conferences(self):
        return sum(1 for figures in self.blocs if figures.conference)

    @property
    def outcomes(self):
        return sum((figures.outcomes for figures in self.blocs), Outcomes())

    @property
    def illustrative(self):
        return any(map(_decided_on_illustrative, self.proposals))


def province_year(*, province, year):
    """Only the blocs that existed that year: those with members or a conference in it."""
    blocs = list(province.blocs.order_by("name"))
    members = Counter(Membership.objects.filter(bloc__in=blocs, year=year).values_list("bloc_id", flat=True))
    conferences = {c.bloc_id: c for c in Conference.objects.filter(bloc__in=blocs, year=year)}
    blocs = [bloc for bloc in blocs if members[bloc.pk] or bloc.pk in conferences]
    leaderships = {
        (leadership.bloc_id, leadership.year): leadership
        for leadership in Leadership.objects.filter(bloc__in=blocs, year__in=[year, year + 1])
        .select_related("leader__agency", "deputy__agency")
        .prefetch_related("leader__agency__former_names", "deputy__agency__former_names")
    }
    proposals = list(
        award_selectors.every_proposal()
        .filter(conference__bloc__in=blocs, conference__year=year)
        .order_by("conference__bloc__name", "award_type__precedence", "membership__agency__sort_key")
    )
    by_bloc, by_type = {}, {}
    for proposal in proposals:
        by_bloc.setdefault(proposal.conference.bloc_id, []).append(proposal)
        by_type.setdefault(proposal.award_type, []).append(proposal)
    return ProvinceYear(
        province=province,
        year=year,
        blocs=[
            BlocFigures(
                bloc=bloc,
                members=members[bloc.pk],
                leadership=leaderships.get((bloc.pk, year)),
                elected=leaderships.get((bloc.pk, year + 1)),
                conference=conferences.get(bloc.pk),
                outcomes=Outcomes.of(by_bloc.get(bloc.pk, [])),
            )
            for bloc in blocs
        ],
        award_types=[
            AwardTypeFigures(award_type, Outcomes.of(by_type[award_type]))
            for award_type in sorted(by_type, key=lambda t: (t.precedence, t.name))
        ],
        proposals=proposals,
    )


@dataclass
class PrizeLine:
    """The awards of one form decided for one reviewed year (or for every year), and their prize money."""

    award_type: AwardType
    awarded: int  # approved proposals
    without_prize: int  # of which no rule of the decision's day set prize money
    total: int  # đồng, the sum of the amounts kept with the proposals when decided
    illustrative: bool = False  # some of them decided by a demo decision


@dataclass
class PrizeYear:
    year: int
    lines: list  # PrizeLines, higher awards first

    @property
    def awarded(self):
        return sum(line.awarded for line in self.lines)

    @property
    def total(self):
        return sum(line.total for line in self.lines)

    @property
    def illustrative(self):
        return any(line.illustrative for line in self.lines)


@dataclass
class ProvincePrizes:
    province: Province
    years: list  # PrizeYears, oldest first
    by_award_type: list  # PrizeLines over every year, higher awards first
    illustrative: bool = False  # whether any of it was decided by a demo decision

    @property
    def awarded(self):
        return sum(year.awarded for year in self.years)

    @property
    def total(self):
        return sum(year.total for year in self.years)


def province_prizes(*, province):
    """The prize money of the province's decided awards, per reviewed year and award form, and per
    form over every year: the amounts kept with each approved proposal when its decision was
    recorded (awards.services.proposals_decide), summed by the database. Two queries."""
    approved = Proposal.objects.filter(status=Proposal.Status.APPROVED, conference__bloc__province=province)
    sums = list(
        approved.values("conference__year", "award_type_id")
        .annotate(
            awarded=Count("pk"),
            with_prize=Count("prize_amount"),
            total=Sum("prize_amount"),
            illustrative=Count("pk", filter=Q(decision__is_illustrative=True)),
        )
        .order_by("conference__year")
    )
    types = {t.pk: t for t in AwardType.objects.filter(pk__in={row["award_type_id"] for row in sums})}
    order = sorted(types.values(), key=lambda t: (t.precedence, t.name))

    def line(award_type, rows):
        return PrizeLine(
            award_type=award_type,
            awarded=sum(row["awarded"] for row in rows),
            without_prize=sum(row["awarded"] - row["with_prize"] for row in rows),
            total=sum(row["total"] or 0 for row in rows),
            illustrative=any(row["illustrative"] for row in rows),
        )

    by_year = {}
    for row in sums:
        by_year.setdefault(row["conference__year"], []).append(row)
    years = [
        PrizeYear(
            year,
            [
                line(t, [r for r in rows if r["award_type_id"] == t.pk])
                for t in order
                if any(r["award_type_id"] == t.pk for r in rows)
            ],
        )
        for year, rows in sorted(by_year.items())
    ]
    return ProvincePrizes(
        province=province,
        years=years,
        by_award_type=[line(t, [r for r in sums if r["award_type_id"] == t.pk]) for t in order],
        illustrative=any(row["illustrative"] for row in sums),
    )


@dataclass
class AgencyAwards:
    agency: Agency
    lines: list  # awards.selectors.RecordLines, newest first

    @property
    def illustrative(self):
        return any(_decided_on_illustrative(line.proposal) for line in self.lines)


def agency_awards(*, agency, user=None):
    """The agency's award record, as far as the user may see it (all of it without a
    user: the command line)."""
    return AgencyAwards(agency=agency, lines=award_selectors.agency_record(agency=agency, user=user))


@dataclass
class BlocLeaderships:
    bloc: Bloc
    leaderships: list  # by year, with leader and deputy and their name history


def bloc_leaderships(*, bloc):
    leaderships = (
        Leadership.objects.filter(bloc=bloc)
        .select_related("leader__agency", "deputy__agency")
        .prefetch_related("leader__agency__former_names", "deputy__agency__former_names")
        .order_by("year")
    )
    return BlocLeaderships(bloc=bloc, leaderships=list(leaderships))


@dataclass
class DecisionCertificates:
    """The awards a decision conferred, `start` to `start + len(proposals)` of `total`, each with
    where its award type's certificates print in the decision's province."""

    decision: Decision
    total: int  # approved proposals of the decision, all batches together
    start: int
    proposals: list  # this batch's, in the order of the decision's list
    layouts: dict  # {award type id: awards.models.CertificateLayout}, saved or the defaults


def decision_certificates(*, decision, start=0, count=None):
    """The certificates of a decision's approved awards, or of one batch of them (`count` from
    `start`). Three queries whatever the batch: the count, the proposals (with their agency's
    name history) and the layouts."""
    approved = Proposal.objects.filter(decision=decision, status=Proposal.Status.APPROVED)
    total = approved.count()
    proposals = (
        approved.select_related("conference", "award_type", "membership__agency")
        .prefetch_related("membership__agency__former_names")
        .order_by(
            "award_type__precedence", "conference__bloc__name", "membership__agency__sort_key", "person_name", "pk"
        )
    )
    end = total if count is None else start + count
    proposals = list(proposals[start:end]) if start < total else []
    award_types = list({p.award_type_id: p.award_type for p in proposals}.values())
    layouts = award_selectors.certificate_layouts(province=decision.province, award_types=award_types)
    return DecisionCertificates(decision=decision, total=total, start=start, proposals=proposals, layouts=layouts)


def decision_certificate_layouts(*, decision):
    """(how many awards the decision conferred, {award type id: layout} of the award types it
    conferred, higher awards first): what the certificates page shows before printing."""
    approved = Proposal.objects.filter(decision=decision, status=Proposal.Status.APPROVED)
    award_types = list(AwardType.objects.filter(proposals__in=approved).distinct().order_by("precedence", "name"))
    total = approved.count()
    return total, award_selectors.certificate_layouts(province=decision.province, award_types=award_types)


@dataclass
class Dossier:
    """What a bloc sends the province's awards council after its year-end conference: the
    conference's vote on each nominee, the members and their scores, the leader of the reviewed
    year (who signs), each collective nominee's earlier awards, and the law in force that day."""

    conference: Conference
    members: list  # Memberships of the reviewed year, with their name history
    attending: list  # member Attendance rows
    scoring: conference_selectors.ScoringTable
    proposals: list  # as voted, higher awards first
    leadership: Leadership | None  # of the reviewed year: its leader signs the tờ trình
    earlier: dict  # agency id: approved Proposals of the years before, oldest first
    basis: basis_module.Basis

    @property
    def collectives(self):
        """The proposals for an agency itself: each gets an achievement report."""
        return [p for p in self.proposals if not p.person_name]

    @property
    def absent(self):
        """The members not recorded as present; none when attendance was not recorded at all."""
        if not self.attending:
            return []
        present = {a.membership_id for a in self.attending}
        return [m for m in self.members if m.pk not in present]

    def score_of(self, membership):
        return next((row for row in self.scoring.rows if row.membership.pk == membership.pk), None)


def conference_dossier(*, conference):
    record = conference_selectors.conference_record(conference=conference)
    members = record.members
    proposals, _ = award_selectors.conference_proposals(conference=conference, members=members, check=False)
    leaderships = _leaderships(conference.bloc, [conference.year], members=members)
    agencies = {p.membership.agency_id for p in proposals if not p.person_name}
    earlier = {}
    if agencies:
        for proposal in (
            Proposal.objects.filter(
                membership__agency__in=agencies,
                person_name="",
                status=Proposal.Status.APPROVED,
                conference__year__lt=conference.year,
            )
            .annotate(agency_pk=F("membership__agency_id"))
            .select_related("award_type", "decision", "conference")
            .order_by("conference__year", "award_type__precedence", "pk")
        ):
            earlier.setdefault(proposal.agency_pk, []).append(proposal)
    return Dossier(
        conference=conference,
        members=members,
        attending=record.attending,
        scoring=record.scoring,
        proposals=proposals,
        leadership=leaderships.get(conference.year),
        earlier=earlier,
        basis=basis_module.in_force(rule_date(conference)),
    )


@dataclass
class NomineeReport:
    """One collective nominee's achievement report: the dossier it belongs to, and its proposal."""

    dossier: Dossier
    proposal: Proposal


def nominee_report(*, conference, proposal):
    """`proposal` must be one of the conference's proposals for an agency (the view checks it)."""
    dossier = conference_dossier(conference=conference)
    return NomineeReport(dossier, next(p for p in dossier.collectives if p.pk == proposal.pk))
