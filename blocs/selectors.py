"""Reads for the registry pages. Each declares the joins its page needs."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery, prefetch_related_objects

from blocs.access import visible_agencies, visible_blocs
from blocs.models import Agency, AgencyName, Bloc, BlocDecision, Leadership, Membership
from core.history import Source, subject_of
from core.selectors import SubqueryCount


def members_of(*, bloc, year):
    """A bloc's memberships of a year in Vietnamese order, with the name history that
    printed_name reads."""
    return members_by_year(bloc=bloc, years=[year])[year]


def members_by_year(*, bloc, years):
    """{year: members_of that year} for several years, in one query and one for the
    name history of them all."""
    by_year = {year: [] for year in years}
    for membership in (
        Membership.objects.filter(bloc=bloc, year__in=years).select_related("agency").order_by("agency__sort_key")
    ):
        by_year[membership.year].append(membership)
    with_name_history(*by_year.values())
    return by_year


def with_name_history(*membership_lists):
    """Attach to the agencies of these memberships, in one query, the name history that
    Agency.name_on reads. A plain list on each agency, not prefetch_related: Django's prefetch
    builds a queryset per agency, about 0.1 ms each, which was two thirds of the year dashboard's
    600 memberships (docs/benchmarks.md)."""
    agencies = [m.agency for members in membership_lists for m in members]
    if not agencies:
        return
    history = defaultdict(list)
    for former in AgencyName.objects.filter(agency_id__in={a.pk for a in agencies}):  # ordered by `until`
        history[former.agency_id].append(former)
    for agency in agencies:
        agency.name_history = history[agency.pk]


def attach_memberships(rows, *fields, known):
    """Set rows' membership fields (e.g. "membership", "leader") to the objects in `known`
    ({pk: membership}, already fetched with their agency), so the rows need no join of
    their own. A membership not among them is fetched, with its name history, in one query."""
    wanted = {getattr(row, f"{f}_id") for row in rows for f in fields} - {None}
    missing = wanted - set(known)
    if missing:
        fetched = list(Membership.objects.filter(pk__in=missing).select_related("agency"))
        with_name_history(fetched)
        known = {**known, **{m.pk: m for m in fetched}}
    for row in rows:
        for f in fields:
            pk = getattr(row, f"{f}_id")
            if pk is not None:
                setattr(row, f, known[pk])
    return rows


def agency_list(*, user, query=""):
    agencies = visible_agencies(user).select_related("province").prefetch_related("former_names")
    return agencies.search(query) if query else agencies


def agency_memberships(*, agency):
    """Its blocs over the years, each with whether it led or deputised that year.
    Prefetches the agency's name history, which printed_name reads."""
    prefetch_related_objects([agency], "former_names")
    memberships = list(agency.memberships.select_related("bloc").order_by("-year"))
    # By the memberships' own ids, not joined to them: an OR over two joins scanned every
    # leadership of the register (docs/benchmarks.md).
    ids = {membership.pk for membership in memberships}
    leaderships = Leadership.objects.filter(Q(leader_id__in=ids) | Q(deputy_id__in=ids))
    roles = {}
    for leadership in leaderships.values("bloc_id", "year", "leader_id"):
        is_leader = leadership["leader_id"] in ids
        roles[leadership["bloc_id"], leadership["year"]] = "leader" if is_leader else "deputy"
    for membership in memberships:
        membership.role = roles.get((membership.bloc_id, membership.year), "")
    return memberships


def agency_predecessors(*, agency):
    """The agencies whose work it took over, each with the merger that ended them."""
    return list(agency.predecessors.select_related("merger", "province").order_by("active_until", "sort_key"))


def bloc_list(*, user):
    """The blocs the user sees, each with its latest year with members and how many agencies were
    ever its members. Both are subqueries per bloc over the (bloc, year) index: aggregating the
    join of every bloc with its memberships grouped and sorted every row of bloc and province
    (docs/benchmarks.md)."""
    memberships = Membership.objects.filter(bloc=OuterRef("pk")).order_by()
    return (
        visible_blocs(user)
        .select_related("province")
        .annotate(
            latest_year=Subquery(memberships.order_by("-year").values("year")[:1]),
            agency_count=SubqueryCount(memberships.values("agency_id").distinct()),
        )
    )


def reviewed_years(*, province_id, last=6):
    """The latest years a conference of the province reviewed, newest first."""
    years = Bloc.objects.filter(province_id=province_id).values_list("conferences__year", flat=True)
    return sorted({year for year in years if year}, reverse=True)[:last]


def conference_statuses(*, bloc):
    """{reviewed year: {"pk", "status"}} of the bloc's year-end conferences. The emulation
    app owns conferences; the bloc page only reads their status through the relation."""
    return {row["year"]: row for row in bloc.conferences.values("pk", "year", "status")}


# Member lists printed in full on the bloc page: the latest years'. Earlier years show their
# count and a link, so the page does not grow with the bloc's history.
LISTED_YEARS = 3


@dataclass
class BlocYear:
    year: int
    count: int  # members that year
    members: list | None  # in Vietnamese order, for the listed years only
    leadership: Leadership | None
    decisions: list = field(default_factory=list)  # the decisions its members come from


