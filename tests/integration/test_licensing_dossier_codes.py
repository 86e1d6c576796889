"""Dossier codes carry the submission date, the demo's included."""

from datetime import date

import pytest

from licensing import demo, services
from licensing.models import Application
from tests.factories_licensing import signed_in_investor

pytestmark = pytest.mark.django_db


@pytest.fixture
def investor(home_page, client):
    return signed_in_investor(client)


def test_dossier_code_uses_the_submission_date(investor):
    account, project = investor
    application = services.record_application(account, project, "DN-01", date(2026, 3, 2))
    assert application.dossier_code.startswith("DOS-260302-")


def test_demo_dossiers_are_coded_by_their_submission_date(investor):
    _account, project = investor
    demo._history(project)
    codes = list(Application.objects.filter(project=project).values_list("dossier_code", "submitted_on"))
    assert len(codes) == 400
    assert all(code.startswith(f"DOS-{submitted:%y%m%d}-") for code, submitted in codes)
    assert len({code[4:10] for code, _submitted in codes}) > 100
