"""The awards list and the results form as staff use them: the list exported as it is filtered,
"choose all" in the list's header, the tờ trình and decision forms folded until asked for; on
the results page, empty lines the browser adds (a template of the formset's empty line), inputs
that stop at the model's limit, and selects that say what to do in Vietnamese. In the admin,
a leader, a deputy and a host are chosen among that bloc's members of that year only."""

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from awards.models import Proposal
from blocs.models import Leadership
from emulation.models import Attendance
from tests.awards.helpers import YEAR, make_proposal
from tests.blocs.factories import MembershipFactory

LIST_URL = reverse("awards:proposal_list")
XLSX_URL = reverse("awards:proposal_list_xlsx")


def sheet_rows(response):
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[cell.value for cell in row] for row in book.active.iter_rows()]


def test_the_export_lists_every_proposal_the_filter_shows(
    login, viewer, bloc, proposals, other_bloc_conference, foreign_proposal
):
    rows = sheet_rows(login(viewer).get(XLSX_URL, {"bloc": bloc.pk, "year": YEAR}))
    assert rows[0][0] == "Đề nghị khen thưởng"
    assert rows[1][:4] == ["Năm", "Khối", "Hình thức khen thưởng", "Đối tượng"]
    body = rows[2:]
    assert len(body) == len(proposals)  # not the other bloc's, not the other province's
    assert {row[3] for row in body} == {p.nominee_name for p in proposals}
    assert {row[0] for row in body} == {YEAR}
    assert {(row[4], row[5]) for row in body} == {(3, 3)}
    assert {row[6] for row in body} == {Proposal.Status.PROPOSED.label}
    # Unfiltered, the viewer gets the whole province: both blocs, never the other province.
    assert len(sheet_rows(login(viewer).get(XLSX_URL))) - 2 == len(proposals) + 1


def test_the_export_keeps_a_secretary_to_their_own_bloc(login, secretary, proposals, other_bloc_conference):
    body = sheet_rows(login(secretary).get(XLSX_URL))[2:]
    assert {row[3] for row in body} == {p.nominee_name for p in proposals}


def test_the_export_writes_typed_text_as_text_never_as_a_formula(login, viewer, conference, members):
    make_proposal(conference, members[YEAR][0], person_name='=HYPERLINK("http://x.example","a")')
    response = login(viewer).get(XLSX_URL)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for row in book.active.iter_rows() for cell in row if str(cell.value).startswith("=")]
    assert cells and all(cell.data_type == "s" for cell in cells)


def test_the_list_links_to_the_export_of_what_it_shows(login, province_admin, bloc, proposals):
    page = login(province_admin).get(LIST_URL, {"bloc": bloc.pk, "year": YEAR}).content.decode()
    assert f'href="{XLSX_URL}?bloc={bloc.pk}&amp;year={YEAR}"' in page or (
        f'href="{XLSX_URL}?year={YEAR}&amp;bloc={bloc.pk}"' in page
    )


def test_the_export_answers_only_get(login, viewer):
    assert login(viewer).post(XLSX_URL).status_code == 405


def test_the_header_chooses_all_and_the_forms_are_folded_until_opened(login, province_admin, proposals):
    page = login(province_admin).get(LIST_URL).content.decode()
    assert 'data-choose-all="proposal"' in page
    assert 'aria-label="Chọn mọi đề nghị trên trang này"' in page
    # Folded: Bootstrap's collapse without "show", each opened by its button.
    assert 'class="col-lg-6 collapse" id="submission-panel"' in page
    assert 'class="col-lg-6 collapse" id="decision-panel"' in page
    assert 'data-bs-target="#submission-panel"' in page and 'data-bs-target="#decision-panel"' in page
    assert "js/proposal-list.js" in page


def test_a_form_sent_with_errors_comes_back_open(login, province_admin, proposals):
    data = {"action": "submit", "proposal": [str(proposals[0].pk)], "sub-number": "", "sub-date": ""}
    page = login(province_admin).post(LIST_URL, data).content.decode()
    assert 'class="col-lg-6 collapse show" id="submission-panel"' in page
    assert 'class="col-lg-6 collapse" id="decision-panel"' in page


# The results page ---------------------------------------------------------------------------


def edit_url(bloc, year=YEAR):
    return reverse("awards:conference_edit", args=[bloc.pk, year])


