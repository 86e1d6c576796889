"""The board's synonym dictionary in the Wagtail admin (Settings > Search synonyms), for those with the
synonym permissions (add, change, delete)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = _("Search synonyms")
    add_to_settings_menu = True
    list_display = ["terms", "expands_to", "enabled", "updated_at"]
    list_filter = ["enabled"]
    search_fields = ["terms", "expands_to", "note"]
    panels = [FieldPanel("terms"), FieldPanel("expands_to"), FieldPanel("note"), FieldPanel("enabled")]


register_snippet(SynonymViewSet)
