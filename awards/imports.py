"""The spreadsheet import of the award proposals voted at the blocs' year-end conferences: one row
per nominee. The same reader, preview and all-or-nothing shape as the registry's imports
(blocs.imports). Each conference's proposals go through awards.services.proposals_replace, which
checks the quota and vote rules exactly as the results page does: a rule that blocks is a
problem, one that warns is shown in the preview. The preview runs the real save and undoes it."""

from collections import defaultdict

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from awards import services
from awards.models import AwardType, Proposal
from blocs.imports import BLOC, Matcher, Preview, members_matcher, year_problem
from blocs.models import Bloc, Membership
from core.sheets import Problem
from core.text import fold
from emulation.models import Conference
from emulation.rules import lock_of

AWARD, MEMBER, PERSON, POSITION = "Hình thức khen thưởng", "Cơ quan, đơn vị", "Cá nhân (họ và tên)", "Chức vụ"
VOTES, BALLOTS, NOTE = "Số phiếu đồng ý", "Số phiếu bầu", "Ghi chú"
PROPOSAL_COLUMNS = [BLOC, AWARD, MEMBER, PERSON, POSITION, VOTES, BALLOTS, NOTE]
PROPOSAL_EXAMPLE = ["Khối Văn hóa - Xã hội", "Bằng khen của Chủ tịch UBND tỉnh", "Sở Y tế", "", "", "8", "8", ""]


class _Rollback(Exception):
    """Undoes a preview's save."""


def award_names():
    return [a.name for a in AwardType.objects.filter(is_active=True).order_by("precedence", "name")]


def _count(text, number, column, preview):
    if not text:  # refused as it was read, or empty (said by the caller)
        return None
    if not text.isdigit() or int(text) > 10_000:
        preview.refuse(number, column, _("“%(value)s” is not a number of votes.") % {"value": text})
        return None
    return int(text)


def _refusal(conference):
    """Why the conference's proposals cannot be imported, or None."""
    if conference is None:
        return _("%(bloc)s has no conference reviewing %(year)s recorded: record it first.")
    if lock_of(conference):
        return _("%(bloc)s, %(year)s: ") + str(lock_of(conference))
    if conference.proposals.exclude(status=Proposal.Status.PROPOSED).exists():
        return _("%(bloc)s, %(year)s: the proposals are already submitted and can no longer change here.")
    return None


