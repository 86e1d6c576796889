"""Signing in with the e-mail address as well as the user name (public sign-in and the Wagtail admin)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "a-Strong-pass-2026"


@pytest.fixture
def officer(django_user_model):
    return django_user_model.objects.create_user("officer-bql", "Officer.BQL@demo.example", PASSWORD)


def test_the_sign_in_form_accepts_the_e_mail_in_any_case(client, officer):
    response = client.post(reverse("licensing:signin"), {"username": "officer.bql@DEMO.example",
                                                          "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(officer.pk)


def test_the_user_name_still_works_and_a_wrong_password_does_not(client, officer):
    url = reverse("licensing:signin")
    assert client.post(url, {"username": "Officer.BQL@demo.example", "password": "wrong"}).status_code == 200
    assert "_auth_user_id" not in client.session
    assert client.post(url, {"username": "officer-bql", "password": PASSWORD}).status_code == 302


def test_an_address_shared_by_two_accounts_signs_in_neither(client, officer, django_user_model):
    django_user_model.objects.create_user("other", "officer.bql@demo.example", PASSWORD)
    response = client.post(reverse("licensing:signin"), {"username": "officer.bql@demo.example",
                                                          "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_an_inactive_account_is_refused_by_address(client, officer):
    officer.is_active = False
    officer.save()
    response = client.post(reverse("licensing:signin"), {"username": "officer.bql@demo.example",
                                                          "password": PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session


def test_the_admin_sign_in_accepts_the_e_mail(client, django_user_model):
    django_user_model.objects.create_superuser("board-admin", "admin@board.example", PASSWORD)
    response = client.post("/admin/login/", {"username": "ADMIN@board.example", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
