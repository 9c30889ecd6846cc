"""What a user sees when a request cannot be served as sent, and how it is logged.

- A refused CSRF check and a post too large (or with too many fields) answer with a page in the
  user's language that says their text was not saved and how to get it back: Django's own pages
  are in English and say neither.
- A 403 or 404 is the application working as meant (a page outside the user's scope): it is
  logged as one line naming the user, the path and the reason, without a traceback.
"""

import logging
from pathlib import Path

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

TOO_MUCH = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)


def csrf_failure(request, reason=""):
    """settings.CSRF_FAILURE_VIEW: the form was sent from a page opened before the user logged
    in again (or whose session ended); what was typed is still in the browser's previous page."""
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def bad_request(request, exception):
    """handler400: a post over the size or field limits (DATA_UPLOAD_MAX_*) gets its own page."""
    template = "400_too_large.html" if isinstance(exception, TOO_MUCH) else "400.html"
    return render(request, template, status=400)


_FAVICON = Path(settings.BASE_DIR) / "static" / "favicon.ico"


@require_safe
@cache_control(max_age=7 * 24 * 60 * 60, public=True)
def favicon(request):
    """/favicon.ico, which browsers ask for on pages that name no icon (the admin site's)."""
    return HttpResponse(_FAVICON.read_bytes(), content_type="image/vnd.microsoft.icon")


class QuietClientErrors(logging.Filter):
    """On the console handler: a 403 or 404 (from django.request) becomes one line, "403 GET
    /path user=… reason=…", without the traceback Django attaches to it; other records pass
    unchanged. A 400's traceback (django.security.*) is left out too: the reason says it all."""

    def filter(self, record):
        status = getattr(record, "status_code", None)
        quiet = status in (403, 404) and record.name == "django.request"
        quiet = quiet or (status == 400 and record.name.startswith("django.security."))
        if not quiet:
            return True
        request = getattr(record, "request", None)
        user = getattr(request, "user", None)
        username = user.get_username() if user is not None and user.is_authenticated else "-"
        reason = str(record.exc_info[1]) if record.exc_info and record.exc_info[1] else record.getMessage()
        record.msg = "%s %s %s user=%s reason=%s"
        record.args = (status, getattr(request, "method", "-"), getattr(request, "path", "-"), username, reason)
        record.exc_info = record.exc_text = None
        return True
