"""Two application servers behind one reverse proxy share everything through the database.

Two gunicorn servers, started as a production install would be (DEBUG off, a SECRET_KEY they
share, the PostgreSQL test database), answer one user in turn, as a proxy without sticky
sessions sends them: a login made on one server is valid on the other, an edit conflict is
seen across servers, and either prints a PDF. The data is committed (transactional_db) so
that the servers' own connections see it.

With DEBUG off the settings redirect plain http to https and mark the session and CSRF
cookies Secure. The servers are not made lax for the test: every request carries what the
proxy that ends TLS sends (`X-Forwarded-Proto: https`, trusted through SECURE_PROXY_SSL_HEADER
as docs/deployment.md says), and the public host name, whose `https://` origin a browser
sends with its forms. Cookies are kept here by hand: the standard library's cookie jar would
withhold Secure cookies from a plain-http connection.
"""

import http.client
import http.cookies
import io
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.parse
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader

from core.versioning import EditConflict
from emulation.models import Conference

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
HOST = "sothidua.test"  # the public name the proxy serves; .test never resolves
PASSWORD = "mat-khau-thu-2026"
YEAR = 2017
STARTUP_SECONDS = 60
REQUEST_SECONDS = 60  # a cold worker's first PDF loads fonts and templates


def database_url():
    """The test database (with its xdist suffix, if any), as DATABASE_URL names it."""
    db = connection.settings_dict
    credentials = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        credentials += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Server:
    """One gunicorn on a loopback port that the system chose. The test binds the socket and
    hands it to gunicorn (fd://), so no other process can take the port in between."""

    def __init__(self, name, env, log_dir):
        self.name = name
        listener = socket.create_server(("127.0.0.1", 0), backlog=64)
        self.port = listener.getsockname()[1]
        self.log = open(log_dir / f"gunicorn-{name}.log", "wb")  # noqa: SIM115 - closed in stop()
        try:
            self.process = subprocess.Popen(  # noqa: S603 - our own server
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "config.wsgi",
                    f"--bind=fd://{listener.fileno()}",
                    "--workers=1",
                    f"--timeout={REQUEST_SECONDS}",
                    "--graceful-timeout=5",
                    "--log-level=warning",
                ],
                cwd=ROOT,
                env=env,
                pass_fds=[listener.fileno()],
                stdout=self.log,
                stderr=subprocess.STDOUT,
            )
        finally:
            listener.close()  # gunicorn holds its own copy

    def wait_until_ready(self):
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn {self.name} exited with {self.process.returncode}:\n{self.output()}")
            try:
                status, _, _ = self.request("GET", "/healthz", timeout=2)
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        pytest.fail(f"gunicorn {self.name} did not answer /healthz within {STARTUP_SECONDS} s:\n{self.output()}")

    def request(self, method, path, headers=None, body=None, timeout=REQUEST_SECONDS):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request(
                method, path, body=body, headers={"Host": HOST, "X-Forwarded-Proto": "https", **(headers or {})}
            )
            response = conn.getresponse()
            return response.status, response.headers, response.read()
        finally:
            conn.close()

    def output(self):
        self.log.flush()
        return Path(self.log.name).read_text(errors="replace")[-4000:]

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.log.close()


