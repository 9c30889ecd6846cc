"""Rules by period (awards/rules.py): the version in force on the conference's date judges
the proposals and is cited; a province's own regulation replaces the default only within its
own period; vote thresholds and quotas on the basis they name; eligibility from the nominee's
own decided awards; what judged a submitted proposal kept with it; prize money."""

import datetime

import pytest
from django.utils import translation

from awards import rules, services
from awards.models import AwardRule, BaseSalary, BlocCount, Decision, Proposal, Submission
from blocs.services import system_actor
from emulation.models import Conference
from tests.awards.helpers import (
    EXCELLENT_COLLECTIVE,
    GOVERNMENT_FLAG,
    PM_CERTIFICATE,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    award,
    bloc_conference,
    default_rule,
    finalize,
    make_proposal,
    province_rule,
    tr,
)
from tests.blocs.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def judge(conference):
    proposals = list(conference.proposals.select_related("award_type", "membership__agency"))
    return rules.judge(conference=conference, proposals=proposals), proposals


def council_flag(conference, membership, votes, members=20, written=3):
    return make_proposal(
        conference,
        membership,
        GOVERNMENT_FLAG,
        council_members=members,
        council_votes_for=votes,
        council_written_opinions=written,
    )


# One proposal, three periods ------------------------------------------------------------


@pytest.mark.parametrize(
    "year,cited,problem_expected",
    [
        (2017, "Nghị định 91/2017/NĐ-CP", False),  # conference of 10/01/2018: no council threshold yet
        (2024, "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 7", True),  # 10/01/2025: 80% of the council
        (2025, "Nghị định 152/2025/NĐ-CP", True),  # 10/01/2026: the 2025 decree
    ],
)
def test_the_same_proposal_is_judged_by_the_rules_of_its_conferences_day(bloc, year, cited, problem_expected):
    BlocCount.objects.create(province=bloc.province, year=year, blocs=5)
    conference, memberships = bloc_conference(bloc, year=year)
    council_flag(conference, memberships[0], votes=12)  # 60% of the council

    judgement, [proposal] = judge(conference)

    assert proposal.verdict.rule == default_rule(GOVERNMENT_FLAG, conference.date)
    assert cited in proposal.verdict.rule.source
    assert [r.pk for r in judgement.rules] == [proposal.verdict.rule.pk]
    if problem_expected:
        [problem] = judgement.problems
        assert problem.message == tr(
            "%(award)s for %(nominee)s: %(votes)s of the council's %(members)s members in favour "
            "(%(written)s in writing), below the %(percent)s%% needed.",
            award=GOVERNMENT_FLAG,
            nominee=proposal.nominee_name,
            votes=12,
            members=20,
            written=3,
            percent="80",
        )
        assert cited in str(problem)
        assert proposal.verdict.passes is False
    else:
        assert judgement.problems == []
        assert proposal.verdict.passes is None  # no vote threshold in 2017


# A province's own regulation, within its own period ---------------------------------------


def test_a_provinces_own_regulation_replaces_the_default_only_within_its_period(bloc, province):
    own = province_rule(
        province,
        PROVINCIAL_FLAG,
        quota_count=2,
        valid_from=datetime.date(2026, 1, 1),
        valid_until=datetime.date(2026, 12, 31),
        source="QĐ 86/2025/QĐ-UBND, Điều 12",
    )
    inside, members_inside = bloc_conference(bloc, year=2025)  # held 10/01/2026
    before, members_before = bloc_conference(bloc, year=2024)  # held 10/01/2025
    after, members_after = bloc_conference(bloc, year=2026)  # held 10/01/2027
    for conference, memberships in ((inside, members_inside), (before, members_before), (after, members_after)):
        make_proposal(conference, memberships[0], PROVINCIAL_FLAG)
        make_proposal(conference, memberships[1], PROVINCIAL_FLAG)

    assert judge(inside)[0].problems == []  # two flags: the province's 2026 regulation allows them
    assert [r.pk for r in judge(inside)[0].rules] == [own.pk]
    for conference in (before, after):
        [problem] = judge(conference)[0].problems
        assert problem.rule.is_default
        assert problem.rule == default_rule(PROVINCIAL_FLAG, conference.date)


