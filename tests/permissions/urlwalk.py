"""Every URL pattern of the project, as a concrete URL with ids from the permission world.

`url_patterns()` walks django.urls.get_resolver() (the admin site's URLs included) and
names each pattern: its namespaced name, or its route when it has none. `concrete_url()`
fills a pattern's parameters with rows of province A, bloc 1: the rows that the
secretary of bloc 1 may reach and the secretary of bloc 2 and the other province's
admin may not.
"""

import re
from dataclasses import dataclass

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Pattern:
    key: str  # "namespace:name", or the route when the pattern has no name
    route: str
    name: str | None


def url_patterns():
    found = []

    def walk(resolver, prefix, namespace):
        for item in resolver.url_patterns:
            if isinstance(item, URLResolver):
                inner = ":".join(filter(None, [namespace, item.namespace]))
                walk(item, prefix + str(item.pattern), inner or None)
            elif isinstance(item, URLPattern):
                route = prefix + str(item.pattern)
                name = f"{namespace}:{item.name}" if namespace and item.name else item.name
                found.append(Pattern(key=name or route, route=route, name=name))

    walk(get_resolver(), "", None)
    return found


def admin_objects(w):
    """The row of province A (bloc 1 where it has one) that each admin page is opened on."""
    a, bloc1 = w.a, w.bloc1
    return {
        "auth.group": w.group,
        "axes.accessattempt": w.access_attempt,
        "axes.accessfailurelog": w.access_failure,
        "axes.accesslog": w.access_log,
        "blocs.province": w.province_a,
        "blocs.agency": bloc1.agencies[0],
        "blocs.bloc": bloc1.bloc,
        "blocs.membership": bloc1.members[2017][0],
        "blocs.leadership": bloc1.bloc.leaderships.get(),
        "blocs.user": w.users["viewer"],
        "emulation.conference": bloc1.conference,
        "emulation.pledge": bloc1.pledge,
        "emulation.criterion": bloc1.criterion,
        "awards.awardtype": bloc1.proposal.award_type,
        "awards.awardrule": a.rule,
        "awards.submission": a.submission,
        "awards.decision": a.decision,
        "awards.basesalary": w.base_salary,
        "awards.bloccount": a.bloc_count,
        "awards.certificatelayout": a.certificate_layout,
        "awards.proposal": bloc1.proposal,
        "dashboard.yeardeadline": a.deadline,
    }


def app_kwargs(w):
    """Parameters of the product's own pages, by URL name."""
    bloc1 = w.bloc1
    bloc, agency, conference = bloc1.bloc.pk, bloc1.agencies[0].pk, bloc1.conference.pk
    return {
        "blocs:agency_detail": {"pk": agency},
        "blocs:agency_history": {"pk": agency},
        "blocs:bloc_detail": {"pk": bloc},
        "blocs:bloc_copy_members": {"pk": bloc},
        "blocs:agency_merge": {"province_pk": w.province_a.pk},
        "blocs:bloc_redraw": {"province_pk": w.province_a.pk},
        "blocs:members_import": {"province_pk": w.province_a.pk},
        "blocs:members_import_template": {"province_pk": w.province_a.pk},
        "blocs:agencies_import": {"province_pk": w.province_a.pk},
        "blocs:agencies_import_template": {"province_pk": w.province_a.pk},
        "blocs:scores_import": {"province_pk": w.province_a.pk},
        "blocs:scores_import_template": {"province_pk": w.province_a.pk},
        "blocs:proposals_import": {"province_pk": w.province_a.pk},
        "blocs:proposals_import_template": {"province_pk": w.province_a.pk},
        "awards:conference_edit": {"bloc_pk": bloc, "year": 2017},
        "emulation:criteria_edit": {"bloc_pk": bloc, "year": 2017},
        "awards:conference_detail": {"pk": conference},
        "emulation:conference_finalize": {"pk": conference},
        "emulation:conference_reopen": {"pk": w.a.done_conference.pk},
        "awards:conference_history": {"pk": conference},
        "awards:agency_record": {"pk": agency},
        "awards:proposal_history": {"pk": bloc1.proposal.pk},
        "awards:proposal_council": {"pk": bloc1.proposal.pk},
        "awards:record_attachments": {"kind": "conference", "pk": conference},
        "awards:attachment_download": {"pk": bloc1.attachment.pk},
        "awards:attachment_remove": {"pk": bloc1.attachment.pk},
        "reports:bloc_summary": {"bloc_pk": bloc, "year": 2017, "fmt": "pdf"},
        "reports:leadership_history": {"bloc_pk": bloc, "fmt": "html"},
        "reports:minutes": {"pk": w.a.done_conference.pk, "fmt": "pdf"},
        "reports:agency_record": {"pk": agency, "fmt": "xlsx"},
        "reports:province_summary": {"province_pk": w.province_a.pk, "year": 2017, "fmt": "pdf"},
        "reports:submission_list": {"pk": w.a.submission.pk, "fmt": "pdf"},
        "reports:decision_list": {"pk": w.a.decision.pk, "fmt": "pdf"},
        "dashboard:year_xlsx": {"province_pk": w.province_a.pk, "year": 2017},
        "dashboard:deadlines": {"province_pk": w.province_a.pk, "year": 2017},
        "reports:bloc_summary_docx": {"bloc_pk": bloc, "year": 2017},
        "reports:leadership_history_docx": {"bloc_pk": bloc},
        "reports:minutes_docx": {"pk": w.a.done_conference.pk},
        "reports:agency_record_docx": {"pk": agency},
        "reports:province_summary_docx": {"province_pk": w.province_a.pk, "year": 2017},
        "reports:province_prizes": {"province_pk": w.province_a.pk, "fmt": "pdf"},
        "reports:province_prizes_docx": {"province_pk": w.province_a.pk},
        "reports:submission_list_docx": {"pk": w.a.submission.pk},
        "reports:decision_list_docx": {"pk": w.a.decision.pk},
        "reports:certificates": {"pk": w.a.decision.pk},
        "reports:certificates_pdf": {"pk": w.a.decision.pk},
        "reports:certificate_calibration": {
            "province_pk": w.province_a.pk,
            "award_type_pk": w.a.certificate_layout.award_type_id,
        },
        "dashboard:missing_xlsx": {"province_pk": w.province_a.pk, "year": 2017},
        # The member persona's own membership of 2017 (bloc 1).
        "awards:member_year": {"pk": bloc1.members[2017][2].pk},
        "awards:member_evidence": {"pk": bloc1.members[2017][2].pk},
        "awards:member_pledge": {"pk": bloc1.members[2017][2].pk},
        "awards:member_report": {"pk": bloc1.members[2017][2].pk},
        "awards:self_assessments_adopt": {"bloc_pk": bloc, "year": 2017},
        "reports:dossier_submission": {"pk": conference, "fmt": "pdf"},
        "reports:vote_minutes": {"pk": conference, "fmt": "html"},
        "reports:nominee_list": {"pk": conference, "fmt": "pdf"},
        "reports:achievement_report": {"pk": conference, "proposal_pk": bloc1.proposal.pk, "fmt": "pdf"},
        "reports:dossier_submission_docx": {"pk": conference},
        "reports:vote_minutes_docx": {"pk": conference},
        "reports:nominee_list_docx": {"pk": conference},
        "reports:achievement_report_docx": {"pk": conference, "proposal_pk": bloc1.proposal.pk},
        "reports:dossier_zip": {"pk": conference},
    }


