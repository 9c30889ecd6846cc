from django.urls import path

from awards import member_views, views

app_name = "awards"
urlpatterns = [
    # The conference pages: its results and the proposals voted at it are one page and one save.
    path("blocs/<int:bloc_pk>/conferences/<int:year>/", views.conference_edit, name="conference_edit"),
    path("conferences/<int:pk>/", views.conference_detail, name="conference_detail"),
    path("conferences/<int:pk>/history/", views.conference_history, name="conference_history"),
    path("awards/", views.proposal_list, name="proposal_list"),
    path("awards/proposals.xlsx", views.proposal_list_xlsx, name="proposal_list_xlsx"),
    path("agencies/<int:pk>/awards/", views.agency_record, name="agency_record"),
    path("proposals/<int:pk>/history/", views.proposal_history, name="proposal_history"),
    # The province's awards council's vote on a proposal, with absent members' written opinions.
    path("proposals/<int:pk>/council/", views.proposal_council, name="proposal_council"),
    # Signed originals kept with a conference, pledge, proposal, submission or decision.
    path("attachments/<slug:kind>/<int:pk>/", views.record_attachments, name="record_attachments"),
    path("attachments/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/remove/", views.attachment_remove, name="attachment_remove"),
    # A member agency's own part, from its own staff's account (phone first).
    path("my/", member_views.member_home, name="member_home"),
    path("my/<int:pk>/", member_views.member_year, name="member_year"),
    path("my/<int:pk>/evidence/", member_views.member_evidence, name="member_evidence"),
    path("my/<int:pk>/pledge/", member_views.member_pledge, name="member_pledge"),
    path("my/<int:pk>/report/", member_views.member_report, name="member_report"),
    path(
        "blocs/<int:bloc_pk>/conferences/<int:year>/adopt/",
        member_views.self_assessments_adopt,
        name="self_assessments_adopt",
    ),
]