def test_overlapping_versions_are_refused_with_a_sentence(province):
    province_rule(province, PROVINCIAL_FLAG, quota_count=2, valid_from=datetime.date(2026, 1, 1))
    overlapping = AwardRule(
        award_type=award(PROVINCIAL_FLAG),
        province=province,
        quota_count=3,
        valid_from=datetime.date(2025, 1, 1),
        valid_until=datetime.date(2026, 6, 30),
        source="Quy chế",
    )
    with pytest.raises(Exception) as refused:
        overlapping.full_clean()
    assert "valid_from" in refused.value.message_dict


# Vote threshold bases, each both ways ----------------------------------------------------


def test_threshold_on_ballots_cast(conference, members, province):
    province_rule(province, PROVINCIAL_CERTIFICATE, vote_threshold_percent=50)
    passing = make_proposal(conference, members[YEAR][0], votes=2, ballots=3)
    failing = make_proposal(conference, members[YEAR][1], votes=1, ballots=3)
    judgement, proposals = judge(conference)
    verdicts = {p.pk: p.verdict for p in proposals}
    assert verdicts[passing.pk].passes and not verdicts[failing.pk].passes
    assert verdicts[passing.pk].share.startswith("2/3 (66,7% ")
    [problem] = judgement.problems
    assert members[YEAR][1].printed_name in problem.message


def test_threshold_on_the_blocs_members_counts_those_who_did_not_vote(conference, members, province, bloc):
    MembershipFactory(bloc=bloc, year=YEAR)  # four members in 2017
    province_rule(
        province, PROVINCIAL_CERTIFICATE, vote_threshold_percent=50, vote_basis=AwardRule.VoteBasis.BLOC_MEMBERS
    )
    passing = make_proposal(conference, members[YEAR][0], votes=2, ballots=2)  # 2 of 4 members
    failing = make_proposal(conference, members[YEAR][1], votes=1, ballots=1)  # all ballots, 1 of 4 members
    judgement, proposals = judge(conference)
    verdicts = {p.pk: p.verdict for p in proposals}
    assert verdicts[passing.pk].passes and not verdicts[failing.pk].passes
    [problem] = judgement.problems
    assert problem.message == tr(
        "%(award)s for %(nominee)s: %(votes)s votes of the bloc's %(members)s members, below the %(percent)s%% needed.",
        award=PROVINCIAL_CERTIFICATE,
        nominee=members[YEAR][1].printed_name,
        votes=1,
        members=4,
        percent="50",
    )


def test_threshold_on_the_councils_members_counts_written_opinions(conference, members, province):
    province_rule(province, GOVERNMENT_FLAG, vote_threshold_percent=80, vote_basis=AwardRule.VoteBasis.COUNCIL)
    passing = council_flag(conference, members[YEAR][0], votes=16)  # 80% of 20, three of them in writing
    failing = council_flag(conference, members[YEAR][1], votes=15)
    waiting = make_proposal(conference, members[YEAR][2], GOVERNMENT_FLAG)  # the council has not voted
    judgement, proposals = judge(conference)
    verdicts = {p.pk: p.verdict for p in proposals}
    assert verdicts[passing.pk].passes is True
    assert verdicts[failing.pk].passes is False
    assert verdicts[waiting.pk].passes is None
    assert verdicts[waiting.pk].share == tr("the council has not voted yet")
    assert [members[YEAR][1].printed_name in p.message for p in judgement.problems] == [True]


# Quota on the province's blocs -----------------------------------------------------------


