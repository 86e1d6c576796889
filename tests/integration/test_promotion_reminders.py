"""Answer templates in the investor's language, and the reminders and escalations of enquiries waiting for
their first answer: who receives them, when, and never twice."""

from datetime import date

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.users.models import UserProfile

from portal.celery import app as celery_app
from promotion import reminders, services, tasks
from promotion.models import Enquiry, EnquiryReminder, ReminderKind
from tests.factories import UserFactory
from tests.factories_promotion import answer_template, enquiry, officer, topic

DUE = date(2026, 3, 10)  # a Tuesday
DAY_BEFORE = date(2026, 3, 9)  # Monday: one working day before
FRIDAY = date(2026, 3, 6)  # two working days before
LATE = date(2026, 3, 11)


@pytest.fixture
def board(db):
    return officer("hoa", "view_enquiry", "change_enquiry")


@pytest.fixture
def head(db):
    user = UserFactory(username="minh", email="minh@example.org", is_staff=True)
    user.groups.add(Group.objects.get(name=settings.ENQUIRY_HEADS_GROUP))
    return user


def due_on(item: Enquiry, day: date = DUE) -> Enquiry:
    Enquiry.objects.filter(pk=item.pk).update(due_on=day)
    item.refresh_from_db()
    return item


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_template_fills_the_reply_in_the_investors_language_and_escapes(client, board):
    item = enquiry(name="<b>Lan</b>", language="vi")
    chosen = answer_template(body_en="Hello {name}", body_vi="Kính gửi {name}, hồ sơ {reference} <script>x</script>")
    client.force_login(board)
    text = client.get(reverse("promotion_admin:detail", args=[item.pk]), {"template": chosen.pk}).content.decode()
    assert f"Kính gửi &lt;b&gt;Lan&lt;/b&gt;, hồ sơ {item.reference} &lt;script&gt;x&lt;/script&gt;" in text
    assert "<script>x</script>" not in text and "<b>Lan</b>" not in text
    assert "Use a template" in text and "Hello" not in text
    english = enquiry(item.topic, name="Ann", language="en")
    text = client.get(reverse("promotion_admin:detail", args=[english.pk]), {"template": chosen.pk}).content.decode()
    assert "Hello Ann" in text


def test_templates_of_other_topics_or_inactive_are_not_offered(client, board):
    item = enquiry()
    other = answer_template("Tax", topic_=topic("Tax"), body_en="Tax answer")
    answer_template("Old", active=False, body_en="Old answer")
    general = answer_template("General", body_en="General answer")
    assert list(services.answer_templates(item)) == [general]
    client.force_login(board)
    text = client.get(reverse("promotion_admin:detail", args=[item.pk]), {"template": other.pk}).content.decode()
    assert "Tax answer" not in text and "General" in text


def test_placeholders_are_filled_and_unknown_braces_left_alone(db):
    item = enquiry(name="Lan", organisation="Lotus Ltd", language="en")
    user = UserFactory(username="hoa", first_name="Hoa", last_name="Tran")
    chosen = answer_template(body_en="{name} of {organisation}, {reference} on {topic} by {due}. {officer} "
                                     "{unknown} {name.__class__} {0} { }")
    assert services.fill_template(chosen, item, user) == (
        f"Lan of Lotus Ltd, {item.reference} on Site and land by {item.due_on:%d/%m/%Y}. Hoa Tran "
        "{unknown} {name.__class__} {0} { }")


def test_reminder_goes_to_the_officer_one_working_day_before(board, head):
    item = due_on(enquiry())
    services.assign(item, board)
    mail.outbox.clear()
    assert reminders.send_reminders(FRIDAY) == 0
    assert reminders.send_reminders(DAY_BEFORE) == 1
    assert recipients() == [board.email]
    message = mail.outbox[0]
    assert item.reference in message.subject and "10/03/2026" in message.subject
    assert "Lan Nguyen" in message.body and "Site and land" in message.body
    assert settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("promotion_admin:detail", args=[item.pk]) \
        in message.body
    assert EnquiryReminder.objects.get().kind == ReminderKind.REMINDER


