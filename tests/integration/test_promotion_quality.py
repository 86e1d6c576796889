"""Service quality of enquiries: per-topic figures computed by the database (on-time answers by the local day,
median time to the first answer), ratings of answered enquiries, and the public "Service quality" page."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from licensing.quality import RatingError
from promotion import quality, services
from promotion.models import Enquiry, EnquiryRating, EnquiryStatus
from tests.factories_promotion import enquiry, officer, topic

pytestmark = pytest.mark.django_db
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MONDAY = datetime(2026, 3, 2, 9, 0, tzinfo=HANOI)   # 3 working days: due Thursday 5 March


@pytest.fixture(autouse=True)
def english():
    translation.activate("en")


def answered(item: Enquiry, at: datetime) -> Enquiry:
    Enquiry.objects.filter(pk=item.pk).update(first_answered_at=at, status=EnquiryStatus.ANSWERED)
    item.refresh_from_db()
    return item


def test_topic_figures_count_on_time_by_the_local_day_and_take_the_median_in_the_database():
    land, tax = topic("Land", days=3), topic("Tax", days=3)
    due = date(2026, 3, 5)
    first = enquiry(land, received_at=MONDAY)
    assert first.due_on == due
    answered(first, MONDAY + timedelta(hours=2))
    answered(enquiry(land, received_at=MONDAY), MONDAY + timedelta(hours=4))
    # 23:30 in Hanoi on the due day is on time; 00:30 the next day is late, though still the due day in UTC.
    answered(enquiry(land, received_at=MONDAY), datetime(2026, 3, 5, 23, 30, tzinfo=HANOI))
    answered(enquiry(land, received_at=MONDAY), datetime(2026, 3, 6, 0, 30, tzinfo=HANOI))
    enquiry(land, received_at=MONDAY)                                                  # unanswered, overdue
    closed = enquiry(land, received_at=MONDAY)
    Enquiry.objects.filter(pk=closed.pk).update(status=EnquiryStatus.CLOSED)           # closed unanswered
    enquiry(land, received_at=datetime(2026, 4, 2, 9, 0, tzinfo=HANOI))               # outside the period
    answered(enquiry(tax, received_at=MONDAY), MONDAY + timedelta(hours=10))
    answered(enquiry(tax, received_at=MONDAY), MONDAY + timedelta(hours=20))
    rows = {row["name"]: row for row in quality.topic_figures(date(2026, 3, 1), date(2026, 3, 31),
                                                              today=date(2026, 3, 20))}
    row = rows["Land"]
    assert (row["received"], row["answered"], row["on_time"], row["overdue"]) == (6, 4, 3, 1)
    assert row["on_time_share"] == 60.0                                    # 3 of 4 answered + 1 overdue
    # Hours 2, 4, 86.5, 87.5: median (4 + 86.5) / 2; 90th percentile 86.5 + 0.7 × 1.
    assert (row["median_hours"], row["p90_hours"]) == (45.2, 87.2)
    assert (rows["Tax"]["median_hours"], rows["Tax"]["p90_hours"]) == (15.0, 19.0)     # 10 + 0.9 × 10
    assert rows["Tax"]["on_time_share"] == 100.0 and rows["Tax"]["ratings"] == 0
    assert quality.topic_figures(date(2025, 1, 1), date(2025, 1, 31)) == []


def test_an_odd_number_of_answers_has_the_middle_one_as_median():
    land = topic("Land", days=3)
    for hours in (9, 1, 5):
        answered(enquiry(land, received_at=MONDAY), MONDAY + timedelta(hours=hours))
    (row,) = quality.topic_figures(date(2026, 3, 2), date(2026, 3, 2), today=date(2026, 3, 20))
    assert (row["median_hours"], row["p90_hours"]) == (5.0, 8.2)          # 5 + 0.8 × 4


def test_ratings_once_answered_one_per_enquiry_updated_by_its_author(client):
    board = officer("q-board", "change_enquiry")
    item = enquiry(topic("Land", days=3))
    page = reverse("promotion:detail", args=[item.token])
    rate = reverse("promotion:rate", args=[item.token])
    assert 'data-testid="rating"' not in client.get(page).content.decode()
    response = client.post(rate, {"score": "4"})
    assert response.status_code == 400 and "once the board has answered it" in response.content.decode()
    with pytest.raises(RatingError):
        quality.rate_enquiry(item, 4)
    services.reply(item, board, "Yes, the plot is free.")
    services.reply(item, board, "Checked with the zone.", internal=True)
    assert 'data-testid="rating"' in client.get(page).content.decode()
    for score in ("0", "6", ""):
        assert client.post(rate, {"score": score}).status_code == 400
    with pytest.raises(RatingError):
        quality.rate_enquiry(item, 0)
    assert not EnquiryRating.objects.exists()
    assert client.post(rate, {"score": "2", "comment": "Short"}).status_code == 302
    assert client.post(rate, {"score": "5", "comment": "Clear"}).status_code == 302
    rating = EnquiryRating.objects.get()
    assert (rating.enquiry_id, rating.score, rating.comment) == (item.pk, 5, "Clear")
    assert "Your rating: 5 out of 5" in client.get(page).content.decode()
    received_on = timezone.localdate(item.received_at)  # the figures count local days
    (row,) = quality.topic_figures(received_on - timedelta(days=1), received_on)
    assert (row["rating"], row["ratings"]) == (5.0, 1)


def test_rating_is_throttled_like_replies(client, settings):
    settings.ENQUIRY_ADDRESS_LIMIT = 1
    item = answered(enquiry(topic("Land", days=3)), MONDAY)
    rate = reverse("promotion:rate", args=[item.token])
    assert client.post(rate, {"score": "3"}).status_code == 302
    assert client.post(rate, {"score": "1"}).status_code == 429
    assert EnquiryRating.objects.get().score == 3


def test_service_page_shows_public_figures_escaped_without_names_or_comments(client):
    hostile = topic("<script>alert(1)</script> Land", days=3)
    item = answered(enquiry(hostile, name="Secret Investor", received_at=MONDAY), MONDAY + timedelta(hours=3))
    EnquiryRating.objects.create(enquiry=item, score=4, comment="Private remark")
    response = client.get(reverse("promotion:service"), {"date_from": "2026-03-01", "date_to": "2026-03-31"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Land" in html and "<script>alert(1)" not in html
    assert "Secret Investor" not in html and "Private remark" not in html
    assert '<th scope="col">Share on time</th>' in html and "3.0" in html and "4.0" in html
    assert "766/QĐ-TTg" in html and reverse("licensing:performance") in html
    default = client.get(reverse("promotion:service")).content.decode()       # the last twelve months
    assert 'data-testid="period"' in default
    vietnamese = client.get("/vi/enquiries/service/").content.decode()
    assert "Chất lượng phục vụ" in vietnamese