def test_government_flag_quota_for_a_province_with_twelve_blocs_allows_two(conference, members, bloc):
    BlocCount.objects.create(province=bloc.province, year=YEAR, blocs=12, source="QĐ 5/QĐ-UBND")
    make_proposal(conference, members[YEAR][0], GOVERNMENT_FLAG)
    make_proposal(conference, members[YEAR][1], GOVERNMENT_FLAG)
    assert rules.check(conference=conference, proposals=list(conference.proposals.all())) == []

    make_proposal(conference, members[YEAR][2], GOVERNMENT_FLAG)
    with translation.override("en"):
        [problem] = rules.check(conference=conference, proposals=list(conference.proposals.all()))
    assert "at most 2 (20% of 12 blocs of the province in 2017, as the province recorded)" in problem.message
    assert "Nghị định 91/2017/NĐ-CP" in str(problem)


def test_without_a_recorded_count_the_warning_says_how_the_blocs_were_counted(conference, members):
    make_proposal(conference, members[YEAR][0], GOVERNMENT_FLAG)
    with translation.override("en"):
        [problem] = rules.check(conference=conference, proposals=list(conference.proposals.all()))
    assert "(20% of 1 blocs of the province with members in 2017; the province has not recorded" in problem.message


def test_without_a_recorded_count_the_blocs_drawn_by_the_years_bloc_decision_are_counted(
    conference, members, bloc, province
):
    from blocs.models import BlocDecision, Membership
    from tests.blocs.factories import BlocFactory

    decision = BlocDecision.objects.create(
        province=province, number="12/QĐ-UBND", date=datetime.date(2017, 1, 5), year=YEAR
    )
    Membership.objects.filter(bloc=bloc, year=YEAR).update(decision=decision)
    for _ in range(4):  # four more blocs drawn by the same decision, five in all: 20% allows 1
        MembershipFactory(bloc=BlocFactory(province=province), year=YEAR, decision=decision)
    make_proposal(conference, members[YEAR][0], GOVERNMENT_FLAG)
    assert rules.check(conference=conference, proposals=list(conference.proposals.all())) == []
    make_proposal(conference, members[YEAR][1], GOVERNMENT_FLAG)
    with translation.override("en"):
        [problem] = rules.check(conference=conference, proposals=list(conference.proposals.all()))
    assert "at most 1 (20% of 5 blocs of the province in 2017, as drawn by Decision 12/QĐ-UBND of 05/01/2017)" in (
        problem.message
    )


# Eligibility from the record -------------------------------------------------------------


def decided(bloc, agency, year, name=PROVINCIAL_FLAG):
    """An approved award of `agency` voted at `bloc`'s conference reviewing `year`."""
    conference = Conference.objects.get_or_create(
        bloc=bloc, year=year, defaults={"date": datetime.date(year + 1, 1, 10)}
    )[0]
    membership = MembershipFactory(bloc=bloc, agency=agency, year=year)
    submission = Submission.objects.get_or_create(province=bloc.province, number=f"{year}/TTr", date=conference.date)[0]
    decision = Decision.objects.get_or_create(province=bloc.province, number=f"{year}/QĐ", date=conference.date)[0]
    return make_proposal(
        conference, membership, name, status=Proposal.Status.APPROVED, submission=submission, decision=decision
    )


def test_a_condition_on_earlier_awards_warns_for_a_missing_year_and_passes_with_them_all(
    conference, members, province, bloc
):
    province_rule(
        province,
        GOVERNMENT_FLAG,
        required_award=award(PROVINCIAL_FLAG),
        required_years=2,
        required_source="Quy chế tỉnh, Điều 7: Cờ thi đua của UBND tỉnh 02 năm liền trước",
    )
    complete, gap = members[YEAR][0], members[YEAR][1]
    for year in (2015, 2016):
        decided(bloc, complete.agency, year)
    decided(bloc, gap.agency, 2016)
    decided(bloc, gap.agency, 2015, PROVINCIAL_CERTIFICATE)  # another award does not count
    make_proposal(conference, complete, GOVERNMENT_FLAG)
    make_proposal(conference, gap, GOVERNMENT_FLAG)

    judgement, proposals = judge(conference)

    verdicts = {p.membership_id: p.verdict for p in proposals}
    assert verdicts[complete.pk].missing_years == []
    assert verdicts[gap.pk].missing_years == [2015]
    [problem] = judgement.problems
    assert problem.message == tr(
        "%(award)s for %(nominee)s: no decided %(required)s in %(years)s; the condition is "
        "%(count)s consecutive years before %(year)s.",
        award=GOVERNMENT_FLAG,
        nominee=gap.printed_name,
        required=PROVINCIAL_FLAG,
        years="2015",
        count=2,
        year=YEAR,
    )
    assert problem.source == "Quy chế tỉnh, Điều 7: Cờ thi đua của UBND tỉnh 02 năm liền trước"