def proposals_import(*, actor, province, year, sheet, dry_run=False):
    """The proposals of the conferences reviewing `year`: each row adds a nominee to its bloc's
    conference or changes its votes; the conference's other proposals are left as they are. The
    conference must be recorded and not finalized, and its proposals not yet submitted."""
    preview = Preview(problems=list(sheet.problems))
    problem = year_problem(year)
    if problem:
        preview.problems.append(problem)
        return preview
    blocs = Matcher(Bloc.objects.filter(province=province), lambda b: [b.name])
    awards = Matcher(AwardType.objects.all(), lambda a: [a.name])
    conferences = {c.bloc_id: c for c in Conference.objects.filter(bloc__province=province, year=year)}
    members = defaultdict(list)
    for membership in (
        Membership.objects.filter(bloc__province=province, year=year)
        .select_related("agency")
        .prefetch_related("agency__former_names")
    ):
        members[membership.bloc_id].append(membership)
    matchers, refused_blocs, reasons = {}, set(), {}
    wanted = defaultdict(dict)  # conference -> {key: (row number, fields)}
    for number, row in sheet.rows:
        bloc, problem = blocs.find(row.get(BLOC, ""), number, BLOC, _("bloc of this province"))
        if problem:
            preview.problems.append(problem)
            continue
        if bloc is None:
            continue
        conference = conferences.get(bloc.pk)
        if bloc.pk not in reasons:  # one look per bloc
            reasons[bloc.pk] = _refusal(conference)
        reason = reasons[bloc.pk]
        if reason:
            if bloc.pk not in refused_blocs:  # said once, on the bloc's first row
                refused_blocs.add(bloc.pk)
                preview.refuse(number, BLOC, reason % {"bloc": bloc.name, "year": year})
            continue
        award, problem = awards.find(row.get(AWARD, ""), number, AWARD, _("award type"))
        if problem:
            preview.problems.append(problem)
        if bloc.pk not in matchers:
            matchers[bloc.pk] = members_matcher(members[bloc.pk])
        membership, problem = matchers[bloc.pk].find(
            row.get(MEMBER, ""), number, MEMBER, _("member of %(bloc)s in %(year)s") % {"bloc": bloc.name, "year": year}
        )
        if problem:
            preview.problems.append(problem)
        votes = _count(row.get(VOTES), number, VOTES, preview)
        ballots = _count(row.get(BALLOTS), number, BALLOTS, preview)
        for column, value in ((VOTES, votes), (BALLOTS, ballots)):
            if value is None and row.get(column) == "":
                preview.refuse(number, column, _("give the number."))
        if None in (award, membership, votes, ballots):
            continue
        fields = {
            "award_type": award,
            "membership": membership,
            "person_name": row.get(PERSON) or "",
            "person_position": row.get(POSITION) or "",
            "votes_for": votes,
            "ballots": ballots,
            "note": row.get(NOTE) or "",
        }
        checked = Proposal(conference=conference, **fields)
        try:
            checked.clean_fields(exclude=["conference", "award_type", "membership"])
            checked.clean()
        except ValidationError as refusal:
            for name, messages in refusal.message_dict.items():
                column = {"votes_for": VOTES, "ballots": BALLOTS, "person_name": PERSON}.get(name, MEMBER)
                for message in messages:
                    preview.refuse(number, column, message)
            continue
        key = (award.pk, membership.pk, fold(fields["person_name"]))
        if key in wanted[conference]:
            preview.refuse(
                number,
                MEMBER,
                _("this nominee is already proposed for this award in row %(other)s.")
                % {"other": wanted[conference][key][0]},
            )
            continue
        wanted[conference][key] = (number, fields)
    if preview.problems:
        return preview.sorted_problems()
    try:
        with transaction.atomic():
            for conference, rows in wanted.items():
                _conference_proposals(actor, conference, rows, preview)
            if preview.problems or dry_run:
                raise _Rollback
    except _Rollback:
        return preview.sorted_problems()
    except PermissionDenied as refusal:
        preview.problems.append(Problem(None, "", str(refusal)))
        return preview
    preview.saved = True
    return preview


def _conference_proposals(actor, conference, rows, preview):
    """Merge the file's rows into the conference's proposals and save them through the service, in
    a savepoint: a refusal is named and the other conferences are still checked."""
    name = conference.bloc.name
    current = {}
    for proposal in conference.proposals.select_related("award_type", "membership__agency"):
        key = (proposal.award_type_id, proposal.membership_id, fold(proposal.person_name))
        current[key] = {field: getattr(proposal, field) for field in services.PROPOSAL_FIELDS}
    merged = dict(current)
    for key, (_number, fields) in rows.items():
        before = current.get(key)
        label = {"bloc": name, "nominee": Proposal(**fields).nominee_name, "award": fields["award_type"].name}
        line = _("%(bloc)s: %(award)s for %(nominee)s") % label
        if before is None:
            preview.created.append(line)
            merged[key] = {**fields, "achievements": "", "votes_illustrative": False}
        elif any(before[f] != v for f, v in fields.items() if f != "person_name"):
            preview.changed.append(line)
            merged[key] = {**before, **fields, "person_name": before["person_name"]}  # the name as recorded
        else:
            preview.unchanged.append(line)
    if merged == current:
        return
    try:
        with transaction.atomic():
            problems = services.proposals_replace(actor=actor, conference=conference, rows=list(merged.values()))
    except ValidationError as refusal:
        preview.problems.extend(Problem(None, "", f"{name}: {message}") for message in refusal.messages)
        return
    preview.warnings.extend(f"{name}: {problem}" for problem in problems)
