"""IDOR: the ids of another bloc, replayed by bloc 2's secretary, and of another province,
replayed by province B's admin, on every page, admin page, admin action and admin
autocomplete. Each gets what an id that exists nowhere gets (404, 403, or the admin
site's "does not exist" redirect) or an empty result, and nothing in the database
changes. The payloads are real: forms as the page renders them for a user who may post
them, and each test shows first that the same payload does work in scope.
"""

import json

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from awards.models import Proposal, Submission
from blocs.models import Agency, User
from emulation.models import Attendance, Conference, Criterion, Score, Signature
from tests.clients import client_for
from tests.permissions.helpers import changed_tables, outcome, rolled_back, snapshot
from tests.permissions.htmlforms import form_data
from tests.permissions.scope import (
    GLOBAL_ADMIN_LABELS,
    PROVINCE_PATHS,
    ids_of,
    rows_of,
    rows_outside,
    scoped_admin_models,
    spare,
)
from tests.permissions.urlwalk import UNKNOWN_ID, concrete_url, url_patterns

APP_NAMESPACES = ("blocs:", "emulation:", "awards:", "reports:")
# Province-wide documents and the province's reorganisation pages: a secretary is in the
# province, so these answer 403 to both secretaries alike (tests/permissions/test_matrix.py);
# they hold no bloc's ids.
PROVINCE_WIDE = {
    "reports:province_summary",
    "reports:province_prizes",
    "reports:submission_list",
    "reports:decision_list",
    "reports:province_summary_docx",
    "reports:province_prizes_docx",
    "reports:submission_list_docx",
    "reports:decision_list_docx",
    "reports:certificates",
    "reports:certificates_pdf",
    "reports:certificate_calibration",
    "blocs:agency_merge",
    "blocs:bloc_redraw",
    "blocs:members_import",
    "blocs:members_import_template",
    "blocs:agencies_import",
    "blocs:agencies_import_template",
    "blocs:scores_import",
    "blocs:scores_import_template",
    "blocs:proposals_import",
    "blocs:proposals_import_template",
}


def admin_url(model, kind, obj=None):
    name = f"admin:{model._meta.app_label}_{model._meta.model_name}_{kind}"
    return reverse(name, args=[] if obj is None else [obj.pk])


def scraped(user, url):
    """The page's own form as `user` gets it, with nothing saved meanwhile."""
    return rolled_back(lambda: form_data(client_for(user).get(url)))


def send(user, method, url, data=None):
    client = client_for(user)
    return client.get(url, data) if method == "GET" else client.post(url, data or {})


def outcome_of(user, method, url, data=None):
    """The outcome of a request that leaves nothing behind."""
    return rolled_back(lambda: outcome(send(user, method, url, data)))


def unchanged(function):
    """Runs function and fails naming the tables it changed."""
    before = snapshot()
    result = function()
    changed = changed_tables(before, snapshot())
    assert not changed, f"rows changed in {changed}"
    return result


def app_patterns():
    return [p for p in url_patterns() if p.key.startswith(APP_NAMESPACES) and "<" in p.route]


def app_payload(w, pattern, url):
    """What bloc 1's secretary (or the province admin) would post to this page."""
    if pattern.key in ("awards:conference_edit", "emulation:criteria_edit"):
        data = scraped(w.users["sec1"], url)
        if pattern.key == "awards:conference_edit":
            return data
        # The criteria page shows its points localized ("60,00") and refuses them back
        # (test_criteria_page_takes_back_what_it_shows): a user retypes them. One new line.
        data = {k: v.replace(",00", "") if k.endswith("max_points") else v for k, v in data.items()}
        return data | {"crit-1-name": "Tiêu chí mới", "crit-1-max_points": "5"}
    if pattern.key == "blocs:bloc_copy_members":
        return {"year": "2019"}
    return {}


# Pages --------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["sec2", "outsider"])
def test_replayed_ids_on_pages_answer_like_unknown_ids(world, persona):
    user = world.users[persona]
    replays = []
    for pattern in app_patterns():
        if persona == "sec2" and pattern.key in PROVINCE_WIDE:
            continue
        url, unknown = concrete_url(pattern, world), concrete_url(pattern, world, unknown=True)
        payload = app_payload(world, pattern, url)
        for method in ("GET", "POST"):
            replays.append((pattern.key, method, url, unknown, payload))
    wrong = []

    def replay_all():
        for key, method, url, unknown, payload in replays:
            got = outcome(send(user, method, url, payload))
            like_unknown = outcome_of(user, method, unknown, payload)
            if got not in ("403", "404", "405") or got != like_unknown:
                wrong.append(f"{method} {url} ({key}): {got}, an unknown id gets {like_unknown}")

    unchanged(replay_all)
    assert len(replays) >= 30
    assert not wrong, "\n".join(wrong)


