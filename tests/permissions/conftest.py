"""A small world with two provinces for the permission tests, its personas, and a
snapshot of every row to prove that a refused request changed nothing.

Province A (Điện Biên) has two blocs, each with its secretary, plus a province admin
and a viewer; province B (Vĩnh Phúc) has one bloc and its own admin (the outsider).
Every kind of row the pages and the admin site show exists in both provinces: members,
leaders, criteria, pledges, conferences (a draft and a finalized one), proposals in each
status, submissions, decisions and province award rules. Rows named `spare_*` have
nothing pointing at them, so that deleting them would succeed: a refused delete is
refused by scope, not by PROTECT.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.utils import timezone

from awards.models import AwardRule, AwardType, Decision, Proposal, Submission
from blocs.models import Leadership, User
from emulation.models import Attendance, Conference, Criterion, Pledge, Score, Signature
from tests.factories import AgencyFactory, BlocFactory, MembershipFactory, ProvinceFactory, UserFactory

YEAR = 2017  # the year the draft conferences review
SPARE_YEAR = 2014  # the year of the spare rows: no page of the tests looks at it
CERTIFICATE = "Bằng khen của Chủ tịch UBND tỉnh"

# The personas of every table, in the order of the table's columns.
PERSONAS = ["admin", "sec1", "sec2", "viewer", "anon", "outsider", "root"]


def _bloc_world(province, name, agencies, years):
    bloc = BlocFactory(province=province, name=name)
    made = [AgencyFactory(province=province, name=agency) for agency in agencies]
    members = {year: [MembershipFactory(bloc=bloc, agency=a, year=year) for a in made] for year in years}
    return bloc, made, members


def _proposal(conference, membership, status=Proposal.Status.PROPOSED, submission=None, decision=None):
    return Proposal.objects.create(
        conference=conference,
        award_type=AwardType.objects.get(name=CERTIFICATE),
        membership=membership,
        votes_for=2,
        ballots=2,
        status=status,
        submission=submission,
        decision=decision,
    )


def _province_rows(province, prefix, bloc_names, agency_names, admin):
    """A province's blocs (the first with a finalized 2016 conference too), their rows, and spares."""
    rows = SimpleNamespace(province=province)
    blocs = []
    for i, (bloc_name, agencies) in enumerate(zip(bloc_names, agency_names, strict=True)):
        years = (YEAR - 1, YEAR, YEAR + 1) if i == 0 else (YEAR, YEAR + 1)
        bloc, agencies_, members = _bloc_world(province, bloc_name, agencies, years)
        Leadership.objects.create(bloc=bloc, year=YEAR + 1, leader=members[YEAR + 1][0], deputy=members[YEAR + 1][1])
        criterion = Criterion.objects.create(bloc=bloc, year=YEAR, order=1, name="Công tác chỉ đạo", max_points=60)
        Score.objects.create(criterion=criterion, membership=members[YEAR][0], points=Decimal("50"))
        pledge = Pledge.objects.create(bloc=bloc, year=YEAR + 1, content="Giao ước thi đua")
        Signature.objects.create(pledge=pledge, membership=members[YEAR + 1][0], signer="Người ký")
        conference = Conference.objects.create(
            bloc=bloc, year=YEAR, date=datetime.date(YEAR + 1, 1, 8), host=members[YEAR][0], venue="Hội trường"
        )
        Attendance.objects.create(conference=conference, membership=members[YEAR][0], representative="Đại diện")
        proposal = _proposal(conference, members[YEAR][1])
        blocs.append(SimpleNamespace(bloc=bloc, agencies=agencies_, members=members, criterion=criterion,
                                     pledge=pledge, conference=conference, proposal=proposal))  # fmt: skip
    first = blocs[0]
    # A finalized conference reviewing 2016, whose proposals went through a submission and a decision.
    done = Conference.objects.create(
        bloc=first.bloc,
        year=YEAR - 1,
        date=datetime.date(YEAR, 1, 10),
        status=Conference.Status.FINALIZED,
        finalized_at=timezone.now(),
        finalized_by=admin,
    )
    submission = Submission.objects.create(province=province, number=f"08/TTr-{prefix}", date=datetime.date(YEAR, 2, 1))
    decision = Decision.objects.create(province=province, number=f"215/QĐ-{prefix}", date=datetime.date(YEAR, 3, 1))
    members_2016 = first.members[YEAR - 1]
    rows.done_conference = done
    rows.done_proposed = _proposal(done, members_2016[0])
    rows.done_submitted = _proposal(done, members_2016[1], Proposal.Status.SUBMITTED, submission)
    rows.done_decided = _proposal(done, members_2016[2], Proposal.Status.APPROVED, submission, decision)
    rows.submission, rows.decision = submission, decision
    rows.rule = AwardRule.objects.create(
        award_type=AwardType.objects.get(name=CERTIFICATE), province=province, quota_count=3, source="Quy chế tỉnh"
    )
    # Spares: nothing points at them, so deleting them is allowed to whoever may.
    rows.spare_agency = AgencyFactory(province=province, name="Thanh tra tỉnh")
    rows.spare_bloc = BlocFactory(province=province, name="Khối Nội chính")
    rows.spare_membership = MembershipFactory(bloc=first.bloc, agency__province=province, year=SPARE_YEAR)
    rows.spare_pledge = Pledge.objects.create(bloc=first.bloc, year=SPARE_YEAR)
    rows.spare_criterion = Criterion.objects.create(bloc=first.bloc, year=SPARE_YEAR, name="Tiêu chí cũ", max_points=10)
    rows.spare_conference = Conference.objects.create(
        bloc=first.bloc, year=SPARE_YEAR, date=datetime.date(SPARE_YEAR + 1, 1, 10)
    )
    rows.spare_submission = Submission.objects.create(
        province=province, number=f"09/TTr-{prefix}", date=datetime.date(YEAR, 2, 2)
    )
    rows.spare_decision = Decision.objects.create(
        province=province, number=f"216/QĐ-{prefix}", date=datetime.date(YEAR, 3, 2)
    )
    rows.blocs = blocs
    return rows


