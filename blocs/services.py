"""Writes to the registry. Views, the admin and the demo loader all come through here."""

import datetime
from dataclasses import dataclass, field
from importlib import import_module

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from blocs.models import Agency, AgencyMerger, AgencyName, Bloc, BlocDecision, Leadership, Membership, Province, User
from core.services import bulk_write, by_user, check_rows, record_delete, validated_save
from core.text import fold

SYSTEM_USERNAME = "system"

# What locks a bloc's leaders of a year is a higher app's rule (the finalized year-end conference
# that elected them: emulation.rules), which it registers here in its AppConfig.ready(): each is
# lock(bloc_id=…, year=…) -> the sentence that says why, or None.
LEADERSHIP_LOCKS = []


def leadership_lock(*, bloc_id, year):
    """Why the leaders of the bloc for `year` cannot change now, or None."""
    return next((reason for lock in LEADERSHIP_LOCKS if (reason := lock(bloc_id=bloc_id, year=year))), None)


def _refuse_if_leaders_locked(bloc_id, year):
    reason = leadership_lock(bloc_id=bloc_id, year=year)
    if reason:
        raise PermissionDenied(reason)


def system_actor():
    """Who acts when a script writes (the demo loader, management commands): a named user that
    cannot log in and belongs to no province, so that the audit trail says who made a change."""
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME, defaults={"first_name": "Hệ thống", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


@transaction.atomic
def user_save(*, actor, user, blocs=None):
    """Create or change a user. Province admins manage the registry through the admin site, so
    their role (or being the operator) is what gives them the admin site. A member agency's user
    keeps no bloc: they send their agency's own part, never a bloc's results. `blocs`: the blocs a
    secretary keeps, in place of theirs (None: as they are). A change of blocs is a change of the
    user: their version moves, and the audit trail has one entry with the new blocs. A user
    deactivated here is logged out everywhere: reactivated later, they log in afresh."""
    user.is_staff = user.is_superuser or user.role == User.Role.PROVINCE_ADMIN
    if user.role != User.Role.MEMBER:
        user.agency = None
    creating = user.pk is None
    deactivated = not creating and not user.is_active and User.objects.filter(pk=user.pk, is_active=True).exists()
    if blocs is not None:
        blocs = set(blocs)
        if not creating and blocs == set(user.blocs.all()):
            blocs = None  # the same blocs: nothing to write
    if blocs is not None and not creating:
        user.skip_history_when_saving = True  # the save below writes the one entry, blocs included
        try:
            user.blocs.set(blocs)
        finally:
            del user.skip_history_when_saving
    validated_save(by_user(user, actor), claim=blocs is not None)
    if blocs and creating:
        user.blocs.set(blocs)  # once the user has a row
    if deactivated:
        user_sessions_end(user=user)
    return user


def user_sessions_end(*, user):
    """Ends every session of `user` in the session store. An inactive user's sessions are refused
    anyway (ModelBackend), but they would come back with the user: ended here, they cannot.
    Sessions are read from the database (the default engine, also behind cached_db)."""
    from django.contrib.auth import SESSION_KEY
    from django.contrib.sessions.models import Session

    store = import_module(settings.SESSION_ENGINE).SessionStore
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            store(session_key=session.session_key).delete()


@transaction.atomic
def user_delete(*, actor, user):
    record_delete(user, actor=actor)


@transaction.atomic
def province_save(*, actor, province):
    """Provinces are the system operator's: created with their first admins, renamed on a merger."""
    return validated_save(by_user(province, actor))


@transaction.atomic
def province_delete(*, actor, province):
    record_delete(province, actor=actor)


@transaction.atomic
def agency_save(*, actor, agency, renamed_on=None):
    """Create or change an agency. With `renamed_on`, a change of name is a rename: the
    old name is kept for the records of the years before that day."""
    if agency.pk and renamed_on:
        before = Agency.objects.get(pk=agency.pk)
        if (before.name, before.short_name) != (agency.name, agency.short_name):
            former = AgencyName(agency=agency, name=before.name, short_name=before.short_name, until=renamed_on)
            validated_save(by_user(former, actor))
    return validated_save(by_user(agency, actor))


@transaction.atomic
def agency_delete(*, actor, agency):
    record_delete(agency, actor=actor)


@transaction.atomic
def agency_former_names_save(*, actor, agency, rows, deleted=()):
    """Add, correct or remove names the agency had before (`rows`: unsaved or changed AgencyName
    objects); the agency is then found by them too. Its derived search columns are not a change of
    the agency: they are written without a new version or an empty change in its history."""
    for name in deleted:
        record_delete(name, actor=actor)
    for name in rows:
        name.agency = agency
        validated_save(by_user(name, actor))
    agency.refresh_derived_fields()
    Agency.objects.filter(pk=agency.pk).update(search_text=agency.search_text, sort_key=agency.sort_key)


IMPORTED_AGENCY_FIELDS = ["short_name", "kind", "active_from", "active_until", "search_text", "sort_key"]


@transaction.atomic
def agencies_import(*, actor, agencies, successors=(), former_names=()):
    """Many agencies of a province at once, as a spreadsheet import gives them, with the rules of
    agency_save and agency_former_names_save, written a few statements at a time with their audit
    trail: `agencies` (unsaved or changed Agency objects), then `successors` ((agency, successor)
    pairs, either may be one of `agencies`: a successor change is a save of its own, as it is on
    the page), then `former_names` (unsaved AgencyName objects, their agency set). The caller has
    matched the names against the saved agencies; the database's constraints stand behind it."""
    check_rows(agencies, exclude=["province", "successor", "merger"])
    for agency in agencies:
        agency.refresh_derived_fields(former=[] if agency.pk is None else None)
    bulk_write(Agency, agencies, IMPORTED_AGENCY_FIELDS, actor=actor)
    moved = []
    for agency, successor in successors:
        if agency.successor_id != successor.pk:
            agency.successor = successor
            moved.append(agency)
    check_rows(moved, exclude=["province", "merger"])
    bulk_write(Agency, moved, ["successor"], actor=actor)
    for name in former_names:
        name.agency = name.agency  # sets agency_id of an agency created just above, keeping it loaded
    check_rows(former_names, exclude=["agency"])
    bulk_write(AgencyName, list(former_names), [], actor=actor)
    # The agencies are found by their former names too: derived columns, not a change of the agency.
    renamed = {name.agency_id: name.agency for name in former_names}
    names = {}
    for agency_id, name, short_name in AgencyName.objects.filter(agency__in=list(renamed)).values_list(
        "agency_id", "name", "short_name"
    ):
        names.setdefault(agency_id, []).append((name, short_name))
    for agency in renamed.values():
        agency.refresh_derived_fields(former=names.get(agency.pk, []))
    Agency.objects.bulk_update(list(renamed.values()), ["search_text", "sort_key"], batch_size=500)


@transaction.atomic
def bloc_save(*, actor, bloc):
    """Create a bloc or change its name and description; its province stays (its members are of it)."""
    if bloc.pk is not None and Bloc.objects.filter(pk=bloc.pk).exclude(province_id=bloc.province_id).exists():
        raise ValidationError({"province": _("A bloc stays in its province.")})
    return validated_save(by_user(bloc, actor))


@transaction.atomic
def bloc_delete(*, actor, bloc):
    record_delete(bloc, actor=actor)


@transaction.atomic
def membership_add(*, actor, bloc, agency, year, note=""):
    return membership_save(actor=actor, membership=Membership(bloc=bloc, agency=agency, year=year, note=note))


@transaction.atomic
def membership_save(*, actor, membership):
    """Add a membership, or change its note. A saved membership keeps its bloc, agency and year: its
    leadership, attendance, scores and proposals point at it as the member of that bloc in that
    year; to move an agency, remove its membership and add another."""
    if membership.pk is not None:
        saved = Membership.objects.filter(pk=membership.pk).values_list("bloc_id", "agency_id", "year").first()
        if saved is not None and saved != (membership.bloc_id, membership.agency_id, membership.year):
            raise ValidationError(
                _("A membership keeps its bloc, agency and year: remove it and add the agency where it belongs.")
            )
    return validated_save(by_user(membership, actor))


@transaction.atomic
def membership_remove(*, actor, membership):
    """Refused (with the records that need it) while anything of its year points at it."""
    record_delete(membership, actor=actor)


@transaction.atomic
def memberships_import(*, actor, memberships, leaders=()):
    """A year's members of a province's blocs as a spreadsheet import gives them: `memberships`
    (unsaved Membership objects, their bloc and agency loaded), added with the rules of
    membership_add, a few statements at a time with their audit trail; then each bloc's leaders
    through leadership_set (`leaders`: (bloc, year, leader, deputy or None) memberships, saved or
    among `memberships`), with its lock. The caller has checked the year's memberships already
    recorded; the database's constraints stand behind it."""
    memberships = [m for m in memberships if m.pk is None]
    check_rows(memberships, exclude=["bloc", "agency", "decision"])
    bulk_write(Membership, memberships, [], actor=actor)
    for bloc, year, leader, deputy in leaders:
        leadership_set(actor=actor, bloc=bloc, year=year, leader=leader, deputy=deputy)


@dataclass
class CopyResult:
    copied: list = field(default_factory=list)
    skipped: list = field(default_factory=list)  # (agency name, reason)
    replaced: list = field(default_factory=list)  # (closed agency's name, its successor's name)


@transaction.atomic
def memberships_copy_from_previous_year(*, actor, bloc, year, dry_run=False):
    """Make last year's members members of `year` too, where they still can be: an agency
    closed by the end of `year` is replaced by its successor, once however many it replaces.
    All of them or, should anything fail, none. A dry run reports what a copy would do."""
    return _dry_runnable(lambda: _copy_members(actor, bloc, year), dry_run)


def _copy_members(actor, bloc, year):
    result = CopyResult()
    previous = Membership.objects.filter(bloc=bloc, year=year - 1).select_related("agency__successor")
    wanted = {}  # agency pk -> (agency, names of the closed agencies it replaces)
    for old in previous.order_by("agency__sort_key"):
        agency = old.agency.holder_in(year)
        if agency is None:
            result.skipped.append((old.agency.name, _("not active in %(year)s") % {"year": year}))
            continue
        replaces = wanted.setdefault(agency.pk, (agency, []))[1]
        if agency.pk != old.agency_id:
            replaces.append(old.agency.name)
    taken = dict(Membership.objects.filter(year=year, agency__in=list(wanted)).values_list("agency_id", "bloc__name"))
    for agency, replaces in wanted.values():
        if agency.pk in taken:
            result.skipped.append(
                (agency.name, _("already a member of %(bloc)s in %(year)s") % {"bloc": taken[agency.pk], "year": year})
            )
            continue
        try:
            result.copied.append(membership_add(actor=actor, bloc=bloc, agency=agency, year=year))
        except ValidationError:
            # Added to a bloc by someone else since `taken` was read: skipped like the others.
            other = Membership.objects.filter(agency=agency, year=year).values_list("bloc__name", flat=True).first()
            if other is None:
                raise
            result.skipped.append(
                (agency.name, _("already a member of %(bloc)s in %(year)s") % {"bloc": other, "year": year})
            )
            continue
        result.replaced += [(name, agency.name) for name in replaces]
    return result


LEADERSHIP_DETAILS = ("head_name", "head_title", "is_illustrative")


@transaction.atomic
def leadership_set(*, actor, bloc, year, leader, deputy=None, version=None, **details):
    """Record the leader and deputy memberships of a bloc for a year, replacing any before.
    `version`: the version of the leadership a page showed (core.versioning.Versioned); refused
    with EditConflict when someone saved it since. Refused while a finalized conference locks
    the year (LEADERSHIP_LOCKS). `details`: any of LEADERSHIP_DETAILS (who signs for the bloc,
    the demo mark); those not given are kept as recorded."""
    unknown = set(details) - set(LEADERSHIP_DETAILS)
    if unknown:
        raise TypeError(f"leadership_set() got unexpected details: {sorted(unknown)}")
    _refuse_if_leaders_locked(bloc.pk, year)
    leadership = Leadership.objects.filter(bloc=bloc, year=year).first() or Leadership(bloc=bloc, year=year)
    same_people = (leadership.leader_id, leadership.deputy_id) == (leader.pk, deputy and deputy.pk)
    if leadership.pk and same_people and all(getattr(leadership, k) == v for k, v in details.items()):
        return leadership  # as recorded already: nothing to add to the audit trail
    if leadership.pk and version is not None:
        leadership.version = version
    leadership.leader, leadership.deputy = leader, deputy
    for name, value in details.items():
        setattr(leadership, name, value)
    return validated_save(by_user(leadership, actor))


@transaction.atomic
def leadership_remove(*, actor, leadership):
    _refuse_if_leaders_locked(leadership.bloc_id, leadership.year)
    record_delete(leadership, actor=actor)


# The 2025 reorganisation: agencies merged into one, provinces merged into one, blocs re-drawn.


@dataclass
class Change:
    """One line of what a reorganisation changes, for the dry run and the report after."""

    year: int | None
    bloc: str  # the bloc's name, or "" for a change outside any bloc
    text: str


@dataclass
class MergerOutcome:
    merger: AgencyMerger
    changes: list
    dry_run: bool


def _day_before(day):
    return day - datetime.timedelta(days=1)


def _check_merger(predecessors, successor, effective_on):
    errors = []
    if not predecessors:
        errors.append(_("Choose the agencies that merge."))
    if len({a.pk for a in predecessors}) != len(predecessors):
        errors.append(_("An agency is listed twice."))
    if successor.pk and successor.pk in {a.pk for a in predecessors}:
        errors.append(_("The successor cannot be one of the agencies that end."))
    province_ids = {successor.province_id}
    province_ids |= set(
        Province.objects.filter(merged_into=successor.province_id).values_list("pk", flat=True)
        if successor.province_id
        else []
    )
    last_day = _day_before(effective_on)
    for agency in predecessors:
        if agency.province_id not in province_ids:
            errors.append(_("%(agency)s is not an agency of the successor's province.") % {"agency": agency.name})
        if agency.merger_id:
            errors.append(_("%(agency)s has been merged already.") % {"agency": agency.name})
        elif agency.active_until and agency.active_until != last_day and agency.active_until < effective_on:
            errors.append(
                _("%(agency)s closed on %(date)s, before the merger.")
                % {"agency": agency.name, "date": agency.active_until.strftime("%d/%m/%Y")}
            )
        if agency.active_from and agency.active_from > last_day:
            errors.append(_("%(agency)s opened after the merger's first day.") % {"agency": agency.name})
    if successor.active_from and successor.active_from > effective_on:
        errors.append(
            _("%(agency)s opens only on %(date)s.")
            % {"agency": successor.name, "date": successor.active_from.strftime("%d/%m/%Y")}
        )
    if successor.active_until and successor.active_until < effective_on:
        errors.append(_("%(agency)s has closed.") % {"agency": successor.name})
    if errors:
        raise ValidationError(errors)


def _take_place(*, actor, removed, kept, changes, successor):
    """Membership `removed` leaves its bloc's year; `kept` (the successor's membership in the
    same bloc and year, or None) takes over the leadership roles it held."""
    year, bloc = removed.year, removed.bloc
    for leadership in Leadership.objects.filter(bloc=bloc, year=year).select_related("leader", "deputy"):
        leader = kept if leadership.leader_id == removed.pk else leadership.leader
        deputy = kept if leadership.deputy_id == removed.pk else leadership.deputy
        if (leader, deputy) == (leadership.leader, leadership.deputy):
            continue
        if deputy is not None and leader == deputy:
            deputy = None
        if leader is None:
            changes.append(Change(year, bloc.name, _("The leadership of this year ends: its leader left the bloc.")))
            by_user(leadership, actor).delete()
            continue
        if leadership.leader_id == removed.pk:
            text = _("%(successor)s becomes the leader.") % {"successor": successor.name}
        else:
            text = _("%(successor)s becomes the deputy.") % {"successor": successor.name}
        changes.append(Change(year, bloc.name, text))
        leadership.leader, leadership.deputy = leader, deputy
        validated_save(by_user(leadership, actor))
    try:
        by_user(removed, actor).delete()
    except ProtectedError:
        raise ValidationError(
            _(
                "%(agency)s cannot leave %(bloc)s in %(year)s: conference records of that year name it. "
                "Merge from a later day, or correct those records first."
            )
            % {"agency": removed.agency.name, "bloc": bloc.name, "year": year}
        ) from None


@transaction.atomic
def agencies_merge(
    *,
    actor,
    predecessors,
    effective_on,
    basis_number,
    basis_date,
    successor=None,
    new_successor_name="",
    note="",
    dry_run=False,
):
    """Several agencies end the day before `effective_on`; `successor` (or a new agency named
    `new_successor_name`) takes their places. From the merger's year on, in each bloc where
    one of them was a member the successor is a member once, and holds the leader's or the
    deputy's role they held; nothing before that year changes. The membership of the first
    of them in a bloc and year is kept and passes to the successor, so that the records
    pointing at it follow. With `dry_run`, everything is done and then undone: the changes
    returned are exactly those a real run makes."""
    predecessors = list(predecessors)
    if (successor is None) == (not new_successor_name):
        raise ValidationError(_("Choose the successor, or name a new one (not both)."))
    if successor is None:
        province = predecessors[0].province if predecessors else None
        successor = Agency(province=province, name=new_successor_name.strip(), active_from=effective_on)
    _check_merger(predecessors, successor, effective_on)
    changes = []
    outcome = _dry_runnable(
        lambda: _merge(actor, predecessors, successor, effective_on, basis_number, basis_date, note, changes), dry_run
    )
    outcome.dry_run = dry_run
    return outcome


def _merge(actor, predecessors, successor, effective_on, basis_number, basis_date, note, changes):
    if not successor.pk:
        successor = agency_save(actor=actor, agency=successor)
        changes.append(Change(None, "", _("New agency: %(agency)s, from %(date)s.")
                              % {"agency": successor.name, "date": effective_on.strftime("%d/%m/%Y")}))  # fmt: skip
    merger = validated_save(
        by_user(
            AgencyMerger(
                successor=successor,
                effective_on=effective_on,
                basis_number=basis_number,
                basis_date=basis_date,
                note=note,
            ),
            actor,
        )
    )
    order = {agency.pk: i for i, agency in enumerate(predecessors)}
    memberships = sorted(
        Membership.objects.filter(agency__in=predecessors, year__gte=merger.first_year).select_related(
            "bloc", "agency"
        ),
        key=lambda m: (m.year, order[m.agency_id]),
    )
    held = {m.year: m for m in Membership.objects.filter(agency=successor, year__gte=merger.first_year)}
    moved = []  # memberships that pass to the successor once the predecessors are out of the way
    for membership in memberships:
        year, bloc = membership.year, membership.bloc
        kept = held.get(year)
        if kept is None:
            held[year] = membership
            moved.append(membership)
            changes.append(Change(year, bloc.name, _("%(successor)s takes the place of %(agency)s.")
                                  % {"successor": successor.name, "agency": membership.printed_name}))  # fmt: skip
        elif kept.bloc_id == bloc.pk:
            changes.append(Change(year, bloc.name, _("%(agency)s leaves: %(successor)s is a member already.")
                                  % {"successor": successor.name, "agency": membership.printed_name}))  # fmt: skip
            _take_place(actor=actor, removed=membership, kept=kept, changes=changes, successor=successor)
        else:
            changes.append(Change(year, bloc.name, _("%(agency)s leaves: %(successor)s is a member of %(other)s.")
                                  % {"successor": successor.name, "agency": membership.printed_name,
                                     "other": kept.bloc.name}))  # fmt: skip
            _take_place(actor=actor, removed=membership, kept=None, changes=changes, successor=successor)
    last_day = _day_before(effective_on)
    for agency in predecessors:
        agency.active_until, agency.successor, agency.merger = last_day, successor, merger
        agency_save(actor=actor, agency=agency)
        changes.append(Change(None, "", _("%(agency)s ends on %(date)s; its successor is %(successor)s.")
                              % {"agency": agency.name, "date": last_day.strftime("%d/%m/%Y"),
                                 "successor": successor.name}))  # fmt: skip
    roles = Leadership.objects.filter(Q(leader__in=moved) | Q(deputy__in=moved)).values_list(
        "year", "bloc__name", "leader_id"
    )
    moved_ids = {m.pk for m in moved}
    for year, bloc_name, leader_id in roles:
        if leader_id in moved_ids:
            text = _("%(successor)s becomes the leader.") % {"successor": successor.name}
        else:
            text = _("%(successor)s becomes the deputy.") % {"successor": successor.name}
        changes.append(Change(year, bloc_name, text))
    for membership in moved:
        membership.agency = successor
        validated_save(by_user(membership, actor))
    changes.sort(key=lambda c: (c.year is not None, c.year or 0, c.bloc))
    return MergerOutcome(merger=merger, changes=changes, dry_run=False)


def _dry_runnable(work, dry_run):
    """Run `work()` in a savepoint, undone afterwards when `dry_run`: a dry run does exactly
    what the real one does, so what it reports is what a real run would change."""
    sid = transaction.savepoint()
    try:
        result = work()
    except Exception:
        transaction.savepoint_rollback(sid)
        raise
    if dry_run:
        transaction.savepoint_rollback(sid)
    else:
        transaction.savepoint_commit(sid)
    return result


@dataclass
class ProvinceMergerOutcome:
    changes: list
    dry_run: bool


class UsersOfMergedProvinces:
    MOVE = "move"  # they work for the new province from now on
    CLOSE = "close"  # their logins are closed


@transaction.atomic
def provinces_merge(
    *, actor, provinces, into, effective_on, basis_number, basis_date, users=UsersOfMergedProvinces.MOVE, dry_run=False
):
    """Provinces become part of `into` from `effective_on` (Nghị quyết 202/2025/QH15: 63
    provinces became 34). Their blocs, memberships and records stay exactly as they were, under
    their own province and name, and `into`'s admins and viewers read them (blocs.access).
    Each of their agencies still open ends the day before, succeeded by `into`'s agency of the
    same name (created when `into` has none). Their users move to `into` (a secretary's blocs,
    now history, are taken away) or are closed. A site-level operator's action."""
    provinces = [p for p in provinces if p.pk != into.pk]
    errors = []
    if into.merged_into_id:
        errors.append(_("%(province)s has been merged into another province.") % {"province": into.name})
    for province in provinces:
        if province.merged_into_id:
            errors.append(_("%(province)s has been merged already.") % {"province": province.name})
    if not provinces:
        errors.append(_("Choose the provinces that merge."))
    if users not in (UsersOfMergedProvinces.MOVE, UsersOfMergedProvinces.CLOSE):
        errors.append(_("Choose whether their users move or are closed."))
    if errors:
        raise ValidationError(errors)
    changes = []

    def work():
        last_day = _day_before(effective_on)
        basis = f"{basis_number} ngày {basis_date:%d/%m/%Y}"
        for province in provinces:
            province.merged_into, province.merged_on, province.merger_basis = into, effective_on, basis
            validated_save(by_user(province, actor))
            changes.append(Change(None, "", _("%(province)s becomes part of %(into)s from %(date)s.")
                                  % {"province": province.name, "into": into.name,
                                     "date": effective_on.strftime("%d/%m/%Y")}))  # fmt: skip
        open_agencies = Agency.objects.filter(province__in=provinces, merger__isnull=True).exclude(
            active_until__lt=effective_on
        )
        by_target = {}
        for agency in open_agencies.order_by("province__name", "sort_key"):
            by_target.setdefault(agency.name, []).append(agency)
        existing = {a.name: a for a in Agency.objects.filter(province=into, active_until__isnull=True)}
        for name, agencies in by_target.items():
            successor = existing.get(name)
            if successor is None:
                first = agencies[0]
                successor = agency_save(
                    actor=actor,
                    agency=Agency(
                        province=into,
                        name=name,
                        short_name=first.short_name,
                        kind=first.kind,
                        active_from=effective_on,
                        is_illustrative=first.is_illustrative,
                    ),
                )
                changes.append(Change(None, "", _("New agency of %(into)s: %(agency)s.")
                                      % {"into": into.name, "agency": name}))  # fmt: skip
            merger = validated_save(
                by_user(
                    AgencyMerger(
                        successor=successor, effective_on=effective_on, basis_number=basis_number, basis_date=basis_date
                    ),
                    actor,
                )
            )
            for agency in agencies:
                agency.active_until, agency.successor, agency.merger = last_day, successor, merger
                agency_save(actor=actor, agency=agency)
                changes.append(Change(None, "", _("%(agency)s (%(province)s) ends on %(date)s; its successor is "
                                                  "%(successor)s (%(into)s).")
                                      % {"agency": agency.name, "province": agency.province.name,
                                         "date": last_day.strftime("%d/%m/%Y"), "successor": successor.name,
                                         "into": into.name}))  # fmt: skip
        for user in User.objects.filter(province__in=provinces).order_by("username"):
            if users == UsersOfMergedProvinces.MOVE:
                user.province = into
                user_save(actor=actor, user=user)
                user.blocs.clear()
                changes.append(Change(None, "", _("User %(user)s now works for %(into)s.")
                                      % {"user": user.username, "into": into.name}))  # fmt: skip
            else:
                user.is_active = False
                user_save(actor=actor, user=user)
                changes.append(Change(None, "", _("User %(user)s is closed.") % {"user": user.username}))
        return ProvinceMergerOutcome(changes=changes, dry_run=dry_run)

    return _dry_runnable(work, dry_run)


@dataclass
class RedrawOutcome:
    decision: BlocDecision
    preview: list  # BlocPreview per bloc of the table
    dry_run: bool


@dataclass
class BlocPreview:
    bloc: Bloc
    members: list  # agencies, in the table's order
    added: list  # names, against the year before
    removed: list
    kept: int


def _redraw_errors(province, year, table):
    errors = []
    blocs_seen, agencies_seen = {}, {}
    for number, (bloc, agencies) in enumerate(table, start=1):
        row = _("Row %(number)s (%(bloc)s)") % {"number": number, "bloc": bloc.name}
        if bloc.province_id != province.pk:
            errors.append(_("%(row)s: the bloc is not of this province.") % {"row": row})
        if bloc.pk in blocs_seen:
            errors.append(
                _("%(row)s: the bloc is listed in row %(other)s too.") % {"row": row, "other": blocs_seen[bloc.pk]}
            )
        blocs_seen.setdefault(bloc.pk, number)
        for agency in agencies:
            if agency.pk in agencies_seen:
                other_number, other_bloc = agencies_seen[agency.pk]
                errors.append(
                    _("%(row)s: %(agency)s is listed twice (also in row %(other)s, %(other_bloc)s).")
                    % {"row": row, "agency": agency.name, "other": other_number, "other_bloc": other_bloc.name}
                )
                continue
            agencies_seen[agency.pk] = (number, bloc)
            if agency.province_id != province.pk:
                errors.append(_("%(row)s: %(agency)s is not an agency of this province.")
                              % {"row": row, "agency": agency.name})  # fmt: skip
            elif not agency.in_register_of(year):
                if agency.active_until:
                    reason = _("it closed on %(date)s") % {"date": agency.active_until.strftime("%d/%m/%Y")}
                else:
                    reason = _("it opens on %(date)s") % {"date": agency.active_from.strftime("%d/%m/%Y")}
                errors.append(
                    _("%(row)s: %(agency)s is not active at the end of %(year)s: %(reason)s.")
                    % {"row": row, "agency": agency.name, "year": year, "reason": reason}
                )
    return errors


@transaction.atomic
def blocs_redraw(*, actor, province, number, date, signer, year, table, dry_run=False):
    """Record a decision of the UBND tỉnh drawing the province's blocs for `year`, and set that
    year's members from its table [(bloc, [agencies])]: the table is the whole register of the
    year, so a member of that year whom it does not list leaves. One transaction: any row in
    error and nothing is saved, with every error naming its row. The preview compares each
    bloc with its members of the year before."""
    table = [(bloc, list(agencies)) for bloc, agencies in table]
    errors = _redraw_errors(province, year, table)
    if errors:
        raise ValidationError(errors)
    before = {}
    for membership in Membership.objects.filter(bloc__province=province, year=year - 1).select_related("agency"):
        before.setdefault(membership.bloc_id, []).append(membership.agency)
    preview = []
    for bloc, agencies in table:
        previous = before.get(bloc.pk, [])
        previous_ids, wanted_ids = {a.pk for a in previous}, {a.pk for a in agencies}
        preview.append(
            BlocPreview(
                bloc=bloc,
                members=[a.name_in(year) for a in agencies],
                added=[a.name_in(year) for a in agencies if a.pk not in previous_ids],
                removed=[a.name_in(year - 1) for a in previous if a.pk not in wanted_ids],
                kept=len(previous_ids & wanted_ids),
            )
        )

    def work():
        decision = validated_save(
            by_user(BlocDecision(province=province, number=number, date=date, signer=signer, year=year), actor)
        )
        wanted = {agency.pk: bloc for bloc, agencies in table for agency in agencies}
        current = {m.agency_id: m for m in Membership.objects.filter(bloc__province=province, year=year)}
        for agency_id, membership in current.items():
            if wanted.get(agency_id) is None or wanted[agency_id].pk != membership.bloc_id:
                try:
                    by_user(membership, actor).delete()
                except ProtectedError:
                    raise ValidationError(
                        _(
                            "%(agency)s cannot leave %(bloc)s in %(year)s: it leads the bloc that year or "
                            "conference records name it. Change those first."
                        )
                        % {"agency": membership.printed_name, "bloc": membership.bloc.name, "year": year}
                    ) from None
        for bloc, agencies in table:
            for agency in agencies:
                membership = current.get(agency.pk)
                if membership is not None and membership.bloc_id == bloc.pk:
                    membership.decision = decision
                    validated_save(by_user(membership, actor))
                else:
                    validated_save(by_user(Membership(bloc=bloc, agency=agency, year=year, decision=decision), actor))
        return RedrawOutcome(decision=decision, preview=preview, dry_run=dry_run)

    return _dry_runnable(work, dry_run)


def province_code(name):
    """The code of a province's name, for URLs and file names: Vietnamese transliterated, not
    spelled out ("Đồng Nai" is "dong-nai", never "djng-nai")."""
    return slugify(fold(name))


@transaction.atomic
def province_create(*, actor, name, code="", awards_office=""):
    code = code or province_code(name)
    return validated_save(by_user(Province(name=name, code=code, awards_office=awards_office), actor))


@transaction.atomic
def province_create_with_admin(*, actor, name, code="", awards_office="", admin):
    """A new province and its first admin in one save (the operator's page and
    `manage.py create_province`): `admin` is an unsaved User with its username, names and
    password set; it becomes the province's admin. Both or neither."""
    province = province_create(actor=actor, name=name, code=code, awards_office=awards_office)
    admin.province = province
    admin.role = User.Role.PROVINCE_ADMIN
    admin.is_superuser = False
    user_save(actor=actor, user=admin)
    return province, admin
