"""The spreadsheet import of a year's scoring tables: one row per member and criterion, for one or
several blocs. The same reader, preview and all-or-nothing shape as the registry's imports
(blocs.imports); the writes go through emulation.services.scoring_import, and a
year that a finalized conference locks (emulation.rules) is refused, row by row."""

from collections import defaultdict
from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from blocs.imports import BLOC, Matcher, Preview, members_matcher, year_problem
from blocs.models import Bloc, Membership
from core.sheets import parse_number
from core.text import fold
from emulation import services
from emulation.models import Criterion, Score, format_points
from emulation.rules import year_lock

GROUP, CRITERION, MAX_POINTS, MEMBER, POINTS = "Nhóm tiêu chí", "Tiêu chí", "Điểm tối đa", "Cơ quan, đơn vị", "Điểm"
SCORE_COLUMNS = [BLOC, GROUP, CRITERION, MAX_POINTS, MEMBER, POINTS]
SCORE_EXAMPLE = [
    "Khối Văn hóa - Xã hội", "I. Thực hiện nhiệm vụ chuyên môn", "Hoàn thành các chỉ tiêu được giao", "30",
    "Sở Văn hóa, Thể thao và Du lịch", "28,5",
]  # fmt: skip


def scores_import(*, actor, province, year, sheet, dry_run=False):
    """Points per member and criterion of the blocs' scoring tables of `year`. A criterion not yet in
    a bloc's table is added with its maximum; one already there keeps its place, and its group and
    maximum change when the file says otherwise. Points the file does not give are left as they are."""
    preview = Preview(problems=list(sheet.problems))
    problem = year_problem(year)
    if problem:
        preview.problems.append(problem)
        return preview
    blocs = Matcher(Bloc.objects.filter(province=province), lambda b: [b.name])
    # The members and criteria of the blocs the file names, not of the province's every bloc: a file
    # is usually one bloc's table.
    named = {fold(row.get(BLOC) or "") for _number, row in sheet.rows}
    bloc_ids = [bloc.pk for key in named for bloc in blocs.by_name.get(key, [])]
    members = defaultdict(list)
    for membership in (
        Membership.objects.filter(bloc__in=bloc_ids, year=year)
        .select_related("agency")
        .prefetch_related("agency__former_names")
    ):
        members[membership.bloc_id].append(membership)
    matchers, locks = {}, {}
    saved = defaultdict(dict)  # bloc pk -> {folded name: Criterion}
    for criterion in Criterion.objects.filter(bloc__in=bloc_ids, year=year):
        saved[criterion.bloc_id][fold(criterion.name)] = criterion
    tables = defaultdict(dict)  # bloc -> {folded name: [name, group, max, first row]}
    points = defaultdict(dict)  # (bloc, folded criterion) -> {membership: (points, row)}
    for number, row in sheet.rows:
        bloc, problem = blocs.find(row.get(BLOC, ""), number, BLOC, _("bloc of this province"))
        if problem:
            preview.problems.append(problem)
            continue
        if bloc is None:
            continue
        if bloc.pk not in locks:
            locks[bloc.pk] = year_lock(bloc_id=bloc.pk, year=year)
            if locks[bloc.pk]:
                preview.refuse(number, BLOC, _("%(bloc)s, %(year)s: %(reason)s") % {
                    "bloc": bloc.name, "year": year, "reason": locks[bloc.pk]})  # fmt: skip
        if locks[bloc.pk]:
            continue  # said once, on the bloc's first row
        if bloc.pk not in matchers:
            matchers[bloc.pk] = members_matcher(members[bloc.pk])
        membership, problem = matchers[bloc.pk].find(
            row.get(MEMBER, ""), number, MEMBER, _("member of %(bloc)s in %(year)s") % {"bloc": bloc.name, "year": year}
        )
        if problem:
            preview.problems.append(problem)
        name = row.get(CRITERION)
        if not name:
            if name is not None:
                preview.refuse(number, CRITERION, _("the criterion is empty."))
            continue
        maximum, reason = parse_number(row.get(MAX_POINTS) or "")
        if reason or (maximum is not None and maximum <= 0):
            preview.refuse(number, MAX_POINTS, reason or _("the maximum must be above 0."))
            continue
        key = fold(name)
        table = tables[bloc]
        if key not in table:
            known = saved[bloc.pk].get(key)
            if maximum is None and known is None:
                preview.refuse(number, MAX_POINTS, _("give the criterion's maximum points."))
                continue
            table[key] = [name, row.get(GROUP) or "", maximum, number]
        else:
            first = table[key]
            if maximum is not None and first[2] is not None and maximum != first[2]:
                preview.refuse(
                    number,
                    MAX_POINTS,
                    _("row %(other)s gives this criterion a maximum of %(max)s.")
                    % {"other": first[3], "max": format_points(first[2])},
                )
                continue
            first[2] = first[2] if first[2] is not None else maximum
        value, reason = parse_number(row.get(POINTS) or "")
        if reason or value is None:
            preview.refuse(number, POINTS, reason or _("the points are empty."))
            continue
        if value < 0:
            preview.refuse(number, POINTS, _("the points cannot be below 0."))
            continue
        if membership is None:
            continue
        given = points[bloc, key]
        if membership in given:
            preview.refuse(
                number,
                MEMBER,
                _("%(agency)s already has points for this criterion in row %(other)s.")
                % {"agency": membership.printed_name, "other": given[membership][1]},
            )
            continue
        given[membership] = (value, number)
    _check_maximums(preview, tables, saved, points)
    _describe(preview, tables, saved, points)
    if preview.problems:
        return preview.sorted_problems()
    plan = partial(_scores_save, year=year, tables=tables, saved=saved, points=points)
    return preview.judged(plan, actor=actor, dry_run=dry_run)


