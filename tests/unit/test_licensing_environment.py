"""The environmental questionnaire's decision: criteria read from group I to III, the first met decides,
group IV when none is; each criterion's test (capacity of its type, areas, people, yes-no site questions,
the serviced-park exception)."""

from decimal import Decimal

import pytest

from licensing.environment import Answers, decide
from licensing.models import CriterionTest, EnvironmentalCriterion, PollutingActivity

PAPER = PollutingActivity(pk=1, name_en="Paper", name_vi="Giấy", unit_en="t/yr", unit_vi="tấn/năm")


def criterion(group, test, threshold=None, activity=None, **extra):
    return EnvironmentalCriterion(group=group, test=test, threshold=None if threshold is None else Decimal(threshold),
                                  activity=activity, text_en=f"{group} {test}", text_vi="", appendix="III", **extra)


CRITERIA = [
    criterion("I", CriterionTest.CAPACITY, "50000", PAPER, item="3"),
    criterion("I", CriterionTest.PROTECTED_AREA),
    criterion("I", CriterionTest.RELOCATION, "20000"),
    criterion("II", CriterionTest.CAPACITY, "5000", PAPER),
    criterion("II", CriterionTest.WATER_SOURCE, not_in_serviced_park=True),
    criterion("II", CriterionTest.RICE_LAND, "10"),
    criterion("III", CriterionTest.CAPACITY, "0", PAPER),
    criterion("III", CriterionTest.WASTE),
]


@pytest.mark.parametrize(("answers", "group", "decided_by"), [
    (Answers(activity_id=1, capacity=Decimal("60000")), "I", "I capacity"),
    (Answers(activity_id=1, capacity=Decimal("50000")), "I", "I capacity"),
    (Answers(activity_id=1, capacity=Decimal("49999")), "II", "II capacity"),
    (Answers(activity_id=1, capacity=Decimal("10")), "III", "III capacity"),
    (Answers(activity_id=1, capacity=Decimal("10"), protected_area=True), "I", "I protected_area"),
    (Answers(relocated_people=25000), "I", "I relocation"),
    (Answers(relocated_people=300), "IV", None),
    (Answers(rice_land_ha=Decimal("12")), "II", "II rice_land"),
    (Answers(water_source=True), "II", "II water_source"),
    (Answers(water_source=True, in_serviced_park=True, waste=True), "III", "III waste"),
    (Answers(activity_id=2, capacity=Decimal("999999")), "IV", None),  # another type: its capacity does not count
    (Answers(), "IV", None),
])
def test_the_first_criterion_met_from_group_one_decides(answers, group, decided_by):
    decision = decide(answers, CRITERIA)
    assert decision.group == group
    assert (decision.criterion.text_en if decision.criterion else None) == decided_by


def test_the_reference_names_the_decree_its_date_appendix_and_item():
    assert CRITERIA[0].reference == "Decree 08/2022/NĐ-CP of 10/01/2022, Appendix III, item 3"
    assert CRITERIA[1].reference == "Decree 08/2022/NĐ-CP of 10/01/2022, Appendix III"
