"""The permission matrix: every URL pattern of the project (the admin site's included),
opened by every persona with GET and with an empty POST, against ONE table of expected
outcomes.

The table must name every URL pattern that django.urls.get_resolver() knows: a new URL
fails test_every_url_is_in_the_table until a row says who may open it. Each row holds
the outcome for each persona, GET first, then POST, in the order of the column header.
The URL is built with rows of province A, bloc 1 (tests/permissions/urlwalk.py): bloc 1's
secretary is in scope, bloc 2's secretary and the other province's admin are not.

Columns: adm the province admin of A, sc1 and sc2 the secretaries of blocs 1 and 2, vwr
the viewer of A, ano anonymous, out the admin of province B, su a superuser, mbr the staff
of a member agency of bloc 1 (its own pages are those of its own 2017 membership).

Outcomes: an HTTP status, or for a redirect where it goes:
  lgn  302 to a login page (ours or the admin site's)
  idx  302 to the admin index: the admin site's answer for a row it does not find in the
       user's scope, the same as for an id that does not exist (no existence oracle);
       also where the admin site sends a non-admin who asks to log out of it
  302  any other redirect (done, or on to the canonical page)
The rule behind them (blocs/access.py): out of scope 404, in scope but not allowed 403,
405 for a GET on a POST-only view; anonymous users are sent to log in.
"""

import pytest

from tests.clients import clients_for
from tests.permissions.helpers import PERSONAS, outcome, rolled_back
from tests.permissions.urlwalk import concrete_url, url_patterns

METHODS = ["GET", "POST"]

