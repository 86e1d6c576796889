"""The licensing forms' labels: choices start on a prompt rather than dashes, sign-in asks for the e-mail or
user name."""

import pytest
from django.urls import reverse

from licensing.forms import ApplicationForm, PerformanceFilterForm, SignInForm
from projects.models import Project

pytestmark = pytest.mark.django_db


def test_choices_start_on_a_prompt_and_sign_in_asks_for_the_e_mail():
    application = ApplicationForm(projects=Project.objects.none())
    assert application.fields["project"].empty_label == "Choose a project…"
    assert PerformanceFilterForm().fields["agency"].empty_label == "All agencies"
    assert SignInForm().fields["username"].label == "E-mail or user name"


def test_sign_in_page_labels_the_e_mail(client, home_page):
    html = client.get(reverse("licensing:signin")).content.decode()
    assert '<label for="id_username">E-mail or user name</label>' in html
