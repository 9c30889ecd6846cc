"""The admin site speaks Vietnamese throughout, our strings and Django's, and breaks no CSP.

Every admin page of the permission matrix's URL list is rendered in Vietnamese, as the
province admin and as the site operator, and its visible text (and the text of titles, labels
and buttons) is searched for the English strings listed below: those users met, and the words
Django's admin is made of. Django's own catalogues are checked too: every message of the admin
and of the password forms, and every string of the admin's JavaScript, has a Vietnamese
translation here (core/django_messages.py, locale/vi/LC_MESSAGES/djangojs.po), so that a Django
upgrade that adds one fails this test rather than showing English.
"""

import json
import os
import re
from html.parser import HTMLParser

import django
import polib
import pytest
from django.utils import translation

from tests.clients import client_for
from tests.permissions.urlwalk import concrete_url, url_patterns

ENGLISH = [
    # What users reported.
    "Please correct the error below", "Please correct the errors below", "Choose all", "by selecting them",
    "Show counts", "Hide counts", "Reset password", "Raw passwords are not stored", "Set password",
    # The words the admin is made of.
    "Add", "Add another", "Change", "Delete", "History", "Save", "Save and add another",
    "Save and continue editing", "Save as new", "Save and view", "Search", "Filter", "Clear all filters",
    "Action", "Go", "selected", "Select all", "Clear selection", "Home", "Welcome", "View site",
    "Log out", "Change password", "Recent actions", "My actions", "None available", "Skip to main content",
    "Toggle navigation", "Toggle theme", "Sidebar", "Breadcrumbs", "Yes", "No", "Unknown", "None",
    "Today", "Now", "Date/time", "User", "Comment", "Changed by", "Change reason", "Object", "entry",
    "entries", "Enabled", "Disabled", "Password-based authentication", "Currently", "Remove", "Show all",
    "Are you sure", "Summary", "Objects", "Close", "results", "total", "This field is required",
]  # fmt: skip
ENGLISH_RE = re.compile(
    r"(?<!\w)(" + "|".join(re.escape(s) for s in sorted(ENGLISH, key=len, reverse=True)) + r")(?!\w)"
)

# Admin URLs that render no page of their own.
NOT_PAGES = {"admin:logout", "admin:view_on_site", "admin:jsi18n", "admin:autocomplete", "admin:login"}
SHOWN_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


class ShownText(HTMLParser):
    """The text a user reads: text outside scripts and styles, titles and labels, button values."""

    def __init__(self):
        super().__init__()
        self.parts, self.hidden = [], 0
        self.inline_styles, self.inline_scripts = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.inline_styles.append(f"<{tag} style={attrs['style']!r}>")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self.inline_scripts.append(tag)
        if tag in ("script", "style", "template"):
            self.hidden += 1
        self.parts.extend(value for name, value in attrs.items() if name in SHOWN_ATTRIBUTES and value)
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden and data.strip():
            self.parts.append(data.strip())


def admin_pages(world):
    for pattern in url_patterns():
        if pattern.key.startswith("admin:") and pattern.key not in NOT_PAGES:
            yield pattern.key, concrete_url(pattern, world)


@pytest.mark.parametrize("persona", ["admin", "root"])
def test_every_admin_page_is_in_vietnamese_without_inline_style_or_script(world, persona):
    client = client_for(world.users[persona])
    english, styles, scripts, rendered = [], [], [], 0
    with translation.override("vi"):
        for key, url in admin_pages(world):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response["Content-Type"]:
                continue
            rendered += 1
            shown = ShownText()
            shown.feed(response.content.decode())
            for text in shown.parts:
                english.extend(f"{key}: {match!r} in {text[:80]!r}" for match in ENGLISH_RE.findall(text))
            styles.extend(f"{key}: {s}" for s in shown.inline_styles)
            scripts.extend(f"{key}: inline <script>" for _ in shown.inline_scripts)
    assert rendered > 50  # the changelists, add, change, history and delete pages of every model
    assert not english, f"{len(english)} English strings on admin pages:\n" + "\n".join(sorted(set(english)))
    assert not styles, "inline styles (refused by our CSP):\n" + "\n".join(sorted(set(styles)))
    assert not scripts, "inline scripts (refused by our CSP):\n" + "\n".join(sorted(set(scripts)))


def test_a_form_with_errors_and_a_filtered_list_are_in_vietnamese(world):
    client = client_for(world.users["admin"])
    with translation.override("vi"):
        pages = [
            client.post("/admin/blocs/agency/add/", {}),
            client.get("/admin/blocs/membership/?year=2017&_facets=1&q=s%E1%BB%9F"),
            client.get("/admin/blocs/user/add/"),
        ]
    for response in pages:
        assert response.status_code == 200
        shown = ShownText()
        shown.feed(response.content.decode())
        found = [match for text in shown.parts for match in ENGLISH_RE.findall(text)]
        assert not found, found


def django_catalogue(app, domain):
    path = os.path.join(os.path.dirname(django.__file__), app, "locale", "en", "LC_MESSAGES", f"{domain}.po")
    return polib.pofile(path)


# Messages whose Vietnamese is written the same way.
SAME_IN_VIETNAMESE = {"%(class_name)s %(instance)s", "IPv4", "IPv6", "…", "LogEntry Object"}


@pytest.mark.parametrize("app", ["contrib/admin", "contrib/auth"])
def test_every_django_admin_message_has_a_vietnamese_translation(app):
    untranslated = []
    with translation.override("vi"):
        for entry in django_catalogue(app, "django"):
            if entry.msgid in SAME_IN_VIETNAMESE:
                continue
            if entry.msgid_plural:
                shown = (
                    translation.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, 1)
                    if entry.msgctxt
                    else (translation.ngettext(entry.msgid, entry.msgid_plural, 1))
                )
            else:
                shown = (
                    translation.pgettext(entry.msgctxt, entry.msgid)
                    if entry.msgctxt
                    else translation.gettext(entry.msgid)
                )
            if shown == entry.msgid:
                untranslated.append(entry.msgid)
    assert not untranslated, f"{len(untranslated)} of Django's messages show in English: {untranslated}"


def test_every_string_of_the_admins_javascript_has_a_vietnamese_translation(world):
    client = client_for(world.users["admin"])
    with translation.override("vi"):
        script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    missing = []
    for entry in django_catalogue("contrib/admin", "djangojs"):
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if key not in catalogue:
            missing.append(entry.msgid)
    assert not missing, f"{len(missing)} strings of the admin's JavaScript show in English: {missing}"
    assert catalogue["Choose all %s"] == "Chọn tất cả %s"
