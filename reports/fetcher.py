"""The only way a printed document may load anything: our own static files.

WeasyPrint would otherwise follow any URL in the HTML (file://, http to anywhere,
redirects). Documents are rendered with BASE_URL, a host that never resolves, so the
{% static %} URLs of the templates become BASE_URL + STATIC_URL + path; every other URL
is refused and nothing is fetched.
"""

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from weasyprint.urls import URLFetcher, URLFetcherResponse

BASE_URL = "https://static.sothidua.invalid/"


class RefusedURL(ValueError):
    pass


class StaticFilesOnly(URLFetcher):
    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)

    def fetch(self, url, headers=None):
        return URLFetcherResponse(url, body=read_static(url), headers={"Content-Type": _mime_type(url)})


def read_static(url):
    """The bytes of the static file `url` names, or RefusedURL."""
    prefix = BASE_URL + settings.STATIC_URL.lstrip("/")
    parts = urlsplit(url)
    if not url.startswith(prefix) or parts.query or parts.fragment:
        raise RefusedURL(f"Not one of our static files: {url[:200]}")
    relative = unquote(parts.path.removeprefix("/" + settings.STATIC_URL.lstrip("/")))
    if not relative or relative.startswith("/") or ".." in Path(relative).parts or "\\" in relative:
        raise RefusedURL(f"Not one of our static files: {url[:200]}")
    found = finders.find(relative)
    if not found:
        raise RefusedURL(f"No such static file: {relative[:200]}")
    return Path(found).read_bytes()


def _mime_type(url):
    return mimetypes.guess_type(urlsplit(url).path)[0] or "application/octet-stream"
