"""The writes: a conference's results are saved whole or not at all; a finalized
conference is locked until a province admin reopens it; the scoring table keeps
every given point within its maximum."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from blocs import services as bloc_services
from blocs.models import Leadership
from blocs.services import system_actor
from emulation import services
from emulation.access import can_reopen
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from emulation.services import ConferenceResults
from tests.blocs.factories import MembershipFactory
from tests.emulation.helpers import NEXT_YEAR, YEAR


@pytest.fixture
def make_results(members, criteria):
    """Complete, valid results for `bloc` reviewing 2017; keyword arguments replace a part."""

    def make(**changes):
        parts = {
            "details": {
                "date": datetime.date(2018, 1, 8),
                "start_time": datetime.time(14, 0),
                "end_time": datetime.time(16, 30),
                "host": members[YEAR][0],
                "venue": "Hội trường Bảo hiểm xã hội tỉnh",
                "chair_name": "Nguyễn Văn An",
            },
            "present": {m: (f"Đại diện {i}", "Phó Giám đốc") for i, m in enumerate(members[YEAR])},
            "guests": [("Ban Thi đua - Khen thưởng tỉnh", "Trần Văn Bình", "Phó Trưởng ban")],
            "scores": {(c, m): c.max_points - i for i, m in enumerate(members[YEAR]) for c in criteria},
            "pledge": {"content": "Giao ước thi đua năm 2018", "signed_on": datetime.date(2018, 1, 8)},
            "signatures": {m: (f"Người ký {i}", "Giám đốc") for i, m in enumerate(members[NEXT_YEAR])},
            "leader": members[NEXT_YEAR][1],
            "deputy": members[NEXT_YEAR][2],
        }
        parts.update(changes)
        return ConferenceResults(**parts)

    return make


def save(bloc, results, conference=None):
    return services.conference_save_results(
        actor=system_actor(), bloc=bloc, year=YEAR, results=results, conference=conference
    )


def test_valid_results_save_every_part(bloc, members, criteria, make_results, row_counts):
    conference = save(bloc, make_results())

    conference.refresh_from_db()
    assert (conference.bloc, conference.year, conference.date) == (bloc, YEAR, datetime.date(2018, 1, 8))
    assert conference.host == members[YEAR][0]
    assert conference.status == Conference.Status.DRAFT
    assert set(conference.attendances.filter(membership__isnull=False).values_list("membership", flat=True)) == {
        m.pk for m in members[YEAR]
    }
    guest = conference.attendances.get(membership__isnull=True)
    assert (guest.guest_organisation, guest.representative) == ("Ban Thi đua - Khen thưởng tỉnh", "Trần Văn Bình")
    points = {(s.criterion_id, s.membership_id): s.points for s in Score.objects.all()}
    assert points == {(c.pk, m.pk): c.max_points - i for i, m in enumerate(members[YEAR]) for c in criteria}
    pledge = Pledge.objects.get()
    assert (pledge.bloc, pledge.year, pledge.content) == (bloc, NEXT_YEAR, "Giao ước thi đua năm 2018")
    assert set(pledge.signatures.values_list("membership", flat=True)) == {m.pk for m in members[NEXT_YEAR]}
    leadership = Leadership.objects.get()
    assert (leadership.bloc, leadership.year) == (bloc, NEXT_YEAR)
    assert (leadership.leader, leadership.deputy) == (members[NEXT_YEAR][1], members[NEXT_YEAR][2])
    assert row_counts() == {
        "Conference": 1,
        "Attendance": len(members[YEAR]) + 1,
        "Pledge": 1,
        "Signature": len(members[NEXT_YEAR]),
        "Score": len(members[YEAR]) * len(criteria),
        "Leadership": 1,
    }


def test_saving_again_replaces_the_parts_instead_of_adding_to_them(bloc, members, criteria, make_results, row_counts):
    first = save(bloc, make_results())
    present = members[YEAR][0]
    second = save(
        bloc,
        make_results(
            details={"date": datetime.date(2018, 1, 9), "venue": "Sở Giáo dục và Đào tạo"},
            present={present: ("Bà C", "Giám đốc")},
            guests=[],
            scores={(criteria[0], present): Decimal("12.5")},
            signatures={members[NEXT_YEAR][0]: ("Ông D", "")},
            deputy=None,
        ),
        conference=first,
    )

    assert second.pk == first.pk
    assert row_counts() == {
        "Conference": 1,
        "Attendance": 1,
        "Pledge": 1,
        "Signature": 1,
        "Score": 1,
        "Leadership": 1,
    }
    assert Attendance.objects.get().membership == present
    assert Score.objects.get().points == Decimal("12.5")
    assert Conference.objects.get().venue == "Sở Giáo dục và Đào tạo"
    assert Leadership.objects.get().deputy is None


def test_unscored_cells_are_left_out(bloc, members, criteria, make_results):
    save(bloc, make_results(scores={(criteria[0], members[YEAR][0]): None, (criteria[1], members[YEAR][0]): 7}))
    assert list(Score.objects.values_list("criterion", "points")) == [(criteria[1].pk, Decimal("7"))]


def test_no_leader_elected_removes_a_leader_recorded_before(bloc, members, make_results):
    conference = save(bloc, make_results())
    save(bloc, make_results(leader=None, deputy=None), conference=conference)
    assert not Leadership.objects.exists()


def test_results_without_a_pledge_keep_the_pledge_recorded_before(bloc, members, make_results):
    conference = save(bloc, make_results())
    save(bloc, make_results(pledge=None, signatures={}), conference=conference)
    pledge = Pledge.objects.get()
    assert pledge.content == "Giao ước thi đua năm 2018"
    assert pledge.signatures.count() == len(members[NEXT_YEAR])


def _foreign(bloc):
    """A 2017 and a 2018 member of another bloc of the province."""
    other = type(bloc).objects.create(province=bloc.province, name="Khối Nội chính")
    return {year: MembershipFactory(bloc=other, year=year) for year in (YEAR, NEXT_YEAR)}


# Each broken part, with the field its error belongs to (None: not tied to a field).
BROKEN_PARTS = {
    "date inside the reviewed year": (lambda m, c, f: {"details": {"date": datetime.date(2017, 12, 31)}}, "date"),
    "end before start": (
        lambda m, c, f: {
            "details": {
                "date": datetime.date(2018, 1, 8),
                "start_time": datetime.time(14),
                "end_time": datetime.time(9),
            }
        },
        "end_time",
    ),
    "host of another bloc": (lambda m, c, f: {"details": {"date": datetime.date(2018, 1, 8), "host": f[YEAR]}}, "host"),
    "attendee of another bloc": (lambda m, c, f: {"present": {f[YEAR]: ("", "")}}, "membership"),
    "attendee of the next year only": (lambda m, c, f: {"present": {m[NEXT_YEAR][0]: ("", "")}}, "membership"),
    "guest without organisation": (lambda m, c, f: {"guests": [("", "Trần Văn Bình", "")]}, None),
    "points above the maximum": (lambda m, c, f: {"scores": {(c[1], m[YEAR][0]): c[1].max_points + 1}}, "points"),
    "score for a non-member": (lambda m, c, f: {"scores": {(c[0], f[YEAR]): Decimal(1)}}, "membership"),
    "signature of a reviewed-year member": (lambda m, c, f: {"signatures": {m[YEAR][0]: ("", "")}}, "membership"),
    "signature of another bloc": (lambda m, c, f: {"signatures": {f[NEXT_YEAR]: ("", "")}}, "membership"),
    "leader not a member next year": (lambda m, c, f: {"leader": m[YEAR][1], "deputy": None}, "leader"),
    "deputy of another bloc": (lambda m, c, f: {"deputy": f[NEXT_YEAR]}, "deputy"),
    "leader equal to deputy": (lambda m, c, f: {"leader": m[NEXT_YEAR][0], "deputy": m[NEXT_YEAR][0]}, None),
    "deputy without leader": (lambda m, c, f: {"leader": None}, "deputy"),
}


@pytest.mark.parametrize("broken", BROKEN_PARTS)
def test_one_broken_part_saves_nothing(bloc, members, criteria, make_results, row_counts, nothing_saved, broken):
    change, field = BROKEN_PARTS[broken]
    results = make_results(**change(members, criteria, _foreign(bloc)))
    assert row_counts() == nothing_saved

    with pytest.raises(ValidationError) as info:
        save(bloc, results)

    if field:
        assert field in info.value.message_dict
    assert row_counts() == nothing_saved


@pytest.mark.parametrize("broken", ["points above the maximum", "leader not a member next year", "end before start"])
def test_one_broken_part_leaves_the_saved_results_as_they_were(
    bloc, members, criteria, make_results, row_counts, broken
):
    conference = save(bloc, make_results())
    saved = row_counts()
    change, _field = BROKEN_PARTS[broken]
    results = make_results(**change(members, criteria, _foreign(bloc)))
    # What would have replaced the saved rows, had the save gone through.
    results.details = {**results.details, "venue": "Nơi khác"}
    results.present, results.guests = {members[YEAR][0]: ("", "")}, []

    with pytest.raises(ValidationError):
        save(bloc, results, conference=Conference.objects.get(pk=conference.pk))

    assert row_counts() == saved
    assert Conference.objects.get().venue == "Hội trường Bảo hiểm xã hội tỉnh"
    assert Leadership.objects.get().leader == members[NEXT_YEAR][1]


def test_failure_in_the_last_step_rolls_back_everything_before_it(
    bloc, members, make_results, row_counts, nothing_saved, monkeypatch
):
    calls = []

    def leadership_set_that_fails(**kwargs):
        calls.append(kwargs)
        raise RuntimeError("database went away")

    monkeypatch.setattr(bloc_services, "leadership_set", leadership_set_that_fails)

    with pytest.raises(RuntimeError):
        save(bloc, make_results())

    assert len(calls) == 1  # the failure came after every other part was written
    assert row_counts() == nothing_saved


# Finalize and reopen ----------------------------------------------------------------


def test_finalize_records_who_and_when(conference, secretary):
    services.conference_finalize(conference=conference, actor=secretary)
    conference.refresh_from_db()
    assert conference.is_finalized
    assert conference.finalized_by == secretary
    assert conference.finalized_at is not None


def test_finalized_conference_cannot_be_finalized_again(finalized_conference, secretary, province_admin):
    with pytest.raises(PermissionDenied):
        services.conference_finalize(conference=finalized_conference, actor=secretary)
    finalized_conference.refresh_from_db()
    assert finalized_conference.finalized_by == province_admin


def test_finalized_conference_refuses_new_results_and_keeps_its_own(
    bloc, finalized_conference, make_results, row_counts
):
    before = row_counts()
    with pytest.raises(PermissionDenied):
        save(bloc, make_results(), conference=finalized_conference)
    assert row_counts() == before
    assert Conference.objects.get().venue == "Hội trường tầng 3"


@pytest.mark.parametrize("persona", ["secretary", "viewer", "other_secretary", "outsider"])
def test_only_a_province_admin_can_reopen(finalized_conference, persona, request):
    assert not can_reopen(request.getfixturevalue(persona), finalized_conference)


@pytest.mark.parametrize("persona", ["province_admin", "superuser"])
def test_province_admin_or_superuser_reopens(finalized_conference, persona, request):
    user = request.getfixturevalue(persona)
    assert can_reopen(user, finalized_conference)
    services.conference_reopen(conference=finalized_conference, actor=user)
    finalized_conference.refresh_from_db()
    assert finalized_conference.status == Conference.Status.DRAFT
    assert finalized_conference.finalized_by is None
    assert finalized_conference.finalized_at is None


def test_reopened_conference_takes_new_results(bloc, finalized_conference, province_admin, make_results):
    services.conference_reopen(conference=finalized_conference, actor=province_admin)
    save(bloc, make_results(), conference=finalized_conference)
    assert Conference.objects.get().venue == "Hội trường Bảo hiểm xã hội tỉnh"


# Scoring table ----------------------------------------------------------------------


def test_criteria_save_puts_new_criteria_in_the_bloc_and_year(bloc):
    rows = [Criterion(name="Công tác tuyên truyền", max_points=Decimal("20")), Criterion(name="Khác", max_points=5)]
    saved = services.criteria_save(actor=system_actor(), bloc=bloc, year=YEAR, rows=rows)
    assert {(c.bloc_id, c.year, c.name) for c in saved} == {
        (bloc.pk, YEAR, "Công tác tuyên truyền"),
        (bloc.pk, YEAR, "Khác"),
    }


def test_lowering_a_maximum_below_given_points_is_refused_and_nothing_changes(bloc, members, criteria):
    Score.objects.create(criterion=criteria[0], membership=members[YEAR][0], points=Decimal("55"))
    lowered = Criterion.objects.get(pk=criteria[0].pk)
    lowered.max_points = Decimal("50")
    renamed = Criterion.objects.get(pk=criteria[1].pk)
    renamed.name = "Tên mới"

    with pytest.raises(ValidationError) as info:
        services.criteria_save(actor=system_actor(), bloc=bloc, year=YEAR, rows=[renamed, lowered])

    assert "50" in info.value.messages[0]
    assert "E+" not in info.value.messages[0]
    assert Criterion.objects.get(pk=criteria[0].pk).max_points == Decimal("60")
    assert Criterion.objects.get(pk=criteria[1].pk).name == criteria[1].name


def test_deleting_a_criterion_deletes_its_points(bloc, members, criteria):
    Score.objects.create(criterion=criteria[0], membership=members[YEAR][0], points=Decimal("10"))
    Score.objects.create(criterion=criteria[1], membership=members[YEAR][0], points=Decimal("10"))
    services.criteria_save(actor=system_actor(), bloc=bloc, year=YEAR, rows=[], deleted=[criteria[0]])
    assert list(Score.objects.values_list("criterion", flat=True)) == [criteria[1].pk]


def test_criteria_of_a_finalized_conference_are_locked(bloc, finalized_conference, criteria):
    with pytest.raises(PermissionDenied):
        services.criteria_save(actor=system_actor(), bloc=bloc, year=YEAR, rows=[Criterion(name="Mới", max_points=5)])
    assert Criterion.objects.count() == len(criteria)


def test_signatures_need_no_leader(bloc, members, make_results):
    save(bloc, make_results(leader=None, deputy=None))
    assert Signature.objects.count() == len(members[NEXT_YEAR])
    assert not Leadership.objects.exists()
