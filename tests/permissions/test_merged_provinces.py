"""Issue 13, second "Done when": three provinces merged with `merge_provinces`. The old
provinces' documents print the same text as before, under their old names; the new
province's admin reads and prints them and changes nothing, on every page of the product
and of the admin site; the operator (a superuser) may still change them."""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from blocs.models import Agency, Province, User
from blocs.services import system_actor
from tests.blocs.factories import AgencyFactory, BlocFactory, MembershipFactory, ProvinceFactory, UserFactory
from tests.clients import client_for
from tests.permissions.helpers import outcome, snapshot
from tests.permissions.test_matrix import EXPECTED, METHODS, expected
from tests.permissions.urlwalk import _admin_model, concrete_url, url_patterns


@pytest.fixture
def merged(world):
    """Điện Biên (A) and Vĩnh Phúc (B) of the permission world, with a third province, merged
    into that third one from 01/07/2025; its admin and viewer are the new personas."""
    new = ProvinceFactory(name="Phú Thọ", code="phu-tho")
    bloc = BlocFactory(province=new, name="Khối Văn hóa - Xã hội")
    MembershipFactory(bloc=bloc, agency=AgencyFactory(province=new, name="Sở Y tế"), year=2025)
    world.new_admin = UserFactory(username="admin.phutho", role=User.Role.PROVINCE_ADMIN, province=new)
    world.new_viewer = UserFactory(username="xem.phutho", role=User.Role.VIEWER, province=new)
    world.province_new = new
    return world


def documents(w):
    """The old provinces' documents, by URL: a bloc's report, minutes, an agency's record, a
    province's year and a tờ trình's list, of A; a bloc's report of B."""
    bloc1 = w.bloc1
    return [
        f"/reports/blocs/{bloc1.bloc.pk}/2017/summary.pdf",
        f"/reports/blocs/{bloc1.bloc.pk}/leadership.pdf",
        f"/reports/conferences/{w.a.done_conference.pk}/minutes.pdf",
        f"/reports/agencies/{bloc1.agencies[0].pk}/awards.pdf",
        f"/reports/provinces/{w.province_a.pk}/2017/summary.pdf",
        f"/reports/submissions/{w.a.submission.pk}/list.pdf",
        f"/reports/blocs/{w.bloc_b.bloc.pk}/2017/summary.pdf",
        f"/reports/provinces/{w.province_b.pk}/2017/summary.pdf",
    ]


def pdf_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def merge(*extra):
    out = StringIO()
    call_command(
        "merge_provinces", "Điện Biên", "Vĩnh Phúc", "Phú Thọ", "--into", "Phú Thọ", "--from", "01/07/2025",
        "--basis", "202/2025/QH15", "--basis-date", "12/06/2025", "--users", "move", *extra, stdout=out,
    )  # fmt: skip
    return out.getvalue()


def test_dry_run_changes_nothing(merged):
    system_actor()  # made once, by any command that writes: not part of the merger
    before = snapshot()
    output = merge("--dry-run")
    assert output.startswith("Chạy thử (không lưu gì):")
    assert "Điện Biên hợp nhất vào Phú Thọ từ 01/07/2025." in output
    assert snapshot() == before


