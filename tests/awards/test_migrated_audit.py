"""The national defaults' audit trail (issue 15): the rows that the migrations creating and
correcting them did not write are added once (migration 0013), and a later correction of their
sources writes its own (migration 0014), both through awards.catalogue."""

import datetime
from decimal import Decimal

import pytest

from awards import catalogue
from awards.models import AwardRule, BaseSalary
from tests.awards.helpers import GOVERNMENT_FLAG, PM_CERTIFICATE, PROVINCIAL_FLAG, default_rule

pytestmark = pytest.mark.django_db

HISTORY = (AwardRule.history.model, BaseSalary.history.model)
SEPTEMBER_2025 = datetime.date(2025, 9, 1)


def audit_defaults():
    catalogue.audit_missing(
        AwardRule.objects.filter(province=None), HISTORY[0], created="created by a migration", changed="0012"
    )


def test_a_correction_made_by_a_queryset_update_gets_its_audit_row_once():
    rule = default_rule(PM_CERTIFICATE, on=SEPTEMBER_2025)
    audit_defaults()  # whatever the test database's trail held, it now matches
    before = rule.history.count()
    # What migration 0012 did: a queryset update, which the trail does not see.
    AwardRule.objects.filter(pk=rule.pk).update(prize_multiplier_individual=Decimal("4"))
    audit_defaults()
    audit_defaults()
    assert rule.history.count() == before + 1
    newest = rule.history.first()
    assert (newest.history_type, newest.history_change_reason) == ("~", "0012")
    assert newest.prize_multiplier_individual == Decimal("4") and newest.history_user is None
    assert newest.history_date.microsecond % 1000 == 0  # to the millisecond, as the trail keeps time


def test_a_default_with_no_trail_at_all_gets_a_created_row():
    rule = default_rule(PROVINCIAL_FLAG)
    rule.history.all().delete()
    audit_defaults()
    (row,) = rule.history.all()
    assert (row.history_type, row.history_change_reason) == ("+", "created by a migration")
    assert row.source == rule.source and row.prize_multiplier_collective == Decimal(8)


def test_correcting_the_sources_writes_the_trail_and_moves_the_version_only_where_they_change():
    rule = default_rule(GOVERNMENT_FLAG)
    untouched = default_rule(PROVINCIAL_FLAG)
    catalogue.correct(AwardRule, BaseSalary, history=HISTORY, reason="first")  # the database as the catalogue says
    AwardRule.objects.filter(pk=rule.pk).update(source="?")
    BaseSalary.objects.filter(valid_from=datetime.date(2017, 7, 1)).update(amount=1)
    rule.refresh_from_db()
    rules_before, untouched_before = rule.history.count(), untouched.history.count()
    salary = BaseSalary.objects.get(valid_from=datetime.date(2017, 7, 1))
    salaries_before = salary.history.count()

    catalogue.correct(AwardRule, BaseSalary, history=HISTORY, reason="Migration 0014")
    catalogue.correct(AwardRule, BaseSalary, history=HISTORY, reason="again")

    version = rule.version
    rule.refresh_from_db()
    assert "Công văn 5007/BNV-TĐKT ngày 05/9/2023" in rule.source and rule.version == version + 1
    assert rule.history.count() == rules_before + 1
    assert rule.history.first().history_change_reason == "Migration 0014"
    assert rule.history.first().source == rule.source
    assert untouched.history.count() == untouched_before
    salary.refresh_from_db()
    assert salary.amount == 1_300_000 and salary.history.count() == salaries_before + 1


def test_the_government_flags_quota_cites_the_quoted_circular_and_the_2025_prizes_how_far_they_were_read():
    for on in (datetime.date(2018, 1, 8), datetime.date(2024, 9, 1)):
        source = default_rule(GOVERNMENT_FLAG, on=on).source
        assert "Công văn 5007/BNV-TĐKT ngày 05/9/2023" in source and catalogue.QUOTED in source
        assert "không quá 20% tổng số tập thể được bình xét dẫn đầu các cụm, khối thi đua" in source
    flag_2025 = default_rule(GOVERNMENT_FLAG, on=SEPTEMBER_2025)
    assert catalogue.PRESS in flag_2025.source and flag_2025.prize_multiplier_collective == Decimal(12)
    provincial_2025 = default_rule(PROVINCIAL_FLAG, on=SEPTEMBER_2025).source
    assert catalogue.PRESS not in provincial_2025 and catalogue.UNCHECKED in provincial_2025


def test_the_base_salaries_of_2017_and_2018_cite_their_clause_as_quoted():
    for valid_from in (datetime.date(2017, 7, 1), datetime.date(2018, 7, 1)):
        source = BaseSalary.objects.get(valid_from=valid_from).source
        assert "Điều 3 khoản 2" in source and catalogue.QUOTED in source
    assert catalogue.UNCHECKED in BaseSalary.objects.get(valid_from=datetime.date(2019, 7, 1)).source
