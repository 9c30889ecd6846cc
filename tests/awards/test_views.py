"""The award pages through the browser's eyes: the province's proposal list with its bulk
submission and decision forms, an agency's award record, the proposals on the conference
page, and the proposals section of the results page, saved with the rest or not at all."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from awards import selectors, services
from awards.models import AwardRule, Decision, Proposal, Submission
from awards.views import RowUrl
from blocs.models import Leadership
from emulation import services as conference_services
from emulation.models import Conference
from tests.awards.helpers import (
    GOVERNMENT_FLAG,
    PM_CERTIFICATE,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    award,
    bloc_conference,
    default_rule,
    document_counts,
    finalize,
    make_proposal,
    province_rule,
    statuses,
    tr,
)
from tests.blocs.factories import AgencyFactory, LeadershipFactory, MembershipFactory
from tests.emulation.helpers import add_members

LIST_URL = reverse("awards:proposal_list")


def record_url(agency):
    return reverse("awards:agency_record", args=[agency.pk])


def edit_url(bloc, year=YEAR):
    return reverse("awards:conference_edit", args=[bloc.pk, year])


def detail_url(conference):
    return reverse("awards:conference_detail", args=[conference.pk])


def flash(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def listed(response):
    assert response.status_code == 200
    return {p.pk for p in response.context["proposals"]}


def pks(*proposals):
    return {p.pk for p in proposals}


def shown_versions(proposals):
    """The hidden version of each proposal, as the list shows it now."""
    versions = dict(Proposal.objects.filter(pk__in=[p.pk for p in proposals]).values_list("pk", "version"))
    return {f"version-{p.pk}": str(versions.get(p.pk, 0)) for p in proposals}


def submit_post(proposals, number="08/TTr-BTĐKT", date="24/01/2018", **fields):
    return {
        **shown_versions(proposals),
        "proposal": [str(p.pk) for p in proposals],
        "action": "submit",
        "sub-number": number,
        "sub-date": date,
        "sub-signer": "Lò Văn Muôn",
        "sub-signer_title": "Trưởng Ban Thi đua - Khen thưởng tỉnh",
        **fields,
    }


def decide_post(proposals, outcome="1", number="215/QĐ-UBND", date="12/03/2018", **fields):
    return {
        **shown_versions(proposals),
        "proposal": [str(p.pk) for p in proposals],
        "action": "decide",
        "dec-outcome": outcome,
        "dec-number": number,
        "dec-date": date,
        "dec-authority": "UBND tỉnh Điện Biên",
        "dec-signer": "Mùa A Sơn",
        "dec-signer_title": "Chủ tịch UBND tỉnh",
        **fields,
    }


# The proposal list: who sees what --------------------------------------------------------


def test_anonymous_is_sent_to_the_login_page(client, proposals):
    for response in (client.get(LIST_URL), client.post(LIST_URL, submit_post(proposals))):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))
    assert statuses(*proposals) == ["proposed"] * 3


def test_province_admin_sees_every_bloc_of_the_province_and_the_bulk_forms(
    login, province_admin, proposals, other_bloc_conference, foreign_proposal
):
    response = login(province_admin).get(LIST_URL)
    assert listed(response) == pks(*proposals, other_bloc_conference)
    page = response.content.decode()
    assert 'data-testid="submission-form"' in page
    assert 'data-testid="decision-form"' in page
    for proposal in proposals:
        assert f'name="proposal" value="{proposal.pk}"' in page
    assert f'name="proposal" value="{foreign_proposal.pk}"' not in page


def test_secretary_sees_only_their_own_blocs_proposals(login, secretary, proposals, other_bloc_conference):
    response = login(secretary).get(LIST_URL)
    assert listed(response) == pks(*proposals)
    assert 'data-testid="submission-form"' not in response.content.decode()


def test_other_secretary_sees_only_theirs(login, other_secretary, proposals, other_bloc_conference):
    assert listed(login(other_secretary).get(LIST_URL)) == pks(other_bloc_conference)


def test_viewer_sees_the_provinces_proposals_without_the_bulk_forms(login, viewer, proposals, other_bloc_conference):
    response = login(viewer).get(LIST_URL)
    assert listed(response) == pks(*proposals, other_bloc_conference)
    page = response.content.decode()
    assert 'data-testid="submission-form"' not in page
    assert 'data-testid="decision-form"' not in page
    assert 'name="proposal"' not in page


@pytest.mark.parametrize("persona", ["viewer", "secretary"])
def test_a_post_by_a_viewer_or_secretary_is_forbidden_and_changes_nothing(login, proposals, persona, request):
    client = login(request.getfixturevalue(persona))
    assert client.post(LIST_URL, submit_post(proposals)).status_code == 403
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


def test_outsider_sees_none_of_this_provinces_proposals(login, outsider, proposals, foreign_proposal):
    assert listed(login(outsider).get(LIST_URL)) == pks(foreign_proposal)


def test_outsider_cannot_submit_this_provinces_proposals(login, outsider, proposals):
    assert login(outsider).post(LIST_URL, submit_post(proposals)).status_code == 403
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


def test_superuser_sees_every_province(login, superuser, proposals, foreign_proposal):
    assert listed(login(superuser).get(LIST_URL)) == pks(*proposals, foreign_proposal)


# Filters ------------------------------------------------------------------------------


@pytest.fixture
def varied(proposals, other_bloc_conference, province_admin, bloc):
    """The bloc's three 2017 proposals (one submitted), another bloc's 2017 one, and a 2018 one."""
    services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[1].pk], number="08/TTr", date=datetime.date(2018, 1, 24)
    )
    later = Conference.objects.create(bloc=bloc, year=YEAR + 1, date=datetime.date(2019, 1, 9))
    membership = MembershipFactory(bloc=bloc, year=YEAR + 1)
    return {"bloc": proposals, "other": other_bloc_conference, "later": make_proposal(later, membership, votes=1)}


def test_filters_narrow_the_list(login, province_admin, varied, bloc, other_bloc):
    client = login(province_admin)
    flag, submitted, certificate = varied["bloc"]
    assert listed(client.get(LIST_URL, {"year": YEAR})) == pks(*varied["bloc"], varied["other"])
    assert listed(client.get(LIST_URL, {"year": YEAR + 1})) == pks(varied["later"])
    assert listed(client.get(LIST_URL, {"bloc": other_bloc.pk})) == pks(varied["other"])
    assert listed(client.get(LIST_URL, {"status": "submitted"})) == pks(submitted)
    assert listed(client.get(LIST_URL, {"award_type": award(PROVINCIAL_FLAG).pk})) == pks(flag)
    assert listed(client.get(LIST_URL, {"year": YEAR, "bloc": bloc.pk, "status": "proposed"})) == pks(flag, certificate)


def test_filters_ignore_what_they_cannot_use(login, province_admin, varied, foreign_proposal):
    client = login(province_admin)
    everything = pks(*varied["bloc"], varied["other"], varied["later"])
    assert listed(client.get(LIST_URL, {"bloc": foreign_proposal.conference.bloc_id})) == everything
    assert listed(client.get(LIST_URL, {"status": "nonsense", "year": "x", "award_type": "y"})) == everything


def test_secretary_cannot_filter_their_way_into_another_bloc(login, secretary, varied, other_bloc):
    assert listed(login(secretary).get(LIST_URL, {"bloc": other_bloc.pk})) == pks(*varied["bloc"], varied["later"])


def test_the_list_costs_no_more_queries_with_more_proposals(login, province_admin, proposals, other_bloc):
    client = login(province_admin)
    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200
    for _ in range(3):
        conference, memberships = bloc_conference(other_bloc, year=YEAR + len(Conference.objects.all()))
        make_proposal(conference, memberships[0], PM_CERTIFICATE, person_name="Nguyễn Văn An")
    with CaptureQueriesContext(connection) as more:
        response = client.get(LIST_URL)
    assert len(response.context["proposals"]) == 6
    assert len(more.captured_queries) == len(few.captured_queries)


def test_each_row_links_and_prints_what_its_proposal_holds(login, province_admin, viewer, proposals, conference):
    """The rows are worked out in the view (awards.views._list_rows): each links to its
    conference, its history and its submission's list, with the documents' numbers and dates."""
    first, second, third = proposals
    Proposal.objects.filter(pk=second.pk).update(person_name="Lò Thị <b>Hoa</b>", person_position="Chuyên viên")
    client = login(province_admin)
    assert client.post(LIST_URL, submit_post([first])).status_code == 302
    submission = Submission.objects.get()
    html = client.get(LIST_URL).content.decode()
    rows = {r.pk: r for r in client.get(LIST_URL).context["rows"]}

    assert rows[first.pk].conference_url == reverse("awards:conference_detail", args=[conference.pk])
    assert rows[first.pk].history_url == reverse("awards:proposal_history", args=[first.pk])
    assert rows[first.pk].list_url == reverse("reports:submission_list", args=[submission.pk, "pdf"])
    assert rows[first.pk].submission == f"{submission.number}, {submission.date:%d/%m/%Y}"
    assert (rows[third.pk].submission, rows[third.pk].list_url, rows[third.pk].decision) == (None, "", None)
    assert f'href="{rows[first.pk].list_url}"' in html
    assert f'href="{rows[third.pk].history_url}"' in html
    assert "Lò Thị &lt;b&gt;Hoa&lt;/b&gt;, Chuyên viên" in html  # escaped, never markup
    assert "<b>Hoa</b>" not in html
    assert (rows[first.pk].votes, rows[first.pk].year) == ("3/3", YEAR)
    assert "Đã trình" in html  # the status badge
    assert login(viewer).get(LIST_URL).status_code == 200


def test_row_urls_are_the_urls_reverse_gives():
    for pk in (1, 42, 2147483646):
        assert RowUrl("awards:proposal_history")(pk) == reverse("awards:proposal_history", args=[pk])
        assert RowUrl("reports:submission_list", "pdf")(pk) == reverse("reports:submission_list", args=[pk, "pdf"])


# Recording a submission or a decision on the list -----------------------------------------


def test_province_admin_submits_the_chosen_proposals(login, province_admin, proposals):
    response = login(province_admin).post(LIST_URL, submit_post(proposals[:2]))

    assert (response.status_code, response.url) == (302, LIST_URL)
    submission = Submission.objects.get()
    assert (submission.number, submission.date, submission.signer) == (
        "08/TTr-BTĐKT",
        datetime.date(2018, 1, 24),
        "Lò Văn Muôn",
    )
    assert statuses(*proposals) == ["submitted", "submitted", "proposed"]
    assert flash(response) == [tr("%(document)s recorded for %(count)s proposals.", document=str(submission), count=2)]


@pytest.mark.parametrize("outcome,status", [("1", "approved"), ("0", "not_approved")])
def test_province_admin_records_the_decision_on_the_chosen_proposals(login, province_admin, proposals, outcome, status):
    client = login(province_admin)
    client.post(LIST_URL, submit_post(proposals))
    response = client.post(LIST_URL, decide_post(proposals[1:], outcome=outcome))

    assert response.status_code == 302
    decision = Decision.objects.get()
    assert (decision.number, decision.date, decision.authority) == (
        "215/QĐ-UBND",
        datetime.date(2018, 3, 12),
        "UBND tỉnh Điện Biên",
    )
    assert statuses(*proposals) == ["submitted", status, status]


def test_a_chosen_proposal_in_the_wrong_status_leaves_every_row_as_it_was(login, province_admin, proposals):
    client = login(province_admin)
    client.post(LIST_URL, submit_post(proposals[:1]), follow=True)
    before = list(Proposal.objects.order_by("pk").values_list("pk", "status", "submission", "decision"))

    response = client.post(LIST_URL, submit_post(proposals, number="09/TTr-BTĐKT"))

    assert response.status_code == 200
    assert list(Proposal.objects.order_by("pk").values_list("pk", "status", "submission", "decision")) == before
    assert document_counts() == (1, 0)
    assert flash(response) == [
        tr(
            "Nothing was recorded: %(count)s of the chosen proposals are not “%(status)s”: %(names)s.",
            count=1,
            status=Proposal.Status.PROPOSED.label,
            names=str(proposals[0]),
        )
    ]
    # The choice is kept for the user to correct.
    assert {str(r.pk) for r in response.context["rows"] if r.checked} == {str(p.pk) for p in proposals}


def test_deciding_with_one_not_yet_submitted_leaves_every_row_as_it_was(login, province_admin, proposals):
    client = login(province_admin)
    client.post(LIST_URL, submit_post(proposals[:2]), follow=True)

    response = client.post(LIST_URL, decide_post(proposals))

    assert response.status_code == 200
    assert statuses(*proposals) == ["submitted", "submitted", "proposed"]
    assert document_counts() == (1, 0)
    assert flash(response)


@pytest.mark.parametrize("post", [submit_post, decide_post])
def test_a_chosen_proposal_of_another_province_leaves_every_row_as_it_was(
    login, province_admin, proposals, foreign_proposal, post
):
    if post is decide_post:
        services.proposals_submit(
            actor=province_admin, proposal_ids=[p.pk for p in proposals], number="1/TTr", date=datetime.date(2018, 2, 1)
        )
    before = list(Proposal.objects.order_by("pk").values_list("pk", "status", "submission", "decision"))
    counts = document_counts()

    response = login(province_admin).post(LIST_URL, post([*proposals, foreign_proposal]))

    assert response.status_code == 403
    assert list(Proposal.objects.order_by("pk").values_list("pk", "status", "submission", "decision")) == before
    assert document_counts() == counts


def test_a_submission_dated_before_the_conference_is_refused_on_the_page(login, province_admin, proposals):
    response = login(province_admin).post(LIST_URL, submit_post(proposals, date="07/01/2018"))
    assert response.status_code == 200
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)
    assert escape(flash(response)[0]) in response.content.decode()


@pytest.mark.parametrize(
    "data",
    [
        submit_post([], number=""),
        {"action": "submit", "sub-number": "08/TTr", "sub-date": "2018-13-45"},
        {"action": "decide", "dec-outcome": "maybe", "dec-number": "1/QĐ", "dec-date": "12/03/2018"},
        {"action": "other"},
    ],
    ids=["no number", "bad date", "bad outcome", "unknown action"],
)
def test_an_incomplete_form_records_nothing(login, province_admin, proposals, data):
    data = {"proposal": [str(p.pk) for p in proposals], **data}
    response = login(province_admin).post(LIST_URL, data)
    assert response.status_code == 200
    assert flash(response) == [tr("Nothing was recorded: please correct the errors shown below.")]
    assert statuses(*proposals) == ["proposed"] * 3
    assert document_counts() == (0, 0)


def test_choosing_nothing_records_nothing(login, province_admin, proposals):
    response = login(province_admin).post(LIST_URL, submit_post([]))
    assert response.status_code == 200
    assert flash(response) == [tr("Choose at least one proposal.")]
    assert document_counts() == (0, 0)


# An agency's award record ----------------------------------------------------------------


@pytest.fixture
def leader_record(proposals, members, bloc, province_admin):
    """The bloc's 2017 leader is the flag's nominee; the certificate's nominee deputised."""
    LeadershipFactory(bloc=bloc, year=YEAR, leader=members[YEAR][0], deputy=members[YEAR][1])
    services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr", date=datetime.date(2018, 1, 24)
    )
    services.proposals_decide(
        actor=province_admin,
        proposal_ids=[proposals[0].pk],
        approved=True,
        number="215/QĐ-UBND",
        date=datetime.date(2018, 3, 12),
        authority="UBND tỉnh",
    )
    return proposals


