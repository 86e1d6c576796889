"""The home page and the site-wide settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page

from core.i18n import localized, other_languages_panel

from .blocks import CallToActionBlock, KeyFigureBlock


class HomePage(Page):
    """The province's front door for investors: what it offers, key figures, where to go next."""

    hero_title = models.CharField(_("headline"), max_length=160)
    hero_text = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("what the province offers"), blank=True, features=["h2", "h3", "bold", "italic",
                                                                              "ol", "ul", "link"])
    key_figures = StreamField([("figure", KeyFigureBlock())], blank=True, verbose_name=_("key figures"))
    calls_to_action = StreamField([("action", CallToActionBlock())], blank=True,
                                  verbose_name=_("calls to action"))

    content_panels = Page.content_panels + [
        MultiFieldPanel([FieldPanel("hero_title"), FieldPanel("hero_text")], heading=_("Welcome")),
        FieldPanel("body"),
        FieldPanel("key_figures"),
        FieldPanel("calls_to_action"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1
    template = "portal/home_page.html"

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        """Add the key figures as plain values for the template: from the project registry when it holds
        projects, with the day the registry runs to, else the figures editors entered."""
        from projects.statistics import registry_source

        from .home import registry_figures

        context = super().get_context(request, *args, **kwargs)
        registry, as_of = registry_figures()
        context["key_figures"] = registry or [block.value for block in self.key_figures]
        context["figures_as_of"] = as_of
        context["figures_source"] = registry_source(as_of) if registry else None
        return context


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details, social links and footer text shown on every page."""

    organisation_name_en = models.CharField(_("organisation (English)"), max_length=200, blank=True)
    organisation_name_vi = models.CharField(_("organisation (Vietnamese)"), max_length=200, blank=True)
    organisation_name_ko = models.CharField(_("organisation (Korean)"), max_length=200, blank=True)
    organisation_name_ja = models.CharField(_("organisation (Japanese)"), max_length=200, blank=True)
    organisation_name_zh_hans = models.CharField(_("organisation (Simplified Chinese)"), max_length=200, blank=True)
    organisation_name_zh_hant = models.CharField(_("organisation (Traditional Chinese)"), max_length=200, blank=True)
    address_en = models.TextField(_("address (English)"), blank=True)
    address_vi = models.TextField(_("address (Vietnamese)"), blank=True)
    address_ko = models.TextField(_("address (Korean)"), blank=True)
    address_ja = models.TextField(_("address (Japanese)"), blank=True)
    address_zh_hans = models.TextField(_("address (Simplified Chinese)"), blank=True)
    address_zh_hant = models.TextField(_("address (Traditional Chinese)"), blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("telephone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    youtube_url = models.URLField(_("YouTube channel"), blank=True)
    zalo_url = models.URLField(_("Zalo official account"), blank=True)
    footer_text_en = models.CharField(_("footer text (English)"), max_length=300, blank=True)
    footer_text_vi = models.CharField(_("footer text (Vietnamese)"), max_length=300, blank=True)
    footer_text_ko = models.CharField(_("footer text (Korean)"), max_length=300, blank=True)
    footer_text_ja = models.CharField(_("footer text (Japanese)"), max_length=300, blank=True)
    footer_text_zh_hans = models.CharField(_("footer text (Simplified Chinese)"), max_length=300, blank=True)
    footer_text_zh_hant = models.CharField(_("footer text (Traditional Chinese)"), max_length=300, blank=True)

    panels = [
        MultiFieldPanel([FieldPanel("organisation_name_en"), FieldPanel("organisation_name_vi"),
                         FieldPanel("address_en"), FieldPanel("address_vi"),
                         FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        other_languages_panel("organisation_name", "address"),
        MultiFieldPanel([FieldPanel("facebook_url"), FieldPanel("youtube_url"), FieldPanel("zalo_url")],
                        heading=_("Social")),
        MultiFieldPanel([FieldPanel("footer_text_en"), FieldPanel("footer_text_vi")], heading=_("Footer")),
        other_languages_panel("footer_text"),
    ]

    class Meta:
        verbose_name = _("site settings")

    def localized(self, field: str, language: str) -> str:
        """The ``field`` in ``language`` (a site language), falling back to English, then Vietnamese."""
        return localized(self, field, language)