# fmt: off
EXPECTED = {
    #                                                  GET                           POST
    # URL name, or route when it has none              adm sc1 sc2 vwr ano out su  mbr | adm sc1 sc2 vwr ano out su  mbr
    "home":                                            "200 200 200 200 lgn 200 200 302 | 405 405 405 405 405 405 405 405",
    "health":                                          "200 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200 200",
    "favicon":                                         "200 200 200 200 200 200 200 200 | 405 405 405 405 405 405 405 405",
    "login":                                           "200 200 200 200 200 200 200 200 | 200 200 200 200 200 200 200 200",
    "logout":                                          "405 405 405 405 405 405 405 405 | lgn lgn lgn lgn lgn lgn lgn lgn",
    "set_language":                                    "302 302 302 302 302 302 302 302 | 302 302 302 302 302 302 302 302",
    "admin:index":                                     "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:login":                                     "idx 200 200 200 200 idx idx 200 | 200 200 200 200 200 200 200 200",
    "admin:logout":                                    "405 idx idx idx idx 405 405 idx | lgn idx idx idx idx lgn lgn idx",
    "admin:password_change":                           "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:password_change_done":                      "200 lgn lgn lgn lgn 200 200 lgn | 405 lgn lgn lgn lgn 405 405 lgn",
    "admin:autocomplete":                              "200 lgn lgn lgn lgn 200 200 lgn | 405 lgn lgn lgn lgn 405 405 lgn",
    "admin:jsi18n":                                    "200 lgn lgn lgn lgn 200 200 lgn | 405 lgn lgn lgn lgn 405 405 lgn",
    "admin:view_on_site":                              "404 lgn lgn lgn lgn 404 404 lgn | 404 lgn lgn lgn lgn 404 404 lgn",
    "admin:auth_group_changelist":                     "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:auth_group_add":                            "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:auth_group_history":                        "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:auth_group_delete":                         "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:auth_group_change":                         "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin/auth/group/<path:object_id>/":              "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:axes_accessattempt_changelist":             "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accessattempt_add":                    "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:axes_accessattempt_history":                "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accessattempt_delete":                 "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accessattempt_change":                 "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 302 lgn",
    "admin/axes/accessattempt/<path:object_id>/":      "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:axes_accesslog_changelist":                 "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accesslog_add":                        "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:axes_accesslog_history":                    "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accesslog_delete":                     "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accesslog_change":                     "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 302 lgn",
    "admin/axes/accesslog/<path:object_id>/":          "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:axes_accessfailurelog_changelist":          "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accessfailurelog_add":                 "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:axes_accessfailurelog_history":             "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accessfailurelog_delete":              "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:axes_accessfailurelog_change":              "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 302 lgn",
    "admin/axes/accessfailurelog/<path:object_id>/":   "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:blocs_province_changelist":                 "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_province_add":                        "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:blocs_province_history":                    "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_province_delete":                     "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:blocs_province_change":                     "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:blocs_province_simple_history":             "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/blocs/province/<path:object_id>/":          "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:blocs_agency_changelist":                   "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_agency_add":                          "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_agency_history":                      "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_agency_delete":                       "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_agency_change":                       "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_agency_simple_history":               "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/blocs/agency/<path:object_id>/":            "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:blocs_bloc_changelist":                     "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_bloc_add":                            "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_bloc_history":                        "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_bloc_delete":                         "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_bloc_change":                         "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_bloc_simple_history":                 "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/blocs/bloc/<path:object_id>/":              "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_bloccount_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_bloccount_add":                      "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_bloccount_history":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_bloccount_delete":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_bloccount_change":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_bloccount_simple_history":           "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/awards/bloccount/<path:object_id>/":        "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:blocs_membership_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_membership_add":                      "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_membership_history":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_membership_delete":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_membership_change":                   "200 lgn lgn lgn lgn idx 200 lgn | 302 lgn lgn lgn lgn idx 302 lgn",
    "admin:blocs_membership_simple_history":           "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/blocs/membership/<path:object_id>/":        "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:blocs_leadership_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_leadership_add":                      "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_leadership_history":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_leadership_delete":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_leadership_change":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_leadership_simple_history":           "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/blocs/leadership/<path:object_id>/":        "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:auth_user_password_change":                 "200 lgn lgn lgn lgn 404 200 lgn | 200 lgn lgn lgn lgn 404 200 lgn",
    "admin:blocs_user_changelist":                     "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_user_add":                            "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:blocs_user_history":                        "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_user_delete":                         "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_user_change":                         "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:blocs_user_simple_history":                 "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/blocs/user/<path:object_id>/":              "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:emulation_conference_changelist":           "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:emulation_conference_add":                  "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:emulation_conference_history":              "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_conference_delete":               "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_conference_change":               "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_conference_simple_history":       "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/emulation/conference/<path:object_id>/":    "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:emulation_pledge_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:emulation_pledge_add":                      "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:emulation_pledge_history":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_pledge_delete":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_pledge_change":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_pledge_simple_history":           "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/emulation/pledge/<path:object_id>/":        "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:emulation_criterion_changelist":            "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:emulation_criterion_add":                   "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:emulation_criterion_history":               "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_criterion_delete":                "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_criterion_change":                "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:emulation_criterion_simple_history":        "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/emulation/criterion/<path:object_id>/":     "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_awardtype_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_awardtype_add":                      "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:awards_awardtype_history":                  "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_awardtype_delete":                   "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:awards_awardtype_change":                   "200 lgn lgn lgn lgn 200 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:awards_awardtype_simple_history":           "200 lgn lgn lgn lgn 200 200 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin/awards/awardtype/<path:object_id>/":        "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_basesalary_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_basesalary_add":                      "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:awards_basesalary_history":                  "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_basesalary_delete":                   "403 lgn lgn lgn lgn 403 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:awards_basesalary_change":                   "200 lgn lgn lgn lgn 200 200 lgn | 403 lgn lgn lgn lgn 403 200 lgn",
    "admin:awards_basesalary_simple_history":           "200 lgn lgn lgn lgn 200 200 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin/awards/basesalary/<path:object_id>/":       "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:dashboard_yeardeadline_changelist":         "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:dashboard_yeardeadline_add":                "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:dashboard_yeardeadline_history":            "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:dashboard_yeardeadline_delete":             "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:dashboard_yeardeadline_change":             "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:dashboard_yeardeadline_simple_history":     "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/dashboard/yeardeadline/<path:object_id>/":  "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_awardrule_changelist":               "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_awardrule_add":                      "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_awardrule_history":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_awardrule_delete":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_awardrule_change":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_awardrule_simple_history":           "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/awards/awardrule/<path:object_id>/":        "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_certificatelayout_changelist":       "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_certificatelayout_add":              "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_certificatelayout_history":          "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_certificatelayout_delete":           "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_certificatelayout_change":           "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_certificatelayout_simple_history":   "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/awards/certificatelayout/<path:object_id>/": "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_submission_changelist":              "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_submission_add":                     "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:awards_submission_history":                 "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_submission_delete":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_submission_change":                  "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_submission_simple_history":          "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/awards/submission/<path:object_id>/":       "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_decision_changelist":                "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_decision_add":                       "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:awards_decision_history":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_decision_delete":                    "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_decision_change":                    "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_decision_simple_history":            "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/awards/decision/<path:object_id>/":         "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:awards_proposal_changelist":                "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin:awards_proposal_add":                       "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:awards_proposal_history":                   "200 lgn lgn lgn lgn idx 200 lgn | 200 lgn lgn lgn lgn idx 200 lgn",
    "admin:awards_proposal_delete":                    "403 lgn lgn lgn lgn 403 403 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:awards_proposal_change":                    "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn 403 403 lgn",
    "admin:awards_proposal_simple_history":            "200 lgn lgn lgn lgn idx 200 lgn | 403 lgn lgn lgn lgn idx 403 lgn",
    "admin/awards/proposal/<path:object_id>/":         "302 lgn lgn lgn lgn 302 302 lgn | 302 lgn lgn lgn lgn 302 302 lgn",
    "admin:app_list":                                  "200 lgn lgn lgn lgn 200 200 lgn | 200 lgn lgn lgn lgn 200 200 lgn",
    "admin/(?P<url>.*)$":                              "404 lgn lgn lgn lgn 404 404 lgn | 404 lgn lgn lgn lgn 404 404 lgn",
    "blocs:agency_list":                               "200 200 200 200 lgn 200 200 200 | 200 200 200 200 lgn 200 200 200",
    "blocs:agency_detail":                             "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "blocs:agency_history":                            "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "blocs:bloc_list":                                 "200 200 200 200 lgn 200 200 200 | 200 200 200 200 lgn 200 200 200",
    "blocs:bloc_detail":                               "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "blocs:bloc_copy_members":                         "405 405 405 405 405 405 405 405 | 302 302 404 403 lgn 404 302 404",
    "blocs:agency_merge":                              "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:bloc_redraw":                               "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:members_import":                            "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:members_import_template":                   "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:agencies_import":                           "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:agencies_import_template":                  "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:scores_import":                             "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:scores_import_template":                    "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:proposals_import":                          "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "blocs:proposals_import_template":                 "200 403 403 403 lgn 404 200 403 | 200 403 403 403 lgn 404 200 403",
    "awards:conference_edit":                       "200 200 404 403 lgn 404 200 404 | 200 200 404 403 lgn 404 200 404",
    "emulation:criteria_edit":                         "200 200 404 403 lgn 404 200 404 | 200 200 404 403 lgn 404 200 404",
    "awards:conference_detail":                     "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "awards:conference_history":                    "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "emulation:conference_finalize":                   "200 200 404 403 lgn 404 200 404 | 302 302 404 403 lgn 404 302 404",
    "emulation:conference_reopen":                     "405 405 405 405 405 405 405 405 | 302 403 404 403 lgn 404 302 404",
    "awards:proposal_list":                            "200 200 200 200 lgn 200 200 200 | 200 403 403 403 lgn 200 200 403",
    "awards:proposal_list_xlsx":                       "200 200 200 200 lgn 200 200 200 | 405 405 405 405 405 405 405 405",
    "awards:agency_record":                            "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "awards:proposal_history":                         "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "awards:proposal_council":                         "200 403 404 403 lgn 404 200 404 | 200 403 404 403 lgn 404 200 404",
    "awards:record_attachments":                       "200 200 404 200 lgn 404 200 404 | 400 400 404 403 lgn 404 400 404",
    "awards:attachment_download":                      "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "awards:attachment_remove":                        "405 405 405 405 405 405 405 405 | 302 302 404 403 lgn 404 302 404",
    "reports:bloc_summary":                            "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:leadership_history":                      "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:minutes":                                 "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:agency_record":                           "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "dashboard:year_xlsx":                             "200 403 403 200 lgn 404 200 403 | 405 405 405 405 405 405 405 405",
    "dashboard:deadlines":                             "200 403 403 403 lgn 404 200 403 | 302 403 403 403 lgn 404 302 403",
    "reports:province_summary":                        "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:province_prizes":                         "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:submission_list":                         "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:decision_list":                           "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:bloc_summary_docx":                       "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:leadership_history_docx":                 "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:minutes_docx":                            "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:agency_record_docx":                      "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:province_summary_docx":                   "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:province_prizes_docx":                    "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:submission_list_docx":                    "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:decision_list_docx":                      "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:certificates":                            "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:certificates_pdf":                        "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:certificate_calibration":                 "200 403 403 200 lgn 404 200 403 | 200 403 403 200 lgn 404 200 403",
    "reports:dossier_submission":                      "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:vote_minutes":                            "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:nominee_list":                            "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:achievement_report":                      "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:dossier_submission_docx":                 "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:vote_minutes_docx":                       "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:nominee_list_docx":                       "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:achievement_report_docx":                 "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "reports:dossier_zip":                             "200 200 404 200 lgn 404 200 404 | 200 200 404 200 lgn 404 200 404",
    "dashboard:missing_xlsx":                          "200 200 200 200 lgn 404 200 404 | 405 405 405 405 405 405 405 405",
    "awards:member_home":                              "404 404 404 404 lgn 404 404 200 | 405 405 405 405 405 405 405 405",
    "awards:member_year":                              "404 404 404 404 lgn 404 404 200 | 404 404 404 404 lgn 404 404 302",
    "awards:member_evidence":                          "405 405 405 405 405 405 405 405 | 404 404 404 404 lgn 404 404 400",
    "awards:member_pledge":                            "405 405 405 405 405 405 405 405 | 404 404 404 404 lgn 404 404 302",
    "awards:member_report":                            "405 405 405 405 405 405 405 405 | 404 404 404 404 lgn 404 404 400",
    "awards:self_assessments_adopt":                   "405 405 405 405 405 405 405 405 | 400 400 404 403 lgn 404 400 404",
}
# fmt: on