def record_rows(response):
    table = response.content.decode().split('data-testid="award-record"')[1].split("</table>")[0]
    return table.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]


def test_the_record_shows_the_bloc_and_the_leader_role_of_the_reviewed_year(
    login, viewer, leader_record, members, bloc
):
    agency = members[YEAR][0].agency
    # Leading the bloc another year is not leading it in the reviewed year.
    Leadership.objects.create(bloc=bloc, year=YEAR + 1, leader=members[YEAR + 1][2])

    response = login(viewer).get(record_url(agency))

    assert response.status_code == 200
    assert [(line.proposal, line.role) for line in response.context["lines"]] == [(leader_record[0], "leader")]
    [row] = record_rows(response)
    assert bloc.name in row
    assert tr("Leader") in row
    assert PROVINCIAL_FLAG in row
    assert "215/QĐ-UBND, 12/03/2018" in row


def test_the_record_shows_a_deputy_and_a_plain_member(login, viewer, leader_record, members):
    deputy = login(viewer).get(record_url(members[YEAR][1].agency))
    assert [line.role for line in deputy.context["lines"]] == ["deputy"]
    assert tr("Deputy") in record_rows(deputy)[0]

    member = login(viewer).get(record_url(members[YEAR][2].agency))
    assert [line.role for line in member.context["lines"]] == [""]
    assert tr("Member") in record_rows(member)[0]


