"""Vietnamese by default, English on request, every string translated, dates as dd/mm/yyyy."""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django import forms
from django.apps import apps
from django.urls import reverse
from django.utils import formats, translation

ROOT = Path(__file__).resolve().parents[1]
PO = ROOT / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_vietnamese_translation():
    catalogue = polib.pofile(str(PO))
    assert len(catalogue) > 100
    assert catalogue.untranslated_entries() == []
    assert catalogue.fuzzy_entries() == []


def test_compiled_catalogue_matches_the_source(tmp_path):
    """The committed .mo holds exactly what the .po says (run `make messages` after editing)."""
    compiled = polib.mofile(str(PO.with_suffix(".mo")))
    source = polib.pofile(str(PO))
    assert {(e.msgid, e.msgstr) for e in compiled if not e.msgid_plural} == {
        (e.msgid, e.msgstr) for e in source if not e.msgid_plural and not e.obsolete
    }


def test_no_string_in_the_code_is_missing_from_the_catalogue(tmp_path):
    """makemessages on a copy of the code finds no message the catalogue lacks."""
    if not shutil.which("xgettext"):
        pytest.fail("xgettext not found: `make test` installs Debian's gettext package")
    ours = [Path(config.path).name for config in apps.get_app_configs() if Path(config.path).parent == ROOT]
    shutil.copy(ROOT / "manage.py", tmp_path / "manage.py")
    for name in ("config", "templates", "locale", *ours):
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "vi", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = polib.pofile(str(tmp_path / "locale" / "vi" / "LC_MESSAGES" / "django.po"))
    missing = [e.msgid for e in fresh if not e.translated()]
    assert missing == []


def test_vietnamese_is_the_default_even_for_an_english_browser(client, viewer):
    client.force_login(viewer)
    response = client.get(reverse("blocs:bloc_list"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.headers["Content-Language"] == "vi"
    assert "Khối thi đua" in response.content.decode()


def test_the_language_switch_turns_the_pages_english(client, viewer):
    client.force_login(viewer)
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("blocs:bloc_list")})
    assert response.status_code == 302
    page = client.get(reverse("blocs:bloc_list")).content.decode()
    assert "Emulation blocs" in page
    assert "Khối thi đua" not in page.split("<main")[0]


@pytest.mark.parametrize("language", ["vi", "en"])
def test_dates_are_shown_and_accepted_as_day_month_year(language):
    import datetime

    with translation.override(language):
        assert formats.date_format(datetime.date(2018, 1, 8), "SHORT_DATE_FORMAT") == "08/01/2018"
        field = forms.DateField()
        assert field.clean("08/01/2018") == datetime.date(2018, 1, 8)
        with pytest.raises(forms.ValidationError):
            field.clean("01/13/2018")
