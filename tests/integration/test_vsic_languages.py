"""The industry classification in every site language: the names of the files beside VSIC 2018 reach the
sectors (the migration loads them), and the dashboard and the finder name a sector in the visitor's language."""

import pytest
from django.utils import translation

from core.i18n import OTHER_LANGUAGES
from zones.models import Sector
from zones.sectors import read_classification

pytestmark = pytest.mark.django_db


def test_every_sector_has_a_name_in_each_language_with_a_file():
    rows = read_classification()
    given = [suffix for suffix in OTHER_LANGUAGES if all(row.get(f"name_{suffix}") for row in rows)]
    assert set(given) == set(OTHER_LANGUAGES)
    electronics = Sector.objects.get(code="2610")
    for suffix in given:
        name = getattr(electronics, f"name_{suffix}")
        assert name and name != electronics.name_en, suffix
    with translation.override("ja"):
        assert electronics.name == electronics.name_ja