def test_a_leader_of_another_year_is_a_plain_member_in_the_record(login, viewer, proposals, members, bloc):
    Leadership.objects.create(bloc=bloc, year=YEAR + 1, leader=members[YEAR + 1][1])
    response = login(viewer).get(record_url(members[YEAR][1].agency))
    assert [line.role for line in response.context["lines"]] == [""]


def test_the_record_lists_proposals_for_people_of_the_agency(login, viewer, conference, members):
    make_proposal(conference, members[YEAR][0], PM_CERTIFICATE, person_name="Nguyễn Văn An", person_position="PGĐ")
    response = login(viewer).get(record_url(members[YEAR][0].agency))
    assert "Nguyễn Văn An, PGĐ" in record_rows(response)[0]


def test_another_provinces_agency_is_not_found(login, province_admin, foreign_proposal):
    assert login(province_admin).get(record_url(foreign_proposal.membership.agency)).status_code == 404


def test_secretary_cannot_open_the_record_of_an_agency_outside_their_blocs(
    login, secretary, other_bloc_conference, proposals
):
    client = login(secretary)
    assert client.get(record_url(other_bloc_conference.membership.agency)).status_code == 404
    assert client.get(record_url(proposals[0].membership.agency)).status_code == 200


def test_an_agency_with_no_proposal_has_an_empty_record(login, province_admin, province):
    response = login(province_admin).get(record_url(AgencyFactory(province=province)))
    assert response.status_code == 200
    assert response.context["lines"] == []
    assert tr("No award proposals recorded.") in response.content.decode()


