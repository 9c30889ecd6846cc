from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from blocs import views as bloc_views

urlpatterns = [
    path("", bloc_views.home, name="home"),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("blocs.urls")),
    path("", include("emulation.urls")),
    path("", include("awards.urls")),
    path("", include("reports.urls")),
]
