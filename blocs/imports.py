"""Spreadsheet imports of the registry, through the same services as the pages.

Each import reads the rows (core.sheets), matches names with core.text.fold, and returns a
preview: what would be created, changed and left as it is, and every bad row with its row
number, column and a Vietnamese reason. Nothing is saved while any row is bad; the writes
happen in one transaction, through blocs.services, and a second import of the same file
changes nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from blocs import services
from blocs.models import FIRST_YEAR, LAST_YEAR, Agency, AgencyName, Bloc, Leadership, Membership
from core.sheets import Problem, parse_date
from core.text import fold

BLOC, AGENCY, ROLE = "Khối thi đua", "Cơ quan, đơn vị", "Vai trò"
LEADER, DEPUTY, MEMBER = "Trưởng khối", "Phó khối", "Thành viên"
MEMBER_COLUMNS = [BLOC, AGENCY, ROLE]
MEMBER_EXAMPLE = ["Khối Văn hóa - Xã hội", "Sở Văn hóa, Thể thao và Du lịch", LEADER]
ROLES = [LEADER, DEPUTY, MEMBER]


@dataclass
class Preview:
    created: list = field(default_factory=list)  # sentences, in the file's order
    changed: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # core.sheets.Problem
    warnings: list = field(default_factory=list)  # rules that warn without blocking (sentences)
    saved: bool = False
    # What the import writes, as judged: called as plan(actor=…), in one transaction of the services.
    # A partial of a module's function, so that a preview can be kept (pickled) until it is confirmed.
    plan: object = None

    @property
    def ok(self):
        return not self.problems

    def refuse(self, number, column, message):
        self.problems.append(Problem(number, column, message))

    def sorted_problems(self):
        self.problems.sort(key=lambda p: (p.row or 0, p.column))
        return self

    def judged(self, plan, *, actor, dry_run):
        """The end of an import's judgement: the preview of a dry run or of bad rows, else saved."""
        self.plan = None if self.problems else plan
        if self.problems or dry_run:
            return self.sorted_problems()
        return self.save(actor=actor)

    def save(self, *, actor):
        """Write what was judged, all or nothing. What the services still refuse then (a lock, a
        record saved meanwhile, a race) joins the problems, and nothing is saved."""
        try:
            self.plan(actor=actor)
        except (ValidationError, PermissionDenied) as refusal:
            messages = refusal.messages if isinstance(refusal, ValidationError) else [str(refusal)]
            self.problems.extend(Problem(None, "", message) for message in messages)
        else:
            self.saved = True
        self.plan = None  # written, or refused: never twice
        return self


class Matcher:
    """Names matched ignoring case and diacritics (core.text.fold), as search does."""

    def __init__(self, objects, names):
        self.by_name = defaultdict(list)
        for obj in objects:
            for name in names(obj):
                if name and obj not in self.by_name[fold(name)]:
                    self.by_name[fold(name)].append(obj)

    def find(self, text, number, column, what):
        if text is None:  # the cell was refused as it was read
            return None, None
        found = self.by_name.get(fold(text), [])
        if not found:
            return None, Problem(number, column, _("no %(what)s is named “%(name)s”.") % {"what": what, "name": text})
        if len(found) > 1:
            names = "; ".join(str(obj) for obj in found)
            return None, Problem(
                number,
                column,
                _("“%(name)s” could be any of: %(names)s. Write the full name.") % {"name": text, "names": names},
            )
        return found[0], None


