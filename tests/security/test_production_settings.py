"""Production settings pass `check --deploy`; every response carries the browser protections."""

import json
import os
import re
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(50)),
    "ALLOWED_HOSTS": "example.org",
}
# Variables of this test process that the production process must not inherit.
NOT_INHERITED = (
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "CLIENT_IP_HEADER",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/browser for Playwright; check --deploy rightly refuses it
)


def run(args, **env):
    """Runs Python in a fresh process with the production environment (plus `env`) in the checkout."""
    environment = {k: v for k, v in os.environ.items() if k not in NOT_INHERITED}
    environment.update(PRODUCTION, **env)
    return subprocess.run(  # noqa: S603 - this test's own commands
        [sys.executable, *args], cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120
    )


def production_settings(**env):
    names = [
        "SECURE_SSL_REDIRECT",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    ]
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run(["-c", code], DJANGO_SETTINGS_MODULE="config.settings", **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_passes_with_production_settings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_is_https_only_by_default():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] is True
    assert values["CSRF_COOKIE_SECURE"] is True
    assert values["SECURE_HSTS_SECONDS"] == 365 * 24 * 60 * 60
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] is None


def test_https_settings_come_from_the_environment():
    values = production_settings(
        SECURE_SSL_REDIRECT="false",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
    )
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False


def test_a_misspelt_switch_stops_the_start():
    failed = run(["manage.py", "check"], SECURE_SSL_REDIRECT="yes")
    assert failed.returncode != 0
    assert "SECURE_SSL_REDIRECT must be 'true' or 'false'" in failed.stderr


def test_development_stays_on_plain_http():
    """The test process runs with DEBUG on in its environment, as `make run` does."""
    assert settings.SECURE_SSL_REDIRECT is False
    assert settings.SESSION_COOKIE_SECURE is False
    assert settings.SECURE_HSTS_SECONDS == 0


def test_responses_carry_the_browser_protections(client):
    response = client.get(reverse("login"))

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "same-origin"
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response.headers["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert policy["default-src"] == ["'self'"]
    assert "script-src" not in policy  # so scripts fall back to default-src 'self': no inline script
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["object-src"] == ["'none'"]
    assert "'unsafe-inline'" not in response.headers["Content-Security-Policy"]


def test_pages_load_their_scripts_from_files(client, viewer):
    client.force_login(viewer)
    page = client.get(reverse("blocs:bloc_list")).content.decode()

    assert re.search(r'<select name="language"[^>]*data-submit-on-change', page)
    assert 'src="/static/js/submit-on-change.js"' in page
    assert (ROOT / "static" / "js" / "submit-on-change.js").is_file()


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
SCRIPT_URL = re.compile(r"javascript:", re.IGNORECASE)


@pytest.mark.parametrize("template", sorted(ROOT.glob("templates/**/*.html")), ids=lambda p: str(p.relative_to(ROOT)))
def test_templates_have_no_inline_script(template):
    """The CSP refuses inline scripts and handlers: behaviour goes in static/js."""
    text = template.read_text()
    assert not INLINE_SCRIPT.search(text)
    assert not INLINE_HANDLER.search(text)
    assert not SCRIPT_URL.search(text)