def test_unassigned_reminder_goes_to_the_team(board, head, db):
    due_on(enquiry())
    other = officer("tuan", "view_enquiry", "change_enquiry")
    officer("binh", "view_enquiry")  # may read, not answer: not on the team
    mail.outbox.clear()
    assert reminders.send_reminders(DAY_BEFORE) == 1
    assert recipients() == sorted([board.email, other.email])


def test_escalation_when_overdue_goes_to_the_heads_only(board, head):
    item = due_on(enquiry())
    services.assign(item, board)
    mail.outbox.clear()
    assert reminders.send_reminders(DUE) == 1  # the reminder, still on time
    mail.outbox.clear()
    assert reminders.send_reminders(LATE) == 1
    assert recipients() == [head.email]
    assert "10/03/2026" in mail.outbox[0].body and item.reference in mail.outbox[0].subject
    assert set(item.reminders.values_list("kind", flat=True)) == {ReminderKind.REMINDER, ReminderKind.ESCALATION}


def test_task_run_twice_sends_nothing_twice(board, head):
    due_on(enquiry())
    late = due_on(enquiry(), date(2026, 3, 2))
    mail.outbox.clear()
    assert tasks.send_reminders.apply(args=[DAY_BEFORE.isoformat()]).get() == 2
    sent = len(mail.outbox)
    assert tasks.send_reminders.apply(args=[DAY_BEFORE.isoformat()]).get() == 0
    assert tasks.send_reminders.apply(args=[LATE.isoformat()]).get() == 1  # the second one is now late
    assert len(mail.outbox) == sent + 1
    assert late.reminders.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        EnquiryReminder.objects.create(enquiry=late, kind=ReminderKind.ESCALATION)


def test_answered_and_closed_enquiries_get_nothing(board, head):
    answered, closed = due_on(enquiry()), due_on(enquiry())
    services.reply(answered, board, "Yes, it is free.")
    services.close(closed, board)
    mail.outbox.clear()
    assert reminders.send_reminders(DAY_BEFORE) + reminders.send_reminders(LATE) == 0
    assert mail.outbox == [] and not EnquiryReminder.objects.exists()


def test_escalation_waits_for_a_head(board):
    due_on(enquiry())
    Group.objects.get(name=settings.ENQUIRY_HEADS_GROUP).user_set.clear()
    assert reminders.send_reminders(LATE) == 0
    assert not EnquiryReminder.objects.exists()


def test_queue_marks_reminded_and_escalated(client, board, head):
    reminded, escalated = due_on(enquiry()), due_on(enquiry(), date(2026, 3, 2))
    reminders.send_reminders(DAY_BEFORE)
    client.force_login(board)
    text = client.get(reverse("promotion_admin:queue")).content.decode()
    rows = {ref: text[text.index(ref):].split("</tr>")[0] for ref in (reminded.reference, escalated.reference)}
    assert 'data-testid="reminded"' in rows[reminded.reference] and "Escalated" not in rows[reminded.reference]
    assert 'data-testid="escalated"' in rows[escalated.reference]


def test_beat_entry_names_a_real_task():
    entry = settings.CELERY_BEAT_SCHEDULE["promotion-reminders"]
    assert entry["task"] == "promotion.tasks.send_reminders" and entry["task"] in celery_app.tasks
    assert (entry["schedule"].hour, entry["schedule"].minute) == ({7}, {10})


def test_escalation_is_written_in_the_heads_admin_language(board, head):
    profile = UserProfile.get_for_user(head)
    profile.preferred_language = "vi"
    profile.save()
    item = due_on(enquiry())
    mail.outbox.clear()
    reminders.send_reminders(LATE)
    assert mail.outbox[0].subject == f"[{item.reference}] Yêu cầu quá hạn: hạn trả lời là ngày 10/03/2026"
    assert "Mở yêu cầu trong trang quản trị" in mail.outbox[0].body
