"""Reads for the conference pages (and later the printed documents)."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count

from blocs.models import Leadership, Membership
from blocs.selectors import attach_memberships, members_by_year, members_of, with_name_history
from core.history import Source, subject_of
from core.models import Attachment
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, SelfAssessment, SelfScore, Signature


@dataclass
class ScoreRow:
    membership: Membership
    points: list  # one Decimal or None per criterion, in criterion order
    total: Decimal = Decimal("0")
    rank: int = 0


@dataclass
class ScoringTable:
    criteria: list
    rows: list = field(default_factory=list)

    @property
    def max_total(self):
        return sum((c.max_points for c in self.criteria), Decimal("0"))


def scoring_table(*, bloc, year, members=None):
    """Points per member per criterion, totals, and a ranking where equal totals share
    a rank (1, 2, 2, 4)."""
    criteria = list(Criterion.objects.filter(bloc=bloc, year=year).order_by("order", "pk"))
    members = members if members is not None else members_of(bloc=bloc, year=year)
    scores = Score.objects.filter(criterion__in=criteria).order_by() if criteria else []
    points = {(s.criterion_id, s.membership_id): s.points for s in scores}
    table = ScoringTable(criteria=criteria)
    for membership in members:
        row_points = [points.get((c.pk, membership.pk)) for c in criteria]
        total = sum((p for p in row_points if p is not None), Decimal("0"))
        table.rows.append(ScoreRow(membership=membership, points=row_points, total=total))
    totals = [row.total for row in table.rows]
    for row in table.rows:
        row.rank = 1 + sum(1 for t in totals if t > row.total)
    table.rows.sort(key=lambda row: (row.rank, row.membership.agency.sort_key))
    return table


@dataclass
class ConferenceRecord:
    conference: Conference
    members: list
    attending: list  # member Attendance rows
    guests: list  # guest Attendance rows
    scoring: ScoringTable
    pledge: Pledge | None
    signatures: list
    next_members: list
    leadership: Leadership | None


def conference_record(*, conference):
    """Everything recorded about a conference, for its page and its documents. Each
    membership is read once (this year's and next year's, with one name-history query);
    attendance, signatures, leaders and the conference's host point at those objects."""
    bloc, year = conference.bloc, conference.year
    by_year = members_by_year(bloc=bloc, years=[year, year + 1])
    members, next_members = by_year[year], by_year[year + 1]
    known = {m.pk: m for m in members + next_members}
    attach_memberships([conference], "host", known=known)
    # Explicit orderings: the models' default ones join up to the bloc and province.
    attendances = Attendance.objects.filter(conference=conference).order_by(
        "membership__agency__sort_key", "guest_organisation"
    )
    attendances = attach_memberships(list(attendances), "membership", known=known)
    pledge = Pledge.objects.filter(bloc=bloc, year=year + 1).order_by("pk").first()
    signatures = pledge.signatures.order_by("membership__agency__sort_key") if pledge else []
    signatures = attach_memberships(list(signatures), "membership", known=known)
    leadership = Leadership.objects.filter(bloc=bloc, year=year + 1).order_by("pk").first()
    if leadership:
        attach_memberships([leadership], "leader", "deputy", known=known)
    return ConferenceRecord(
        conference=conference,
        members=members,
        attending=[a for a in attendances if a.membership_id],
        guests=[a for a in attendances if not a.membership_id],
        scoring=scoring_table(bloc=bloc, year=year, members=members),
        pledge=pledge,
        signatures=signatures,
        next_members=next_members,
        leadership=leadership,
    )


@dataclass
class SavedResults:
    """What the results page shows before any change: the forms' initial data."""

    conference: Conference
    pledge: Pledge
    present: dict = field(default_factory=dict)  # membership pk -> row initial
    guests: list = field(default_factory=list)
    points: dict = field(default_factory=dict)  # membership pk -> {"c<criterion pk>": points}
    signed: dict = field(default_factory=dict)  # next year's membership pk -> row initial
    leadership: Leadership | None = None


def saved_results(*, bloc, year, conference=None):
    conference = conference or Conference(bloc=bloc, year=year)
    pledge = Pledge.objects.filter(bloc=bloc, year=year + 1).first() or Pledge(bloc=bloc, year=year + 1)
    saved = SavedResults(conference=conference, pledge=pledge)
    if conference.pk:
        for a in conference.attendances.all():
            row = {"checked": True, "person": a.representative, "title": a.representative_title}
            if a.membership_id:
                saved.present[a.membership_id] = row
            else:
                saved.guests.append({**row, "organisation": a.guest_organisation})
    for score in Score.objects.filter(criterion__bloc=bloc, criterion__year=year):
        saved.points.setdefault(score.membership_id, {})[f"c{score.criterion_id}"] = score.points
    if pledge.pk:
        for s in pledge.signatures.all():
            saved.signed[s.membership_id] = {"checked": True, "person": s.signer, "title": s.signer_title}
    saved.leadership = Leadership.objects.filter(bloc=bloc, year=year + 1).first()
    return saved


