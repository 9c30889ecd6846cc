from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.http import HttpResponse
from django.urls import include, path

from blocs.forms import LoginForm
from config import errors
from dashboard import views as dashboard_views


def health(request):
    """For load balancers and the benchmark's baseline: answers without the database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [
    path("", dashboard_views.year_dashboard, name="home"),
    path("healthz", health, name="health"),
    path("favicon.ico", errors.favicon, name="favicon"),
    path("login/", auth_views.LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("", include("blocs.urls")),
    path("", include("emulation.urls")),
    path("", include("awards.urls")),
    path("", include("reports.urls")),
    path("", include("dashboard.urls")),
]

handler400 = errors.bad_request
