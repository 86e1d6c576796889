"""The board's side in the admin: the queue and its filters, answers that reach the investor, internal notes,
assignment, and the permissions that guard each of them."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from promotion import notifications, services
from promotion.models import EnquiryAttachment, EnquiryMessage, EnquiryStatus
from tests.factories_promotion import enquiry, officer, topic
from tests.waiting import wait_until

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def refused(response) -> bool:
    """The admin answers a missing permission by sending the user to its home page with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


@pytest.fixture
def board(db):
    return officer("hoa", "view_enquiry", "change_enquiry")


def test_queue_lists_by_due_date_and_filters(client, board):
    fast, slow = topic("Plots", days=1), topic("Incentives", days=10)
    late = enquiry(fast, name="Early Bird", received_at=datetime(2026, 3, 2, 9, tzinfo=HANOI))
    later = enquiry(slow, name="Slow Lane", zone_code="VSIP")
    client.force_login(board)
    text = client.get(reverse("promotion_admin:queue")).content.decode()
    assert text.index(late.reference) < text.index(later.reference)
    assert "overdue" in text
    filtered = client.get(reverse("promotion_admin:queue"), {"topic": slow.pk}).content.decode()
    assert later.reference in filtered and late.reference not in filtered
    by_zone = client.get(reverse("promotion_admin:queue"), {"zone": "vsip"}).content.decode()
    assert later.reference in by_zone and late.reference not in by_zone
    overdue = client.get(reverse("promotion_admin:queue"), {"overdue": "on"}).content.decode()
    assert late.reference in overdue and later.reference not in overdue
    assert list(services.queue(overdue=True, today=date(2026, 3, 4))) == [late]


def test_officer_without_permission_cannot_open_the_queue_or_reply(client, db):
    item = enquiry()
    stranger = officer("tam")  # may enter the admin, holds nothing on enquiries
    reader = officer("binh", "view_enquiry")
    client.force_login(stranger)
    for url in (reverse("promotion_admin:queue"), reverse("promotion_admin:detail", args=[item.pk])):
        assert refused(client.get(url))
    client.force_login(reader)
    assert client.get(reverse("promotion_admin:detail", args=[item.pk])).status_code == 200
    assert refused(client.post(reverse("promotion_admin:reply", args=[item.pk]), {"body": "Hello"}))
    assert not EnquiryMessage.objects.exists()
    assert refused(client.post(reverse("promotion_admin:assign", args=[item.pk]), {"officer": reader.pk}))
    item.refresh_from_db()
    assert item.officer is None
    with pytest.raises(services.EnquiryError):
        services.reply(item, reader, "Hello")


def test_anonymous_visitor_is_sent_to_the_admin_sign_in(client, db):
    response = client.get(reverse("promotion_admin:queue"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.django_db(transaction=True)
def test_officer_replies_and_the_investor_is_emailed(client, celery_worker):
    board = officer("hoa", "view_enquiry", "change_enquiry")
    item = enquiry(language="vi")
    wait_until(lambda: len(mail.outbox) == 1, timeout=30, message="the acknowledgement e-mailed")
    client.force_login(board)
    response = client.post(reverse("promotion_admin:reply", args=[item.pk]),
                           {"body": "Plot A-01 is free until June."})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == EnquiryStatus.ANSWERED and item.first_answered_at is not None
    assert item.officer == board
    wait_until(lambda: len(mail.outbox) == 2, timeout=30, message="the answer e-mailed")
    answer = mail.outbox[1]
    assert answer.to == ["lan@example.org"] and "Plot A-01 is free until June." in answer.body
    assert f"/vi/enquiries/{item.token}/" in answer.body and "Kính gửi" in answer.body
    # An internal note is e-mailed to nobody and does not move the first answer.
    first = item.first_answered_at
    client.post(reverse("promotion_admin:reply", args=[item.pk]), {"body": "Call them", "internal": "on"})
    item.refresh_from_db()
    assert item.first_answered_at == first
    assert notifications.send_answer(EnquiryMessage.objects.get(internal=True).pk) is False
    assert len(mail.outbox) == 2


def test_assign_to_an_officer_and_refuse_one_who_may_not_answer(client, board):
    item = enquiry()
    colleague = officer("minh", "view_enquiry", "change_enquiry")
    reader = officer("binh", "view_enquiry")
    client.force_login(board)
    client.post(reverse("promotion_admin:assign", args=[item.pk]), {"officer": colleague.pk})
    item.refresh_from_db()
    assert item.officer == colleague and item.status == EnquiryStatus.ASSIGNED
    client.post(reverse("promotion_admin:assign", args=[item.pk]), {"officer": reader.pk})
    item.refresh_from_db()
    assert item.officer == colleague


def test_admin_detail_shows_internal_notes_and_escapes_names(client, board):
    item = enquiry(name="<b>Bold</b> Investor")
    services.reply(item, board, "<script>x()</script> note", internal=True)
    client.force_login(board)
    text = client.get(reverse("promotion_admin:detail", args=[item.pk])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt; Investor" in text and "<b>Bold</b>" not in text
    assert "&lt;script&gt;x()&lt;/script&gt; note" in text


def test_the_board_reads_the_investors_rating_escaped(client, board):
    from promotion import quality

    item = enquiry()
    services.reply(item, board, "Plot A-01 is free.")
    client.force_login(board)
    url = reverse("promotion_admin:detail", args=[item.pk])
    assert 'data-testid="rating"' not in client.get(url).content.decode()
    quality.rate_enquiry(item, 2, "Slow <em>answer</em>")
    text = client.get(url).content.decode()
    assert "2/5 · Slow &lt;em&gt;answer&lt;/em&gt;" in text


def test_the_board_reads_the_profile_in_words_and_downloads_the_file(client, board, monkeypatch, tmp_path):
    storage = EnquiryAttachment._meta.get_field("file").storage
    for attribute in ("base_location", "location"):
        monkeypatch.setattr(storage, attribute, str(tmp_path), raising=False)
    item = enquiry(profile={"capital_usd": "20000000"},
                   attachment=SimpleUploadedFile("plan.pdf", b"%PDF-1.4 x", content_type="application/pdf"))
    file = item.attachments.get()
    client.force_login(board)
    text = client.get(reverse("promotion_admin:detail", args=[item.pk])).content.decode()
    assert "20 million USD" in text and "plan.pdf" in text
    response = client.get(reverse("promotion_admin:attachment", args=[item.pk, file.pk]))
    assert response.status_code == 200 and b"".join(response.streaming_content) == b"%PDF-1.4 x"
    client.force_login(officer("tam"))
    assert refused(client.get(reverse("promotion_admin:attachment", args=[item.pk, file.pk])))


def test_topics_and_their_service_level_are_edited_as_snippets(client, admin_user):
    client.force_login(admin_user)
    response = client.get(reverse("wagtailsnippets_promotion_enquirytopic:list"))
    assert response.status_code == 200 and "Site and land" in response.content.decode()
