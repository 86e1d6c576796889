"""Admin and serving hooks of the shared kernel: translation progress, and stale translations shown from source."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from core import translations
from core.translation_admin import progress_view


@hooks.register("before_serve_page")
def show_source_text_where_stale(page, request, serve_args, serve_kwargs):
    """A translation whose source text changed shows the source's text in the fields concerned (marked by the
    templates with ``{% source_lang %}``) rather than an out-of-date translation."""
    request.source_text = translations.source_text(page)


class ProgressMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("wagtailadmin.access_admin")


@hooks.register("register_reports_menu_item")
def register_progress_menu_item():
    return ProgressMenuItem(_("Translation progress"), reverse("translation_progress"), icon_name="site",
                            order=900, name="translation-progress")


@hooks.register("register_admin_urls")
def register_progress_url():
    return [path("reports/translation-progress/", progress_view, name="translation_progress")]
