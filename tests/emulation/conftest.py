"""Fixtures for the year-end conference tests, built on the shared personas of tests/conftest.py.

`members` gives `bloc` three members in 2017 (the reviewed year) and 2018 (the year the
pledge is signed for and the leader is elected for).
"""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from blocs.models import Leadership
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from tests.factories import AgencyFactory, MembershipFactory

YEAR = 2017
NEXT_YEAR = YEAR + 1


def vi(message):
    """A message as the (default Vietnamese) pages show it, read from the project's catalogue."""
    with translation.override("vi"):
        return str(translation.gettext(message))


@pytest.fixture
def row_counts(db):
    """How many rows each part of a conference's results has, to prove what a save left behind."""

    def count():
        return {
            model.__name__: model.objects.count()
            for model in (Conference, Attendance, Pledge, Signature, Score, Leadership)
        }

    return count


@pytest.fixture
def nothing_saved():
    return {"Conference": 0, "Attendance": 0, "Pledge": 0, "Signature": 0, "Score": 0, "Leadership": 0}


@pytest.fixture
def criteria(bloc):
    """The bloc's 2017 scoring table: two criteria worth 60 and 40 points."""
    return [
        Criterion.objects.create(
            bloc=bloc, year=YEAR, order=1, name="Công tác chỉ đạo, điều hành", max_points=Decimal("60.00")
        ),
        Criterion.objects.create(
            bloc=bloc, year=YEAR, order=2, name="Kết quả thực hiện nhiệm vụ", max_points=Decimal("40.00")
        ),
    ]


@pytest.fixture
def conference(bloc, members):
    """A draft conference of `bloc` reviewing 2017, held in January 2018."""
    return Conference.objects.create(
        bloc=bloc, year=YEAR, date=datetime.date(2018, 1, 8), host=members[YEAR][0], venue="Hội trường tầng 3"
    )


@pytest.fixture
def finalized_conference(conference, province_admin):
    Conference.objects.filter(pk=conference.pk).update(
        status=Conference.Status.FINALIZED,
        finalized_by=province_admin,
        finalized_at=datetime.datetime.now(datetime.UTC),
    )
    conference.refresh_from_db()
    return conference


def add_members(bloc, count, years=(YEAR, NEXT_YEAR)):
    """`count` more member agencies of `bloc` in each of `years`."""
    agencies = [AgencyFactory(province=bloc.province) for _ in range(count)]
    return {year: [MembershipFactory(bloc=bloc, agency=a, year=year) for a in agencies] for year in years}


@pytest.fixture
def results_post(members, criteria):
    """A builder of a complete, valid POST of the results page (form prefixes as in emulation/forms.py).

    Members of 2017 all attend and are scored, a guest came from the awards office, every
    2018 member signs the pledge, the first 2018 member is elected leader and the second deputy.
    Keyword arguments override or add fields; a value of None removes the field. The post
    carries the conference's version as it is when built, as a page opened then would.
    """

    def build(**overrides):
        bloc = members[YEAR][0].bloc
        version = Conference.objects.filter(bloc=bloc, year=YEAR).values_list("version", flat=True).first()
        data = {
            "conf-version": str(version or 0),
            "conf-date": "08/01/2018",
            "conf-start_time": "14:00",
            "conf-end_time": "16:30",
            "conf-host": str(members[YEAR][0].pk),
            "conf-venue": "Hội trường Bảo hiểm xã hội tỉnh",
            "conf-chair_name": "Nguyễn Văn An",
            "conf-chair_title": "Giám đốc Bảo hiểm xã hội tỉnh",
            "conf-secretary_name": "Lò Thị Hoa",
            "conf-secretary_title": "Chuyên viên",
            "conf-document_number": "01/BB-KVHXH",
            "conf-results_summary": "Các chỉ tiêu đều đạt và vượt kế hoạch.",
            "conf-directions": "Tiếp tục nâng cao chất lượng phong trào thi đua.",
            "guest-TOTAL_FORMS": "2",
            "guest-INITIAL_FORMS": "0",
            "guest-MIN_NUM_FORMS": "0",
            "guest-MAX_NUM_FORMS": "1000",
            "guest-0-organisation": "Ban Thi đua - Khen thưởng tỉnh",
            "guest-0-person": "Trần Văn Bình",
            "guest-0-title": "Phó Trưởng ban",
            "guest-1-organisation": "",
            "guest-1-person": "",
            "guest-1-title": "",
            "pledge-content": "Giao ước thi đua năm 2018",
            "pledge-signed_on": "08/01/2018",
            "elect-leader": str(members[NEXT_YEAR][1].pk),
            "elect-deputy": str(members[NEXT_YEAR][2].pk),
            "save": "",
        }
        for i, membership in enumerate(members[YEAR]):
            data[f"att-{membership.pk}-checked"] = "on"
            data[f"att-{membership.pk}-person"] = f"Đại diện {i + 1}"
            data[f"att-{membership.pk}-title"] = "Phó Giám đốc"
            for j, criterion in enumerate(criteria):
                data[f"score-{membership.pk}-c{criterion.pk}"] = str(int(criterion.max_points) - 5 * (i + j))
        for i, membership in enumerate(members[NEXT_YEAR]):
            data[f"sig-{membership.pk}-checked"] = "on"
            data[f"sig-{membership.pk}-person"] = f"Người ký {i + 1}"
            data[f"sig-{membership.pk}-title"] = "Giám đốc"
        for name, value in overrides.items():
            if value is None:
                data.pop(name, None)
            else:
                data[name] = value
        return data

    return build


def expected_points(members, criteria):
    """The points results_post gives each (criterion, membership)."""
    return {
        (criterion.pk, membership.pk): Decimal(int(criterion.max_points) - 5 * (i + j))
        for i, membership in enumerate(members[YEAR])
        for j, criterion in enumerate(criteria)
    }