def test_the_results_page_carries_an_empty_line_for_the_browser_to_add(login, secretary, bloc, members):
    page = login(secretary).get(edit_url(bloc)).content.decode()
    for prefix in ("guest", "prop"):
        template = re.search(rf'<template id="{prefix}-empty-row">(.*?)</template>', page, re.S)
        assert template, prefix
        assert f'name="{prefix}-__prefix__-' in template.group(1)
        assert f'data-add-row="{prefix}"' in page
    assert "Lưu để có thêm dòng" not in page  # "save to get more empty lines" is gone


def test_lines_added_in_the_browser_are_saved(login, secretary, bloc, members, results_post):
    """What the script does: a third guest line numbered 2, and the total raised to 3."""
    data = results_post(
        **{
            "guest-TOTAL_FORMS": "3",
            "guest-2-organisation": "Sở Nội vụ",
            "guest-2-person": "Vì Văn Dũng",
            "guest-2-title": "Chuyên viên",
        }
    )
    response = login(secretary).post(edit_url(bloc), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    guests = set(Attendance.objects.filter(membership=None).values_list("guest_organisation", flat=True))
    assert guests == {"Ban Thi đua - Khen thưởng tỉnh", "Sở Nội vụ"}


def test_text_inputs_stop_at_the_models_limit(login, secretary, bloc, members):
    page = login(secretary).get(edit_url(bloc)).content.decode()
    member = members[YEAR][0]
    assert re.search(rf'name="att-{member.pk}-person"[^>]*maxlength="150"', page)
    assert re.search(rf'name="att-{member.pk}-title"[^>]*maxlength="255"', page)
    assert re.search(r'name="guest-0-organisation"[^>]*maxlength="255"', page)
    assert re.search(r'name="prop-0-person_name"[^>]*maxlength="150"', page)
    assert re.search(r'name="conf-venue"[^>]*maxlength="\d+"', page)


def test_selects_say_what_to_do_in_vietnamese(login, secretary, bloc, members):
    page = login(secretary).get(edit_url(bloc)).content.decode()
    assert "---------" not in page
    assert page.count("— chọn —") >= 4  # host, leader, deputy, each proposal line's award and agency


# The admin: a leader, deputy or host of that bloc and year -------------------------------------


def admin_choices(response, name):
    form = response.context["adminform"].form
    return {pk for pk, _label in form.fields[name].choices if pk}


@pytest.fixture
def other_years_and_blocs(bloc, other_bloc, members):
    """Members of the bloc in another year and of another bloc in the same years."""
    return [
        MembershipFactory(bloc=bloc, year=2016),
        MembershipFactory(bloc=other_bloc, year=YEAR),
        MembershipFactory(bloc=other_bloc, year=YEAR + 1),
    ]


def test_the_admin_offers_a_leadership_the_members_of_its_year_only(
    login, province_admin, bloc, members, other_years_and_blocs
):
    leadership = Leadership.objects.create(bloc=bloc, year=YEAR + 1, leader=members[YEAR + 1][0])
    response = login(province_admin).get(reverse("admin:blocs_leadership_change", args=[leadership.pk]))
    expected = {m.pk for m in members[YEAR + 1]}
    assert admin_choices(response, "leader") == expected
    assert admin_choices(response, "deputy") == expected
    assert "---------" not in response.content.decode()


def test_the_admin_add_form_named_by_its_link_offers_that_year(
    login, province_admin, bloc, members, other_years_and_blocs
):
    url = reverse("admin:blocs_leadership_add") + f"?bloc={bloc.pk}&year={YEAR}"
    response = login(province_admin).get(url)
    assert admin_choices(response, "leader") == {m.pk for m in members[YEAR]}


def test_the_admin_offers_a_conference_the_hosts_of_its_bloc_and_year_only(
    login, province_admin, conference, members, other_years_and_blocs
):
    response = login(province_admin).get(reverse("admin:emulation_conference_change", args=[conference.pk]))
    assert admin_choices(response, "host") == {m.pk for m in members[YEAR]}


def test_the_blocs_leadership_rows_offer_their_own_years_members(
    login, province_admin, bloc, members, other_years_and_blocs
):
    Leadership.objects.create(bloc=bloc, year=YEAR, leader=members[YEAR][0])
    response = login(province_admin).get(reverse("admin:blocs_bloc_change", args=[bloc.pk]))
    leaderships = next(f for f in response.context["inline_admin_formsets"] if f.formset.model is Leadership)
    saved_row = leaderships.formset.forms[0]
    assert {pk for pk, _label in saved_row.fields["leader"].choices if pk} == {m.pk for m in members[YEAR]}
