"""Query budgets: every staff page, admin changelist and document runs the same number of
queries whatever the size of the province, under a stated ceiling.

Each is measured on a synthetic province (make_synthetic) at two sizes, for the same
bloc, agency and conference (the first ones, present at both sizes).
"""

import datetime

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from awards.models import AwardRule, AwardType, BlocCount, Decision, Proposal, Submission
from blocs.models import Agency, Bloc, Province, User
from emulation.models import Conference
from reports import output
from tests.blocs.factories import UserFactory
from tests.clients import AxesClient
from tests.fixtures.once import built_once

pytestmark = pytest.mark.django_db

SMALL = {"blocs": 2, "agencies": 8, "years": 2, "proposals": 2}
LARGE = {"blocs": 5, "agencies": 40, "years": 5, "proposals": 4}
LAST_YEAR = 2025
PAGE_CEILING = 31  # the results page reads what the members sent themselves too
DOCUMENT_CEILING = 25


def build(size):
    call_command("make_synthetic", last_year=LAST_YEAR, verbosity=0, **size)
    province = Province.objects.get(name="Tỉnh Tổng Hợp 1")
    bloc = Bloc.objects.filter(province=province).order_by("pk").first()
    agency = Agency.objects.filter(memberships__bloc=bloc).order_by("pk").first()
    conference = Conference.objects.get(bloc=bloc, year=LAST_YEAR)
    # One draft conference, so that the results page opens rather than redirects.
    draft = Conference.objects.get(bloc=bloc, year=LAST_YEAR - 1)
    Conference.objects.filter(pk=draft.pk).update(status=Conference.Status.DRAFT)
    admin_user = UserFactory(username=f"admin.tonghop{size['blocs']}", role=User.Role.PROVINCE_ADMIN, province=province)
    add_rule_versions(province, size)
    return {
        "province": province,
        "bloc": bloc,
        "agency": agency,
        "conference": conference,
        "draft": draft,
        "submission": Submission.objects.filter(province=province).order_by("pk").first(),
        "decision": Decision.objects.filter(province=province).order_by("pk").first(),
        "proposal": Proposal.objects.filter(conference=conference).order_by("pk").first(),
        "nominee": Proposal.objects.filter(conference=conference, person_name="").order_by("pk").first(),
        "admin": admin_user,
    }


def add_rule_versions(province, size):
    """The province's own rule versions, one a year (more of them in the larger province), with
    every basis and an eligibility condition, and its recorded number of blocs: the pages must
    read them in the same few queries whatever their number."""
    flag = AwardType.objects.get(name="Cờ thi đua của UBND tỉnh")
    first = LAST_YEAR - size["years"]
    for award_type in AwardType.objects.all():
        for year in range(first, LAST_YEAR + 2):
            AwardRule.objects.create(
                award_type=award_type,
                province=province,
                valid_from=datetime.date(year, 1, 1),
                valid_until=datetime.date(year, 12, 31),
                quota_percent=20,
                quota_basis=AwardRule.Basis.BLOC_LEADERS,
                vote_threshold_percent=80,
                vote_basis=[b for b, _ in AwardRule.VoteBasis.choices][year % 3],
                required_award=flag,
                required_years=2,
                prize_multiplier_collective=8,
                source=f"Quy chế thi đua, khen thưởng năm {year}",
            )
    for year in range(first, LAST_YEAR + 1):
        BlocCount.objects.create(province=province, year=year, blocs=size["blocs"] + 3)


