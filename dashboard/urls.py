from django.urls import path

from dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("provinces/<int:province_pk>/<int:year>/dashboard.xlsx", views.year_dashboard_xlsx, name="year_xlsx"),
    path("provinces/<int:province_pk>/<int:year>/missing.xlsx", views.missing_xlsx, name="missing_xlsx"),
    path("provinces/<int:province_pk>/<int:year>/deadlines/", views.deadlines_edit, name="deadlines"),
]