# The conference page -------------------------------------------------------------------


def test_conference_page_lists_the_proposals_and_the_rule_warnings(login, viewer, conference, members):
    make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    make_proposal(conference, members[YEAR][1], PROVINCIAL_FLAG, votes=2)
    make_proposal(conference, members[YEAR][2], PM_CERTIFICATE, person_name="Nguyễn Văn An")
    rule = default_rule(PROVINCIAL_FLAG)

    response = login(viewer).get(detail_url(conference))

    page = response.content.decode()
    table = page.split('data-testid="proposal-table"')[1].split("</table>")[0]
    for membership in members[YEAR]:
        assert escape(membership.printed_name) in table
    assert "Nguyễn Văn An" in table
    assert "2/3" in table
    problems = page.split('data-testid="rule-problems"')[1].split("</div>")[0]
    assert escape(rule.source) in problems
    assert tr("warning") in problems
    assert (
        escape(
            tr(
                "%(award)s: %(count)s proposed, at most %(limit)s per bloc and year.",
                award=PROVINCIAL_FLAG,
                count=2,
                limit=1,
            )
        )
        in problems
    )


def test_conference_page_without_problems_shows_no_warning(login, viewer, conference, members):
    make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    page = login(viewer).get(detail_url(conference)).content.decode()
    assert 'data-testid="rule-problems"' not in page
    assert 'data-testid="proposal-table"' in page


