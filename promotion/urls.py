"""Public addresses of enquiries (under the language prefix)."""

from django.urls import path, re_path

from . import quality_views, views

app_name = "promotion"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("ask/", views.ask, name="ask"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,64})/$", views.detail, name="detail"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,64})/files/(?P<pk>[0-9]+)/$", views.attachment, name="attachment"),
]

urlpatterns += [
    path("service/", quality_views.service, name="service"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,64})/rate/$", views.rate, name="rate"),
]
