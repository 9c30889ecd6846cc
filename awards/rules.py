"""The one place that judges proposals: the rule in force on the day, its quota, vote threshold
and eligibility condition, and the prize money of a decided award. Every problem carries the
rule's source, and whether it blocks or warns.

Which day: the conference's date. The rule judges what the bloc did, and the bloc did it on
that day: it voted, on the rules its members knew, and a quota or threshold changed after the
vote cannot make a lawful vote unlawful (nor the reverse). The dossier's receipt by the awards
office is later and not known when the bloc votes, and a rule of a later day would let the
same vote pass on one page and fail on another. A proposal submitted to the authority keeps
the version that judged it (Proposal.applied_rule_snapshot), whatever is edited afterwards.

Prize money is a matter of the decision, so it follows the rule and the base salary in force
on the decision's date.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Subquery
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from awards import catalogue
from awards.models import AwardRule, AwardType, BaseSalary, BlocCount, Proposal, round_prize
from blocs.models import Bloc, BlocDecision, Membership, Province
from core.selectors import SubqueryCount


@dataclass
class Problem:
    rule: AwardRule
    message: str
    cited: str = ""  # the source of an eligibility condition, when it has its own

    @property
    def blocking(self):
        return self.rule.enforcement == AwardRule.Enforcement.BLOCK

    @property
    def source(self):
        return self.cited or self.rule.source

    def __str__(self):
        return _("%(message)s (%(source)s)") % {"message": self.message, "source": self.source}


@dataclass
class Verdict:
    """How one nominee fares under the rule that applies to it, for the results page."""

    rule: AwardRule | None
    share: str = ""  # e.g. "3/3 (100% of ballots cast)"
    passes: bool | None = None  # None: no threshold, or the council has not voted yet
    missing_years: list = field(default_factory=list)


@dataclass
class Judgement:
    problems: list
    rules: list  # the versions applied, each once, for the page to cite


def rule_date(conference):
    """The day whose rules judge a conference's proposals (see the module's docstring)."""
    return conference.date or datetime.date(conference.year + 1, 1, 1)


def _percent(value):
    return number_format(Decimal(value).normalize())


def check(*, conference, proposals):
    """Problems of `proposals`, the whole list of a conference's proposals (saved or not)."""
    return judge(conference=conference, proposals=proposals).problems


def judge(*, conference, proposals):
    """Judges `proposals` by the rules of the conference's date, or, for those already
    submitted, by the version stored with them. Sets each proposal's `verdict`."""
    in_force = AwardRule.objects.for_province(conference.bloc.province_id, rule_date(conference))
    judged = _Judging(conference, proposals)
    per_type = Counter(p.award_type_id for p in proposals)
    types = {p.award_type_id: p.award_type for p in proposals}
    rules = {}
    for proposal in proposals:
        rule = applied_rule(proposal, in_force)
        if rule is not None and rule._state.adding:  # a stored copy: named without a query
            rule.award_type = proposal.award_type
            rule.province = conference.bloc.province if rule.province_id else None
        rules.setdefault(proposal.award_type_id, rule)
    problems = []
    for type_id, count in per_type.items():
        rule = rules[type_id]
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
            problems += _percent_quota_problems(rule, judged, award, count, rules)
    missing = judged.missing_years(rules)
    for proposal in proposals:
        rule = rules[proposal.award_type_id]
        proposal.verdict = Verdict(rule)
        if rule is None:
            continue
        if rule.vote_threshold_percent is not None:
            problems += _threshold_problems(rule, judged, proposal)
        if rule.required_award_id:
            years = missing.get(id(proposal), [])
            proposal.verdict.missing_years = years
            if years:
                problems.append(
                    Problem(
                        rule,
                        _(
                            "%(award)s for %(nominee)s: no decided %(required)s in %(years)s; the condition is "
                            "%(count)s consecutive years before %(year)s."
                        )
                        % {
                            "award": proposal.award_type.name,
                            "nominee": proposal.nominee_name,
                            "required": judged.award_names.get(rule.required_award_id, ""),
                            "years": ", ".join(str(y) for y in years),
                            "count": rule.required_years,
                            "year": conference.year,
                        },
                        cited=rule.condition_source,
                    )
                )
    cited = {}
    for rule in rules.values():
        if rule is not None:
            cited[rule.pk] = rule
    return Judgement(problems, list(cited.values()))