def test_a_blocking_problem_is_marked_on_the_conference_page(login, viewer, conference, members, province):
    province_rule(province, PROVINCIAL_FLAG, quota_count=1, enforcement=AwardRule.Enforcement.BLOCK)
    make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    make_proposal(conference, members[YEAR][1], PROVINCIAL_FLAG)
    page = login(viewer).get(detail_url(conference)).content.decode()
    assert tr("blocks") in page.split('data-testid="rule-problems"')[1].split("</div>")[0]


# The results page's proposals section ----------------------------------------------------


def proposal_rows(*rows, extra=1):
    """The section's POST: `rows` are (award name, membership, votes, ballots[, person name]),
    followed by `extra` empty lines."""
    data = {
        "prop-TOTAL_FORMS": str(len(rows) + extra),
        "prop-INITIAL_FORMS": "0",
        "prop-MIN_NUM_FORMS": "0",
        "prop-MAX_NUM_FORMS": "1000",
    }
    for i, (name, membership, votes, ballots, *person) in enumerate(rows):
        data.update(
            {
                f"prop-{i}-award_type": str(award(name).pk),
                f"prop-{i}-membership": str(membership.pk),
                f"prop-{i}-person_name": person[0] if person else "",
                f"prop-{i}-person_position": "",
                f"prop-{i}-votes_for": str(votes),
                f"prop-{i}-ballots": str(ballots),
                f"prop-{i}-achievements": "Hoàn thành xuất sắc nhiệm vụ" if i == 0 else "",
            }
        )
    for i in range(len(rows), len(rows) + extra):
        for field in ("award_type", "membership", "person_name", "person_position", "votes_for", "ballots"):
            data[f"prop-{i}-{field}"] = ""
        data[f"prop-{i}-achievements"] = ""
    return data


def section_row(response, index):
    """The HTML of the section's `index`-th proposal line."""
    return response.content.decode().split('data-testid="proposal-row"')[index + 1].split("</tr>")[0]


def section(response):
    return response.content.decode().split('data-testid="proposals"')[1].split("</section>")[0]


def saved_proposals():
    return sorted(Proposal.objects.values_list("award_type__name", "membership", "person_name", "votes_for", "ballots"))


def test_proposals_are_saved_with_the_rest_of_the_results(login, secretary, bloc, members, results_post):
    rows = proposal_rows(
        (PROVINCIAL_FLAG, members[YEAR][0], 3, 3),
        (PM_CERTIFICATE, members[YEAR][1], 2, 3, "Nguyễn Văn An"),
    )
    response = login(secretary).post(edit_url(bloc), results_post(**rows))

    conference = Conference.objects.get()
    assert (response.status_code, response.url) == (302, detail_url(conference))
    assert saved_proposals() == sorted(
        [
            (PROVINCIAL_FLAG, members[YEAR][0].pk, "", 3, 3),
            (PM_CERTIFICATE, members[YEAR][1].pk, "Nguyễn Văn An", 2, 3),
        ]
    )
    assert Proposal.objects.get(award_type__name=PROVINCIAL_FLAG).achievements == "Hoàn thành xuất sắc nhiệm vụ"
    assert set(Proposal.objects.values_list("conference", flat=True)) == {conference.pk}


def test_saved_proposals_are_shown_and_can_be_changed_or_dropped(login, secretary, bloc, members, results_post):
    client = login(secretary)
    client.post(
        edit_url(bloc),
        results_post(
            **proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3), (PM_CERTIFICATE, members[YEAR][1], 3, 3))
        ),
    )
    response = client.get(edit_url(bloc))
    formset = response.context["section"].formset
    first = section_row(response, 0)
    assert f'<option value="{award(PM_CERTIFICATE).pk}" selected>' in first
    assert f'<option value="{members[YEAR][1].pk}" selected>' in first
    # Higher awards first: the Prime Minister's certificate before the provincial flag.
    assert [(f["award_type"].value(), f["membership"].value()) for f in formset.forms[:2]] == [
        (award(PM_CERTIFICATE).pk, members[YEAR][1].pk),
        (award(PROVINCIAL_FLAG).pk, members[YEAR][0].pk),
    ]
    assert len(formset.forms) == 5  # the saved lines and three empty ones

    # The second line emptied, the first one changed.
    rows = proposal_rows((PROVINCIAL_FLAG, members[YEAR][2], 2, 3), extra=2)
    response = client.post(edit_url(bloc), results_post(**rows))
    assert response.status_code == 302
    assert saved_proposals() == [(PROVINCIAL_FLAG, members[YEAR][2].pk, "", 2, 3)]