def bloc_years(*, bloc, listed=LISTED_YEARS, also=None):
    """The bloc's years, newest first, each with its member count and leadership; the
    members themselves for the `listed` latest years and for the year `also`."""
    counts, decision_ids = {}, set()
    for year, decision_id, count in bloc.memberships.order_by().values_list("year", "decision").annotate(Count("pk")):
        counts[year] = counts.get(year, 0) + count
        decision_ids.add(decision_id)
    decisions = {}
    if decision_ids - {None}:  # read only where a decision set members
        for decision in BlocDecision.objects.filter(pk__in=decision_ids - {None}).order_by("date", "pk"):
            decisions.setdefault(decision.year, []).append(decision)
    leaderships = {
        leadership.year: leadership
        for leadership in bloc.leaderships.select_related("leader__agency", "deputy__agency").prefetch_related(
            "leader__agency__former_names", "deputy__agency__former_names"
        )
    }
    years = sorted(set(counts) | set(leaderships), reverse=True)
    shown = {year for year in years[:listed] if year in counts} | ({also} & set(counts))
    members = {year: [] for year in shown}
    if shown:
        memberships = (
            bloc.memberships.filter(year__in=shown)
            .select_related("agency")
            .prefetch_related("agency__former_names")
            .order_by("agency__sort_key")
        )
        for membership in memberships:
            members[membership.year].append(membership)
    return [
        BlocYear(year, counts.get(year, 0), members.get(year), leaderships.get(year), decisions.get(year, []))
        for year in years
    ]


@dataclass
class RotationCandidate:
    membership: Membership  # unsaved for a successor standing in for a closed member
    last_led: int | None  # the last year it led this bloc, None if never
    replaces: list = field(default_factory=list)  # names of the closed members it stands in for


def rotation_hint(*, bloc, year):
    """Candidates to lead the bloc in `year`: its members that year (or the year before,
    when that year's are not recorded yet) still active at the end of `year`, a closed one
    replaced by its successor (once), those who have gone longest without leading it first.
    Named as they are named in `year`; prefetches the name history, which the page prints."""
    memberships = bloc.memberships.select_related("agency__successor").prefetch_related(
        "agency__former_names", "agency__successor__former_names"
    )
    members = list(memberships.filter(year=year)) or list(memberships.filter(year=year - 1))
    by_agency = {}
    for membership in members:
        agency = membership.agency
        if not agency.in_register_of(year):
            successor = agency.successor
            if successor is None or not successor.in_register_of(year):
                continue  # closed with no successor in the register of that year
            stand_in = by_agency.get(successor.pk) or RotationCandidate(
                Membership(bloc=bloc, agency=successor, year=year), None
            )
            stand_in.replaces.append(agency.name_in(membership.year))
            by_agency.setdefault(successor.pk, stand_in)
        else:
            candidate = RotationCandidate(membership, None)
            if agency.pk in by_agency:  # its stand-in came first: it keeps whom it replaces
                candidate.replaces = by_agency[agency.pk].replaces
            by_agency[agency.pk] = candidate
    last_led = dict(
        Leadership.objects.filter(bloc=bloc, year__lt=year)
        .values("leader__agency_id")
        .annotate(last=Max("year"))
        .values_list("leader__agency_id", "last")
    )
    candidates = list(by_agency.values())
    for candidate in candidates:
        candidate.last_led = last_led.get(candidate.membership.agency_id)
    candidates.sort(key=lambda c: (c.last_led is not None, c.last_led or 0, c.membership.agency.sort_key))
    return candidates


def agency_history_sources(*, agency):
    """The audit trail of an agency: its own record, its renames and its memberships."""
    return [
        Source(Agency.history.filter(id=agency.pk), lambda r, label: subject_of(Agency)),
        Source(
            AgencyName.history.filter(agency_id=agency.pk),
            lambda r, label: subject_of(AgencyName, r.name),
            hidden=("agency",),
        ),
        Source(
            Membership.history.filter(agency_id=agency.pk),
            lambda r, label: subject_of(Membership, f"{label(r, 'bloc')}, {r.year}"),
            hidden=("agency",),
        ),
    ]


def open_agencies(*, province):
    """The agencies of a province not closed yet: those a merger may end or name as successor."""
    return Agency.objects.filter(province=province, active_until__isnull=True).order_by("sort_key")


def redraw_agencies(*, province, year):
    """What a decision for `year` may list: the province's agencies active on any day of the
    year (one closed during it is refused by the service, with its row named)."""
    return Agency.objects.filter(province=province).active_in(year).order_by("sort_key")


def redraw_initial(*, province, year):
    """{bloc pk: [agency pks]}: the year's members if recorded, else the year before's with a
    closed agency replaced by its successor in the register of `year`."""
    memberships = list(Membership.objects.filter(bloc__province=province, year=year).select_related("agency"))
    if not memberships:
        memberships = list(
            Membership.objects.filter(bloc__province=province, year=year - 1).select_related("agency__successor")
        )
    initial, placed = {}, set()
    for membership in memberships:
        agency = membership.agency.holder_in(year)
        if agency is None or agency.pk in placed:
            continue
        placed.add(agency.pk)
        initial.setdefault(membership.bloc_id, []).append(agency.pk)
    return initial


def latest_member_year(*, province):
    return Membership.objects.filter(bloc__province=province).aggregate(latest=Max("year"))["latest"]