# What judged a submitted proposal is kept ---------------------------------------------------


def test_a_submitted_proposal_keeps_the_rule_that_judged_it(conference, members, province):
    own = province_rule(province, PROVINCIAL_FLAG, quota_count=2)
    first = make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    make_proposal(conference, members[YEAR][1], PROVINCIAL_FLAG)
    finalize(conference)
    services.proposals_submit(
        actor=system_actor(), proposal_ids=[first.pk], number="08/TTr-BTĐKT", date=datetime.date(2018, 1, 24)
    )
    first.refresh_from_db()
    assert first.applied_rule == own
    assert first.applied_rule_snapshot["quota_count"] == "2"
    assert first.applied_rule_snapshot["source"] == own.source

    # The province tightens its rule afterwards: the submitted proposal is still judged as it was.
    AwardRule.objects.filter(pk=own.pk).update(quota_count=1, source="Quy chế mới")
    judgement, proposals = judge(conference)
    kept = next(p for p in proposals if p.pk == first.pk)
    assert kept.verdict.rule.quota_count == 2
    assert kept.verdict.rule.source == own.source
    assert judgement.problems == []


# Prize money ------------------------------------------------------------------------------


def test_prize_money_follows_the_rule_and_base_salary_of_the_decisions_day(conference, members):
    flag = make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    certificate = make_proposal(conference, members[YEAR][1])
    person = make_proposal(conference, members[YEAR][2], person_name="Nguyễn Văn A")
    finalize(conference)
    ids = [flag.pk, certificate.pk, person.pk]
    services.proposals_submit(actor=system_actor(), proposal_ids=ids, number="08/TTr", date=datetime.date(2018, 1, 24))
    services.proposals_decide(
        actor=system_actor(), proposal_ids=ids, approved=True, number="215/QĐ-UBND", date=datetime.date(2018, 3, 12)
    )
    amounts = {p.pk: p.prize_amount for p in Proposal.objects.filter(pk__in=ids)}
    # 1.300.000 đ a month from 01/07/2017: 8 × for the flag, 2 × for a collective's certificate, 1 × a person's.
    assert BaseSalary.on(datetime.date(2018, 3, 12)).amount == 1_300_000
    assert amounts == {flag.pk: 10_400_000, certificate.pk: 2_600_000, person.pk: 1_300_000}
    basis = Proposal.objects.get(pk=flag.pk).prize_basis
    assert basis.startswith("8 × 1.300.000 đ = 10.400.000 đ")
    assert "Nghị định 47/2017/NĐ-CP" in basis


