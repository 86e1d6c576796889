"""The first enquiry topics and their service levels (the board edits them in the admin)."""

from django.db import migrations

TOPICS = [
    ("Đất và địa điểm", "Site and land", 3),
    ("Ưu đãi đầu tư", "Investment incentives", 5),
    ("Thủ tục cấp phép", "Licensing procedures", 5),
    ("Vấn đề khác", "Other", 5),
]


def add_topics(apps, schema_editor):
    topic = apps.get_model("promotion", "EnquiryTopic")
    for order, (name_vi, name_en, days) in enumerate(TOPICS):
        topic.objects.get_or_create(name_en=name_en, defaults={"name_vi": name_vi, "response_days": days,
                                                               "sort_order": order})


def remove_topics(apps, schema_editor):
    apps.get_model("promotion", "EnquiryTopic").objects.filter(name_en__in=[t[1] for t in TOPICS]).delete()


class Migration(migrations.Migration):
    dependencies = [("promotion", "0001_initial")]
    operations = [migrations.RunPython(add_topics, remove_topics)]
