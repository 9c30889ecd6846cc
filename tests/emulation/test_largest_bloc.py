"""The results page of a large bloc, 40 members scored on 30 criteria, is saved whole: its post
has about 1,500 fields, past Django's default limit of 1,000 (DATA_UPLOAD_MAX_NUMBER_FIELDS)."""

import re

import pytest
from django.urls import reverse

from emulation.models import Attendance, Score, Signature
from tests.emulation.factories import CriterionFactory
from tests.emulation.helpers import YEAR, add_members
from tests.permissions.htmlforms import form_data

MEMBERS, CRITERIA = 40, 30


@pytest.mark.slow
def test_a_bloc_of_40_members_and_30_criteria_is_saved_whole(login, secretary, bloc):
    members = add_members(bloc, MEMBERS)
    criteria = [CriterionFactory(bloc=bloc, year=YEAR, max_points=50) for _ in range(CRITERIA)]
    client = login(secretary)
    url = reverse("awards:conference_edit", args=[bloc.pk, YEAR])
    data = form_data(client.get(url))
    data["conf-date"] = "12/01/2018"
    for name in list(data):
        if re.fullmatch(r"score-\d+-c\d+", name):
            data[name] = "45,5"
    for m in members[YEAR]:
        data[f"att-{m.pk}-checked"] = "on"
    for m in members[YEAR + 1]:
        data[f"sig-{m.pk}-checked"] = "on"
    data["save"] = ""
    assert len(data) > 1000  # Django's default limit, which the page would have hit

    response = client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Score.objects.filter(criterion__in=criteria).count() == MEMBERS * CRITERIA
    assert Attendance.objects.filter(membership__in=members[YEAR]).count() == MEMBERS
    assert Signature.objects.filter(membership__in=members[YEAR + 1]).count() == MEMBERS
