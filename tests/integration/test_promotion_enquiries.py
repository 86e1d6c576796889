"""An investor asks the board without an account: reference, deadline in working days, acknowledgement,
private link; robots and floods are refused with a clear message; hostile text stays text."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from promotion import services
from promotion.models import Enquiry, EnquiryAttachment, EnquiryStatus, EnquiryTopic
from tests.factories import UserFactory, zone_index
from tests.factories_promotion import enquiry, officer, topic
from tests.factories_zones import incentive_index, make_policy, make_zone
from tests.waiting import wait_until
from zones import profiles

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def ask_url(language="en"):
    with translation.override(language):
        return reverse("promotion:ask")


def form_data(topic_, **changes):
    data = {"topic": topic_.pk, "message": "Is plot A-01 still free?", "name": "Lan Nguyen",
            "email": "lan@example.org", "language": "en", "country": "KR", "website": "",
            "about": "/en/zones/vsip/", "title": "VSIP", "zone": "VSIP", "plot": "A-01"}
    data.update(changes)
    return data


def test_topics_are_seeded_with_service_levels(db):
    names = dict(EnquiryTopic.objects.values_list("name_en", "response_days"))
    assert names["Site and land"] == 3 and "Other" in names


@pytest.mark.django_db
def test_due_date_counts_working_days_over_holidays_and_weekend():
    # Received Wednesday 29 April 2026: 30 April and 1 May are holidays, 2-3 May a weekend.
    received = datetime(2026, 4, 29, 10, 0, tzinfo=HANOI)
    item = enquiry(topic("Incentives", days=3), received_at=received)
    assert item.due_on == date(2026, 5, 6)
    assert re.fullmatch(r"ENQ-2026-\d{6}", item.reference)
    assert services.is_overdue(item, date(2026, 5, 7)) and not services.is_overdue(item, date(2026, 5, 6))


@pytest.mark.django_db(transaction=True)
def test_submit_without_account_acknowledges_with_reference_deadline_and_link(client, celery_worker):
    land = topic("Plots", days=3)
    mail.outbox.clear()
    response = client.post(ask_url(), form_data(land))
    assert response.status_code == 302
    item = Enquiry.objects.get()
    assert item.user is None and item.zone_code == "VSIP" and item.plot_code == "A-01"
    assert item.page_url == "/en/zones/vsip/" and item.status == EnquiryStatus.RECEIVED
    page = client.get(response["Location"])
    text = page.content.decode()
    assert item.reference in text and item.due_on.strftime("%d/%m/%Y") in text
    assert f"/en/enquiries/{item.token}/" in text
    wait_until(lambda: len(mail.outbox) == 1, timeout=30, message="the acknowledgement e-mailed")
    sent = mail.outbox[0]
    assert sent.to == ["lan@example.org"] and item.reference in sent.subject
    assert item.due_on.strftime("%d/%m/%Y") in sent.body and f"/en/enquiries/{item.token}/" in sent.body


def test_ask_page_is_prefilled_with_the_page_and_the_kept_profile(client, db):
    topic()
    response = client.get(ask_url() + "?about=/en/zones/vsip/&title=VSIP+II&zone=VSIP&plot=B-07")
    text = response.content.decode()
    assert response.status_code == 200
    assert 'value="/en/zones/vsip/"' in text and 'value="B-07"' in text and "VSIP II" in text


@pytest.mark.parametrize("language, heading", [("en", "Ask the board"), ("vi", "Hỏi Ban quản lý")])
def test_ask_page_in_both_languages(client, db, language, heading):
    topic()
    response = client.get(ask_url(language))
    assert response.status_code == 200 and heading in response.content.decode()


def test_honeypot_refuses_with_a_message(client, db):
    land = topic()
    response = client.post(ask_url(), form_data(land, website="http://spam.example"))
    assert response.status_code == 200 and "looks automated" in response.content.decode()
    assert not Enquiry.objects.exists()


def test_rate_limit_refuses_with_a_message_not_a_500(client, db, settings):
    settings.ENQUIRY_ADDRESS_LIMIT = 2
    land = topic()
    for _ in range(2):
        assert client.post(ask_url(), form_data(land)).status_code == 302
    response = client.post(ask_url(), form_data(land))
    assert response.status_code == 429 and "Too many messages" in response.content.decode()
    assert Enquiry.objects.count() == 2


@pytest.mark.parametrize("changes", [{"email": "not-an-address"}, {"topic": "999999"}, {"message": ""},
                                     {"about": "https://evil.example/"}, {"country": "XX"}])
def test_bad_input_gives_form_errors_not_500(client, db, changes):
    land = topic()
    response = client.post(ask_url(), form_data(land, **changes))
    if changes.get("about"):  # a foreign address is dropped, not followed
        assert response.status_code == 302 and Enquiry.objects.get().page_url == ""
    else:
        assert response.status_code == 200 and 'class="errors"' in response.content.decode()
        assert not Enquiry.objects.exists()


def test_private_link_shows_public_messages_only_and_wrong_token_404s(client, db):
    item = enquiry()
    board = officer("hoa", "view_enquiry", "change_enquiry")
    services.reply(item, board, "Plot A-01 is free until June.")
    services.reply(item, board, "Investor looks serious; call them.", internal=True)
    with translation.override("en"):
        url = reverse("promotion:detail", args=[item.token])
        wrong = reverse("promotion:detail", args=["x" * 43])
    text = client.get(url).content.decode()
    assert "Plot A-01 is free until June." in text and "call them" not in text
    assert client.get(wrong).status_code == 404


@pytest.mark.parametrize(("language", "words"), [("en", "Hoa Tran, for the board"),
                                                 ("vi", "Hoa Tran, thay mặt Ban quản lý")])
def test_the_investor_sees_their_named_officer(client, db, language, words):
    item = enquiry()
    board = officer("hoa-named", "view_enquiry", "change_enquiry")
    board.first_name, board.last_name = "Hoa", "Tran"
    board.save()
    services.assign(item, board)
    services.reply(item, board, "Plot A-01 is free until June.")
    with translation.override(language):
        response = client.get(reverse("promotion:detail", args=[item.token]))
    assert response.context["enquiry"].officer == board
    assert words in response.content.decode()


def test_investor_replies_on_the_private_link(client, db):
    item = enquiry()
    services.reply(item, officer("hoa", "view_enquiry", "change_enquiry"), "Yes.")
    with translation.override("en"):
        url = reverse("promotion:detail", args=[item.token])
    assert client.post(url, {"body": "Thanks, and the price?"}).status_code == 302
    item.refresh_from_db()
    assert item.messages.filter(from_board=False, body="Thanks, and the price?").exists()
    assert item.status == EnquiryStatus.ASSIGNED


def test_hostile_names_and_messages_are_escaped(client, db):
    item = enquiry(name="<script>alert(1)</script>", message="<img src=x onerror=alert(2)>")
    with translation.override("en"):
        text = client.get(reverse("promotion:detail", args=[item.token])).content.decode()
    assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
    assert "<img src=x" not in text and "&lt;img src=x onerror=alert(2)&gt;" in text


def test_signed_in_investor_sees_only_their_own_enquiries(client, db):
    mine_user, other_user = UserFactory(username="lan"), UserFactory(username="minh")
    own = enquiry(user=mine_user)
    theirs = enquiry(user=other_user, name="Minh")
    client.force_login(mine_user)
    with translation.override("vi"):
        url = reverse("promotion:mine")
    text = client.get(url).content.decode()
    assert own.reference in text and theirs.reference not in text and "Yêu cầu của tôi" in text
    client.logout()
    assert client.get(url).status_code == 302  # to sign in


def test_enquiries_sent_before_sign_up_join_the_account_once_its_address_is_confirmed(client, db):
    before = enquiry(email="Kim@Example.org")
    someone_else = enquiry(email="park@example.org")
    with translation.override("en"):
        signup, mine = reverse("licensing:signup"), reverse("promotion:mine")
    client.post(signup, {"email": "kim@example.org", "company": "Kim Co", "country": "KR",
                         "password1": "a-long-pass-2026", "password2": "a-long-pass-2026"})
    before.refresh_from_db()
    assert before.user is None  # not before the address is proved
    link = re.search(r"https?://[^/\s]+(/\S+/activate/\S+/)", mail.outbox[-1].body).group(1)
    client.get(link)
    before.refresh_from_db()
    someone_else.refresh_from_db()
    assert before.user is not None and before.user.email == "kim@example.org" and someone_else.user is None
    text = client.get(mine).content.decode()
    assert before.reference in text and someone_else.reference not in text


def test_zone_page_links_to_ask_the_board_about_it(client, home_page):
    zone = make_zone(zone_index(home_page), "ask-park", title="Ask <Park>")
    text = client.get(zone.url).content.decode()
    link = re.search(r'href="([^"]*/enquiries/ask/[^"]*)"', text).group(1).replace("&amp;", "&")
    assert "zone=ask-park" in link and "title=Ask%20%3CPark%3E" in link
    form = client.get(link).content.decode()
    assert 'value="ask-park"' in form and "Ask &lt;Park&gt;" in form and "Ask <Park>" not in form


@pytest.mark.parametrize("about", ["javascript:alert(1)", "//evil.example/x", "https://evil.example/"])
def test_a_foreign_or_script_address_is_never_linked(client, db, about):
    topic()
    text = client.get(ask_url(), {"about": about}).content.decode()
    assert f'href="{about}"' not in text


def test_a_file_sent_with_the_enquiry_is_kept_privately_and_checked(client, db, monkeypatch, tmp_path):
    storage = EnquiryAttachment._meta.get_field("file").storage
    for attribute in ("base_location", "location"):
        monkeypatch.setattr(storage, attribute, str(tmp_path), raising=False)
    land = topic()
    pdf = SimpleUploadedFile("site plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")
    assert client.post(ask_url(), form_data(land, attachment=pdf)).status_code == 302
    item = Enquiry.objects.get()
    file = item.attachments.get()
    with translation.override("en"):
        url = reverse("promotion:attachment", args=[item.token, file.pk])
        wrong = reverse("promotion:attachment", args=["y" * 43, file.pk])
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 plan"
    assert client.get(wrong).status_code == 404
    assert (tmp_path / file.file.name).read_bytes() == b"%PDF-1.4 plan"
    fake = SimpleUploadedFile("run.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    refused = client.post(ask_url(), form_data(land, attachment=fake))
    assert refused.status_code == 200 and "Only PDF, PNG, JPEG, DOCX and XLSX" in refused.content.decode()
    assert Enquiry.objects.count() == 1


def test_the_kept_profile_is_shown_in_words_and_sent_with_the_enquiry(client, db):
    land = topic()
    session = client.session
    session[profiles.SESSION_KEY] = {"land_area_m2": "50000", "capital_usd": "20000000"}
    session.save()
    text = client.get(ask_url()).content.decode()
    assert "20 million USD" in text and "5 ha" in text
    client.post(ask_url(), form_data(land))
    item = Enquiry.objects.get()
    assert item.profile == {"land_area_m2": "50000", "capital_usd": "20000000"}
    with translation.override("en"):
        page = client.get(reverse("promotion:detail", args=[item.token])).content.decode()
    assert "20 million USD" in page


@pytest.mark.parametrize("page", ["policy", "compare", "sites", "plan"])
def test_incentive_policy_comparison_sites_and_plan_pages_link_to_ask_the_board(client, home_page, page):
    if page == "policy":
        url = make_policy(incentive_index(home_page), "cit-holiday", []).url
    elif page == "compare":
        with translation.override("en"):
            url = reverse("zones:compare") + "?items=" + make_zone(zone_index(home_page), "cmp-park").code
    else:
        make_zone(zone_index(home_page), "any-park")
        with translation.override("en"):
            url = reverse(f"{'zones' if page == 'sites' else 'licensing'}:{page}") + "?submitted=1&land_area_m2=1"
    text = client.get(url).content.decode()
    assert "/en/enquiries/ask/?about=" in text
