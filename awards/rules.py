"""Quotas and vote thresholds: which of a conference's proposals break the rules in force
for its province, each problem with the rule's source and whether it blocks or warns."""

from collections import Counter
from dataclasses import dataclass

from django.db.models import Exists, OuterRef
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards.models import AwardRule, Proposal
from blocs.models import Bloc, Membership


@dataclass
class Problem:
    rule: AwardRule
    message: str

    @property
    def blocking(self):
        return self.rule.enforcement == AwardRule.Enforcement.BLOCK

    @property
    def source(self):
        return self.rule.source

    def __str__(self):
        return _("%(message)s (%(source)s)") % {"message": self.message, "source": self.source}


def _percent(value):
    return number_format(value.normalize())


def check(*, conference, proposals):
    """Problems of `proposals`, the whole list of a conference's proposals (saved or not)."""
    rules = AwardRule.objects.for_province(conference.bloc.province_id)
    per_type = Counter(p.award_type_id for p in proposals)
    types = {p.award_type_id: p.award_type for p in proposals}
    problems = []
    for type_id, count in per_type.items():
        rule = rules.get(type_id)
        if rule is None:
            continue
        award = types[type_id].name
        if rule.quota_count is not None and count > rule.quota_count:
            problems.append(
                Problem(
                    rule,
                    _("%(award)s: %(count)s proposed, at most %(limit)s per bloc and year.")
                    % {"award": award, "count": count, "limit": rule.quota_count},
                )
            )
        if rule.quota_percent is not None:
            problems += _percent_quota_problems(rule, conference, award, count)
        if rule.vote_threshold_percent is not None:
            for proposal in proposals:
                if proposal.award_type_id == type_id and proposal.votes_for * 100 < (
                    rule.vote_threshold_percent * proposal.ballots
                ):
                    problems.append(
                        Problem(
                            rule,
                            _(
                                "%(award)s for %(nominee)s: %(votes)s of %(ballots)s votes, "
                                "below the %(percent)s%% needed."
                            )
                            % {
                                "award": award,
                                "nominee": proposal.nominee_name,
                                "votes": proposal.votes_for,
                                "ballots": proposal.ballots,
                                "percent": _percent(rule.vote_threshold_percent),
                            },
                        )
                    )
    return problems


def _percent_quota_problems(rule, conference, award, count):
    if rule.quota_basis == AwardRule.Basis.BLOC_MEMBERS:
        basis = Membership.objects.filter(bloc_id=conference.bloc_id, year=conference.year).count()
        basis_text = _("%(count)s members of the bloc") % {"count": basis}
        scope = _("at this conference")
    else:
        # One unit leads each bloc: the province's blocs with members that year. The
        # quota is the province's, so the other blocs' proposals count too.
        members = Membership.objects.filter(bloc=OuterRef("pk"), year=conference.year)
        basis = Bloc.objects.filter(province_id=conference.bloc.province_id).filter(Exists(members)).count()
        basis_text = _("%(count)s units leading their blocs in the province") % {"count": basis}
        count += (
            Proposal.objects.filter(
                award_type_id=rule.award_type_id,
                conference__bloc__province_id=conference.bloc.province_id,
                conference__year=conference.year,
            )
            .exclude(conference=conference)
            .count()
        )
        scope = _("in the province for %(year)s") % {"year": conference.year}
    limit = rule.percent_quota(basis)
    if count <= limit:
        return []
    return [
        Problem(
            rule,
            _("%(award)s: %(count)s proposed %(scope)s, at most %(limit)s (%(percent)s%% of %(basis)s).")
            % {
                "award": award,
                "count": count,
                "scope": scope,
                "limit": limit,
                "percent": _percent(rule.quota_percent),
                "basis": basis_text,
            },
        )
    ]
