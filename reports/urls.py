from django.urls import path, register_converter

from reports import views


class FormatConverter:
    regex = "pdf|html|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

# Each document at one route per format family: PDF, HTML and XLSX through the fmt converter,
# and the DOCX under its own name, so that the permission matrix holds a row for it.
DOCUMENTS = [
    ("reports/blocs/<int:bloc_pk>/<int:year>/summary", views.bloc_summary, "bloc_summary"),
    ("reports/blocs/<int:bloc_pk>/leadership", views.leadership_history, "leadership_history"),
    ("reports/conferences/<int:pk>/minutes", views.minutes, "minutes"),
    ("reports/agencies/<int:pk>/awards", views.agency_record, "agency_record"),
    ("reports/provinces/<int:province_pk>/<int:year>/summary", views.province_summary, "province_summary"),
    ("reports/provinces/<int:province_pk>/prizes", views.province_prizes, "province_prizes"),
    ("reports/submissions/<int:pk>/list", views.submission_list, "submission_list"),
    ("reports/decisions/<int:pk>/list", views.decision_list, "decision_list"),
    ("reports/conferences/<int:pk>/dossier/submission", views.dossier_submission, "dossier_submission"),
    ("reports/conferences/<int:pk>/dossier/vote-minutes", views.vote_minutes, "vote_minutes"),
    ("reports/conferences/<int:pk>/dossier/nominees", views.nominee_list, "nominee_list"),
    (
        "reports/conferences/<int:pk>/dossier/achievements/<int:proposal_pk>",
        views.achievement_report,
        "achievement_report",
    ),
]

app_name = "reports"
urlpatterns = [
    *[path(f"{route}.<fmt:fmt>", view, name=name) for route, view, name in DOCUMENTS],
    *[path(f"{route}.docx", view, {"fmt": "docx"}, name=f"{name}_docx") for route, view, name in DOCUMENTS],
    # Certificates printed onto the province's blanks: the page that prints them batch by
    # batch, one batch's PDF, and the calibration page of an award type's layout.
    path("reports/decisions/<int:pk>/certificates/", views.decision_certificates, name="certificates"),
    path("reports/decisions/<int:pk>/certificates.pdf", views.decision_certificates_pdf, name="certificates_pdf"),
    path(
        "reports/provinces/<int:province_pk>/certificates/<int:award_type_pk>/calibration.pdf",
        views.certificate_calibration,
        name="certificate_calibration",
    ),
    # The whole dossier, every part as DOCX and PDF.
    path("reports/conferences/<int:pk>/dossier.zip", views.dossier_zip, name="dossier_zip"),
]
