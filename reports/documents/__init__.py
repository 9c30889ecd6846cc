"""The printed documents, one module each, and the registry of their builders by slug.

Each builds a reports.documents.structure.Printed (text and tables, the wording in
reports.documents.wording) that reports.output writes as HTML, PDF or XLSX; the
templates (reports/<slug>.html) only lay it out and run no query. Agencies are named as
they were named in the year a document is about.
"""

from reports.documents import (
    agency_record,
    bloc_summary,
    leadership_history,
    minutes,
    province_summary,
    submission_list,
)

BUILDERS = {
    "bloc-summary": bloc_summary.build,
    "minutes": minutes.build,
    "submission-list": submission_list.build,
    "province-summary": province_summary.build,
    "agency-record": agency_record.build,
    "leadership-history": leadership_history.build,
}