def applied_rule(proposal, in_force):
    """The version that judges `proposal`: the one stored with it when it was submitted, else
    the one in force (`in_force`: {award type id: rule})."""
    snapshot = proposal.applied_rule_snapshot
    if snapshot is not None:
        return AwardRule.from_snapshot(snapshot) if snapshot else None
    return in_force.get(proposal.award_type_id)


class _Judging:
    """What the rules count, each read once for the whole conference (no query per nominee)."""

    def __init__(self, conference, proposals):
        self.conference = conference
        self.proposals = proposals
        self._members = None
        self._province_blocs = None
        self._elsewhere = None
        self.award_names = {}

    @property
    def members(self):
        if self._members is None:
            self._members = Membership.objects.filter(
                bloc_id=self.conference.bloc_id, year=self.conference.year
            ).count()
        return self._members

    def province_blocs(self):
        """The number of blocs of the province in the reviewed year, and how it was worked out."""
        if self._province_blocs is None:
            self._province_blocs = self._count_province_blocs()
        return self._province_blocs

    def proposed_elsewhere(self, award_type_id):
        """How many proposals of the award the province's other conferences of the year hold: one
        query for every award type."""
        if self._elsewhere is None:
            conference = self.conference
            self._elsewhere = dict(
                Proposal.objects.filter(
                    conference__bloc__province_id=conference.bloc.province_id, conference__year=conference.year
                )
                .exclude(conference=conference)
                .values_list("award_type_id")
                .annotate(n=Count("pk"))
                .order_by()
            )
        return self._elsewhere.get(award_type_id, 0)

    def _count_province_blocs(self):
        conference = self.conference
        province_id, year = conference.bloc.province_id, conference.year
        # The number the province recorded, the year's bloc decision and the blocs with members,
        # read together: one query.
        members = Membership.objects.filter(bloc=OuterRef("pk"), year=year)
        decisions = BlocDecision.objects.filter(province_id=province_id, year=year).order_by("-date", "-pk")
        recorded, decision_id, count = (
            Province.objects.filter(pk=province_id)
            .values_list(
                Subquery(BlocCount.objects.filter(province_id=province_id, year=year).order_by().values("blocs")[:1]),
                Subquery(decisions.values("pk")[:1]),
                SubqueryCount(Bloc.objects.filter(province_id=province_id).filter(Exists(members)).values("pk")),
            )
            .get()
        )
        if recorded is not None:
            return recorded, _("%(count)s blocs of the province in %(year)s, as the province recorded") % {
                "count": recorded,
                "year": year,
            }
        # The decision of the UBND tỉnh that drew the year's blocs says which exist that year (a
        # count the province records comes first: it may have registered only some of its blocs).
        if decision_id is not None:
            decision = BlocDecision.objects.get(pk=decision_id)
            drawn = (
                Membership.objects.filter(decision__province_id=province_id, decision__year=year, year=year)
                .values("bloc_id")
                .distinct()
                .count()
            )
            return drawn, _("%(count)s blocs of the province in %(year)s, as drawn by %(decision)s") % {
                "count": drawn,
                "year": year,
                "decision": decision,
            }
        return count, _(
            "%(count)s blocs of the province with members in %(year)s; the province has not recorded "
            "how many blocs it has that year"
        ) % {"count": count, "year": year}

    def missing_years(self, rules):
        """{id(proposal): the years before the reviewed one in which the nominee lacks the earlier
        award its rule requires}: one query for every nominee, decided awards only."""
        wanted = {t: r for t, r in rules.items() if r is not None and r.required_award_id}
        if not wanted:
            return {}
        year = self.conference.year
        span = max(r.required_years for r in wanted.values())
        held = defaultdict(set)
        for agency, person, award, held_year in Proposal.objects.filter(
            status=Proposal.Status.APPROVED,
            membership__agency_id__in={p.membership.agency_id for p in self.proposals},
            award_type_id__in={r.required_award_id for r in wanted.values()},
            conference__year__gte=year - span,
            conference__year__lt=year,
        ).values_list("membership__agency_id", "person_name", "award_type_id", "conference__year"):
            held[agency, person, award].add(held_year)
        self.award_names = dict(
            AwardType.objects.filter(pk__in={r.required_award_id for r in wanted.values()}).values_list("pk", "name")
        )
        missing = {}
        for proposal in self.proposals:
            rule = wanted.get(proposal.award_type_id)
            if rule is None:
                continue
            have = held[proposal.membership.agency_id, proposal.person_name, rule.required_award_id]
            missing[id(proposal)] = [y for y in range(year - rule.required_years, year) if y not in have]
        return missing


