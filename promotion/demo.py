"""Demo content of investment promotion: illustrative enquiries (one waiting, one overdue, one answered and
rated, one closed), then the demo leads and aftercare issues. The enquiries go through the services (reference,
deadline in working days) and are marked as already e-mailed, so loading the demo sends nothing. Loading twice
changes nothing."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from licensing.calendar import add_working_days

from . import demo_aftercare, demo_leads, quality, services
from .models import Enquiry, EnquiryTopic

MARKER = "(illustrative demo enquiry)"
# (topic, name, organisation, e-mail, country, language, zone, plot, working days ago, message, answer, rating)
ENQUIRIES = [
    ("Site and land", "Park Seo-yeon", "Daehan Cable Co.", "park@example.org", "KR", "en", "minh-hung-iii", "",
     1, "We need 6 ha with 15 MVA for a cable plant. Which plots can take it, and from when?", "", None),
    ("Investment incentives", "Nguyễn Thị Hoa", "Công ty TNHH Bao bì Xanh", "hoa@example.org", "VN", "vi", "", "",
     8, "Dự án bao bì 30 tỷ đồng trong khu công nghiệp có được miễn thuế thu nhập doanh nghiệp không?", "", None),
    ("Licensing procedures", "Yamada Kenji", "Yamada Seiki", "yamada@example.org", "JP", "en", "", "", 6,
     "How long does the investment registration certificate take for a wholly Japanese-owned company?",
     "The certificate takes up to 15 working days after a complete dossier; the board can check the dossier "
     "before you file it.", (5, "")),
    ("Other", "Lê Văn Minh", "", "minh@example.org", "VN", "vi", "", "", 12,
     "Ban quản lý có tổ chức đoàn khảo sát cho nhà đầu tư vào tháng tới không?",
     "Có, đoàn khảo sát ngày 15 hằng tháng; anh đăng ký qua thư điện tử này.", (4, "")),
]


def _officer():
    return get_user_model().objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


@transaction.atomic
def enquiries() -> int:
    """The illustrative enquiries; how many were added."""
    officer = _officer()
    today = timezone.localdate()
    added = 0
    for (topic_name, name, organisation, email, country, language, zone, plot, days_ago, message, answer,
         rating) in ENQUIRIES:
        if Enquiry.objects.filter(email=email, message__endswith=MARKER).exists():
            continue
        topic = EnquiryTopic.objects.filter(name_en=topic_name).first()
        if topic is None:
            continue
        day = today
        while add_working_days(day, days_ago) > today:
            day -= timedelta(days=1)
        received = timezone.now() - (today - day)
        enquiry = services.submit_enquiry(
            topic=topic, name=name, organisation=organisation, email=email, country=country, language=language,
            zone_code=zone, plot_code=plot, message=f"{message}\n\n{MARKER}", received_at=received)
        enquiry.acknowledged_at = received
        enquiry.save(update_fields=["acknowledged_at"])
        if answer and officer is not None:
            reply = services.reply(enquiry, officer, answer)
            reply.emailed_at = reply.created_at
            reply.save(update_fields=["emailed_at"])
            if rating:
                quality.rate_enquiry(enquiry, *rating)
        added += 1
    return added


def load() -> None:
    """Enquiries, then leads and aftercare (both illustrative)."""
    enquiries()
    demo_leads.load()
    demo_aftercare.load()