def year_problem(year):
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        return Problem(
            None, "", _("The year must be between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        )
    return None


def members_matcher(memberships):
    """The members of a bloc's year, found by their agency's name, short name or a former name."""
    return Matcher(
        memberships,
        lambda m: [m.agency.name, m.agency.short_name, *[n.name for n in m.agency.former_names.all()]],
    )


def members_import(*, actor, province, year, sheet, dry_run=False):
    """A year's members of the province's blocs, with each bloc's leader and deputy: adds the
    memberships the file lists and sets the leadership it names. Members of the year that the
    file does not list are left as they are."""
    preview = Preview(problems=list(sheet.problems))
    if not FIRST_YEAR <= year <= LAST_YEAR:
        preview.problems.append(
            Problem(
                None,
                "",
                _("The year must be between %(first)s and %(last)s.") % {"first": FIRST_YEAR, "last": LAST_YEAR},
            )
        )
        return preview
    blocs = Matcher(Bloc.objects.filter(province=province), lambda b: [b.name])
    agencies_qs = Agency.objects.filter(province=province).prefetch_related("former_names")
    agencies = Matcher(
        agencies_qs,
        lambda a: [a.name, a.short_name, *[n.name for n in a.former_names.all()]],
    )
    wanted = []  # (number, bloc, agency, role)
    seen = {}
    for number, row in sheet.rows:
        bloc, problem = blocs.find(row.get(BLOC, ""), number, BLOC, _("bloc of this province"))
        if problem:
            preview.problems.append(problem)
        agency, problem = agencies.find(row.get(AGENCY, ""), number, AGENCY, _("agency of this province"))
        if problem:
            preview.problems.append(problem)
        role = row.get(ROLE, "")
        if role is None:
            continue
        role = role or MEMBER
        if fold(role) not in {fold(r): r for r in ROLES}:
            preview.problems.append(
                Problem(number, ROLE, _("the role must be one of: %(roles)s.") % {"roles": ", ".join(ROLES)})
            )
            continue
        role = {fold(r): r for r in ROLES}[fold(role)]
        if not (bloc and agency):
            continue
        if agency.pk in seen:
            other_number, other_bloc = seen[agency.pk]
            reason = (
                _("%(agency)s is listed twice (also in row %(other)s).")
                if other_bloc == bloc
                else _("%(agency)s cannot be a member of two blocs in one year (row %(other)s: %(bloc)s).")
            )
            preview.problems.append(
                Problem(
                    number, AGENCY, reason % {"agency": agency.name, "other": other_number, "bloc": other_bloc.name}
                )
            )
            continue
        seen[agency.pk] = (number, bloc)
        if not agency.in_register_of(year):
            preview.problems.append(
                Problem(
                    number,
                    AGENCY,
                    _("%(agency)s is not active at the end of %(year)s.") % {"agency": agency.name, "year": year},
                )
            )
            continue
        wanted.append((number, bloc, agency, role))
    existing = {
        m.agency_id: m for m in Membership.objects.filter(bloc__province=province, year=year).select_related("bloc")
    }
    leaders = defaultdict(dict)
    for number, bloc, agency, role in wanted:
        current = existing.get(agency.pk)
        if current and current.bloc_id != bloc.pk:
            preview.problems.append(
                Problem(
                    number,
                    BLOC,
                    _("%(agency)s is already a member of %(bloc)s in %(year)s.")
                    % {"agency": agency.name, "bloc": current.bloc.name, "year": year},
                )
            )
        elif current:
            preview.unchanged.append(_("%(agency)s in %(bloc)s") % {"agency": agency.name, "bloc": bloc.name})
        else:
            preview.created.append(_("%(agency)s joins %(bloc)s") % {"agency": agency.name, "bloc": bloc.name})
        if role != MEMBER:
            if role in leaders[bloc]:
                preview.problems.append(
                    Problem(number, ROLE, _("%(bloc)s has two rows as %(role)s.") % {"bloc": bloc.name, "role": role})
                )
            leaders[bloc][role] = (number, agency)
    recorded = {
        lead.bloc_id: lead
        for lead in Leadership.objects.filter(bloc__province=province, year=year).select_related("leader", "deputy")
    }
    for bloc, roles in leaders.items():
        if LEADER not in roles:
            number = roles[DEPUTY][0]
            preview.problems.append(
                Problem(number, ROLE, _("%(bloc)s has a deputy but no leader.") % {"bloc": bloc.name})
            )
            continue
        before = recorded.get(bloc.pk)
        leader_id, deputy_id = roles[LEADER][1].pk, roles.get(DEPUTY, (None, None))[1]
        deputy_id = deputy_id and deputy_id.pk
        if before and (before.leader.agency_id, before.deputy and before.deputy.agency_id) == (leader_id, deputy_id):
            preview.unchanged.append(_("the leaders of %(bloc)s") % {"bloc": bloc.name})
        elif before:
            preview.changed.append(_("the leaders of %(bloc)s") % {"bloc": bloc.name})
        else:
            preview.created.append(_("the leaders of %(bloc)s") % {"bloc": bloc.name})
    if preview.problems:
        return preview.sorted_problems()
    memberships = {}
    for _number, bloc, agency, _role in wanted:
        memberships[agency.pk] = existing.get(agency.pk) or Membership(bloc=bloc, agency=agency, year=year)
    chosen = [
        (
            bloc,
            year,
            memberships[roles[LEADER][1].pk],
            memberships[roles[DEPUTY][1].pk] if DEPUTY in roles else None,
        )
        for bloc, roles in leaders.items()
    ]
    new = [m for m in memberships.values() if m.pk is None]
    return preview.judged(
        partial(services.memberships_import, memberships=new, leaders=chosen), actor=actor, dry_run=dry_run
    )


# The agencies of a province, with the names they had before and the agency a merged one went into.
NAME, SHORT, KIND, ACTIVE_FROM, ACTIVE_UNTIL = (
    "Tên cơ quan, đơn vị", "Tên viết tắt", "Loại", "Hoạt động từ ngày", "Hoạt động đến ngày",
)  # fmt: skip
SUCCESSOR, FORMER, FORMER_UNTIL = "Sáp nhập vào", "Tên cũ", "Đổi tên từ ngày"
AGENCY_COLUMNS = [NAME, SHORT, KIND, ACTIVE_FROM, ACTIVE_UNTIL, SUCCESSOR, FORMER, FORMER_UNTIL]
AGENCY_EXAMPLE = [
    "Sở Khoa học và Công nghệ", "Sở KH&CN", str(Agency.Kind.DEPARTMENT.label), "", "", "",
    "Sở Khoa học, Công nghệ và Môi trường", "01/08/2003",
]  # fmt: skip
DETAILS = [SHORT, KIND, ACTIVE_FROM, ACTIVE_UNTIL, SUCCESSOR]


def agency_kinds():
    return {fold(str(label)): value for value, label in Agency.Kind.choices}


@dataclass
class _AgencyRow:
    number: int
    name: str
    row: dict
    agency: Agency | None  # the saved agency of that name, None for a new one
    fields: dict = field(default_factory=dict)  # short_name, kind, active_from, active_until
    successor: str = ""  # the successor's name as written, then as the register has it
    successor_agency: Agency | None = None  # the successor when it is a saved agency the file does not list
    former: list = field(default_factory=list)  # (number, name, until)


def agencies_import(*, actor, province, year=None, sheet, dry_run=False):
    """A province's agencies: each row an agency, by its current name; another row of the same
    agency may add a name it had before (“Tên cũ”, and the day the next name took effect). An
    agency that merged into another names it (“Sáp nhập vào”) with its last day. An agency
    already recorded is matched by its name (ignoring case and diacritics) and only the columns
    filled in change it; agencies the file does not name are left as they are."""
    preview = Preview(problems=list(sheet.problems))
    saved = list(Agency.objects.filter(province=province).prefetch_related("former_names"))
    by_name = Matcher(saved, lambda a: [a.name])
    kinds = agency_kinds()
    rows = {}  # folded name -> _AgencyRow
    for number, row in sheet.rows:
        name = row.get(NAME)
        if name is None:
            continue
        if not name:
            preview.refuse(number, NAME, _("the agency's name is empty."))
            continue
        key = fold(name)
        former_name, former_until = row.get(FORMER), row.get(FORMER_UNTIL)
        first = rows.get(key)
        if first is not None:
            clashes = [c for c in DETAILS if row.get(c) and fold(row.get(c) or "") != fold(first.row.get(c) or "")]
            if not former_name or clashes:
                preview.refuse(
                    number,
                    NAME,
                    _("%(agency)s is listed twice (also in row %(other)s); a second row may only add a former name.")
                    % {"agency": name, "other": first.number},
                )
                continue
        else:
            agency = None
            if by_name.by_name.get(key):
                agency, problem = by_name.find(name, number, NAME, "")
                if problem:
                    preview.problems.append(problem)
                    continue
            first = rows[key] = _AgencyRow(number, name, row, agency)
            _agency_fields(preview, first, kinds)
        if former_name or former_until:
            until, reason = parse_date(former_until or "")
            if reason or until is None:
                preview.refuse(number, FORMER_UNTIL, reason or _("give the day the next name took effect."))
            elif not former_name:
                preview.refuse(number, FORMER, _("give the former name used until %(date)s.") % {
                    "date": until.strftime("%d/%m/%Y")})  # fmt: skip
            elif any(u == until for _n, _name, u in first.former):
                preview.refuse(number, FORMER_UNTIL, _("two former names end on the same day."))
            else:
                first.former.append((number, former_name, until))
    for entry in rows.values():
        if entry.successor:
            target = rows.get(fold(entry.successor))
            if target is None:
                found, problem = by_name.find(entry.successor, entry.number, SUCCESSOR, _("agency of this province"))
                if problem:
                    preview.problems.append(problem)
                    continue
                target_name, entry.successor_agency = found.name, found
            else:
                target_name = target.name
            if fold(target_name) == fold(entry.name):
                preview.refuse(entry.number, SUCCESSOR, _("an agency cannot merge into itself."))
            entry.successor = target_name
        _describe_agency(preview, entry)
    if preview.problems:
        return preview.sorted_problems()
    return preview.judged(_agencies_plan(province, rows), actor=actor, dry_run=dry_run)


def _agency_fields(preview, entry, kinds):
    row, number, agency = entry.row, entry.number, entry.agency
    fields = {}
    if row.get(SHORT):
        fields["short_name"] = row[SHORT]
    if row.get(KIND):
        kind = kinds.get(fold(row[KIND]))
        if kind is None:
            labels = ", ".join(str(label) for _value, label in Agency.Kind.choices)
            preview.refuse(number, KIND, _("the kind must be one of: %(kinds)s.") % {"kinds": labels})
        else:
            fields["kind"] = kind
    for column, name in ((ACTIVE_FROM, "active_from"), (ACTIVE_UNTIL, "active_until")):
        value, reason = parse_date(row.get(column) or "")
        if reason:
            preview.refuse(number, column, reason)
        elif value:
            fields[name] = value
    start = fields.get("active_from", agency and agency.active_from)
    end = fields.get("active_until", agency and agency.active_until)
    if start and end and end < start:
        preview.refuse(number, ACTIVE_UNTIL, _("an agency cannot close before it opens."))
    if row.get(SUCCESSOR):
        entry.successor = row[SUCCESSOR]
        if not end:
            preview.refuse(number, ACTIVE_UNTIL, _("an agency that merged into another needs its last day."))
    entry.fields = fields


def _describe_agency(preview, entry):
    agency = entry.agency
    if agency is None:
        preview.created.append(_("Agency %(agency)s") % {"agency": entry.name})
    else:
        changed = [name for name, value in entry.fields.items() if getattr(agency, name) != value]
        if entry.successor and (agency.successor is None or fold(agency.successor.name) != fold(entry.successor)):
            changed.append("successor")
        if changed:
            labels = ", ".join(str(Agency._meta.get_field(name).verbose_name) for name in changed)
            preview.changed.append(_("%(agency)s: %(fields)s") % {"agency": agency.name, "fields": labels})
        else:
            preview.unchanged.append(agency.name)
    recorded = {n.until: n for n in agency.former_names.all()} if agency else {}
    for number, name, until in entry.former:
        line = _("former name of %(agency)s: %(name)s, until %(date)s") % {
            "agency": entry.name, "name": name, "date": until.strftime("%d/%m/%Y")}  # fmt: skip
        before = recorded.get(until)
        if before is None:
            preview.created.append(line)
        elif fold(before.name) == fold(name):
            preview.unchanged.append(line)
        else:
            preview.refuse(
                number,
                FORMER,
                _("%(agency)s already has the former name “%(name)s” until that day.")
                % {"agency": entry.name, "name": before.name},
            )


def _agencies_plan(province, rows):
    """The agencies to create or change, the successors to set and the former names to add."""
    agencies, by_name, successors, former_names = [], {}, [], []
    for entry in rows.values():
        agency = entry.agency or Agency(province=province, name=entry.name)
        if agency.pk is None or any(getattr(agency, n) != v for n, v in entry.fields.items()):
            for name, value in entry.fields.items():
                setattr(agency, name, value)
            agencies.append(agency)
        by_name[fold(entry.name)] = agency
    for entry in rows.values():
        agency = by_name[fold(entry.name)]
        if entry.successor:
            successors.append((agency, entry.successor_agency or by_name[fold(entry.successor)]))
        recorded = {n.until for n in agency.former_names.all()} if entry.agency else set()
        new = [(name, until) for _n, name, until in entry.former if until not in recorded]
        former_names += [AgencyName(agency=agency, name=name, until=until) for name, until in new]
    return partial(services.agencies_import, agencies=agencies, successors=successors, former_names=former_names)
