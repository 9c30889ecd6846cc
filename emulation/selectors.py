"""Reads for the conference pages (and later the printed documents)."""

from dataclasses import dataclass, field
from decimal import Decimal

from blocs.models import Leadership, Membership
from blocs.selectors import attach_memberships, members_by_year, members_of
from core.history import Source, subject_of
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature


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
