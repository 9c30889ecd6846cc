"""The award tests read pages and messages in Vietnamese. Their fixtures come from
tests/fixtures/awards.py, their helpers from tests/awards/helpers.py."""

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def vietnamese():
    """Pages and services speak Vietnamese, as users see them; tests compare with the catalogue."""
    with translation.override("vi"):
        yield
