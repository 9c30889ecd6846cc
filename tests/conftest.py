"""The suite's hooks and session-wide settings. Fixtures come from the plugins in tests/fixtures/
(personas, conferences, awards, the demo data, the permission tests' world, the browser)."""

import threading
import weakref

import pytest
from django.conf import settings as django_settings
from django.db.backends.signals import connection_created
from django.test import override_settings

from tests.fixtures import once

pytest_plugins = [
    "tests.fixtures.personas",
    "tests.fixtures.conferences",
    "tests.fixtures.awards",
    "tests.fixtures.demo",
    "tests.fixtures.world",
    "tests.fixtures.browser",
    "tests.fixtures.database",
]


@pytest.hookimpl(tryfirst=True)  # before pytest-django's stable sort (transactional tests last), which keeps this order
def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests are deselected (not skipped) on SQLite; CI's second pass runs them.

    The browser tests marked slow (the every-page check's parts) go first among the transactional
    tests: the longest are dealt first, so that no worker starts one when the others are done."""
    from django.db import connection

    if connection.vendor != "postgresql":
        kept = [item for item in items if "postgres" not in item.keywords]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[item for item in items if item not in kept])
            items[:] = kept
    items.sort(key=lambda item: 0 if {"browser", "slow"} <= set(item.keywords) else 1)


@pytest.hookimpl(optionalhook=True)  # pytest-xdist's hook: unknown when it is not loaded
def pytest_xdist_make_scheduler(config, log):
    """`make test`'s workers are dealt the tests in order, several at a time (pytest-xdist's `load`),
    but the browser tests one at a time: the browser tests come together near the end (they are
    transactional, pytest-django runs those last), and dealt in one batch they kept one worker busy
    for minutes while the others had finished."""
    from xdist.scheduler import LoadScheduling

    class OneBrowserTestAtATime(LoadScheduling):
        def _send_tests(self, node, num):
            upcoming = [self.collection[index] for index in self.pending[:num]]
            browser = [at for at, nodeid in enumerate(upcoming) if nodeid.startswith("tests/browser/")]
            if browser:  # a worker runs a test once it holds the next one: it is given two at least
                num = max(browser[0] + 1, 2 - len(self.node2pending[node]))
            super()._send_tests(node, num)

    return OneBrowserTestAtATime(config, log)


@pytest.fixture(scope="session", autouse=True)
def close_every_connection_before_the_test_database_goes(django_db_setup):
    """Django keeps a database connection per context, and once Playwright (the browser
    tests) has run, tests of this thread no longer all share one context: a connection
    opened in an earlier one stays open, and dropping the PostgreSQL test database then
    fails ("being accessed by other users"). Every connection this thread opened is
    closed before the database is dropped (this fixture's teardown comes first)."""
    opened, this_thread = [], threading.get_ident()

    def remember(sender, connection, **kwargs):
        if connection._thread_ident == this_thread:  # other threads close their own
            opened.append(weakref.ref(connection))

    connection_created.connect(remember, weak=False)
    yield
    connection_created.disconnect(remember)
    for ref in opened:
        if (wrapper := ref()) is not None:
            wrapper.close()


@pytest.fixture(autouse=True)
def rows_built_once_are_asked_for(request):
    """A database test in a module whose rows are built once (tests/fixtures/once.py) must take
    them: they are in its database whether it asks or not."""
    uses_database = request.node.get_closest_marker("django_db") or {"db", "transactional_db"} & set(
        request.fixturenames
    )
    missing = [name for name in once.OPEN if name not in request.fixturenames]
    if uses_database and missing:
        pytest.fail(
            f"This module shares rows built once: take the {missing} fixture, or move the test to another module."
        )


@pytest.fixture(scope="session", autouse=True)
def attachments_in_a_temporary_folder(tmp_path_factory):
    """Files attached by the tests go to a folder of this run, never to the checkout's var/."""
    storages = {**django_settings.STORAGES}
    storages["attachments"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path_factory.mktemp("attachments"))},
    }
    with override_settings(STORAGES=storages):
        yield


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