def test_old_documents_print_the_same_and_the_new_admin_reads_them(merged):
    w = merged
    # Printed before the merger by the operator, who reads every province.
    before = {url: pdf_text(client_for(w.users["root"]), url) for url in documents(w)}

    output = merge()

    assert "Sở Y tế (Vĩnh Phúc) chấm dứt hoạt động ngày 30/06/2025; cơ quan kế thừa là Sở Y tế (Phú Thọ)." in output
    a, b = Province.objects.get(name="Điện Biên"), Province.objects.get(name="Vĩnh Phúc")
    assert (a.merged_into, b.merged_into, a.merged_on) == (w.province_new, w.province_new, datetime.date(2025, 7, 1))
    # Their agencies end the day before, each succeeded across provinces by the new province's.
    insurance = Agency.objects.get(province=a, name="Bảo hiểm xã hội tỉnh")
    assert (insurance.active_until, insurance.successor.province) == (datetime.date(2025, 6, 30), w.province_new)
    assert Agency.objects.get(province=b, name="Sở Y tế").successor == Agency.objects.get(
        province=w.province_new, name="Sở Y tế"
    )
    # The users moved: the old admin is now an admin of Phú Thọ.
    assert User.objects.get(username="admin").province == w.province_new

    new_admin, new_viewer = client_for(w.new_admin), client_for(w.new_viewer)
    for url, text in before.items():
        assert pdf_text(new_admin, url) == text, url
        assert pdf_text(new_viewer, url) == text, url
    bloc_report = before[documents(w)[0]]
    assert "UBND TỈNH ĐIỆN BIÊN" in bloc_report.upper() and "PHÚ THỌ" not in bloc_report.upper()
    assert "UBND TỈNH VĨNH PHÚC" in before[documents(w)[-2]].upper()

    # The pages of the old provinces' blocs and agencies read, beside the new province's own.
    listing = new_admin.get("/blocs/").content.decode()
    assert listing.count("Khối Văn hóa - Xã hội") >= 3  # Phú Thọ's, Điện Biên's and Vĩnh Phúc's
    assert new_admin.get(f"/blocs/{w.bloc1.bloc.pk}/").status_code == 200
    assert new_admin.get(f"/agencies/{w.bloc1.agencies[0].pk}/").status_code == 200


# The new province's admin and viewer on the old provinces' rows: they read like the old
# province's viewer (the viewer's column of the permission matrix) and change nothing.
ADMIN_DIFFERS = {
    # Their list of proposals takes a POST to record a submission of their own province's
    # proposals: an empty one answers with the form's errors and records nothing.
    ("awards:proposal_list", "POST"): "200",
}
# Rows the admin site shows the new admin after the merger: the users moved to their
# province, the award types and base salaries every province shares (and the site's own tables).
ADMIN_SITE_IN_SCOPE = {"blocs.user", "awards.awardtype", "awards.basesalary", "auth.group"}


def expected_for(persona, key, method):
    if key in ("blocs:agency_merge", "blocs:bloc_redraw"):
        return "403"  # an old province is history: nobody but the operator reorganises it
    if persona == "new_admin" and (key, method) in ADMIN_DIFFERS:
        return ADMIN_DIFFERS[key, method]
    return expected(key, "viewer", method)


@pytest.mark.parametrize("persona", ["new_admin", "new_viewer"])
def test_new_province_reads_the_old_rows_and_changes_nothing(merged, persona):
    w = merged
    merge()
    user = getattr(w, persona)
    before = snapshot()
    wrong = []
    for pattern in url_patterns():
        if pattern.key not in EXPECTED:
            continue
        url = concrete_url(pattern, w)
        label = _admin_model(pattern.route)
        for method in METHODS:
            client = client_for(user)  # a fresh one each time: a POST to the logout page logs it out
            response = client.get(url) if method == "GET" else client.post(url, {})
            got = outcome(response)
            if label or pattern.key.startswith("admin"):
                # The admin site is the new admin's own province's: an old province's row is
                # not found there (the admin index), whatever the method.
                old_row = label and label not in ADMIN_SITE_IN_SCOPE and not label.startswith("axes.")
                if persona == "new_admin" and old_row and "<path:object_id>" in pattern.route and got == "200":
                    wrong.append(f"{method} {url}: the admin site opened an old province's row")
                continue
            want = expected_for(persona, pattern.key, method)
            if got != want:
                wrong.append(f"{method} {url} ({pattern.key}): expected {want}, got {got}")
    assert not wrong, "\n".join(wrong)
    assert snapshot() == before  # not one row changed, by any page


def test_the_operator_still_changes_them(merged):
    """A superuser (the site-level operator) is not bound by the merger."""
    w = merged
    merge()
    root = client_for(w.users["root"])
    response = root.post(f"/blocs/{w.bloc1.bloc.pk}/copy-members/", {"year": 2019})
    assert response.status_code == 302
