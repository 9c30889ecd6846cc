"""The documents' reads: named figures that add up, and a layout that reads nothing more."""

from awards.models import Decision, Proposal, Submission
from blocs.models import Agency, Bloc, Membership
from emulation.models import Conference
from reports import output, selectors
from reports.documents import BUILDERS, province_summary
from reports.selectors import Outcomes

Status = Proposal.Status


def test_province_year_counts_each_bloc_and_adds_the_counts_up(seed_001):
    province = seed_001.bloc.province
    figures = selectors.province_year(province=province, year=2020)
    proposals = Proposal.objects.filter(conference__bloc__province=province, conference__year=2020)

    assert [b.bloc.name for b in figures.blocs] == sorted(b.name for b in province.blocs.all())
    for bloc in figures.blocs:
        of_bloc = proposals.filter(conference__bloc=bloc.bloc)
        assert bloc.members == Membership.objects.filter(bloc=bloc.bloc, year=2020).count()
        assert bloc.outcomes == Outcomes(
            proposed=of_bloc.count(),
            approved=of_bloc.filter(status=Status.APPROVED).count(),
            not_approved=of_bloc.filter(status=Status.NOT_APPROVED).count(),
            pending=of_bloc.filter(status__in=[Status.PROPOSED, Status.SUBMITTED]).count(),
        )
    assert figures.outcomes.approved == 2
    assert figures.outcomes == Outcomes.of(list(proposals))
    assert sum((t.outcomes for t in figures.award_types), Outcomes()) == figures.outcomes
    assert figures.members == Membership.objects.filter(bloc__province=province, year=2020).count()
    assert figures.conferences == Conference.objects.filter(bloc__province=province, year=2020).count()

    blocs_table, types_table = province_summary.lay_out(figures).tables[:2]
    counts = [figures.outcomes.proposed, figures.outcomes.approved, figures.outcomes.not_approved]
    counts.append(figures.outcomes.pending)
    conferences = f"{figures.conferences} hội nghị"
    assert blocs_table.total == ["", "Tổng cộng", figures.members, "", "", "", conferences, *counts]
    assert types_table.total == ["Tổng cộng", *counts]


def test_laying_out_and_printing_run_no_query_once_the_figures_are_read(
    seed_000, seed_001, bhxh, django_assert_num_queries
):
    # The objects as the views hand them over (the access helpers join the province).
    bloc = Bloc.objects.select_related("province").get(pk=seed_000.bloc_id)
    conference = Conference.objects.select_related("bloc__province").get(pk=seed_001.pk)
    submission = Submission.objects.select_related("province").filter(proposals__conference=seed_001).first()
    agency = Agency.objects.select_related("province").get(pk=bhxh.pk)
    decision = Decision.objects.select_related("province").filter(proposals__conference=seed_000).first()
    params = {
        "decision-list": {"decision": decision},
        "bloc-summary": {"bloc": bloc, "year": 2017},
        "minutes": {"conference": conference},
        "submission-list": {"submission": submission},
        "province-summary": {"province": bloc.province, "year": 2017},
        "province-prizes": {"province": bloc.province},
        "agency-record": {"agency": agency},
        "leadership-history": {"bloc": bloc},
        "dossier-submission": {"conference": conference},
        "vote-minutes": {"conference": conference},
        "nominee-list": {"conference": conference},
        "achievement-report": {"conference": conference, "proposal": conference.proposals.first()},
    }
    assert set(params) == set(BUILDERS)
    for slug, (select, lay_out) in BUILDERS.items():
        figures = select(**params[slug])
        with django_assert_num_queries(0):
            html = output.to_html(lay_out(figures))
        assert "<h1>" in html, slug