def test_a_post_without_the_section_keeps_the_proposals(login, secretary, bloc, members, results_post):
    client = login(secretary)
    client.post(edit_url(bloc), results_post(**proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3))))
    response = client.post(edit_url(bloc), results_post(**{"conf-venue": "Nơi khác"}))
    assert response.status_code == 302
    assert Conference.objects.get().venue == "Nơi khác"
    assert saved_proposals() == [(PROVINCIAL_FLAG, members[YEAR][0].pk, "", 3, 3)]


# Each broken line: (the rows, index of the line shown wrong, the field in error or None for the line).
BROKEN_ROWS = {
    "non-member": (
        lambda m, stranger: [(PROVINCIAL_FLAG, m[YEAR][0], 3, 3), (PM_CERTIFICATE, stranger, 3, 3)],
        1,
        "membership",
    ),
    "member of the next year": (
        lambda m, stranger: [(PROVINCIAL_FLAG, m[YEAR + 1][0], 3, 3)],
        0,
        "membership",
    ),
    "votes above ballots": (
        lambda m, stranger: [(PROVINCIAL_FLAG, m[YEAR][0], 3, 3), (PM_CERTIFICATE, m[YEAR][1], 3, 2)],
        1,
        "votes_for",
    ),
    "ballots above members": (
        lambda m, stranger: [(PM_CERTIFICATE, m[YEAR][1], 3, 4)],
        0,
        "ballots",
    ),
    "duplicate line": (
        lambda m, stranger: [(PM_CERTIFICATE, m[YEAR][1], 3, 3), (PM_CERTIFICATE, m[YEAR][1], 2, 3)],
        1,
        None,
    ),
    "name for a flag": (
        lambda m, stranger: [(PROVINCIAL_FLAG, m[YEAR][0], 3, 3, "Nguyễn Văn An")],
        0,
        "person_name",
    ),
    "no ballots": (
        lambda m, stranger: [(PROVINCIAL_FLAG, m[YEAR][0], 3, "")],
        0,
        "ballots",
    ),
}


@pytest.mark.parametrize("existing", [False, True], ids=["new conference", "saved draft"])
@pytest.mark.parametrize("broken", BROKEN_ROWS)
def test_an_invalid_line_saves_nothing_and_shows_the_error_beside_it(
    login, secretary, bloc, members, other_bloc, results_post, row_counts, broken, existing
):
    client = login(secretary)
    if existing:
        client.post(
            edit_url(bloc), results_post(**proposal_rows((PROVINCIAL_FLAG, members[YEAR][2], 3, 3))), follow=True
        )
    before, proposals_before = row_counts(), saved_proposals()
    make_rows, index, field = BROKEN_ROWS[broken]
    stranger = MembershipFactory(bloc=other_bloc, year=YEAR)

    response = client.post(
        edit_url(bloc), results_post(**proposal_rows(*make_rows(members, stranger)), **{"conf-venue": "Nơi khác"})
    )

    assert response.status_code == 200
    assert (row_counts(), saved_proposals()) == (before, proposals_before)
    assert Conference.objects.filter(venue="Nơi khác").count() == 0
    form = response.context["section"].formset.forms[index]
    errors = form.errors[field or "__all__"]
    assert errors
    row = section_row(response, index)
    for message in errors:
        assert escape(message) in row
    if field:
        control = (
            row.split(f'name="prop-{index}-{field}"')[0].rsplit("<", 1)[1]
            + row.split(f'name="prop-{index}-{field}"')[1].split(">", 1)[0]
        )
        assert "is-invalid" in control
    assert flash(response) == [tr("Nothing was saved: please correct the errors shown below.")]
    # What was typed stays on the page.
    assert response.context["forms"].conference_form["venue"].value() == "Nơi khác"


