from django.urls import path

from emulation import views

app_name = "emulation"
urlpatterns = [
    path("blocs/<int:bloc_pk>/criteria/<int:year>/", views.criteria_edit, name="criteria_edit"),
    path("conferences/<int:pk>/finalize/", views.conference_finalize, name="conference_finalize"),
    path("conferences/<int:pk>/reopen/", views.conference_reopen, name="conference_reopen"),
]
