"""Every distinct page of the permission matrix on a 390 px phone, checked by axe-core.

Each URL pattern of tests/permissions/test_matrix.py that some persona may open (a 200 for GET)
is visited once, as the first persona of PREFERRED that the table allows, with the permission
world's rows (tests/permissions/urlwalk.py): a new page is covered as soon as it has its row.
Pages that are not HTML (PDF, XLSX, DOCX, files) are skipped: by their URL's ending, without
asking the server to build them, and by the answer's type (an attached file). On each page:
- nothing is wider than the screen: the document scrolls no wider than 390 px (a table may
  scroll inside its own box);
- axe-core (the copy inside axe-playwright-python) finds no serious or critical violation, with
  the navbar's menu opened, as a phone user opens it, so that its links are checked too.
One browser, one session per persona (a session cookie made by Django's test client). The pages
are dealt into PARTS tests, so that `make test`'s workers check them side by side.
"""

import time

import pytest
from django.test import Client
from playwright.sync_api import Error as PlaywrightError

from awards import catalogue
from awards.models import AwardRule, AwardType, BaseSalary
from tests.browser.helpers import PHONE, axe_run
from tests.fixtures.world import build_world
from tests.permissions.test_matrix import EXPECTED, expected
from tests.permissions.urlwalk import concrete_url, url_patterns

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.django_db(transaction=True),
]

PREFERRED = ["admin", "sec1", "viewer", "root"]  # who opens a page that several may open
NOT_PAGES = {"logout", "admin:logout", "set_language", "admin:jsi18n", "admin:autocomplete", "health", "favicon"}
SERIOUS = ("serious", "critical")
# The navbar's menu, folded behind its button on a phone, opened at once (no animation to wait for).
OPEN_MENU = "document.getElementById('main-nav')?.classList.add('show')"
FILES = (".pdf", ".docx", ".xlsx", ".zip")
PARTS = 4


def pages_to_visit(world):
    """(key, url, persona) for each distinct page, in the table's order."""
    for pattern in url_patterns():
        if pattern.key in NOT_PAGES or pattern.key not in EXPECTED:
            continue
        persona = next((p for p in PREFERRED if expected(pattern.key, p, "GET") == "200"), None)
        if persona:
            yield pattern.key, concrete_url(pattern, world), persona


def session_cookie(user, live_server):
    client = Client()
    client.force_login(user)
    return {"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}


@pytest.mark.parametrize("part", range(PARTS))
def test_every_page_fits_a_phone_and_has_no_serious_axe_violation(chromium, live_server, part):
    catalogue.ensure(AwardType, AwardRule, BaseSalary)
    world = build_world()
    contexts, overflow, violations, checked, skipped = {}, [], [], 0, 0
    started = time.monotonic()
    try:
        for key, url, persona in list(pages_to_visit(world))[part::PARTS]:
            if url.split("?")[0].endswith(FILES):
                skipped += 1
                continue
            if persona not in contexts:
                context = chromium.new_context(base_url=live_server.url, viewport=PHONE)
                context.add_cookies([session_cookie(world.users[persona], live_server)])
                contexts[persona] = context.new_page()
            page = contexts[persona]
            try:
                response = page.goto(url, wait_until="load")
            except PlaywrightError as error:  # a file sent as a download (a template, an export)
                if "Download is starting" not in str(error):
                    raise
                skipped += 1
                continue
            if response is None or "text/html" not in (response.headers.get("content-type") or ""):
                skipped += 1
                continue
            checked += 1
            page.evaluate(OPEN_MENU)
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                overflow.append((f"{key} too-wide", f"{url} as {persona}: {width} px wide"))
            for violation in axe_run(page):
                if violation["impact"] in SERIOUS:
                    targets = [", ".join(node["target"]) for node in violation["nodes"]][:3]
                    violations.append((f"{key} {violation['id']}", f"{url} ({violation['impact']}) at {targets}"))
    finally:
        for page in contexts.values():
            page.context.close()
    elapsed = time.monotonic() - started
    summary = f"{len(overflow)} too wide, {len(violations)} serious or critical axe violations"
    print(f"\npart {part + 1} of {PARTS}: {checked} pages checked ({skipped} not HTML) in {elapsed:.0f} s: {summary}")
    assert checked > 80 // PARTS
    problems = [f"{problem}: {where}" for problem, where in overflow + violations]
    assert not problems, "\n".join(problems)