# Regular-expression routes, and query strings that a page needs to do its work.
REGEX_ROUTES = {
    "admin:app_list": "/admin/blocs/",  # its route lists the app labels in the order they were registered
    "admin/(?P<url>.*)$": "/admin/no-such-page/",
}
QUERIES = {
    "admin:autocomplete": "?app_label=blocs&model_name=membership&field_name=agency&term=",
}

_CONVERTER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _admin_model(route):
    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if not match:
        return None
    label = f"{match[1]}.{match[2]}"
    registered = {m._meta.label_lower: m for m in admin.site._registry}
    return label if label in registered else None


UNKNOWN_ID = 987654321
ID_PARAMETERS = {"pk", "bloc_pk", "province_pk", "proposal_pk", "object_id", "id"}


def concrete_url(pattern, w, unknown=False):
    """The URL of `pattern` with real ids (with an id that exists nowhere if `unknown`);
    raises KeyError naming a parameter it cannot fill."""
    if pattern.route in REGEX_ROUTES or pattern.key in REGEX_ROUTES:
        return REGEX_ROUTES.get(pattern.key) or REGEX_ROUTES[pattern.route]
    if pattern.key.endswith("_simple_history"):  # django-simple-history: a past version of a row
        obj = admin_objects(w)[_admin_model(pattern.route)]
        version = type(obj).history.filter(**{obj._meta.pk.attname: obj.pk}).latest().history_id
        return reverse(pattern.key, args=[UNKNOWN_ID, UNKNOWN_ID] if unknown else [obj.pk, version])
    values = dict(app_kwargs(w).get(pattern.key, {}))
    label = _admin_model(pattern.route)
    if label:
        obj = admin_objects(w)[label]
        values.setdefault("object_id", obj.pk)
        values.setdefault("id", obj.pk)  # the user admin's password page
    if pattern.key == "admin:view_on_site":
        agency = w.bloc1.agencies[0]
        values = {"content_type_id": ContentType.objects.get_for_model(agency).pk, "object_id": agency.pk}

    if unknown:
        values.update({name: UNKNOWN_ID for name in values if name in ID_PARAMETERS})

    def fill(match):
        name = match["name"]
        if name not in values:
            raise KeyError(f"{pattern.key}: no value for <{name}>; add one to tests/permissions/urlwalk.py")
        return str(values[name])

    return "/" + _CONVERTER.sub(fill, pattern.route) + QUERIES.get(pattern.key, "")
