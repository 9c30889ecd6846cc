"""The province's year at a glance: one row per bloc of the year, one cell per step of the
cycle. A fixed number of queries, whatever the number of blocs and years."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from blocs.access import visible_blocs
from blocs.models import Bloc, BlocDecision, Leadership, Membership
from blocs.selectors import with_name_history
from core.selectors import SubqueryCount
from dashboard.models import YearDeadline
from emulation.models import Attendance, Conference, Criterion, Score

# The steps of a bloc's year, in the order they are done: (key, column heading, deadline field).
STEPS = [
    ("members", _("Members"), "members_due"),
    ("leaders", _("Leader and deputy"), None),
    ("conference", _("Conference"), "conference_due"),
    ("results", _("Results entered"), None),
    ("votes", _("Votes"), None),
    ("finalized", _("Finalized"), "finalized_due"),
    ("dossier", _("Dossier sent"), "dossiers_due"),
    ("decided", _("Decided"), None),
]
STEP_LABELS = {key: label for key, label, _due in STEPS}


@dataclass
class Cell:
    done: bool
    text: str
    url: str
    late: bool = False


@dataclass
class Row:
    bloc: object
    cells: dict = field(default_factory=dict)

    @property
    def late(self):
        return any(cell.late for cell in self.cells.values())

    @property
    def next_step(self):
        """(key, label, cell) of the first step not done, or None when the year is done."""
        for key, label, _due in STEPS:
            cell = self.cells[key]
            if not cell.done:
                return key, label, cell
        return None

    def ordered_cells(self):
        return [(key, self.cells[key]) for key, _label, _due in STEPS]


@dataclass
class YearBoard:
    province: object
    year: int
    years: list
    rows: list
    deadline: object
    counts: list  # [(key, label, done, total)]


def years_of(*, province):
    """The years of the switcher: from the first year with members to the year after the last."""
    # Each bloc's first and last year read from the (bloc, year) index, not every membership of
    # the province scanned (docs/benchmarks.md).
    years = Membership.objects.filter(bloc=OuterRef("pk")).values("year")
    span = Bloc.objects.filter(province=province).aggregate(
        first=Min(Subquery(years.order_by("year")[:1])), last=Max(Subquery(years.order_by("-year")[:1]))
    )
    this_year = datetime.date.today().year
    first = span["first"] or this_year
    last = max(span["last"] or this_year, first)
    return list(range(last + 1, first - 1, -1))


def default_year(*, province):
    """The latest year with members, up to this year: the cycle under way."""
    this_year = datetime.date.today().year
    latest = Membership.objects.filter(bloc__province=province, year__lte=this_year).aggregate(latest=Max("year"))[
        "latest"
    ]
    return latest or this_year


def year_board(*, user, province, year, today=None):
    today = today or datetime.date.today()
    # The blocs of the year: members this year or last, or a conference reviewing it. Tested with
    # EXISTS, not joined: the join multiplied each bloc's memberships by its conferences before
    # DISTINCT folded them back (docs/benchmarks.md).
    blocs = list(
        visible_blocs(user)
        .filter(province=province)
        .filter(
            Exists(Membership.objects.filter(bloc=OuterRef("pk"), year__in=[year, year - 1]))
            | Exists(Conference.objects.filter(bloc=OuterRef("pk"), year=year))
        )
        .order_by("name")
    )
    bloc_ids = [bloc.pk for bloc in blocs]
    members = {
        row["bloc_id"]: row
        for row in Membership.objects.filter(bloc_id__in=bloc_ids, year=year)
        .values("bloc_id")
        .annotate(n=Count("pk"), decision_id=Max("decision_id"))
        .order_by()
    }
    decisions = BlocDecision.objects.in_bulk({row["decision_id"] for row in members.values()} - {None})
    leaderships = list(
        Leadership.objects.filter(bloc_id__in=bloc_ids, year=year).select_related("leader__agency", "deputy__agency")
    )
    with_name_history([m for row in leaderships for m in (row.leader, row.deputy) if m])
    leaders = {row.bloc_id: row for row in leaderships}
    scores = Score.objects.filter(criterion__bloc=OuterRef("bloc_id"), criterion__year=OuterRef("year"))
    criteria = Criterion.objects.filter(bloc=OuterRef("bloc_id"), year=OuterRef("year"))
    conferences = {
        conference.bloc_id: conference
        for conference in Conference.objects.filter(bloc_id__in=bloc_ids, year=year)
        .select_related("finalized_by")
        .annotate(
            proposal_count=Count("proposals"),
            submitted_count=Count("proposals", filter=Q(proposals__submission__isnull=False)),
            decided_count=Count("proposals", filter=Q(proposals__decision__isnull=False)),
            score_count=SubqueryCount(scores.values("pk")),
            criterion_count=SubqueryCount(criteria.values("pk")),
            attendance_count=SubqueryCount(  # members present: guests are not units of the bloc
                Attendance.objects.filter(conference=OuterRef("pk"), membership__isnull=False).values("pk")
            ),
        )
    }
    deadline = YearDeadline.objects.filter(province=province, year=year).first()
    rows = [
        _row(
            bloc, year, members.get(bloc.pk), decisions, leaders.get(bloc.pk), conferences.get(bloc.pk), deadline, today
        )
        for bloc in blocs
    ]
    counts = [(key, label, sum(row.cells[key].done for row in rows), len(rows)) for key, label, _due in STEPS]
    return YearBoard(
        province=province,
        year=year,
        years=years_of(province=province),
        rows=rows,
        deadline=deadline,
        counts=counts,
    )


def _is_late(deadline, due_field, today):
    due = getattr(deadline, due_field) if deadline and due_field else None
    return due is not None and today > due


def _row(bloc, year, members, decisions, leadership, conference, deadline, today):
    bloc_url = reverse("blocs:bloc_detail", args=[bloc.pk]) + f"?members={year}"
    edit_url = reverse("awards:conference_edit", args=[bloc.pk, year])
    detail_url = reverse("awards:conference_detail", args=[conference.pk]) if conference else edit_url
    awards_url = reverse("awards:proposal_list") + f"?year={year}&bloc={bloc.pk}"
    cells = {}
    if members:
        decision = decisions.get(members["decision_id"])
        text = _("%(count)s members") % {"count": members["n"]}
        if decision:
            text = f"{text} · {decision.number}"
        cells["members"] = Cell(True, text, bloc_url)
    else:
        cells["members"] = Cell(False, _("Not set"), bloc_url)
    if leadership:
        text = leadership.leader.printed_name
        if leadership.deputy:
            text = f"{text} / {leadership.deputy.printed_name}"
        cells["leaders"] = Cell(True, text, bloc_url)
    else:
        cells["leaders"] = Cell(False, _("Not elected"), bloc_url)
    if conference:
        cells["conference"] = Cell(True, conference.date.strftime("%d/%m/%Y"), detail_url)
        entered = conference.score_count or conference.attendance_count
        cells["results"] = Cell(
            bool(entered),
            _("%(present)s present, %(scores)s scores entered")
            % {"scores": conference.score_count, "present": conference.attendance_count}
            if entered
            else _("Not entered"),
            edit_url,
        )
        cells["votes"] = Cell(
            bool(conference.proposal_count),
            _("%(count)s proposals") % {"count": conference.proposal_count} if conference.proposal_count else _("None"),
            edit_url,
        )
        cells["finalized"] = Cell(
            conference.is_finalized,
            conference.finalized_at.strftime("%d/%m/%Y")
            if conference.is_finalized and conference.finalized_at
            else (_("Finalized") if conference.is_finalized else _("Draft")),
            detail_url,
        )
        sent, decided, total = conference.submitted_count, conference.decided_count, conference.proposal_count
        cells["dossier"] = Cell(bool(total) and sent == total, f"{sent}/{total}" if total else "—", awards_url)
        cells["decided"] = Cell(bool(total) and decided == total, f"{decided}/{total}" if total else "—", awards_url)
    else:
        cells["conference"] = Cell(False, _("Not held"), edit_url)
        for key in ("results", "votes", "finalized", "dossier", "decided"):
            cells[key] = Cell(False, "—", edit_url)
    for key, _label, due_field in STEPS:
        cell = cells[key]
        cell.late = not cell.done and _is_late(deadline, due_field, today)
    return Row(bloc=bloc, cells=cells)
