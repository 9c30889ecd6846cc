"""The reads behind the conference pages: the scoring table with its tie-aware ranking,
the record of a conference, and the results page's initial data."""

import datetime
from decimal import Decimal

import pytest

from blocs.models import Leadership
from emulation import selectors
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from tests.blocs.factories import AgencyFactory, MembershipFactory
from tests.emulation.helpers import NEXT_YEAR, YEAR


@pytest.fixture
def four_members(bloc, members):
    """The three 2017 members and a fourth, "Ban Dân tộc tỉnh"."""
    fourth = MembershipFactory(bloc=bloc, agency=AgencyFactory(province=bloc.province, name="Ban Dân tộc tỉnh"))
    return [*members[YEAR], fourth]


def give(criteria, membership, *points):
    for criterion, value in zip(criteria, points, strict=True):
        Score.objects.create(criterion=criterion, membership=membership, points=Decimal(value))


def test_totals_add_the_criteria_and_equal_totals_share_a_rank(bloc, criteria, four_members):
    # Totals 95, 90, 90, 80 from two criteria (max 60 and 40).
    for membership, points in zip(four_members, [("55", "40"), ("50", "40"), ("60", "30"), ("45", "35")], strict=True):
        give(criteria, membership, *points)

    table = selectors.scoring_table(bloc=bloc, year=YEAR)

    by_member = {row.membership.pk: row for row in table.rows}
    assert [by_member[m.pk].total for m in four_members] == [Decimal(95), Decimal(90), Decimal(90), Decimal(80)]
    assert [by_member[m.pk].rank for m in four_members] == [1, 2, 2, 4]
    assert [row.rank for row in table.rows] == [1, 2, 2, 4]
    assert table.max_total == Decimal(100)


def test_tied_members_are_listed_in_vietnamese_name_order(bloc, criteria, four_members):
    for membership in four_members:
        give(criteria, membership, "50", "30")

    table = selectors.scoring_table(bloc=bloc, year=YEAR)

    assert {row.rank for row in table.rows} == {1}
    keys = [row.membership.agency.sort_key for row in table.rows]
    assert keys == sorted(keys)
    assert len(table.rows) == len(four_members)


def test_points_follow_the_criteria_order_and_missing_points_count_as_zero(bloc, criteria, members):
    first, second, unscored = members[YEAR]
    give(criteria, first, "10", "20")
    Score.objects.create(criterion=criteria[1], membership=second, points=Decimal("7.5"))

    table = selectors.scoring_table(bloc=bloc, year=YEAR)

    rows = {row.membership.pk: row for row in table.rows}
    assert [c.pk for c in table.criteria] == [c.pk for c in criteria]
    assert rows[first.pk].points == [Decimal(10), Decimal(20)]
    assert rows[second.pk].points == [None, Decimal("7.5")]
    assert (rows[second.pk].total, rows[second.pk].rank) == (Decimal("7.5"), 2)
    assert rows[unscored.pk].points == [None, None]
    assert (rows[unscored.pk].total, rows[unscored.pk].rank) == (Decimal(0), 3)


def test_points_of_another_year_or_bloc_do_not_count(bloc, other_bloc, criteria, members):
    give(criteria, members[YEAR][0], "10", "10")
    next_criterion = Criterion.objects.create(bloc=bloc, year=NEXT_YEAR, name="Năm sau", max_points=50)
    Score.objects.create(criterion=next_criterion, membership=members[NEXT_YEAR][0], points=Decimal(50))
    other_criterion = Criterion.objects.create(bloc=other_bloc, year=YEAR, name="Khối khác", max_points=50)
    Score.objects.create(criterion=other_criterion, membership=MembershipFactory(bloc=other_bloc), points=Decimal(50))

    table = selectors.scoring_table(bloc=bloc, year=YEAR)

    assert [c.pk for c in table.criteria] == [c.pk for c in criteria]
    assert sorted(row.total for row in table.rows) == [Decimal(0), Decimal(0), Decimal(20)]


def test_a_year_without_criteria_has_an_empty_table(bloc, members):
    table = selectors.scoring_table(bloc=bloc, year=YEAR)
    assert table.criteria == []
    assert table.max_total == 0
    assert {row.rank for row in table.rows} == {1}


def test_members_of_a_year_come_in_vietnamese_order(bloc, members):
    MembershipFactory(bloc=bloc, agency=AgencyFactory(province=bloc.province, name="Đài Phát thanh - Truyền hình"))

    listed = selectors.members_of(bloc=bloc, year=YEAR)

    assert len(listed) == 4
    assert all(m.year == YEAR and m.bloc_id == bloc.pk for m in listed)
    names = [m.agency.name for m in listed]
    # Đ sorts between D and E in Vietnamese, not after Z as in Unicode.
    assert names.index("Đài Phát thanh - Truyền hình") < names.index("Sở Giáo dục và Đào tạo")
    keys = [m.agency.sort_key for m in listed]
    assert keys == sorted(keys)


@pytest.fixture
def recorded(bloc, members, conference):
    """The 2017 conference with two members present, a guest, a pledge signed by one 2018
    member and a leader and deputy elected for 2018."""
    for membership in members[YEAR][:2]:
        Attendance.objects.create(conference=conference, membership=membership, representative="Ông A")
    Attendance.objects.create(conference=conference, guest_organisation="Ban Thi đua - Khen thưởng tỉnh")
    pledge = Pledge.objects.create(bloc=bloc, year=NEXT_YEAR, signed_on=datetime.date(2018, 1, 8))
    Signature.objects.create(pledge=pledge, membership=members[NEXT_YEAR][0], signer="Bà B")
    Leadership.objects.create(bloc=bloc, year=NEXT_YEAR, leader=members[NEXT_YEAR][1], deputy=members[NEXT_YEAR][2])
    return conference