def conference_history_sources(*, conference):
    """The audit trail of a conference and of everything its results page enters: attendance,
    the scoring table and points of the reviewed year, next year's pledge, signatures and
    leaders (blocs.history.timeline lists them)."""
    bloc_id, year = conference.bloc_id, conference.year
    criteria = Criterion.history.filter(bloc_id=bloc_id, year=year)
    pledges = Pledge.history.filter(bloc_id=bloc_id, year=year + 1)
    return [
        Source(
            Conference.history.filter(id=conference.pk),
            lambda r, label: subject_of(Conference),
            hidden=("bloc", "year"),
        ),
        Source(
            Attendance.history.filter(conference_id=conference.pk),
            lambda r, label: subject_of(Attendance, r.guest_organisation or label(r, "membership")),
            hidden=("conference", "membership"),
        ),
        Source(criteria, lambda r, label: subject_of(Criterion, r.name), hidden=("bloc", "year")),
        Source(
            Score.history.filter(criterion_id__in=criteria.values("id")),
            lambda r, label: subject_of(Score, f"{label(r, 'criterion')} — {label(r, 'membership')}"),
            hidden=("criterion", "membership"),
        ),
        Source(pledges, lambda r, label: subject_of(Pledge, r.year), hidden=("bloc", "year")),
        Source(
            Signature.history.filter(pledge_id__in=pledges.values("id")),
            lambda r, label: subject_of(Signature, label(r, "membership")),
            hidden=("pledge",),
        ),
        Source(
            Leadership.history.filter(bloc_id=bloc_id, year=year + 1),
            lambda r, label: subject_of(Leadership, r.year),
            hidden=("bloc", "year"),
        ),
    ]


# A member agency's own part (SelfAssessment).


def evidence_counts(assessment_ids):
    """{self-assessment pk: how many files of evidence it keeps}, in one query."""
    rows = (
        Attachment.objects.filter(
            content_type__app_label="emulation", content_type__model="selfassessment", object_id__in=assessment_ids
        )
        .values("object_id")
        .annotate(files=Count("pk"))
        .order_by()
    )
    return {row["object_id"]: row["files"] for row in rows}


@dataclass
class MemberYear:
    """One of a member agency's memberships, as its own staff's list shows it."""

    membership: Membership
    assessment: SelfAssessment | None
    conference: Conference | None
    evidence: int = 0

    @property
    def locked(self):
        return self.conference is not None and self.conference.is_finalized

    @property
    def due(self):
        """The bloc's own deadline: its conference's day, once it is set."""
        return self.conference.date if self.conference else None


def member_years(*, memberships):
    """The member's memberships, newest year first, each with its self-assessment and its bloc's
    conference of that year. Four queries whatever the number of years."""
    memberships = list(memberships.select_related("bloc", "agency").order_by("-year"))
    with_name_history(memberships)
    assessments = {a.membership_id: a for a in SelfAssessment.objects.filter(membership__in=memberships)}
    conferences = {
        (c.bloc_id, c.year): c
        for c in Conference.objects.filter(bloc_id__in={m.bloc_id for m in memberships}).order_by()
        if any(m.bloc_id == c.bloc_id and m.year == c.year for m in memberships)
    }
    evidence = evidence_counts([a.pk for a in assessments.values()])
    return [
        MemberYear(
            membership=m,
            assessment=assessments.get(m.pk),
            conference=conferences.get((m.bloc_id, m.year)),
            evidence=evidence.get(assessments[m.pk].pk, 0) if m.pk in assessments else 0,
        )
        for m in memberships
    ]


@dataclass
class OwnLine:
    criterion: Criterion
    own: SelfScore | None  # the member's points and comment


@dataclass
class OwnPart:
    """What the member's own page shows: its lines, its self-assessment, the pledge it confirms."""

    membership: Membership
    assessment: SelfAssessment | None
    lines: list
    conference: Conference | None
    pledge: Pledge | None  # the pledge for the year after, which the conference signs

    @property
    def locked(self):
        return self.conference is not None and self.conference.is_finalized


def own_part(*, membership):
    assessment = SelfAssessment.objects.filter(membership=membership).first()
    criteria = list(Criterion.objects.filter(bloc_id=membership.bloc_id, year=membership.year).order_by("order", "pk"))
    own = {s.criterion_id: s for s in assessment.scores.order_by()} if assessment else {}
    return OwnPart(
        membership=membership,
        assessment=assessment,
        lines=[OwnLine(criterion=c, own=own.get(c.pk)) for c in criteria],
        conference=Conference.objects.filter(bloc_id=membership.bloc_id, year=membership.year).first(),
        pledge=Pledge.objects.filter(bloc_id=membership.bloc_id, year=membership.year + 1).first(),
    )