@pytest.fixture
def world(db):
    """The two provinces and the personas. Attribute names say whose a row is."""
    a = ProvinceFactory(name="Điện Biên", code="dien-bien")
    b = ProvinceFactory(name="Vĩnh Phúc", code="vinh-phuc")
    admin = UserFactory(username="admin", role=User.Role.PROVINCE_ADMIN, province=a)
    outsider = UserFactory(username="admin2", role=User.Role.PROVINCE_ADMIN, province=b)
    rows_a = _province_rows(
        a,
        "A",
        ["Khối Văn hóa - Xã hội", "Khối Kinh tế - Tổng hợp"],
        [
            ["Bảo hiểm xã hội tỉnh", "Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo"],
            ["Sở Tài chính", "Sở Xây dựng", "Sở Công Thương"],
        ],
        admin,
    )
    rows_b = _province_rows(
        b, "B", ["Khối Văn hóa - Xã hội"], [["Ban Dân tộc tỉnh", "Sở Y tế", "Sở Tư pháp"]], outsider
    )
    w = SimpleNamespace(a=rows_a, b=rows_b, province_a=a, province_b=b)
    w.bloc1, w.bloc2, w.bloc_b = rows_a.blocs[0], rows_a.blocs[1], rows_b.blocs[0]
    w.users = {
        "admin": admin,
        "sec1": UserFactory(username="thuky1", role=User.Role.SECRETARY, province=a, blocs=[w.bloc1.bloc]),
        "sec2": UserFactory(username="thuky2", role=User.Role.SECRETARY, province=a, blocs=[w.bloc2.bloc]),
        "viewer": UserFactory(username="xem", role=User.Role.VIEWER, province=a),
        "anon": None,
        "outsider": outsider,
        "root": User.objects.create_superuser("root", password="secret-pass-123"),
    }
    w.sec_b = UserFactory(username="thuky3", role=User.Role.SECRETARY, province=b, blocs=[w.bloc_b.bloc])
    w.a.spare_user = UserFactory(username="nghiviec", role=User.Role.VIEWER, province=a)
    w.b.spare_user = UserFactory(username="nghiviec2", role=User.Role.VIEWER, province=b)
    w.group = Group.objects.create(name="Nhóm thử")
    AwardType.objects.get(name=CERTIFICATE).save()  # the catalogue comes from a migration: give it a past version
    attempt = {"user_agent": "test", "ip_address": "10.0.0.1", "username": "ai-do", "http_accept": "*/*"}
    w.access_attempt = AccessAttempt.objects.create(
        **attempt, path_info="/login/", get_data="", post_data="", failures_since_start=1
    )
    w.access_failure = AccessFailureLog.objects.create(**attempt, path_info="/login/")
    w.access_log = AccessLog.objects.create(**attempt, path_info="/login/")
    return w


def client_for(user):
    """A fresh test client (no CSRF checks), logged in as `user` unless None."""
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def rolled_back(function, *args, **kwargs):
    """Run function inside a savepoint that is rolled back, returning what it returned."""
    with transaction.atomic():
        try:
            return function(*args, **kwargs)
        finally:
            transaction.set_rollback(True)


# Every row of the product's tables, to compare before and after a refused request.
SNAPSHOT_APPS = ["blocs", "emulation", "awards"]
IGNORED_COLUMNS = {("blocs", "user"): {"last_login"}}  # logging a persona in sets it


def snapshot():
    rows = {}
    models = [m for label in SNAPSHOT_APPS for m in apps.get_app_config(label).get_models()] + [Group, LogEntry]
    for model in models:
        ignored = IGNORED_COLUMNS.get((model._meta.app_label, model._meta.model_name), set())
        rows[model._meta.label] = [
            {k: v for k, v in row.items() if k not in ignored} for row in model._default_manager.order_by("pk").values()
        ]
        for field in model._meta.many_to_many:
            through = getattr(model, field.name).through
            rows[through._meta.label] = list(through.objects.order_by("pk").values())
    return rows


def changed_tables(before, after):
    return sorted(label for label in after if before.get(label) != after[label])
