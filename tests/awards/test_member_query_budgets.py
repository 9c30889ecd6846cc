"""Query budgets of the pages that read the members' own parts: the results page with every
member's self-assessment beside the bloc's scores, the secretary's home, and a member's page,
the same number of queries with 3 members as with 15."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from blocs.models import User
from core.services import attachment_add
from emulation import services
from tests.blocs.factories import AgencyFactory, BlocFactory, MembershipFactory, ProvinceFactory, UserFactory
from tests.emulation.factories import ConferenceFactory, CriterionFactory, PledgeFactory, ScoreFactory

pytestmark = pytest.mark.django_db
YEAR = 2017
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 32


def build(n, criteria_count):
    """A bloc of `n` members, each of which sent its self-assessment on every criterion with a
    photo, and the bloc's own points for half of them."""
    province = ProvinceFactory(name=f"Tỉnh {n}", code=f"tinh-{n}")
    bloc = BlocFactory(province=province, name="Khối Văn hóa - Xã hội")
    criteria = [
        CriterionFactory(bloc=bloc, year=YEAR, order=i, name=f"Tiêu chí {i}", max_points=20)
        for i in range(criteria_count)
    ]
    ConferenceFactory(bloc=bloc, year=YEAR, date=datetime.date(YEAR + 1, 1, 8))
    PledgeFactory(bloc=bloc, year=YEAR + 1)
    staff = []
    for i in range(n):
        agency = AgencyFactory(province=province, name=f"Sở số {i}")
        membership = MembershipFactory(bloc=bloc, agency=agency, year=YEAR)
        MembershipFactory(bloc=bloc, agency=agency, year=YEAR + 1)
        user = UserFactory(username=f"so{n}-{i}", role=User.Role.MEMBER, province=province, agency=agency)
        assessment = services.self_assessment_save(
            actor=user,
            membership=membership,
            scores={c: (Decimal("10"), "Nhận xét") for c in criteria},
            send=True,
        )
        attachment_add(
            actor=user, record=assessment, title="Ảnh", upload=SimpleUploadedFile("a.jpg", JPEG + bytes([i]))
        )
        if i % 2:
            ScoreFactory(criterion=criteria[0], membership=membership, points=Decimal("12"))
        staff.append((user, membership))
    secretary = UserFactory(username=f"thuky{n}", role=User.Role.SECRETARY, province=province, blocs=[bloc])
    return bloc, secretary, staff


def count(client, url):
    client.get(url)  # the session and the content types cached, as on a second visit
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response


def measure(client, n, criteria_count):
    bloc, secretary, staff = build(n, criteria_count)
    client.force_login(secretary)
    results, response = count(client, reverse("awards:conference_edit", args=[bloc.pk, YEAR]))
    assert len(response.context["sent"]) == n
    home, response = count(client, reverse("home") + f"?year={YEAR}")
    assert len(response.context["progress"][0].sent) == n
    user, membership = staff[-1]
    client.force_login(user)
    own, _response = count(client, reverse("awards:member_year", args=[membership.pk]))
    return {"results page": results, "secretary home": home, "member page": own}


def test_the_members_parts_cost_the_same_at_3_and_15_members(client):
    small = measure(client, 3, 2)
    large = measure(client, 15, 6)
    assert small == large, (small, large)


def test_the_results_page_with_15_self_assessments_stays_in_its_budget(client, django_assert_num_queries):
    bloc, secretary, _staff = build(15, 6)
    client.force_login(secretary)
    url = reverse("awards:conference_edit", args=[bloc.pk, YEAR])
    client.get(url)
    # 1-2 session, user; 3 the bloc; 4 may the user write it; 5 the conference; 6-7 this year's
    # members and their name history; 8 criteria; 9-10 next year's members and their name
    # history; 11-15 saved results: pledge, attendance, scores, signatures, leadership; 16-22 the
    # proposals section (proposals, blocs, rules, award types, members and their name history)
    # and the rotation hint; 23-26 what the members sent: their self-assessments, their points,
    # the bloc's points beside them, the evidence counts; 27 the user's province (the menu);
    # 28-30 the members offered by the proposal rows' choices.
    with django_assert_num_queries(30):
        client.get(url)
