"""Builders for enquiry tests: topics, enquiries and officers with the board's permissions."""

from django.contrib.auth.models import Group, Permission

from promotion import services
from promotion.models import AnswerTemplate, EnquiryTopic
from tests.factories import UserFactory


def topic(name_en: str = "Site and land", days: int = 3) -> EnquiryTopic:
    """An active topic answered within ``days`` working days."""
    return EnquiryTopic.objects.create(name_en=name_en, name_vi=f"{name_en} (vi)", response_days=days)


def enquiry(topic_=None, **fields):
    """An enquiry submitted through the service, without an account."""
    values = {"name": "Lan Nguyen", "email": "lan@example.org", "message": "Is plot A-01 still free?",
              "language": "en"}
    values.update(fields)
    return services.submit_enquiry(topic=topic_ or topic(), **values)


def officer(username: str, *codenames: str):
    """A staff user who may enter the admin and holds ``promotion.<codename>`` for each codename."""
    user = UserFactory(username=username, is_staff=True)
    group = Group.objects.create(name=f"board-{username}")
    group.permissions.add(Permission.objects.get(codename="access_admin", content_type__app_label="wagtailadmin"),
                          *Permission.objects.filter(codename__in=codenames, content_type__app_label="promotion"))
    user.groups.add(group)
    return user


def answer_template(title: str = "Plot availability", topic_=None, **fields):
    """An active answer template in English and Vietnamese with the usual placeholders."""
    values = {"body_en": "Dear {name}, about {reference}: the plot is free.",
              "body_vi": "Kính gửi {name}, về hồ sơ {reference}: lô đất còn trống."}
    values.update(fields)
    return AnswerTemplate.objects.create(title=title, topic=topic_, **values)
