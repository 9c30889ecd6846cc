from django.urls import path

from blocs import views

app_name = "blocs"
urlpatterns = [
    path("agencies/", views.agency_list, name="agency_list"),
    path("agencies/<int:pk>/", views.agency_detail, name="agency_detail"),
    path("agencies/<int:pk>/history/", views.agency_history, name="agency_history"),
    path("blocs/", views.bloc_list, name="bloc_list"),
    path("blocs/<int:pk>/", views.bloc_detail, name="bloc_detail"),
    path("blocs/<int:pk>/copy-members/", views.bloc_copy_members, name="bloc_copy_members"),
    path("provinces/<int:province_pk>/merge-agencies/", views.agency_merge, name="agency_merge"),
    path("provinces/<int:province_pk>/redraw-blocs/", views.bloc_redraw, name="bloc_redraw"),
    path(
        "provinces/<int:province_pk>/import/agencies/", views.sheet_import, {"kind": "agencies"}, name="agencies_import"
    ),
    path(
        "provinces/<int:province_pk>/import/agencies/template.xlsx",
        views.sheet_import_template,
        {"kind": "agencies"},
        name="agencies_import_template",
    ),
    path("provinces/<int:province_pk>/import/members/", views.sheet_import, {"kind": "members"}, name="members_import"),
    path(
        "provinces/<int:province_pk>/import/members/template.xlsx",
        views.sheet_import_template,
        {"kind": "members"},
        name="members_import_template",
    ),
    path("provinces/<int:province_pk>/import/scores/", views.sheet_import, {"kind": "scores"}, name="scores_import"),
    path(
        "provinces/<int:province_pk>/import/scores/template.xlsx",
        views.sheet_import_template,
        {"kind": "scores"},
        name="scores_import_template",
    ),
    path(
        "provinces/<int:province_pk>/import/proposals/",
        views.sheet_import,
        {"kind": "proposals"},
        name="proposals_import",
    ),
    path(
        "provinces/<int:province_pk>/import/proposals/template.xlsx",
        views.sheet_import_template,
        {"kind": "proposals"},
        name="proposals_import_template",
    ),
]