def _percent_quota_problems(rule, judged, award, count, rules):
    conference = judged.conference
    if rule.quota_basis == AwardRule.Basis.BLOC_MEMBERS:
        basis = judged.members
        basis_text = _("%(count)s members of the bloc") % {"count": basis}
        scope = _("at this conference")
    else:
        # One unit leads each bloc: the quota is the province's, so the other blocs' proposals
        # of the year count too.
        basis, basis_text = judged.province_blocs()
        count += judged.proposed_elsewhere(rule.award_type_id)
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


def _threshold_problems(rule, judged, proposal):
    """Whether the nominee has the share of votes the rule asks, counted on the rule's basis; the
    verdict shows the share either way."""
    percent = rule.vote_threshold_percent
    params = {
        "award": proposal.award_type.name,
        "nominee": proposal.nominee_name,
        "percent": _percent(percent),
    }
    if rule.vote_basis == AwardRule.VoteBasis.COUNCIL:
        if proposal.council_votes_for is None or not proposal.council_members:
            proposal.verdict.share = _("the council has not voted yet")
            return []
        votes, of = proposal.council_votes_for, proposal.council_members
        params.update(votes=votes, members=of, written=proposal.council_written_opinions or 0)
        message = _(
            "%(award)s for %(nominee)s: %(votes)s of the council's %(members)s members in favour "
            "(%(written)s in writing), below the %(percent)s%% needed."
        )
        basis = _("of the council's members")
    elif rule.vote_basis == AwardRule.VoteBasis.BLOC_MEMBERS:
        votes, of = proposal.votes_for, judged.members
        params.update(votes=votes, members=of)
        message = _("%(award)s for %(nominee)s: %(votes)s votes of the bloc's %(members)s members, below the "
                    "%(percent)s%% needed.")  # fmt: skip
        basis = _("of the bloc's members")
    else:
        votes, of = proposal.votes_for, proposal.ballots
        params.update(votes=votes, ballots=of)
        message = _("%(award)s for %(nominee)s: %(votes)s of %(ballots)s votes, below the %(percent)s%% needed.")
        basis = _("of ballots cast")
    share = (Decimal(votes * 100) / of if of else Decimal(0)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    proposal.verdict.share = f"{votes}/{of} ({number_format(share, 1)}% {basis})"
    proposal.verdict.passes = not votes * 100 < percent * of
    if proposal.verdict.passes:
        return []
    return [Problem(rule, message % params)]


# Prize money ------------------------------------------------------------------------------


@dataclass
class Prize:
    amount: int
    basis: str  # how it was worked out, with its sources, as the decision's list prints it


def prizes(*, province_id, on, proposals):
    """{proposal pk: Prize or None} for proposals decided on the date `on`: the multiplier of the
    rule in force that day times the base salary of that day, rounded up to ten thousand đồng.
    None where no rule sets a multiplier or no base salary is known for the date."""
    rules = AwardRule.objects.prize_rules(province_id, on)
    salary = BaseSalary.on(on)
    result = {}
    for proposal in proposals:
        rule = rules.get(proposal.award_type_id)
        multiplier = None
        if rule is not None:
            multiplier = rule.prize_multiplier_individual if proposal.person_name else rule.prize_multiplier_collective
        if multiplier is None or salary is None:
            result[proposal.pk] = None
            continue
        amount = round_prize(multiplier * salary.amount)
        result[proposal.pk] = Prize(
            amount,
            f"{number_format(multiplier.normalize())} × {money(salary.amount)} = {money(amount)} "
            f"(lương cơ sở từ {salary.valid_from:%d/%m/%Y}: {salary.source}; hệ số: {rule.source.rstrip('.')}; "
            f"{catalogue.rounding_source(on)})",
        )
    return result


def money(amount):
    """12.340.000 đ: Vietnamese thousands, whatever the interface language."""
    return f"{amount:,} đ".replace(",", ".")
