"""IDOR for a member agency's staff: the ids of another agency of the same bloc, of an agency
of another bloc and of another province, replayed on every page of a member and on the files of
their self-assessments, answer what an id that exists nowhere answers (404), and change
nothing. Each payload is first shown to work on the member's own membership. The secretary of
another bloc gets the same from the files and the adoption of bloc 1's members."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import Attachment
from core.services import attachment_add
from emulation import services
from emulation.models import Criterion
from tests.permissions.helpers import YEAR, changed_tables, outcome, rolled_back, snapshot
from tests.permissions.test_idor import send
from tests.permissions.urlwalk import UNKNOWN_ID

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64
MEMBER_PAGES = ["awards:member_year", "awards:member_evidence", "awards:member_pledge", "awards:member_report"]


def _payload(name, membership):
    if name == "awards:member_year":
        criteria = Criterion.objects.filter(bloc_id=membership.bloc_id, year=membership.year)
        return {"version": "0", "send": "1", **{f"p{c.pk}": "1" for c in criteria}}
    if name == "awards:member_evidence":
        return {"title": "Ảnh", "file": SimpleUploadedFile("anh.jpg", JPEG, content_type="image/jpeg")}
    if name == "awards:member_report":
        return {"text": "Thành tích", "version": "0"}
    return {"version": "0"}


def _their_part(user, membership, send_it=True):
    """A self-assessment of `membership` with one file, written by its own staff."""
    criterion = Criterion.objects.filter(bloc_id=membership.bloc_id, year=membership.year).first()
    scores = {criterion: (Decimal("10"), "")} if criterion else {}
    assessment = services.self_assessment_save(actor=user, membership=membership, scores=scores, send=send_it)
    attachment = attachment_add(
        actor=user, record=assessment, title="Minh chứng", upload=SimpleUploadedFile("a.jpg", JPEG + b"1")
    )
    return assessment, attachment


@pytest.fixture
def victims(world):
    """Memberships of 2017 that are not the member persona's: same bloc, bloc 2, province B."""
    return {
        "same bloc": world.bloc1.members[YEAR][0],
        "other bloc": world.bloc2.members[YEAR][0],
        "other province": world.bloc_b.members[YEAR][0],
    }


def test_the_member_payloads_work_on_its_own_membership(world):
    member, own = world.users["member"], world.bloc1.members[YEAR][2]
    for name in MEMBER_PAGES:
        if name == "awards:member_report":
            continue  # not nominated: refused with a sentence (its test is in tests/awards)

        def post_and_compare(name=name):
            before = snapshot()
            response = send(member, "POST", reverse(name, args=[own.pk]), _payload(name, own))
            return outcome(response), changed_tables(before, snapshot())

        got, changed = rolled_back(post_and_compare)
        assert (got, bool(changed)) == ("302", True), name


def test_another_agencys_ids_answer_like_unknown_ids_and_change_nothing(world, victims):
    member = world.users["member"]
    wrong = []
    before, files = snapshot(), Attachment.objects.count()
    for where, membership in victims.items():
        for name in MEMBER_PAGES:
            for method in ("GET", "POST"):
                url, unknown = reverse(name, args=[membership.pk]), reverse(name, args=[UNKNOWN_ID])
                got = outcome(send(member, method, url, _payload(name, membership)))
                like_unknown = outcome(send(member, method, unknown, _payload(name, membership)))
                if got not in ("404", "405") or got != like_unknown:
                    wrong.append(f"{where}: {method} {url}: {got}, an unknown id gets {like_unknown}")
    assert not wrong, "\n".join(wrong)
    assert changed_tables(before, snapshot()) == [] and Attachment.objects.count() == files


@pytest.mark.parametrize("sent", [False, True], ids=["draft", "sent"])
def test_another_agencys_files_are_404_to_a_member(world, victims, sent):
    member = world.users["member"]
    parts = {}
    for where, membership in victims.items():
        staff = type(member).objects.create(
            username=f"staff-{membership.pk}",
            role="member",
            province_id=membership.bloc.province_id,
            agency=membership.agency,
        )
        parts[where] = _their_part(staff, membership, send_it=sent)
    before, files = snapshot(), Attachment.objects.count()
    for where, (assessment, attachment) in parts.items():
        for method, url in [
            ("GET", reverse("awards:attachment_download", args=[attachment.pk])),
            ("POST", reverse("awards:attachment_remove", args=[attachment.pk])),
            ("GET", reverse("awards:record_attachments", args=["selfassessment", assessment.pk])),
            ("POST", reverse("awards:record_attachments", args=["selfassessment", assessment.pk])),
        ]:
            assert outcome(send(member, method, url)) == "404", f"{where}: {method} {url}"
    assert changed_tables(before, snapshot()) == [] and Attachment.objects.count() == files


def test_the_other_blocs_secretary_gets_nothing_of_bloc_1s_members(world, victims):
    staff = type(world.users["member"]).objects.create(
        username="staff-bhxh", role="member", province=world.province_a, agency=victims["same bloc"].agency
    )
    assessment, attachment = _their_part(staff, victims["same bloc"])
    sec2, bloc1 = world.users["sec2"], world.bloc1.bloc
    before, files = snapshot(), Attachment.objects.count()
    for method, url, data in [
        ("GET", reverse("awards:attachment_download", args=[attachment.pk]), {}),
        ("GET", reverse("awards:record_attachments", args=["selfassessment", assessment.pk]), {}),
        ("POST", reverse("awards:self_assessments_adopt", args=[bloc1.pk, YEAR]), {"all": "1"}),
    ]:
        assert outcome(send(sec2, method, url, data)) == "404", url
    assert changed_tables(before, snapshot()) == [] and Attachment.objects.count() == files
    # bloc 1's secretary reads the sent file and adopts it
    assert (
        outcome(send(world.users["sec1"], "GET", reverse("awards:attachment_download", args=[attachment.pk]))) == "200"
    )
