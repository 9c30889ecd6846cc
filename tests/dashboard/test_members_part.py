"""The secretary's home and the year dashboard show which members have sent their own part,
with the bloc's deadline, and export who has not."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from blocs.services import agency_save
from core.services import attachment_add
from emulation import services
from tests.emulation.factories import ConferenceFactory

pytestmark = pytest.mark.django_db
YEAR = 2017


@pytest.fixture
def sent(member_user, members, criteria):
    """Sở Giáo dục và Đào tạo sent its points with a photo; the others sent nothing."""
    own = members[YEAR][2]
    assessment = services.self_assessment_save(
        actor=member_user, membership=own, scores={criteria[0]: (Decimal("50"), "")}, send=True
    )
    attachment_add(
        actor=member_user,
        record=assessment,
        title="Ảnh",
        upload=SimpleUploadedFile("a.jpg", b"\xff\xd8\xff" + b"0" * 20),
    )
    return own


def test_the_secretary_home_shows_who_has_sent_with_the_blocs_deadline(login, secretary, bloc, members, sent):
    ConferenceFactory(bloc=bloc, year=YEAR, date=datetime.date(YEAR + 1, 1, 8))
    response = login(secretary).get(reverse("home") + f"?year={YEAR}")
    (progress,) = response.context["progress"]
    assert (len(progress.sent), len(progress.with_evidence), len(progress.members)) == (1, 1, 3)
    page = response.content.decode()
    section = page.split('data-testid="members-part"')[1]
    assert "08/01/2018" in section and "1/3" in section
    assert "Bảo hiểm xã hội tỉnh" in section and "Sở Thông tin và Truyền thông" in section


def test_the_dashboard_names_nobody_in_a_bloc_where_nobody_has_sent(login, province_admin, bloc, members):
    response = login(province_admin).get(reverse("home") + f"?year={YEAR}")
    (progress,) = response.context["progress"]
    assert (progress.count, progress.members, progress.nobody_sent) == (3, [], True)
    section = response.content.decode().split('data-testid="members-part"')[1]
    assert "0/3" in section and "chưa đơn vị nào gửi" in section
    assert "Bảo hiểm xã hội tỉnh" not in section


def test_the_dashboard_names_who_has_not_sent_once_someone_has(login, province_admin, bloc, members, sent):
    response = login(province_admin).get(reverse("home") + f"?year={YEAR}")
    (progress,) = response.context["progress"]
    assert (progress.count, len(progress.members), progress.nobody_sent) == (3, 3, False)
    section = response.content.decode().split('data-testid="members-part"')[1]
    assert "1/3" in section and "Bảo hiểm xã hội tỉnh" in section and "chưa đơn vị nào gửi" not in section


def test_the_missing_list_exports_formula_safe(login, province_admin, bloc, members, sent):
    agency = members[YEAR][0].agency
    agency.name = '=HYPERLINK("http://x")'
    agency_save(actor=province_admin, agency=agency)
    response = login(province_admin).get(reverse("dashboard:missing_xlsx", args=[bloc.province.pk, YEAR]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=3)]
    assert sorted(row[2] for row in rows) == sorted(['=HYPERLINK("http://x")', "Sở Thông tin và Truyền thông"])
    formula = next(c for row in sheet.iter_rows(min_row=3) for c in row if str(c.value).startswith("="))
    assert formula.data_type == "s"
    assert all(row[0] == bloc.name for row in rows)


def test_the_missing_list_is_not_for_a_member_nor_another_province(login, member_user, outsider, bloc, members):
    url = reverse("dashboard:missing_xlsx", args=[bloc.province.pk, YEAR])
    assert login(member_user).get(url).status_code == 404
    assert login(outsider).get(url).status_code == 404


def test_a_secretary_exports_their_own_blocs_only(login, other_secretary, bloc, members, sent):
    response = login(other_secretary).get(reverse("dashboard:missing_xlsx", args=[bloc.province.pk, YEAR]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.max_row == 2  # the headings: bloc is not theirs