def test_a_blocking_quota_saves_nothing_and_shows_the_rule_in_the_section(
    login, secretary, bloc, members, results_post, row_counts, nothing_saved, province
):
    rule = province_rule(province, PROVINCIAL_FLAG, quota_count=1, enforcement=AwardRule.Enforcement.BLOCK)
    rows = proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3), (PROVINCIAL_FLAG, members[YEAR][1], 3, 3))

    response = login(secretary).post(edit_url(bloc), results_post(**rows))

    assert response.status_code == 200
    assert row_counts() == nothing_saved
    assert not Proposal.objects.exists()
    message = tr(
        "%(award)s: %(count)s proposed, at most %(limit)s per bloc and year.", award=PROVINCIAL_FLAG, count=2, limit=1
    )
    assert escape(tr("%(message)s (%(source)s)", message=message, source=rule.source)) in section(response)
    # The lines typed are kept for correcting.
    formset = response.context["section"].formset
    assert [f["membership"].value() for f in formset.forms[:2]] == [str(members[YEAR][0].pk), str(members[YEAR][1].pk)]


def test_a_blocking_quota_on_a_saved_draft_keeps_it_as_it_was(
    login, secretary, bloc, members, results_post, row_counts, province
):
    client = login(secretary)
    client.post(edit_url(bloc), results_post(**proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3))))
    before, proposals_before = row_counts(), saved_proposals()
    province_rule(province, PROVINCIAL_FLAG, quota_count=1, enforcement=AwardRule.Enforcement.BLOCK)
    rows = proposal_rows((PROVINCIAL_FLAG, members[YEAR][1], 3, 3), (PROVINCIAL_FLAG, members[YEAR][2], 3, 3))

    response = client.post(edit_url(bloc), results_post(**rows, **{"conf-venue": "Nơi khác"}))

    assert response.status_code == 200
    assert (row_counts(), saved_proposals()) == (before, proposals_before)
    assert Conference.objects.get().venue == "Hội trường Bảo hiểm xã hội tỉnh"


def test_a_warning_is_shown_after_the_save(login, secretary, bloc, members, results_post):
    rows = proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3), (PROVINCIAL_FLAG, members[YEAR][1], 3, 3))
    rule = default_rule(PROVINCIAL_FLAG)

    response = login(secretary).post(edit_url(bloc), results_post(**rows), follow=True)

    assert response.redirect_chain[-1][0] == detail_url(Conference.objects.get())
    assert Proposal.objects.count() == 2
    messages = [(m.level_tag, str(m)) for m in response.context["messages"]]
    message = tr(
        "%(award)s: %(count)s proposed, at most %(limit)s per bloc and year.", award=PROVINCIAL_FLAG, count=2, limit=1
    )
    assert ("warning", tr("%(message)s (%(source)s)", message=message, source=rule.source)) in messages
    assert ("success", tr("The conference results are saved as a draft.")) in messages


def test_proposals_saved_and_finalized_in_one_go_can_be_submitted(
    login, secretary, province_admin, bloc, members, results_post
):
    rows = proposal_rows((GOVERNMENT_FLAG, members[YEAR][0], 3, 3))
    login(secretary).post(edit_url(bloc), results_post(save=None, finalize="", **rows))
    proposal = Proposal.objects.get()
    assert proposal.conference.is_finalized

    login(province_admin).post(LIST_URL, submit_post([proposal]))
    assert statuses(proposal) == ["submitted"]


@pytest.fixture
def submitted_and_reopened(login, secretary, province_admin, bloc, members, results_post):
    """The secretary saved two proposals and finalized; one was submitted; the admin reopened."""
    rows = proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3), (PM_CERTIFICATE, members[YEAR][1], 3, 3))
    login(secretary).post(edit_url(bloc), results_post(save=None, finalize="", **rows))
    conference = Conference.objects.get()
    flag = Proposal.objects.get(award_type__name=PROVINCIAL_FLAG)
    services.proposals_submit(
        actor=province_admin, proposal_ids=[flag.pk], number="08/TTr", date=datetime.date(2018, 1, 24)
    )
    conference_services.conference_reopen(conference=conference, actor=province_admin)
    return conference


def test_once_submitted_the_section_is_read_only(login, secretary, submitted_and_reopened, members):
    response = login(secretary).get(edit_url(submitted_and_reopened.bloc))

    assert response.status_code == 200
    assert response.context["section"].locked
    part = section(response)
    assert 'name="prop-TOTAL_FORMS"' not in part
    assert 'name="prop-0-award_type"' not in part
    assert 'data-testid="proposal-table"' in part
    assert escape(members[YEAR][0].printed_name) in part


def test_once_submitted_saving_the_page_keeps_the_proposals(
    login, secretary, submitted_and_reopened, members, results_post
):
    before = sorted(Proposal.objects.values_list("pk", "award_type", "membership", "status", "submission"))
    # Even lines forged into the post are ignored.
    forged = proposal_rows((PROVINCIAL_CERTIFICATE, members[YEAR][2], 3, 3))

    response = login(secretary).post(
        edit_url(submitted_and_reopened.bloc), results_post(**forged, **{"conf-venue": "Nơi khác"})
    )

    assert (response.status_code, response.url) == (302, detail_url(submitted_and_reopened))
    assert Conference.objects.get().venue == "Nơi khác"
    assert sorted(Proposal.objects.values_list("pk", "award_type", "membership", "status", "submission")) == before


