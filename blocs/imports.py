"""Spreadsheet imports of the registry, through the same services as the pages.

Each import reads the rows (core.sheets), matches names with core.text.fold, and returns a
preview: what would be created, changed and left as it is, and every bad row with its row
number, column and a Vietnamese reason. Nothing is saved while any row is bad; the writes
happen in one transaction, through blocs.services, and a second import of the same file
changes nothing.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from blocs import services
from blocs.models import FIRST_YEAR, LAST_YEAR, Agency, Bloc, Leadership, Membership
from core.sheets import Problem
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
    saved: bool = False

    @property
    def ok(self):
        return not self.problems


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
    if preview.problems or dry_run:
        preview.problems.sort(key=lambda p: (p.row or 0, p.column))
        return preview
    try:
        _members_save(actor, province, year, wanted, leaders, existing)
    except ValidationError as refusal:
        preview.problems.extend(Problem(None, "", message) for message in refusal.messages)
        return preview
    preview.saved = True
    return preview


@transaction.atomic
def _members_save(actor, province, year, wanted, leaders, existing):
    memberships = {}
    for _number, bloc, agency, _role in wanted:
        memberships[agency.pk] = existing.get(agency.pk) or services.membership_add(
            actor=actor, bloc=bloc, agency=agency, year=year
        )
    for bloc, roles in leaders.items():
        leader = memberships[roles[LEADER][1].pk]
        deputy = memberships[roles[DEPUTY][1].pk] if DEPUTY in roles else None
        services.leadership_set(actor=actor, bloc=bloc, year=year, leader=leader, deputy=deputy)