def test_the_page_payloads_work_in_scope(world):
    """The replayed payloads are not refused for being malformed: in scope they save."""
    expectations = {
        "awards:conference_edit": ("sec1", "302"),
        "emulation:criteria_edit": ("sec1", "302"),
        "emulation:conference_finalize": ("sec1", "302"),
        "blocs:bloc_copy_members": ("admin", "302"),
    }
    for pattern in app_patterns():
        if pattern.key not in expectations:
            continue
        persona, want = expectations[pattern.key]
        url = concrete_url(pattern, world)
        payload = app_payload(world, pattern, url)

        def post_and_compare(url=url, payload=payload, persona=persona):
            before = snapshot()
            response = send(world.users[persona], "POST", url, payload)
            return outcome(response), changed_tables(before, snapshot())

        got, changed = rolled_back(post_and_compare)
        assert (got, bool(changed)) == (want, True), pattern.key


# Admin pages --------------------------------------------------------------------------


def admin_replays(w):
    """(url, the same url with unknown ids, payload, allowed) for every page of a
    province-scoped admin model that takes an id, on rows of province A: the payload a
    province admin of A sends there, and whether A's admin may send it (None: a page
    that only shows; False: read-only even in scope, 403)."""
    request = _request(w.users["admin"])
    replays = []

    def add(name, args, payload, allowed):
        url = reverse(name, args=args)
        replays.append((url, reverse(name, args=[UNKNOWN_ID] * len(args)), payload, allowed))

    for model in scoped_admin_models():
        main = rows_of(model, w.province_a).order_by("pk").first()
        target = spare(w.a, model) or main
        model_admin = admin.site._registry[model]
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        for obj in dict.fromkeys([main, target]):
            change = admin_url(model, "change", obj)
            if model_admin.has_change_permission(request, obj):
                add(f"{prefix}_change", [obj.pk], scraped(w.users["admin"], change), True)
            else:
                add(f"{prefix}_change", [obj.pk], {"name": "Đã bị sửa"}, False)
            add(f"{prefix}_history", [obj.pk], {}, None)
            if hasattr(model, "history"):  # django-simple-history: a past version, never saved back
                version = model.history.filter(**{model._meta.pk.attname: obj.pk}).latest().history_id
                add(f"{prefix}_simple_history", [obj.pk, version], {"name": "Đã bị sửa"}, False)
        add(f"{prefix}_delete", [target.pk], {"post": "yes"}, model_admin.has_delete_permission(request, target))
    password = {"password1": "Mat-khau-moi-2025", "password2": "Mat-khau-moi-2025"}
    add("admin:auth_user_password_change", [w.users["viewer"].pk], password, True)
    return replays


