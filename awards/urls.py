from django.urls import path

from awards import views

app_name = "awards"
urlpatterns = [
    path("awards/", views.proposal_list, name="proposal_list"),
    path("agencies/<int:pk>/awards/", views.agency_record, name="agency_record"),
    path("proposals/<int:pk>/history/", views.proposal_history, name="proposal_history"),
]
