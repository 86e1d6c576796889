"""The interface catalogues are complete: every string the code marks for translation is in each app's catalogue
of every site language but English, translated (not empty, not fuzzy), with the same placeholders."""

import re
import shutil
import sys
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

ROOT = Path(settings.BASE_DIR)
APPS = sorted(cfg.path for cfg in apps.get_app_configs()
              if Path(cfg.path).is_relative_to(ROOT) and not Path(cfg.path).is_relative_to(sys.prefix))
LANGUAGES = [to_locale(code) for code, _ in settings.LANGUAGES if code != "en"]
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sdf]|%[sd]|\{[a-z_0-9]*\}")


def _catalogue(app: str, language: str) -> polib.POFile:
    return polib.pofile(str(Path(app) / "locale" / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("app", APPS, ids=lambda path: Path(path).name)
def test_every_entry_is_translated_with_its_placeholders(app, language):
    catalogue = _catalogue(app, language)
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"{Path(app).name}/{language}: untranslated {untranslated[:5]}"
    assert not fuzzy, f"{Path(app).name}/{language}: fuzzy {fuzzy[:5]}"
    for entry in catalogue.translated_entries():
        wanted = sorted(PLACEHOLDER.findall(entry.msgid_plural or entry.msgid))
        for text in (entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]):
            if entry.msgid_plural and "%(" not in text and "{" not in text:
                continue  # a language with one form may leave the count out of a plural's other form
            assert sorted(PLACEHOLDER.findall(text)) == wanted, f"{language}: {entry.msgid!r} → {text!r}"


@pytest.fixture(scope="module")
def marked_strings(tmp_path_factory) -> set:
    """Every string the project's code and templates mark for translation, extracted as `makemessages` does
    (in a copy of each app, so the catalogues stay as they are)."""
    found = set()
    for app in APPS:
        copy = tmp_path_factory.mktemp("extract") / Path(app).name
        shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(copy)
            call_command("makemessages", locale=["vi"], verbosity=0, no_obsolete=True)
        found |= {(entry.msgctxt, entry.msgid) for entry in polib.pofile(str(copy / "locale/vi/LC_MESSAGES/django.po"))}
    return found


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_in_the_catalogues(language, marked_strings):
    """A string may sit in any app's catalogue (Django merges them), but it must be in one."""
    present = {(entry.msgctxt, entry.msgid) for app in APPS for entry in _catalogue(app, language)
               if not entry.obsolete}
    missing = sorted(marked_strings - present, key=str)
    assert not missing, f"{language}: {len(missing)} string(s) in no catalogue, e.g. {missing[:5]}"
