from django.urls import path, register_converter

from reports import views


class FormatConverter:
    regex = "pdf|html|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

app_name = "reports"
urlpatterns = [
    path("reports/blocs/<int:bloc_pk>/<int:year>/summary.<fmt:fmt>", views.bloc_summary, name="bloc_summary"),
    path("reports/blocs/<int:bloc_pk>/leadership.<fmt:fmt>", views.leadership_history, name="leadership_history"),
    path("reports/conferences/<int:pk>/minutes.<fmt:fmt>", views.minutes, name="minutes"),
    path("reports/agencies/<int:pk>/awards.<fmt:fmt>", views.agency_record, name="agency_record"),
    path(
        "reports/provinces/<int:province_pk>/<int:year>/summary.<fmt:fmt>",
        views.province_summary,
        name="province_summary",
    ),
    path("reports/submissions/<int:pk>/list.<fmt:fmt>", views.submission_list, name="submission_list"),
    path("reports/decisions/<int:pk>/list.<fmt:fmt>", views.decision_list, name="decision_list"),
]