def pages(world):
    bloc, agency, conference = world["bloc"], world["agency"], world["conference"]
    return {
        "bloc list": reverse("blocs:bloc_list"),
        "bloc page": reverse("blocs:bloc_detail", args=[bloc.pk]),
        "agency list": reverse("blocs:agency_list"),
        "agency search": reverse("blocs:agency_list") + "?q=so",
        "agency page": reverse("blocs:agency_detail", args=[agency.pk]),
        "conference page": reverse("awards:conference_detail", args=[conference.pk]),
        "results page": reverse("awards:conference_edit", args=[bloc.pk, world["draft"].year]),
        "criteria page": reverse("emulation:criteria_edit", args=[bloc.pk, world["draft"].year]),
        "proposals": reverse("awards:proposal_list"),
        "proposals of a year": reverse("awards:proposal_list") + f"?year={LAST_YEAR}",
        "award record": reverse("awards:agency_record", args=[agency.pk]),
        "merge agencies": reverse("blocs:agency_merge", args=[world["province"].pk]),
        "re-draw blocs": reverse("blocs:bloc_redraw", args=[world["province"].pk]) + f"?year={LAST_YEAR + 1}",
        "import members": reverse("blocs:members_import", args=[world["province"].pk]),
        "attachments of a conference": reverse("awards:record_attachments", args=["conference", conference.pk]),
        "year dashboard": reverse("home") + f"?year={LAST_YEAR}",
        "year dashboard xlsx": reverse("dashboard:year_xlsx", args=[world["province"].pk, LAST_YEAR]),
    }


def admin_changelists():
    return {
        f"admin {model._meta.label}": reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if model._meta.app_label in ("blocs", "emulation", "awards", "dashboard")  # the province admin's
    }


def documents(world):
    return {
        "bloc-summary": {"bloc": world["bloc"], "year": LAST_YEAR},
        "minutes": {"conference": world["conference"]},
        "province-summary": {"province": world["province"], "year": LAST_YEAR},
        "province-prizes": {"province": world["province"]},
        "submission-list": {"submission": world["submission"]},
        "decision-list": {"decision": world["decision"]},
        "agency-record": {"agency": world["agency"]},
        "leadership-history": {"bloc": world["bloc"]},
        "dossier-submission": {"conference": world["conference"]},
        "vote-minutes": {"conference": world["conference"]},
        "nominee-list": {"conference": world["conference"]},
        "achievement-report": {"conference": world["conference"], "proposal": world["nominee"]},
    }


def count_queries(action):
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured)


def measure(client, size):
    world = build(size)
    client.force_login(world["admin"])
    counts = {}
    for name, url in {**pages(world), **admin_changelists()}.items():
        response = None

        def get(url=url):
            nonlocal response
            response = client.get(url)

        counts[name] = count_queries(get)
        assert response.status_code == 200, (name, response.status_code)
    for slug, params in documents(world).items():

        def print_html(slug=slug, params=params):
            output.to_html(output.build(slug, **params))

        counts[f"document {slug}"] = count_queries(print_html)

        def write_docx(slug=slug, params=params):
            output.to_docx(output.build(slug, **params))

        counts[f"document {slug} docx"] = count_queries(write_docx)
    return counts


def measure_both_sizes():
    client = AxesClient()
    small = measure(client, SMALL)
    Province.objects.filter(name="Tỉnh Tổng Hợp 1").update(name="Tỉnh Tổng Hợp cũ", code="cu")
    # A second, larger province beside it: the measured one is the new one.
    large = measure(client, LARGE)
    return small, large


@pytest.fixture(scope="module")
def both_sizes_once(django_db_setup, django_db_blocker):
    """Measured once for the module's tests: two synthetic provinces and every page, admin list
    and document of each, the most expensive setup of the suite."""
    with built_once(django_db_blocker, measure_both_sizes, "both_sizes") as counts:
        yield counts


@pytest.fixture
def both_sizes(db, both_sizes_once):
    return both_sizes_once


def test_queries_do_not_grow_with_the_data(both_sizes):
    small, large = both_sizes
    grew = {name: (small[name], large[name]) for name in small if large[name] != small[name]}
    assert not grew, f"queries (small, large) that grew: {grew}"


def test_queries_stay_under_the_ceiling(both_sizes):
    _small, large = both_sizes
    over = {
        name: count
        for name, count in large.items()
        if count > (DOCUMENT_CEILING if name.startswith("document") else PAGE_CEILING)
    }
    assert not over, over