def test_prize_money_is_rounded_up_to_ten_thousand_dong(db):
    from awards.models import round_prize

    assert round_prize(1_5 * 1_490_000 // 10) == 2_240_000  # 1,5 × 1.490.000 = 2.235.000
    assert round_prize(2_340_000) == 2_340_000


def test_a_refused_proposal_has_no_prize(conference, members):
    proposal = make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    finalize(conference)
    services.proposals_submit(
        actor=system_actor(), proposal_ids=[proposal.pk], number="08/TTr", date=datetime.date(2018, 1, 24)
    )
    services.proposals_decide(
        actor=system_actor(),
        proposal_ids=[proposal.pk],
        approved=False,
        number="215/QĐ-UBND",
        date=datetime.date(2018, 3, 12),
    )
    proposal.refresh_from_db()
    assert (proposal.prize_amount, proposal.prize_basis) == (None, "")


# The multipliers as the decrees give them (awards/catalogue.py cites article and clause) -------


@pytest.mark.parametrize(
    "on,name,individual,collective,cited",
    [
        (datetime.date(2018, 3, 12), PM_CERTIFICATE, "3.5", "7", "Nghị định 91/2017/NĐ-CP, Điều 73"),
        (datetime.date(2018, 3, 12), PROVINCIAL_CERTIFICATE, "1", "2", "Nghị định 91/2017/NĐ-CP, Điều 73"),
        (datetime.date(2018, 3, 12), GOVERNMENT_FLAG, None, "12", "Nghị định 91/2017/NĐ-CP, Điều 69 khoản 2"),
        (datetime.date(2018, 3, 12), PROVINCIAL_FLAG, None, "8", "Nghị định 91/2017/NĐ-CP, Điều 69 khoản 2"),
        (datetime.date(2018, 3, 12), EXCELLENT_COLLECTIVE, None, "1.5", "Nghị định 91/2017/NĐ-CP, Điều 69 khoản 2"),
        (datetime.date(2024, 9, 1), PROVINCIAL_FLAG, None, "8", "Nghị định 98/2023/NĐ-CP, Điều 54 khoản 2"),
        (datetime.date(2025, 9, 1), PM_CERTIFICATE, "3.5", "7", "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1"),
        (datetime.date(2025, 9, 1), PROVINCIAL_CERTIFICATE, "1.5", "3", "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1"),
    ],
)
def test_default_prize_multipliers_are_the_decrees_with_their_clause(on, name, individual, collective, cited):
    from decimal import Decimal

    rule = default_rule(name, on=on)
    assert rule.prize_multiplier_individual == (Decimal(individual) if individual else None)
    assert rule.prize_multiplier_collective == Decimal(collective)
    assert cited in rule.source


def test_a_persons_certificate_of_the_prime_minister_in_2025_is_three_and_a_half_base_salaries(conference, members):
    person = make_proposal(conference, members[YEAR][0], PM_CERTIFICATE, person_name="Nguyễn Văn A")
    prizes = rules.prizes(province_id=conference.bloc.province_id, on=datetime.date(2025, 9, 1), proposals=[person])
    # 3,5 × 2.340.000 đ = 8.190.000 đ (Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1; 73/2024, Điều 3 khoản 2)
    assert prizes[person.pk].amount == 8_190_000
    assert "Nghị định 73/2024/NĐ-CP, Điều 3 khoản 2" in prizes[person.pk].basis
    assert "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1" in prizes[person.pk].basis


def test_the_rounding_cites_the_decree_of_the_decisions_day(db):
    from awards import catalogue

    assert "Nghị định 91/2017/NĐ-CP, Điều 68 khoản 2" in catalogue.rounding_source(datetime.date(2018, 3, 12))
    assert "Nghị định 98/2023/NĐ-CP" in catalogue.rounding_source(datetime.date(2024, 9, 1))


def test_the_correction_puts_the_checked_figures_on_defaults_seeded_wrong(db):
    from decimal import Decimal

    from awards import catalogue

    wrong = default_rule(PM_CERTIFICATE, on=datetime.date(2025, 9, 1))
    AwardRule.objects.filter(pk=wrong.pk).update(prize_multiplier_individual=7, prize_multiplier_collective=14)
    BaseSalary.objects.filter(valid_from=datetime.date(2023, 7, 1)).update(source="?")
    catalogue.correct(AwardRule, BaseSalary)
    wrong.refresh_from_db()
    assert (wrong.prize_multiplier_individual, wrong.prize_multiplier_collective) == (Decimal("3.5"), Decimal(7))
    assert "Điều 3 khoản 2" in BaseSalary.objects.get(valid_from=datetime.date(2023, 7, 1)).source
