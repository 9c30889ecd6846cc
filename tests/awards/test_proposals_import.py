"""The spreadsheet import of the proposals voted at the blocs' conferences
(awards.imports.proposals_import, its page and `import_sheet proposals`): through
awards.services.proposals_replace, with the quota and vote rules checked as on the results page
(blocking stops the import, warning is shown), the finalized lock, a clear error per bad row and
nothing half-saved."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import translation

from awards.imports import AWARD, BALLOTS, MEMBER, PERSON, PROPOSAL_COLUMNS, VOTES
from awards.models import AwardRule, Proposal
from blocs.services import system_actor
from tests.awards.helpers import (
    PM_CERTIFICATE,
    PROVINCIAL_CERTIFICATE,
    PROVINCIAL_FLAG,
    YEAR,
    make_proposal,
    province_rule,
)
from tests.spreadsheets import csv_file, run, where, xlsx

AGENCIES = ("Bảo hiểm xã hội tỉnh", "Sở Thông tin và Truyền thông", "Sở Giáo dục và Đào tạo")


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def rows(bloc):
    return [
        [bloc.name, PROVINCIAL_FLAG, "bao hiem xa hoi tinh", "", "", "3", "3", ""],
        [bloc.name, PROVINCIAL_CERTIFICATE, AGENCIES[1], "", "", "3", "3", ""],
        [bloc.name, PROVINCIAL_CERTIFICATE, AGENCIES[2], "", "", "2", "3", "Bổ sung"],
    ]


def proposals_import(province, upload, year=YEAR, dry_run=False):
    return run("proposals", province, upload, actor=system_actor(), year=year, dry_run=dry_run)


def test_the_preview_runs_the_rules_and_saves_nothing(province, bloc, members, conference):
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, rows(bloc)), dry_run=True)
    assert preview.ok, [str(p) for p in preview.problems]
    assert len(preview.created) == 3
    assert not Proposal.objects.exists()


def test_the_import_saves_through_the_service_and_a_second_run_changes_nothing(province, bloc, members, conference):
    assert proposals_import(province, xlsx(PROPOSAL_COLUMNS, rows(bloc))).saved
    saved = {(p.award_type.name, p.membership.agency.name): (p.votes_for, p.ballots) for p in Proposal.objects.all()}
    assert saved == {
        (PROVINCIAL_FLAG, AGENCIES[0]): (3, 3),
        (PROVINCIAL_CERTIFICATE, AGENCIES[1]): (3, 3),
        (PROVINCIAL_CERTIFICATE, AGENCIES[2]): (2, 3),
    }
    history = Proposal.history.count()
    again = proposals_import(province, xlsx(PROPOSAL_COLUMNS, rows(bloc)))
    assert again.saved and (again.created, again.changed, len(again.unchanged)) == ([], [], 3)
    assert Proposal.history.count() == history


def test_proposals_the_file_does_not_name_are_left_alone(province, bloc, members, conference):
    kept = make_proposal(conference, members[YEAR][0], PM_CERTIFICATE)
    assert proposals_import(province, xlsx(PROPOSAL_COLUMNS, rows(bloc)[1:])).saved
    assert Proposal.objects.filter(pk=kept.pk).exists() and Proposal.objects.count() == 3


def test_a_csv_without_bom(province, bloc, members, conference):
    assert proposals_import(province, csv_file(PROPOSAL_COLUMNS, rows(bloc), encoding="utf-8"), dry_run=True).ok


def test_a_rule_that_warns_is_shown_and_the_import_goes_on(province, bloc, members, conference):
    table = [*rows(bloc), [bloc.name, PROVINCIAL_FLAG, AGENCIES[1], "", "", "3", "3", ""]]  # two flags: 1 per bloc
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, table))
    assert preview.saved and len(preview.warnings) == 1
    assert bloc.name in preview.warnings[0]


def test_a_rule_that_blocks_stops_the_import_with_its_source(province, bloc, members, conference):
    rule = province_rule(province, PROVINCIAL_FLAG, quota_count=1, enforcement=AwardRule.Enforcement.BLOCK)
    table = [*rows(bloc), [bloc.name, PROVINCIAL_FLAG, AGENCIES[1], "", "", "3", "3", ""]]
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, table))
    assert not preview.saved and rule.source in str(preview.problems[0])
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "index, value, column",
    [
        (5, "4", VOTES),  # more votes than ballots
        (6, "4", BALLOTS),  # more ballots than the bloc's three members
        (5, "ba", VOTES),
        (5, "", VOTES),
        (1, "Huân chương Không Có", AWARD),
        (2, "Sở Không Có", MEMBER),
    ],
)
def test_a_bad_row_names_its_row_and_column_and_nothing_is_saved(
    province, bloc, members, conference, index, value, column
):
    table = rows(bloc)
    table[1][index] = value
    if index == 6:
        table[1][5] = "4"
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, table))
    assert not preview.saved
    assert where(preview) == [(3, column)], [str(p) for p in preview.problems]
    assert str(preview.problems[0]).startswith("Dòng 3, cột")
    assert not Proposal.objects.exists()


def test_a_person_named_for_an_award_for_agencies(province, bloc, members, conference):
    table = rows(bloc)
    table[0][3] = "Nguyễn Văn A"  # the provincial flag goes to agencies
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, table))
    assert where(preview) == [(2, PERSON)]


def test_a_nominee_twice_in_the_file(province, bloc, members, conference):
    table = [*rows(bloc), rows(bloc)[1]]
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, table))
    assert where(preview) == [(5, MEMBER)] and "dòng 3" in preview.problems[0].message


def test_a_bloc_without_a_conference_and_a_finalized_one(province, bloc, other_bloc, members, finalized_conference):
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, [rows(bloc)[0], [other_bloc.name, *rows(bloc)[0][1:]]]))
    assert where(preview) == [(2, "Khối thi đua"), (3, "Khối thi đua")]
    assert "đã chốt" in preview.problems[0].message and "chưa" in preview.problems[1].message.lower()


def test_the_command_and_the_page(province, bloc, members, conference, tmp_path, login, province_admin):
    path = tmp_path / "de-nghi.xlsx"
    path.write_bytes(xlsx(PROPOSAL_COLUMNS, rows(bloc)).read())
    call_command("import_sheet", "proposals", str(path), "--province", province.code, "--year", str(YEAR), "--dry-run")
    assert not Proposal.objects.exists()
    bad = tmp_path / "sai.csv"
    table = rows(bloc)
    table[0][5] = "9"
    bad.write_bytes(csv_file(PROPOSAL_COLUMNS, table).read())
    with pytest.raises(CommandError):
        call_command("import_sheet", "proposals", str(bad), "--province", province.code, "--year", str(YEAR))
    assert not Proposal.objects.exists()

    client = login(province_admin)
    url = reverse("blocs:proposals_import", args=[province.pk])
    page = client.post(url, {"year": YEAR, "file": xlsx(PROPOSAL_COLUMNS, rows(bloc))})
    assert page.context["payload"]
    assert client.post(url, {"payload": page.context["payload"]}).status_code == 302
    assert Proposal.objects.count() == 3


def test_a_conference_whose_proposals_are_submitted_is_refused(province, bloc, proposals, province_admin):
    import datetime

    from awards import services
    from emulation.models import Conference

    services.proposals_submit(
        actor=province_admin, proposal_ids=[proposals[0].pk], number="08/TTr-BTĐKT", date=datetime.date(2018, 1, 24)
    )
    Conference.objects.filter(bloc=bloc, year=YEAR).update(status=Conference.Status.DRAFT)  # reopened
    preview = proposals_import(province, xlsx(PROPOSAL_COLUMNS, rows(bloc)))
    assert where(preview) == [(2, "Khối thi đua")] and "đã được trình" in preview.problems[0].message
    assert Proposal.objects.count() == 3