def _request(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_outsider_replaying_admin_pages_gets_what_an_unknown_id_gets(world):
    outsider = world.users["outsider"]
    replays = admin_replays(world)
    wrong = []

    def replay_all():
        for url, unknown, payload, _allowed in replays:
            for method in ("GET", "POST"):
                got = outcome(send(outsider, method, url, payload))
                like_unknown = outcome_of(outsider, method, unknown, payload)
                if got not in ("403", "404", "idx") or got != like_unknown:
                    wrong.append(f"{method} {url}: {got}, an unknown id gets {like_unknown}")

    unchanged(replay_all)
    assert len(replays) >= 30
    assert not wrong, "\n".join(wrong)


def test_the_admin_payloads_work_in_scope(world):
    """The province's own admin saves each change page's payload and deletes each spare row."""
    admin_a = world.users["admin"]
    for url, _unknown, payload, allowed in admin_replays(world):
        if allowed is None:
            continue

        def post(url=url, payload=payload):
            before = snapshot()
            response = send(admin_a, "POST", url, payload)
            return response.status_code, bool(changed_tables(before, snapshot()))

        assert rolled_back(post) == ((302, True) if allowed else (403, False)), url


@pytest.mark.parametrize("name", ["agency", "bloc", "conference", "submission"])
def test_a_past_version_of_another_provinces_row_is_not_shown_under_an_own_id(world, name):
    """django-simple-history's version page takes the row's id and the version's id: an own
    row's id with a version of province A's row shows nothing of it."""
    model = _model(name)
    theirs, mine = rows_of(model, world.province_a).first(), rows_of(model, world.province_b).first()
    version = model.history.filter(**{model._meta.pk.attname: theirs.pk}).latest().history_id
    url = reverse(f"admin:{model._meta.app_label}_{name}_simple_history", args=[mine.pk, version])
    response = send(world.users["outsider"], "GET", url)
    assert response.status_code == 404
    assert str(theirs) not in response.content.decode()


# Admin actions ------------------------------------------------------------------------


def deletable_models(user):
    request = _request(user)
    return [m for m in scoped_admin_models() if admin.site._registry[m].has_delete_permission(request)]


def delete_selected(user, model, ids):
    data = {"action": "delete_selected", "_selected_action": [str(pk) for pk in ids], "post": "yes"}
    return send(user, "POST", admin_url(model, "changelist"), data)


@pytest.mark.parametrize(("persona", "victim"), [("outsider", "province_a"), ("admin", "province_b")])
def test_delete_selected_with_another_provinces_ids_deletes_nothing(world, persona, victim):
    user, province = world.users[persona], getattr(world, victim)
    models = deletable_models(user)
    assert len(models) >= 10

    def attack():
        for model in models:
            response = delete_selected(user, model, ids_of(model, province))
            assert response.status_code in (200, 302), model

    unchanged(attack)


def test_delete_selected_of_mixed_ids_deletes_only_the_own(world):
    outsider = world.users["outsider"]
    mine, theirs = world.b.spare_agency, world.a.spare_agency
    delete_selected(outsider, Agency, [mine.pk, theirs.pk])
    assert Agency.objects.filter(pk=theirs.pk).exists()
    assert not Agency.objects.filter(pk=mine.pk).exists()


def test_delete_selected_deletes_spares_in_scope(world):
    """The action's payload works: the province's admin deletes its own spare rows."""
    admin_a = world.users["admin"]
    tried = 0
    for model in deletable_models(admin_a):
        row = spare(world.a, model)
        if row is None:
            continue

        def delete_and_look(model=model, row=row):
            delete_selected(admin_a, model, [row.pk])
            return model._default_manager.filter(pk=row.pk).exists()

        assert rolled_back(delete_and_look) is False, model
        tried += 1
    assert tried >= 9


# Admin autocomplete -------------------------------------------------------------------


def autocomplete_sources():
    """(app_label, model_name, field_name, remote model) of every relation of every admin
    model whose target the admin site can search: what the autocomplete view accepts."""
    sources = []
    for model in admin.site._registry:
        for field in model._meta.get_fields():
            if not (field.is_relation and field.concrete and field.related_model):
                continue
            remote = field.related_model
            if remote in admin.site._registry and admin.site._registry[remote].get_search_fields(None):
                sources.append((model._meta.app_label, model._meta.model_name, field.name, remote))
    return sources


def autocomplete(user, app_label, model_name, field_name, term=""):
    url = reverse("admin:autocomplete")
    params = {"app_label": app_label, "model_name": model_name, "field_name": field_name, "term": term}
    return send(user, "GET", url, params)


@pytest.mark.parametrize(("persona", "own", "other"), [("admin", "province_a", "province_b"),
                                                       ("outsider", "province_b", "province_a")])  # fmt: skip
def test_autocomplete_offers_only_the_own_provinces_rows(world, persona, own, other):
    user = world.users[persona]
    sources = autocomplete_sources()
    assert len(sources) >= 15
    offered = 0
    for app_label, model_name, field_name, remote in sources:
        response = autocomplete(user, app_label, model_name, field_name)
        if response.status_code == 403:  # a target this admin may not read (groups, users of the operator)
            continue
        assert response.status_code == 200, (model_name, field_name, response.status_code)
        ids = {int(r["id"]) for r in json.loads(response.content)["results"] if str(r["id"]).isdigit()}
        offered += len(ids)
        if remote in PROVINCE_PATHS:
            leaked = ids & ids_of(remote, getattr(world, other))
            assert not leaked, f"{model_name}.{field_name} offers {remote.__name__} {leaked} of the other province"
            assert ids <= ids_of(remote, getattr(world, own)) | ids_of(remote, None), (model_name, field_name)
    assert offered > 20  # the test saw real results


def test_autocomplete_search_for_another_provinces_name_finds_nothing(world):
    name = world.bloc1.agencies[0].name  # "Bảo hiểm xã hội tỉnh", province A only
    response = autocomplete(world.users["outsider"], "blocs", "membership", "agency", term="bảo hiểm")
    assert response.status_code == 200
    assert json.loads(response.content)["results"] == []
    response = autocomplete(world.users["admin"], "blocs", "membership", "agency", term="bảo hiểm")
    assert [r["text"] for r in json.loads(response.content)["results"]] == [name]


@pytest.mark.parametrize("persona", ["sec1", "viewer", "anon"])
def test_autocomplete_is_closed_to_non_admins(world, persona):
    response = autocomplete(world.users[persona], "blocs", "membership", "agency")
    assert outcome(response) == "lgn"


def test_every_admin_model_is_classified():
    labels = {m._meta.label_lower for m in admin.site._registry}
    scoped = {m._meta.label_lower for m in scoped_admin_models()}
    assert labels - scoped == GLOBAL_ADMIN_LABELS, (
        "say in tests/permissions/scope.py whose rows a new admin model holds"
    )


# Hidden and posted fields on the results page -----------------------------------------


def results_url(w, bloc=None, year=2017):
    return reverse("awards:conference_edit", args=[(bloc or w.bloc1.bloc).pk, year])


def results_baseline(w):
    """The results page of bloc 1 as its secretary gets it, with a proposal row filled."""
    data = scraped(w.users["sec1"], results_url(w))
    proposal = w.bloc1.proposal
    data.update(
        {
            "prop-0-award_type": str(proposal.award_type_id),
            "prop-0-membership": str(proposal.membership_id),
            "prop-0-votes_for": "2",
            "prop-0-ballots": "2",
        }
    )
    return data


def post_results(w, data):
    return send(w.users["sec1"], "POST", results_url(w), data)


def test_results_baseline_saves(world):
    response = rolled_back(post_results, world, results_baseline(world))
    assert outcome(response) == "302"


def foreign_choices(w):
    """Field -> a value naming a row of another bloc (or province, or year) that the
    results page of bloc 1, 2017 must refuse."""
    bloc2, bloc_b, bloc1 = w.bloc2.members, w.bloc_b.members, w.bloc1.members
    return {
        "conf-host: bloc 2": ("conf-host", bloc2[2017][0].pk),
        "conf-host: province B": ("conf-host", bloc_b[2017][0].pk),
        "elect-leader: bloc 2": ("elect-leader", bloc2[2018][0].pk),
        "elect-deputy: province B": ("elect-deputy", bloc_b[2018][1].pk),
        "prop-0-membership: bloc 2": ("prop-0-membership", bloc2[2017][0].pk),
        "prop-0-membership: province B": ("prop-0-membership", bloc_b[2017][0].pk),
        "prop-0-membership: bloc 1 in 2018": ("prop-0-membership", bloc1[2018][0].pk),
    }


@pytest.mark.parametrize(
    "case",
    [
        "conf-host: bloc 2",
        "conf-host: province B",
        "elect-leader: bloc 2",
        "elect-deputy: province B",
        "prop-0-membership: bloc 2",
        "prop-0-membership: province B",
        "prop-0-membership: bloc 1 in 2018",
    ],
)
def test_results_page_refuses_a_member_of_another_bloc(world, case):
    field, value = foreign_choices(world)[case]
    data = results_baseline(world) | {field: str(value)}
    response = unchanged(lambda: post_results(world, data))
    assert response.status_code == 200


def test_results_page_ignores_rows_and_fields_of_another_bloc(world):
    """Fields named after another bloc's members, and fields the page does not have
    (bloc, year, status, province, conference), change nothing outside bloc 1, 2017."""
    bloc2, bloc_b = world.bloc2, world.bloc_b
    other, next_other = bloc2.members[2017][0], bloc2.members[2018][0]
    hostile = {
        f"att-{other.pk}-checked": "on",
        f"att-{other.pk}-person": "Người lạ",
        f"sig-{next_other.pk}-checked": "on",
        f"score-{other.pk}-c{bloc2.criterion.pk}": "1",
        f"score-{world.bloc1.members[2017][0].pk}-c{bloc2.criterion.pk}": "1",
        "bloc": str(bloc2.bloc.pk),
        "conf-bloc": str(bloc_b.bloc.pk),
        "year": "2016",
        "conf-year": "2016",
        "status": "finalized",
        "conf-status": "finalized",
        "province": str(world.province_b.pk),
        "conference": str(bloc2.conference.pk),
        "pledge-bloc": str(bloc2.bloc.pk),
        "pledge-year": "2016",
    }
    outside = rows_outside(world.bloc1.bloc)
    response = post_results(world, results_baseline(world) | hostile)
    assert outcome(response) == "302"
    assert rows_outside(world.bloc1.bloc) == outside
    conference = Conference.objects.get(pk=world.bloc1.conference.pk)
    assert (conference.bloc_id, conference.year, conference.status) == (world.bloc1.bloc.pk, 2017, "draft")
    assert not Attendance.objects.filter(conference=conference, membership=other).exists()
    assert not Signature.objects.filter(pledge__bloc=world.bloc1.bloc, membership=next_other).exists()
    assert list(Score.objects.filter(criterion=bloc2.criterion).values_list("membership", "points")) == [
        (bloc2.members[2017][0].pk, 50)
    ]


def test_results_page_of_another_bloc_is_not_reached_by_a_posted_bloc(world):
    """The bloc comes from the URL and the user's scope, never from the body."""
    data = results_baseline(world) | {"bloc": str(world.bloc2.bloc.pk)}
    response = unchanged(lambda: send(world.users["sec1"], "POST", results_url(world, world.bloc2.bloc), data))
    assert response.status_code == 404


# Hidden and posted fields on the criteria page ----------------------------------------


def criteria_url(w, bloc=None):
    return reverse("emulation:criteria_edit", args=[(bloc or w.bloc1.bloc).pk, 2017])


def criteria_baseline(w):
    data = scraped(w.users["sec1"], criteria_url(w))
    return {k: v.replace(",00", "") if k.endswith("max_points") else v for k, v in data.items()}


@pytest.mark.parametrize("owner", ["bloc2", "bloc_b"])
@pytest.mark.parametrize("delete", [False, True])
def test_criteria_page_leaves_a_criterion_of_another_bloc_alone(world, owner, delete):
    """An id of another bloc's criterion in place of the page's own: Django's model formset
    looks existing rows up in the page's queryset only, so the line is taken for a new one
    and nothing of the other bloc is changed or deleted."""
    foreign = getattr(world, owner).criterion
    data = criteria_baseline(world) | {"crit-0-id": str(foreign.pk), "crit-0-name": "Đã bị sửa"}
    if delete:
        data["crit-0-DELETE"] = "on"
    response = unchanged(lambda: send(world.users["sec1"], "POST", criteria_url(world), data))
    assert response.status_code in (200, 302)
    assert Criterion.objects.filter(pk=foreign.pk, name=foreign.name, bloc=foreign.bloc).exists()


def test_criteria_page_puts_a_new_criterion_in_its_own_bloc_and_year(world):
    data = criteria_baseline(world) | {
        "crit-1-name": "Tiêu chí mới",
        "crit-1-max_points": "10",
        "crit-1-bloc": str(world.bloc2.bloc.pk),
        "crit-1-year": "2016",
    }
    outside = rows_outside(world.bloc1.bloc)
    assert outcome(send(world.users["sec1"], "POST", criteria_url(world), data)) == "302"
    created = Criterion.objects.get(name="Tiêu chí mới")
    assert (created.bloc_id, created.year) == (world.bloc1.bloc.pk, 2017)
    assert rows_outside(world.bloc1.bloc) == outside


def test_criteria_page_takes_back_what_it_shows(world):
    """The page shows 60,00 in Vietnamese; saving it unchanged must read that back."""
    data = scraped(world.users["sec1"], criteria_url(world))
    assert outcome(send(world.users["sec1"], "POST", criteria_url(world), data)) == "302"


# Copy members -------------------------------------------------------------------------


def test_copy_members_copies_into_the_bloc_of_the_url_only(world):
    url = reverse("blocs:bloc_copy_members", args=[world.bloc1.bloc.pk])
    outside = rows_outside(world.bloc1.bloc)
    body = {"year": "2019", "bloc": str(world.bloc2.bloc.pk), "province": str(world.province_b.pk)}
    assert outcome(send(world.users["admin"], "POST", url, body)) == "302"
    assert rows_outside(world.bloc1.bloc) == outside
    assert world.bloc1.bloc.memberships.filter(year=2019).count() == 3


# The awards bulk page -----------------------------------------------------------------

AWARDS_URL = "/awards/"


def chosen(proposals):
    """The proposals ticked on the page, with the version the page showed of each."""
    proposals = [Proposal.objects.get(pk=p.pk) for p in proposals]
    return {"proposal": [str(p.pk) for p in proposals]} | {
        f"version-{p.pk}": str(getattr(p, "version", "")) for p in proposals
    }


def submit(proposals, **extra):
    return {"action": "submit", **chosen(proposals), "sub-number": "10/TTr-BTĐKT", "sub-date": "20/01/2017", **extra}


def decide(proposals, **extra):
    return {"action": "decide", **chosen(proposals), "dec-outcome": "1", "dec-number": "300/QĐ-UBND",
            "dec-date": "20/04/2017", **extra}  # fmt: skip


def test_awards_payload_works_in_scope(world):
    proposal = world.a.done_proposed
    response = rolled_back(lambda: (send(world.users["admin"], "POST", AWARDS_URL, submit([proposal])),
                                    Proposal.objects.get(pk=proposal.pk).status))  # fmt: skip
    assert (outcome(response[0]), response[1]) == ("302", "submitted")


@pytest.mark.parametrize(
    ("persona", "payload"),
    [
        ("admin", lambda w: submit([w.b.done_proposed])),
        ("admin", lambda w: submit([w.a.done_proposed, w.b.done_proposed])),
        ("admin", lambda w: decide([w.b.done_submitted])),
        ("admin", lambda w: decide([w.a.done_submitted, w.b.done_submitted])),
        ("outsider", lambda w: submit([w.a.done_proposed])),
        ("outsider", lambda w: decide([w.a.done_submitted])),
        ("sec1", lambda w: submit([w.a.done_proposed])),
        ("sec2", lambda w: submit([w.a.done_proposed])),
        ("viewer", lambda w: decide([w.a.done_submitted])),
    ],
    ids=["b", "a+b", "decide-b", "decide-a+b", "outsider", "outsider-decide", "sec1", "sec2", "viewer"],
)
def test_awards_bulk_refuses_proposals_out_of_scope(world, persona, payload):
    response = unchanged(lambda: send(world.users[persona], "POST", AWARDS_URL, payload(world)))
    assert response.status_code == 403


def test_awards_bulk_ignores_posted_province_status_and_bloc(world):
    proposal = world.a.done_proposed
    body = submit(
        [proposal],
        province=str(world.province_b.pk),
        **{"sub-province": str(world.province_b.pk), "status": "approved", "sub-status": "approved"},
        bloc=str(world.bloc_b.bloc.pk),
    )
    assert outcome(send(world.users["admin"], "POST", AWARDS_URL, body)) == "302"
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    assert proposal.submission.province == world.province_a
    assert not Submission.objects.filter(province=world.province_b, number="10/TTr-BTĐKT").exists()


@pytest.mark.parametrize(("persona", "bloc"), [("admin", "bloc_b"), ("sec1", "bloc2"), ("outsider", "bloc1")])
def test_awards_filter_by_another_scopes_bloc_shows_nothing_of_it(world, persona, bloc):
    user = world.users[persona]
    response = send(user, "GET", AWARDS_URL, {"bloc": str(getattr(world, bloc).bloc.pk)})
    assert response.status_code == 200
    shown = {p.conference.bloc_id for p in response.context["proposals"]}
    assert getattr(world, bloc).bloc.pk not in shown
    assert shown  # the filter was dropped, not turned into another bloc's list


# The admin's add and change forms -----------------------------------------------------


def admin_post(w, model, kind, obj=None, fill=None, hostile=None):
    """Scrape the page as province A's admin, fill what an add page needs, then set the
    hostile fields; returns (response, data)."""
    url = admin_url(model, kind, obj)
    data = scraped(w.users["admin"], url) | (fill or {})
    data |= hostile or {}
    return send(w.users["admin"], "POST", url, data)


def add_fills(w):
    a, bloc1 = w.province_a, w.bloc1.bloc
    agency = w.a.spare_agency
    return {
        "agency": {"province": str(a.pk), "name": "Sở Mới", "kind": "department"},
        "bloc": {"province": str(a.pk), "name": "Khối Mới"},
        "membership": {"bloc": str(bloc1.pk), "agency": str(agency.pk), "year": "2019"},
        "user": {
            "username": "nguoimoi",
            "password1": "Mat-khau-moi-2025",
            "password2": "Mat-khau-moi-2025",
            "role": "viewer",
            "province": str(a.pk),
            "usable_password": "true",
        },  # fmt: skip
        "awardrule": {
            "award_type": str(w.bloc1.proposal.award_type_id - 1),
            "province": str(a.pk),
            "source": "Quy chế",
            "quota_count": "1",
        },  # fmt: skip
        "conference": {"bloc": str(bloc1.pk), "year": "2013", "date": "10/01/2014"},
        "pledge": {"bloc": str(bloc1.pk), "year": "2013"},
        "criterion": {"bloc": str(bloc1.pk), "year": "2013", "name": "Mới", "max_points": "5"},
        "leadership": {
            "bloc": str(bloc1.pk),
            "year": str(w.a.spare_membership.year),
            "leader": str(w.a.spare_membership.pk),
        },  # fmt: skip
    }


ADD_CASES = {  # model -> the field that names a province or a bloc
    "agency": "province",
    "bloc": "province",
    "membership": "bloc",
    "user": "province",
    "awardrule": "province",
    "conference": "bloc",
    "pledge": "bloc",
    "criterion": "bloc",
    "leadership": "bloc",
}


def _model(name):
    return next(m for m in admin.site._registry if m._meta.model_name == name)


def foreign_value(w, field):
    return str(w.province_b.pk if field == "province" else w.bloc_b.bloc.pk)


@pytest.mark.parametrize("name", list(ADD_CASES))
def test_admin_add_works_in_scope(world, name):
    response = rolled_back(admin_post, world, _model(name), "add", fill=add_fills(world)[name])
    errors = response.context["adminform"].form.errors if response.status_code == 200 else None
    assert response.status_code == 302, errors


@pytest.mark.parametrize("name", list(ADD_CASES))
def test_admin_add_refuses_another_provinces_province_or_bloc(world, name):
    field = ADD_CASES[name]
    hostile = {field: foreign_value(world, field)}
    response = unchanged(lambda: admin_post(world, _model(name), "add", fill=add_fills(world)[name], hostile=hostile))
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors


def change_cases(w):
    """(model name, row of A, hostile fields) that the change page must refuse."""
    a, b = w.a, w.b
    bloc1 = w.bloc1
    return {
        "agency: province": ("agency", bloc1.agencies[0], {"province": w.province_b.pk}),
        "agency: successor of B": ("agency", bloc1.agencies[0], {"successor": b.spare_agency.pk}),
        "bloc: province": ("bloc", bloc1.bloc, {"province": w.province_b.pk}),
        "membership: bloc of B": ("membership", a.spare_membership, {"bloc": w.bloc_b.bloc.pk}),
        "membership: agency of B": ("membership", a.spare_membership, {"agency": b.spare_agency.pk}),
        "user: province": ("user", w.users["viewer"], {"province": w.province_b.pk}),
        "user: no province": ("user", w.users["viewer"], {"province": ""}),
        "user: bloc of B": ("user", w.users["sec1"], {"blocs": [w.bloc_b.bloc.pk]}),
        "awardrule: province": ("awardrule", a.rule, {"province": w.province_b.pk}),
        "awardrule: the default": ("awardrule", a.rule, {"province": ""}),
        "conference: bloc of B": ("conference", a.spare_conference, {"bloc": w.bloc_b.bloc.pk}),
        "conference: host of B": ("conference", bloc1.conference, {"host": w.bloc_b.members[2017][0].pk}),
        "pledge: bloc of B": ("pledge", a.spare_pledge, {"bloc": w.bloc_b.bloc.pk}),
        "criterion: bloc of B": ("criterion", a.spare_criterion, {"bloc": w.bloc_b.bloc.pk}),
        "leadership: bloc of B": ("leadership", bloc1.bloc.leaderships.get(), {"bloc": w.bloc_b.bloc.pk}),
        "leadership: leader of B": (
            "leadership",
            bloc1.bloc.leaderships.get(),
            {"leader": w.bloc_b.members[2018][0].pk},
        ),  # fmt: skip
    }


CHANGE_CASES = [
    "agency: successor of B",
    "user: province",
    "user: no province",
    "user: bloc of B",
    "awardrule: province",
    "awardrule: the default",
    "conference: host of B",
    "leadership: leader of B",
]

# What its rows point at keeps a saved row where it is: the field is shown, not posted.
READ_ONLY_CASES = [
    "agency: province",
    "bloc: province",
    "membership: bloc of B",
    "membership: agency of B",
    "conference: bloc of B",
    "pledge: bloc of B",
    "criterion: bloc of B",
    "leadership: bloc of B",
]


@pytest.mark.parametrize("case", CHANGE_CASES)
def test_admin_change_refuses_moving_a_row_out_of_the_province(world, case):
    name, obj, hostile = change_cases(world)[case]
    hostile = {k: [str(x) for x in v] if isinstance(v, list) else str(v) for k, v in hostile.items()}
    response = unchanged(lambda: admin_post(world, _model(name), "change", obj, hostile=hostile))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert set(hostile) & (set(form.errors) | {"__all__"} if form.errors else set()), form.errors


@pytest.mark.parametrize("case", READ_ONLY_CASES)
def test_admin_change_cannot_move_a_saved_row_out_of_the_province(world, case):
    name, obj, hostile = change_cases(world)[case]
    [(field, value)] = hostile.items()
    model = _model(name)
    assert field not in scraped(world.users["admin"], admin_url(model, "change", obj))  # shown, not a field

    def post_and_read():
        admin_post(world, model, "change", obj, hostile={field: str(value)})
        return getattr(model.objects.get(pk=obj.pk), f"{field}_id")

    assert rolled_back(post_and_read) == getattr(obj, f"{field}_id") != value


def test_admin_change_cases_are_all_listed(world):
    assert sorted(change_cases(world)) == sorted(CHANGE_CASES + READ_ONLY_CASES)


def test_bloc_inlines_refuse_members_and_leaders_out_of_scope(world):
    """A new member row naming an agency of B, and a leader from bloc 2, on bloc 1's page."""
    bloc1 = world.bloc1.bloc
    url = admin_url(_model("bloc"), "change", bloc1)
    data = scraped(world.users["admin"], url)
    total = int(data["memberships-TOTAL_FORMS"])
    agency_row = {
        "memberships-TOTAL_FORMS": str(total + 1),
        f"memberships-{total}-year": "2019",
        f"memberships-{total}-agency": str(world.b.spare_agency.pk),
    }
    leader_row = {"leaderships-0-leader": str(world.bloc2.members[2018][0].pk)}
    for hostile in (agency_row, leader_row):
        response = unchanged(lambda hostile=hostile: send(world.users["admin"], "POST", url, data | hostile))
        assert response.status_code == 200
        assert any(
            inline.formset.errors and any(inline.formset.errors) for inline in response.context["inline_admin_formsets"]
        )


@pytest.mark.parametrize("name", ["submission", "decision"])
def test_admin_document_province_is_read_only(world, name):
    obj = getattr(world.a, name)
    response = admin_post(world, _model(name), "change", obj, hostile={"province": str(world.province_b.pk)})
    assert outcome(response) == "302"
    obj.refresh_from_db()
    assert obj.province == world.province_a


def test_admin_user_form_cannot_make_a_superuser_or_staff(world):
    viewer = world.users["viewer"]
    hostile = {"is_superuser": "on", "is_staff": "on", "user_permissions": "1", "groups": str(world.group.pk)}
    assert outcome(admin_post(world, _model("user"), "change", viewer, hostile=hostile)) == "302"
    viewer = User.objects.get(pk=viewer.pk)
    assert (viewer.is_superuser, viewer.is_staff, viewer.groups.count()) == (False, False, 0)


def test_admin_conference_status_is_read_only(world):
    conference = world.bloc1.conference
    assert (
        outcome(admin_post(world, _model("conference"), "change", conference, hostile={"status": "finalized"})) == "302"
    )
    conference.refresh_from_db()
    assert conference.status == "draft"