def expected(key, persona, method):
    codes = EXPECTED[key].split("|")[METHODS.index(method)].split()
    return codes[PERSONAS.index(persona)]


def attempt(url, new_client, method):
    """One request, by a fresh client on the persona's session, in a savepoint that is rolled
    back, so that each starts from the same world."""

    def request():
        client = new_client()
        try:
            response = client.get(url) if method == "GET" else client.post(url, {})
        except Exception as error:  # a 500: shown as a mismatch with its cause
            return f"raised {type(error).__name__}: {error}"
        return outcome(response)

    return rolled_back(request)


def test_every_url_is_in_the_table():
    keys = [pattern.key for pattern in url_patterns()]
    assert len(keys) == len(set(keys)), "two URL patterns share a name: give the table a way to tell them apart"
    missing = sorted(set(keys) - set(EXPECTED))
    assert not missing, f"URL patterns with no row in EXPECTED (say who may open them): {missing}"
    stale = sorted(set(EXPECTED) - set(keys))
    assert not stale, f"rows of EXPECTED for URL patterns that no longer exist: {stale}"


def test_every_row_has_an_outcome_per_persona_and_method():
    for key, row in EXPECTED.items():
        halves = row.split("|")
        assert [len(half.split()) for half in halves] == [len(PERSONAS)] * len(METHODS), key


def test_combinations_covered():
    combinations = len(EXPECTED) * len(PERSONAS) * len(METHODS)
    print(f"permission matrix: {len(EXPECTED)} URL patterns x {len(PERSONAS)} personas x {len(METHODS)} methods "
          f"= {combinations} requests")  # fmt: skip
    assert combinations == len(url_patterns()) * len(PERSONAS) * 2


@pytest.mark.parametrize("persona", PERSONAS)
def test_matrix(world, persona):
    new_client = clients_for(world.users[persona])
    wrong = []
    for pattern in url_patterns():
        if pattern.key not in EXPECTED:
            continue  # test_every_url_is_in_the_table names it
        url = concrete_url(pattern, world)
        for method in METHODS:
            want, got = expected(pattern.key, persona, method), attempt(url, new_client, method)
            if got != want:
                wrong.append(f"{method} {url} ({pattern.key}): expected {want}, got {got}")
    assert not wrong, f"{persona}: {len(wrong)} outcomes differ from the table:\n" + "\n".join(wrong)