@pytest.fixture(scope="module")
def servers(django_db_setup, tmp_path_factory):
    """Servers A and B: one SECRET_KEY, one database, nothing else in common. Started once for
    the module: they keep no connection between requests, and each test commits its own data."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url(),
        "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        "CONN_MAX_AGE": "0",  # no connection outlives a request, so the test database can be dropped
        "LOG_LEVEL": "WARNING",
    }
    started = []
    try:
        for name in ("A", "B"):
            started.append(Server(name, env, tmp_path_factory.mktemp("servers")))
        for server in started:
            server.wait_until_ready()
        yield started
    finally:
        for server in started:
            server.stop()


class Browser:
    """One person's browser: their cookies, sent to whichever server the proxy picks."""

    def __init__(self):
        self.cookies = {}

    def send(self, server, method, path, form=None):
        headers = {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"  # what a browser sends with a form; CSRF checks it
        status, response_headers, content = server.request(method, path, headers, body)
        for line in response_headers.get_all("Set-Cookie") or []:
            for key, morsel in http.cookies.SimpleCookie(line).items():
                if morsel["max-age"] == "0":
                    self.cookies.pop(key, None)
                else:
                    self.cookies[key] = morsel.value
        return status, response_headers, content

    def get(self, server, path):
        return self.send(server, "GET", path)

    def post(self, server, path, form):
        return self.send(server, "POST", path, form)


class FormFields(HTMLParser):
    """What a browser would submit from each form of a page: {index: [(name, value)]}."""

    def __init__(self):
        super().__init__()
        self.forms, self.current, self.select, self.textarea = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.current = len(self.forms)
            self.forms[self.current] = []
        elif self.current is None:
            return
        elif tag == "input" and attrs.get("name"):
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.forms[self.current].append((attrs["name"], attrs.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and attrs.get("name"):
            self.select = {"name": attrs["name"], "first": None, "chosen": None}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.select["chosen"] = value
        elif tag == "textarea" and attrs.get("name"):
            self.textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select" and self.select is not None:
            chosen = self.select["chosen"] if self.select["chosen"] is not None else self.select["first"]
            self.forms[self.current].append((self.select["name"], chosen or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            name, text = self.textarea
            self.forms[self.current].append((name, text.removeprefix("\n")))
            self.textarea = None


def form_with(content, field):
    """The fields of the page's form that holds `field`, as a dict."""
    parser = FormFields()
    parser.feed(content.decode())
    for fields in parser.forms.values():
        if any(name == field for name, _ in fields):
            return dict(fields)
    raise AssertionError(f"No form with {field!r} on the page")


def log_in(browser, server, user):
    status, _, content = browser.get(server, "/login/")
    assert status == 200
    form = form_with(content, "csrfmiddlewaretoken") | {"username": user.username, "password": PASSWORD}
    status, _, _ = browser.post(server, "/login/", form)
    assert status == 302, f"login of {user.username} refused"
    assert "sessionid" in browser.cookies


@pytest.fixture
def people(settings, secretary, province_admin):
    """The secretary and a province admin, with passwords the servers can check: the tests'
    fast hasher is a setting of this process only, and the servers use the real ones."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
    for user in (secretary, province_admin):
        user.password = make_password(PASSWORD)
        user.save(update_fields=["password"])
    return secretary, province_admin


@pytest.fixture
def conference(bloc, members):
    """A draft conference of `bloc` reviewing 2017, as a first save of the results page leaves it."""
    return Conference.objects.create(
        bloc=bloc, year=YEAR, date=date(YEAR + 1, 1, 8), host=members[YEAR][0], venue="Hội trường tầng 3"
    )


def test_a_login_on_one_server_is_valid_on_the_other(servers, people):
    a, b = servers
    secretary, _ = people
    anonymous = Browser()
    status, headers, _ = anonymous.get(b, "/blocs/")
    assert status == 302 and headers["Location"].startswith("/login/")

    browser = Browser()
    log_in(browser, a, secretary)
    status, _, content = browser.get(b, "/blocs/")

    assert status == 200
    assert escape(secretary.display_name) in content.decode()


def test_an_edit_conflict_across_servers_refuses_the_later_save(servers, people, bloc, conference):
    a, b = servers
    secretary, admin = people
    at_a, at_b = Browser(), Browser()
    log_in(at_a, a, secretary)
    log_in(at_b, b, admin)
    page = f"/blocs/{bloc.pk}/conferences/{YEAR}/"

    status_a, _, content_a = at_a.get(a, page)
    status_b, _, content_b = at_b.get(b, page)
    assert status_a == status_b == 200
    form_a, form_b = form_with(content_a, "conf-version"), form_with(content_b, "conf-version")
    assert form_a["conf-version"] == form_b["conf-version"] == str(conference.version)

    status, headers, _ = at_a.post(a, page, form_a | {"conf-venue": "Hội trường A", "save": ""})
    assert status == 302, "A's save was refused"
    assert headers["Location"] == f"/conferences/{conference.pk}/"
    history = conference.history.count()

    status, _, content = at_b.post(b, page, form_b | {"conf-venue": "Hội trường B", "conf-chair_name": "Người B"})

    assert status == 200
    saved = Conference.objects.get(pk=conference.pk)
    with translation.override("vi"):  # pages are in Vietnamese by default
        (message,) = EditConflict(saved).messages
    assert message.startswith("Chưa lưu gì: ") and secretary.display_name in message
    assert escape(message) in content.decode()
    assert 'value="Hội trường B"' in content.decode()  # what B typed stays on B's page, to save again
    # Nothing of B's save is kept: the conference is as A saved it.
    assert (saved.venue, saved.chair_name) == ("Hội trường A", conference.chair_name)
    assert saved.version == conference.version + 1
    assert saved.history.count() == history


def test_a_pdf_is_printed_by_the_other_server(servers, people, bloc, members):
    a, b = servers
    secretary, _ = people
    browser = Browser()
    log_in(browser, a, secretary)

    status, headers, content = browser.get(b, f"/reports/blocs/{bloc.pk}/{YEAR}/summary.pdf")

    assert status == 200, b.output()
    assert headers["Content-Type"] == "application/pdf"
    assert content.startswith(b"%PDF-")
    assert len(PdfReader(io.BytesIO(content)).pages) >= 1