def test_conference_record_gathers_every_part(recorded, members, criteria):
    give(criteria, members[YEAR][2], "60", "40")

    record = selectors.conference_record(conference=recorded)

    assert [a.membership for a in record.attending] == sorted(members[YEAR][:2], key=lambda m: m.agency.sort_key)
    assert [a.guest_organisation for a in record.guests] == ["Ban Thi đua - Khen thưởng tỉnh"]
    assert {m.pk for m in record.members} == {m.pk for m in members[YEAR]}
    assert {m.pk for m in record.next_members} == {m.pk for m in members[NEXT_YEAR]}
    assert record.pledge.year == NEXT_YEAR
    assert [s.signer for s in record.signatures] == ["Bà B"]
    assert (record.leadership.leader, record.leadership.deputy) == (members[NEXT_YEAR][1], members[NEXT_YEAR][2])
    assert record.scoring.rows[0].membership == members[YEAR][2]
    assert record.scoring.rows[0].total == Decimal(100)


def test_conference_record_reads_each_membership_once_with_the_name_of_its_year(
    recorded, members, django_assert_num_queries
):
    """Attendance, signatures, leaders and the host point at the same membership objects as
    the member lists, and printing every name runs no query."""
    agency = members[YEAR][0].agency
    agency.former_names.create(name="Tên cũ năm 2017", until=datetime.date(2018, 1, 1))
    conference = Conference.objects.select_related("bloc").get(pk=recorded.pk)

    record = selectors.conference_record(conference=conference)

    listed = {id(m) for m in record.members + record.next_members}
    pointed = [a.membership for a in record.attending] + [s.membership for s in record.signatures]
    pointed += [record.leadership.leader, record.leadership.deputy, conference.host]
    assert all(id(m) in listed for m in pointed)
    with django_assert_num_queries(0):
        names = [m.printed_name for m in pointed]
    assert conference.host.printed_name == "Tên cũ năm 2017"
    assert agency.name in names  # its 2018 membership signs under the new name


def test_a_membership_outside_the_known_ones_is_fetched_with_its_name_history(bloc, members, conference):
    """attach_memberships falls back to one query for what the lists do not hold (here an
    attendance left pointing at another year's membership)."""
    stray = members[NEXT_YEAR][1]
    stray.agency.former_names.create(name="Tên trước", until=datetime.date(2000, 1, 1))
    attendance = Attendance.objects.create(conference=conference, membership=stray)
    rows = selectors.attach_memberships([attendance], "membership", known={m.pk: m for m in members[YEAR]})
    assert rows[0].membership == stray
    assert [n.name for n in rows[0].membership.agency.name_history] == ["Tên trước"]
    assert rows[0].membership.printed_name == stray.agency.name


def test_members_by_year_splits_one_read_by_year(bloc, members, django_assert_num_queries):
    with django_assert_num_queries(2):  # the memberships, their name history
        by_year = selectors.members_by_year(bloc=bloc, years=[YEAR, NEXT_YEAR, 2030])
    assert {year: [m.pk for m in ms] for year, ms in by_year.items()} == {
        YEAR: [m.pk for m in selectors.members_of(bloc=bloc, year=YEAR)],
        NEXT_YEAR: [m.pk for m in selectors.members_of(bloc=bloc, year=NEXT_YEAR)],
        2030: [],
    }


def test_conference_record_of_a_bare_conference_has_no_pledge_or_leader(conference):
    record = selectors.conference_record(conference=conference)
    assert (record.attending, record.guests, record.signatures) == ([], [], [])
    assert record.pledge is None
    assert record.leadership is None


def test_saved_results_fill_the_results_page(bloc, recorded, members, criteria):
    give(criteria, members[YEAR][0], "12.5", "30")

    saved = selectors.saved_results(bloc=bloc, year=YEAR, conference=recorded)

    assert saved.conference == recorded
    assert set(saved.present) == {m.pk for m in members[YEAR][:2]}
    assert saved.present[members[YEAR][0].pk] == {"checked": True, "person": "Ông A", "title": ""}
    assert [g["organisation"] for g in saved.guests] == ["Ban Thi đua - Khen thưởng tỉnh"]
    assert saved.points == {
        members[YEAR][0].pk: {f"c{criteria[0].pk}": Decimal("12.5"), f"c{criteria[1].pk}": Decimal("30")}
    }
    assert saved.signed == {members[NEXT_YEAR][0].pk: {"checked": True, "person": "Bà B", "title": ""}}
    assert saved.leadership.leader == members[NEXT_YEAR][1]


def test_saved_results_of_a_new_conference_are_unsaved_blanks(bloc, members):
    saved = selectors.saved_results(bloc=bloc, year=YEAR)
    assert saved.conference.pk is None
    assert (saved.conference.bloc, saved.conference.year) == (bloc, YEAR)
    assert saved.pledge.pk is None
    assert (saved.pledge.bloc, saved.pledge.year) == (bloc, NEXT_YEAR)
    assert (saved.present, saved.guests, saved.points, saved.signed) == ({}, [], {}, {})
    assert saved.leadership is None
