"""URL configuration: admin and health outside the language prefix, pages inside it."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from zones.urls import gis_download_patterns

from . import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-<str:section>.xml", views.sitemap, name="sitemap"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("api.urls")),
    path("ogc/", include("api.ogc.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("maps/", include((gis_download_patterns, "maps"))),
    path("projects/", include("projects.urls")),
    path("licensing/", include("licensing.urls")),
    path("enquiries/", include("promotion.urls")),
    path("search/", include("search.urls")),
    path("zones-api/", include("zones.urls")),
    path("account/api-tokens/", include("api.token_urls")),
    path("data/", include("api.catalogue_urls")),
    path("", include([*(pattern for pattern in wagtail_urls.urlpatterns if pattern.name != "wagtail_serve"),
                      re_path(wagtail_urls.serve_pattern, views.serve, name="wagtail_serve")])),
)