def _check_maximums(preview, tables, saved, points):
    for bloc, table in tables.items():
        for key, (name, _group, maximum, first_row) in table.items():
            known = saved[bloc.pk].get(key)
            ceiling = maximum if maximum is not None else known.max_points
            for value, number in points[bloc, key].values():
                if value > ceiling:
                    preview.refuse(
                        number,
                        POINTS,
                        _("at most %(max)s points for “%(criterion)s”.")
                        % {"max": format_points(ceiling), "criterion": name},
                    )
            if known is not None and maximum is not None and maximum < known.max_points:
                above = Score.objects.filter(criterion=known, points__gt=maximum).exclude(
                    membership__in=list(points[bloc, key])
                )
                if above.exists():
                    preview.refuse(
                        first_row,
                        MAX_POINTS,
                        _("some members already have more than %(max)s points for “%(criterion)s”.")
                        % {"max": format_points(maximum), "criterion": name},
                    )


def _describe(preview, tables, saved, points):
    """One line per criterion: a score list of 48,000 points would be a page no one reads."""
    current = defaultdict(dict)
    criteria = [c.pk for bloc in tables for c in saved[bloc.pk].values()]  # of the file's blocs only
    for criterion_id, membership_id, value in Score.objects.filter(criterion__in=criteria).values_list(
        "criterion_id", "membership_id", "points"
    ):
        current[criterion_id][membership_id] = value
    for bloc, table in tables.items():
        for key, (name, group, maximum, _number) in table.items():
            known = saved[bloc.pk].get(key)
            given = points[bloc, key]
            label = {"bloc": bloc.name, "criterion": name, "count": len(given)}
            if known is None:
                preview.created.append(_("%(bloc)s: criterion “%(criterion)s” with %(count)s points") % label)
                continue
            had = current[known.pk]
            new = sum(1 for m in given if m.pk not in had)
            changed = sum(1 for m, (value, _n) in given.items() if m.pk in had and had[m.pk] != value)
            table_changed = (maximum is not None and maximum != known.max_points) or (group and group != known.group)
            if new or changed or table_changed:
                preview.changed.append(
                    _("%(bloc)s: criterion “%(criterion)s”, %(new)s points added, %(changed)s changed")
                    % {**label, "new": new, "changed": changed}
                )
            else:
                preview.unchanged.append(_("%(bloc)s: criterion “%(criterion)s”") % label)


@transaction.atomic
def _scores_save(*, actor, year, tables, saved, points):
    for bloc, table in tables.items():
        criteria = []
        next_order = max((c.order for c in saved[bloc.pk].values()), default=0)
        for key, (name, group, maximum, _number) in table.items():
            criterion = saved[bloc.pk].get(key)
            if criterion is None:
                next_order += 1
                criterion = Criterion(name=name, group=group, max_points=maximum, order=next_order)
            elif (maximum is not None and maximum != criterion.max_points) or (group and group != criterion.group):
                criterion.max_points = maximum if maximum is not None else criterion.max_points
                criterion.group = group or criterion.group
            else:
                continue
            criteria.append(criterion)
            saved[bloc.pk][key] = criterion
        known = [c for c in saved[bloc.pk].values() if c.pk is not None]
        had = {(s.criterion_id, s.membership_id): s for s in Score.objects.filter(criterion__in=known)}
        scores = []
        for key in table:
            criterion = saved[bloc.pk][key]
            for membership, (value, _number) in points[bloc, key].items():
                score = had.get((criterion.pk, membership.pk)) if criterion.pk else None
                if score is None:
                    scores.append(Score(criterion=criterion, membership=membership, points=value))
                elif score.points != value:
                    score.points = value
                    scores.append(score)
        if criteria or scores:
            services.scoring_import(actor=actor, bloc=bloc, year=year, criteria=criteria, scores=scores)
