"""The seeded environmental types and criteria read in Korean, Japanese and Chinese (migration 0010)."""

import pytest
from django.utils import translation

from core.i18n import OTHER_LANGUAGES
from licensing.models import EnvironmentalCriterion, PollutingActivity

pytestmark = pytest.mark.django_db


def test_every_seeded_type_and_criterion_has_its_four_translations():
    activities, criteria = PollutingActivity.objects.all(), EnvironmentalCriterion.objects.all()
    assert activities.exists() and criteria.exists()
    for suffix in OTHER_LANGUAGES:
        assert not activities.filter(**{f"name_{suffix}": ""}).exists()
        assert not activities.filter(**{f"unit_{suffix}": ""}).exists()
        assert not criteria.filter(**{f"text_{suffix}": ""}).exists()


def test_a_capacity_criterion_reads_in_the_active_language():
    paper = EnvironmentalCriterion.objects.get(group="I", activity__name_en__startswith="Pulp")
    with translation.override("ja"):
        assert paper.text == "パルプ、再生原料又はバイオマスからの紙の製造、大規模：50,000 製品トン/年以上"
    with translation.override("zh-hant"):
        assert paper.activity.unit == "公噸產品/年"
    lowest = EnvironmentalCriterion.objects.get(group="III", activity__name_en__startswith="Pulp")
    with translation.override("ko"):
        assert lowest.text.endswith("소용량: 그 미만의 모든 용량")
