from django.apps import AppConfig


class BarePageConfig(AppConfig):
    """The bench's baseline page type."""

    name = "bench.bare_page"
    label = "bench_bare_page"
    default_auto_field = "django.db.models.BigAutoField"
