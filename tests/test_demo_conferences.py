"""The seed conferences that `load_demo` adds on top of the registry (emulation/demo.py)."""

import datetime

import pytest
from django.core.management import call_command

from awards.models import Proposal
from blocs.models import Bloc
from emulation.models import Attendance, Conference, Pledge

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", force=True, verbosity=0)


def conference(province, year):
    return Conference.objects.select_related("host__agency").get(
        bloc__province__name=province, bloc__name="Khối Văn hóa - Xã hội", year=year
    )


def test_seed_000_is_a_finalized_conference_with_all_eight_present_and_the_pledge_signed_by_all(demo):
    dien_bien = conference("Điện Biên", 2017)
    assert dien_bien.is_finalized
    assert dien_bien.date == datetime.date(2018, 1, 8)
    assert dien_bien.host.agency.name == "Bảo hiểm xã hội tỉnh"
    members = dien_bien.attendances.filter(membership__isnull=False)
    assert members.count() == 8
    assert list(dien_bien.attendances.filter(membership__isnull=True).values_list("guest_organisation", flat=True)) == [
        "Ban Thi đua - Khen thưởng tỉnh"
    ]
    pledge = Pledge.objects.get(bloc=dien_bien.bloc, year=2018)
    assert pledge.signatures.count() == 8
    assert dien_bien.bloc.leaderships.get(year=2018).leader.printed_name == "Sở Thông tin và Truyền thông"


def test_seed_001_is_finalized_with_its_chair_and_nothing_invented(demo):
    vinh_phuc = conference("Vĩnh Phúc", 2020)
    assert vinh_phuc.is_finalized
    assert vinh_phuc.date == datetime.date(2021, 1, 13)
    assert (vinh_phuc.chair_name, vinh_phuc.chair_title) == (
        "Nguyễn Bá Hiến",
        "Giám đốc Sở Thông tin và Truyền thông",
    )
    # The report names no attendees and no pledge: none are made up.
    assert not vinh_phuc.attendances.exists()
    assert not Pledge.objects.filter(bloc=vinh_phuc.bloc, year=2021).exists()
    assert vinh_phuc.bloc.leaderships.get(year=2021).leader.printed_name == "Ban Dân tộc tỉnh"


def test_a_second_run_adds_nothing_and_keeps_a_conference_someone_reopened(demo):
    bloc = Bloc.objects.get(province__name="Điện Biên", name="Khối Văn hóa - Xã hội")
    Conference.objects.filter(bloc=bloc, year=2017).update(status=Conference.Status.DRAFT, venue="Đổi")
    counts = (Conference.objects.count(), Attendance.objects.count(), Pledge.objects.count())
    load()
    assert (Conference.objects.count(), Attendance.objects.count(), Pledge.objects.count()) == counts
    assert Conference.objects.get(bloc=bloc, year=2017).venue == "Đổi"


def test_a_deleted_seed_conference_comes_back(demo):
    Proposal.objects.filter(conference__year=2020).delete()  # history protects the conference
    Conference.objects.filter(year=2020).delete()
    load()
    assert conference("Vĩnh Phúc", 2020).is_finalized
    assert conference("Vĩnh Phúc", 2020).proposals.filter(status=Proposal.Status.APPROVED).count() == 2