@dataclass
class SentRow:
    """A member's self-assessment beside the bloc's own points, on the results page."""

    membership: Membership
    assessment: SelfAssessment
    lines: list  # (criterion, member's points or None, comment, bloc's points or None, differs)
    evidence: int = 0

    @property
    def differs(self):
        return any(line[4] for line in self.lines)

    @property
    def adoptable(self):
        return self.assessment.status == SelfAssessment.Status.SUBMITTED


def sent_assessments(*, bloc, year, members, criteria):
    """The members' self-assessments that were sent (never a draft), in the order of `members`,
    with the bloc's saved points beside each. Four queries whatever the number of members."""
    assessments = {
        a.membership_id: a
        for a in SelfAssessment.objects.filter(membership__bloc=bloc, membership__year=year)
        .exclude(status=SelfAssessment.Status.DRAFT)
        .order_by()
    }
    if not assessments:
        return []
    own = {}
    for score in SelfScore.objects.filter(assessment__in=list(assessments.values())).order_by():
        own[score.assessment_id, score.criterion_id] = score
    bloc_points = {
        (s.membership_id, s.criterion_id): s.points for s in Score.objects.filter(criterion__in=criteria).order_by()
    }
    evidence = evidence_counts([a.pk for a in assessments.values()])
    rows = []
    for membership in members:
        assessment = assessments.get(membership.pk)
        if assessment is None:
            continue
        assessment.membership = membership
        lines = []
        for criterion in criteria:
            mine = own.get((assessment.pk, criterion.pk))
            theirs = bloc_points.get((membership.pk, criterion.pk))
            points = mine.points if mine else None
            lines.append(
                (criterion, points, mine.comment if mine else "", theirs, points is not None and points != theirs)
            )
        rows.append(
            SentRow(membership=membership, assessment=assessment, lines=lines, evidence=evidence.get(assessment.pk, 0))
        )
    return rows


@dataclass
class Progress:
    """Who of a bloc's members has sent its self-assessment and evidence for a year."""

    bloc: object
    count: int  # the bloc's members of the year
    members: list  # by name: all of them, or none where nobody has sent and names were spared
    sent: list = field(default_factory=list)  # memberships
    with_evidence: list = field(default_factory=list)
    missing: list = field(default_factory=list)  # (membership, what is missing)
    due: object = None  # the bloc's conference day, once set

    @property
    def nobody_sent(self):
        return self.count > 0 and not self.sent


def assessment_progress(*, blocs, year, name_all=True):
    """For each bloc (in the order given), how many members it has in the year and what each has
    sent, by name. With name_all=False a bloc where nobody has sent names nobody (its count says
    it): the year dashboard of forty blocs would otherwise read and print every member of the
    province, most of a year's page (docs/benchmarks.md). Six queries at most, whatever the
    number of blocs and members."""
    blocs = list(blocs)
    sent = list(
        SelfAssessment.objects.filter(membership__bloc__in=blocs, membership__year=year)
        .exclude(status=SelfAssessment.Status.DRAFT)
        .values_list("pk", "membership_id", "membership__bloc_id")
        .order_by()
    )
    assessment_of = {membership_id: pk for pk, membership_id, _bloc in sent}
    evidence = evidence_counts(list(assessment_of.values()))
    counts = dict(
        Membership.objects.filter(bloc__in=blocs, year=year)
        .values("bloc_id")
        .annotate(n=Count("pk"))
        .values_list("bloc_id", "n")
        .order_by()
    )
    named = blocs if name_all else [b for b in blocs if b.pk in {bloc_id for *_, bloc_id in sent}]
    members = list(
        Membership.objects.filter(bloc__in=named, year=year).select_related("agency").order_by("agency__sort_key")
    )
    with_name_history(members)
    due = dict(Conference.objects.filter(bloc__in=blocs, year=year).values_list("bloc_id", "date"))
    by_bloc = {b.pk: Progress(bloc=b, count=counts.get(b.pk, 0), members=[], due=due.get(b.pk)) for b in blocs}
    for m in members:
        progress = by_bloc[m.bloc_id]
        progress.members.append(m)
        assessment = assessment_of.get(m.pk)
        has_evidence = assessment is not None and evidence.get(assessment, 0) > 0
        if assessment is not None:
            progress.sent.append(m)
        if has_evidence:
            progress.with_evidence.append(m)
        missing = [what for what, ok in (("assessment", assessment is not None), ("evidence", has_evidence)) if not ok]
        if missing:
            progress.missing.append((m, missing))
    return list(by_bloc.values())
