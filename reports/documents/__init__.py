"""The printed documents, one module each, and the registry that builds them by slug.

A document is built in two steps: a selector of reports.selectors reads the named figures
(every query is there), then the document's module lays them out as the neutral structure
of reports.documents.structure (Printed: header, numbered parts, tables, signers), with
the wording in Vietnamese (reports.documents.wording). reports.output writes that
structure as HTML, PDF or XLSX; the templates (reports/<slug>.html) run no query.
Agencies are named as they were named in the year a document is about.
"""

from reports import selectors
from reports.documents import (
    achievement_report,
    agency_record,
    bloc_summary,
    decision_list,
    dossier_submission,
    leadership_history,
    minutes,
    nominee_list,
    province_prizes,
    province_summary,
    submission_list,
    vote_minutes,
)

# slug: (the selector, called with the document's parameters; the layout of its figures)
BUILDERS = {
    bloc_summary.SLUG: (selectors.bloc_year, bloc_summary.lay_out),
    minutes.SLUG: (selectors.conference_minutes, minutes.lay_out),
    submission_list.SLUG: (selectors.submission_proposals, submission_list.lay_out),
    decision_list.SLUG: (selectors.decision_proposals, decision_list.lay_out),
    province_summary.SLUG: (selectors.province_year, province_summary.lay_out),
    province_prizes.SLUG: (selectors.province_prizes, province_prizes.lay_out),
    agency_record.SLUG: (selectors.agency_awards, agency_record.lay_out),
    leadership_history.SLUG: (selectors.bloc_leaderships, leadership_history.lay_out),
    # The parts of a bloc's award dossier, each printed alone too (dossier() builds them all).
    dossier_submission.SLUG: (selectors.conference_dossier, dossier_submission.lay_out),
    vote_minutes.SLUG: (selectors.conference_dossier, vote_minutes.lay_out),
    nominee_list.SLUG: (selectors.conference_dossier, nominee_list.lay_out),
    achievement_report.SLUG: (selectors.nominee_report, achievement_report.lay_out),
}


def build(slug, **params):
    """The Printed document `slug` for these parameters (e.g. bloc=…, year=…)."""
    select, lay_out = BUILDERS[slug]
    return lay_out(select(**params))


def dossier(*, conference):
    """A bloc's award dossier, read once: its tờ trình, the vote minutes, the list of nominees,
    then one achievement report per collective nominee, in the order they are sent."""
    figures = selectors.conference_dossier(conference=conference)
    parts = [layout(figures) for layout in (dossier_submission.lay_out, vote_minutes.lay_out, nominee_list.lay_out)]
    reports = [achievement_report.lay_out(selectors.NomineeReport(figures, p)) for p in figures.collectives]
    return parts + reports
