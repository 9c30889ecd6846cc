"""Reads for the registry pages. Each declares the joins its page needs."""

from dataclasses import dataclass

from django.db.models import Count, Max, Q, prefetch_related_objects

from blocs.access import visible_agencies, visible_blocs
from blocs.models import Agency, AgencyName, Bloc, Leadership, Membership
from core.history import Source, subject_of


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
    """Prefetch, in one query, the name history of the agencies of these memberships."""
    prefetch_related_objects([m.agency for members in membership_lists for m in members], "former_names")


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
    leaderships = Leadership.objects.filter(Q(leader__agency=agency) | Q(deputy__agency=agency))
    roles = {}
    for leadership in leaderships.values("bloc_id", "year", "leader__agency_id"):
        is_leader = leadership["leader__agency_id"] == agency.pk
        roles[leadership["bloc_id"], leadership["year"]] = "leader" if is_leader else "deputy"
    for membership in memberships:
        membership.role = roles.get((membership.bloc_id, membership.year), "")
    return memberships


def bloc_list(*, user):
    return (
        visible_blocs(user)
        .select_related("province")
        .annotate(latest_year=Max("memberships__year"), agency_count=Count("memberships__agency", distinct=True))
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


def bloc_years(*, bloc, listed=LISTED_YEARS, also=None):
    """The bloc's years, newest first, each with its member count and leadership; the
    members themselves for the `listed` latest years and for the year `also`."""
    counts = dict(bloc.memberships.order_by().values_list("year").annotate(count=Count("pk")))
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
    return [BlocYear(year, counts.get(year, 0), members.get(year), leaderships.get(year)) for year in years]


@dataclass
class RotationCandidate:
    membership: Membership
    last_led: int | None  # the last year it led this bloc, None if never


def rotation_hint(*, bloc, year):
    """Candidates to lead the bloc in `year`: its members that year (or the year before,
    when that year's are not recorded yet), those who have gone longest without leading
    it first. Prefetches the name history, which the page prints."""
    memberships = bloc.memberships.select_related("agency").prefetch_related("agency__former_names")
    members = list(memberships.filter(year=year)) or list(memberships.filter(year=year - 1))
    last_led = dict(
        Leadership.objects.filter(bloc=bloc, year__lt=year)
        .values("leader__agency_id")
        .annotate(last=Max("year"))
        .values_list("leader__agency_id", "last")
    )
    candidates = [RotationCandidate(m, last_led.get(m.agency_id)) for m in members]
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