def test_a_finalized_conference_keeps_its_proposals_when_posted_to(
    login, secretary, finalized_conference, members, results_post
):
    make_proposal(finalized_conference, members[YEAR][0], PROVINCIAL_FLAG)
    response = login(secretary).post(
        edit_url(finalized_conference.bloc), results_post(**proposal_rows((PM_CERTIFICATE, members[YEAR][1], 3, 3)))
    )
    assert response.status_code == 302
    assert saved_proposals() == [(PROVINCIAL_FLAG, members[YEAR][0].pk, "", 3, 3)]


def test_the_section_offers_only_the_members_of_the_reviewed_year(login, secretary, bloc, members, other_bloc):
    stranger = MembershipFactory(bloc=other_bloc, year=YEAR)
    response = login(secretary).get(edit_url(bloc))
    field = response.context["section"].formset.forms[0]["membership"].field
    choices = {int(str(value)) for value, _ in field.choices if str(value)}
    assert choices == {m.pk for m in members[YEAR]}
    assert stranger.pk not in choices
    page = section(response)
    for membership in members[YEAR]:
        assert f'<option value="{membership.pk}">{escape(membership.printed_name)}</option>' in page
    assert f'value="{stranger.pk}"' not in page.split('name="prop-0-membership"')[1].split("</select>")[0]


def test_other_secretary_cannot_save_proposals_for_this_bloc(login, other_secretary, bloc, members, results_post):
    rows = proposal_rows((PROVINCIAL_FLAG, members[YEAR][0], 3, 3))
    assert login(other_secretary).post(edit_url(bloc), results_post(**rows)).status_code == 404
    assert not Proposal.objects.exists()
    assert not Conference.objects.exists()


def test_a_finalized_seed_like_conference_with_proposals_shows_on_the_list(login, viewer, conference, members):
    proposal = make_proposal(conference, members[YEAR][0], PROVINCIAL_FLAG)
    finalize(conference)
    page = login(viewer).get(LIST_URL).content.decode()
    table = page.split('data-testid="proposal-list"')[1].split("</table>")[0]
    assert escape(proposal.nominee_name) in table
    assert PROVINCIAL_FLAG in table


# Query counts -------------------------------------------------------------------------


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _propose_every_member(conference):
    for membership in conference.bloc.memberships.filter(year=YEAR).exclude(award_proposals__conference=conference):
        make_proposal(conference, membership, PM_CERTIFICATE, person_name="Nguyễn Văn An")


@pytest.mark.parametrize("locked", [False, True], ids=["editable", "submitted"])
def test_the_results_page_costs_no_more_queries_with_more_proposals(
    login, secretary, province_admin, conference, members, bloc, locked, django_assert_num_queries
):
    client = login(secretary)
    url = edit_url(bloc)

    def refresh():
        _propose_every_member(conference)
        if locked:
            finalize(conference)
            Proposal.objects.filter(status="proposed").update(
                status="submitted",
                submission=Submission.objects.get_or_create(
                    province=bloc.province, number="08/TTr", date=datetime.date(2018, 1, 24)
                )[0],
            )
            conference_services.conference_reopen(conference=conference, actor=province_admin)

    refresh()
    with_three = _queries(client, url)
    add_members(bloc, 5)
    refresh()
    assert Proposal.objects.count() == 8

    with django_assert_num_queries(with_three):
        response = client.get(url)
    assert response.context["section"].locked == locked
    assert len(response.context["section"].saved) == 8


@pytest.mark.parametrize("page", ["detail", "record"])
def test_conference_and_record_pages_cost_no_more_queries_with_more_proposals(
    login, province_admin, conference, members, bloc, page, django_assert_num_queries
):
    client = login(province_admin)
    agency = members[YEAR][0].agency
    url = detail_url(conference) if page == "detail" else record_url(agency)
    _propose_every_member(conference)
    few = _queries(client, url)

    # Two more years in the agency's record, two more lines on the conference page.
    later_memberships = [members[YEAR + 1][0], MembershipFactory(bloc=bloc, agency=agency, year=YEAR + 2)]
    for membership in later_memberships:
        later = Conference.objects.create(
            bloc=bloc, year=membership.year, date=datetime.date(membership.year + 1, 1, 9)
        )
        make_proposal(later, membership, PROVINCIAL_FLAG, votes=1, ballots=1)
        make_proposal(conference, MembershipFactory(bloc=bloc, year=YEAR), votes=1, ballots=1)
    assert len(agency_lines := selectors.agency_record(agency=agency, user=province_admin)) == 3
    assert agency_lines[0].proposal.conference.year == YEAR + 2

    with django_assert_num_queries(few):
        client.get(url)
