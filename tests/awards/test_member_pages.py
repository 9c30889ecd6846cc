"""A member agency's own pages, and the secretary's adoption from the results page."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Attachment
from emulation.models import Score, SelfAssessment
from tests.emulation.factories import PledgeFactory
from tests.emulation.helpers import NEXT_YEAR, YEAR
from tests.permissions.helpers import changed_tables, snapshot

pytestmark = pytest.mark.django_db

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _points(criteria, values, send=True, version=0):
    data = {"version": version}
    for criterion, value in zip(criteria, values, strict=True):
        data[f"p{criterion.pk}"] = value
        data[f"n{criterion.pk}"] = f"Theo báo cáo {value}"
    if send:
        data["send"] = "1"
    return data


def test_home_sends_a_member_to_its_own_page(login, member_user):
    response = login(member_user).get("/")
    assert response.status_code == 302 and response["Location"] == reverse("awards:member_home")


def test_the_member_sees_its_own_years_only(login, member_user, members, criteria):
    page = login(member_user).get(reverse("awards:member_home")).content.decode()
    assert page.count('data-testid="member-year"') == 2  # 2017 and 2018
    assert "Khối Văn hóa - Xã hội" in page


def test_the_member_enters_sends_and_attaches_from_its_page(login, member_user, members, criteria, conference):
    own = members[YEAR][2]
    client = login(member_user)
    page = client.get(reverse("awards:member_year", args=[own.pk])).content.decode()
    assert 'accept="image/*,application/pdf"' in page and 'capture="environment"' in page

    response = client.post(reverse("awards:member_year", args=[own.pk]), _points(criteria, ["55,5", "30"]))
    assert response.status_code == 302
    assessment = SelfAssessment.objects.get(membership=own)
    assert assessment.status == SelfAssessment.Status.SUBMITTED
    assert [s.points for s in assessment.scores.order_by("criterion__order")] == [Decimal("55.5"), Decimal("30")]

    upload = SimpleUploadedFile("anh.jpg", JPEG, content_type="image/jpeg")
    response = client.post(reverse("awards:member_evidence", args=[own.pk]), {"title": "Ảnh", "file": upload})
    assert response.status_code == 302
    assert Attachment.objects.get().record == assessment
    assert not Score.objects.exists()  # the bloc's record is the secretary's to adopt


def test_points_over_the_maximum_are_shown_beside_the_field(login, member_user, members, criteria):
    own = members[YEAR][2]
    response = login(member_user).post(reverse("awards:member_year", args=[own.pk]), _points(criteria, ["61", "30"]))
    assert response.status_code == 400
    assert "invalid-feedback" in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_another_agencys_pages_are_404_and_change_nothing(
    login, member_user, other_member_user, members, criteria, bloc
):
    PledgeFactory(bloc=bloc, year=NEXT_YEAR)
    theirs = members[YEAR][0]
    client = login(other_member_user)
    client.post(reverse("awards:member_year", args=[theirs.pk]), _points(criteria, ["20", "10"], send=False))
    draft = SelfAssessment.objects.get(membership=theirs)
    client.post(
        reverse("awards:member_evidence", args=[theirs.pk]),
        {"title": "Ảnh", "file": SimpleUploadedFile("a.jpg", JPEG)},
    )
    attachment = Attachment.objects.get()

    client = login(member_user)
    before = snapshot()
    for method, url, data in [
        ("get", reverse("awards:member_year", args=[theirs.pk]), None),
        ("post", reverse("awards:member_year", args=[theirs.pk]), _points(criteria, ["1", "1"])),
        ("post", reverse("awards:member_pledge", args=[theirs.pk]), {}),
        ("post", reverse("awards:member_report", args=[theirs.pk]), {"text": "x"}),
        ("post", reverse("awards:member_evidence", args=[theirs.pk]), {"file": SimpleUploadedFile("b.jpg", JPEG)}),
        ("get", reverse("awards:attachment_download", args=[attachment.pk]), None),
        ("post", reverse("awards:attachment_remove", args=[attachment.pk]), {}),
        ("get", reverse("awards:record_attachments", args=["selfassessment", draft.pk]), None),
    ]:
        response = getattr(client, method)(url, data or {})
        assert response.status_code == 404, url
    assert changed_tables(before, snapshot()) == []
    assert Attachment.objects.count() == 1


def test_the_secretary_sees_sent_ones_never_drafts_and_adopts(
    login, member_user, other_member_user, secretary, members, criteria, conference, bloc
):
    login(member_user).post(reverse("awards:member_year", args=[members[YEAR][2].pk]), _points(criteria, ["55", "35"]))
    login(other_member_user).post(
        reverse("awards:member_year", args=[members[YEAR][0].pk]), _points(criteria, ["11", "12"], send=False)
    )
    client = login(secretary)
    page = client.get(reverse("awards:conference_edit", args=[bloc.pk, YEAR])).content.decode()
    assert 'data-testid="self-assessments"' in page
    assert page.count('data-testid="adopt"') == 1  # the draft is not there
    assert "Bảo hiểm xã hội tỉnh" not in page.split('data-testid="self-assessments"')[1].split("</section>")[0]

    draft = SelfAssessment.objects.get(membership=members[YEAR][0])
    response = client.get(reverse("awards:record_attachments", args=["selfassessment", draft.pk]))
    assert response.status_code == 404  # nor its files

    response = client.post(reverse("awards:self_assessments_adopt", args=[bloc.pk, YEAR]), {"all": "1"})
    assert response.status_code == 302
    assert dict(Score.objects.filter(membership=members[YEAR][2]).values_list("criterion_id", "points")) == {
        criteria[0].pk: Decimal("55"),
        criteria[1].pk: Decimal("35"),
    }
    assert not Score.objects.filter(membership=members[YEAR][0]).exists()


def test_after_finalization_the_member_cannot_change_and_sees_the_results(
    login, member_user, members, criteria, finalized_conference
):
    own = members[YEAR][2]
    client = login(member_user)
    page = client.get(reverse("awards:member_year", args=[own.pk])).content.decode()
    assert 'data-testid="locked"' in page and 'data-testid="bloc-results"' in page
    assert 'data-testid="self-assessment-form"' not in page
    before = snapshot()
    response = client.post(reverse("awards:member_year", args=[own.pk]), _points(criteria, ["1", "1"]))
    assert response.status_code == 403
    assert changed_tables(before, snapshot()) == []


def test_other_roles_have_no_member_pages(login, secretary, members):
    response = login(secretary).get(reverse("awards:member_year", args=[members[YEAR][0].pk]))
    assert response.status_code == 404
