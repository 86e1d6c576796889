"""Public addresses of investment promotion (under the language prefix): enquiries, their ratings, the service
figures, and a signed-in investor's aftercare issues."""

from django.urls import path, re_path

from . import aftercare_views, quality_views, views

app_name = "promotion"

PRIVATE_LINK = r"(?P<token>[A-Za-z0-9_-]{20,64})"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("ask/", views.ask, name="ask"),
    path("service/", quality_views.service, name="service"),
    path("aftercare/", aftercare_views.issues, name="aftercare"),
    path("aftercare/new/", aftercare_views.new, name="aftercare_new"),
    path("aftercare/<int:pk>/", aftercare_views.detail, name="aftercare_detail"),
    re_path(rf"^{PRIVATE_LINK}/$", views.detail, name="detail"),
    re_path(rf"^{PRIVATE_LINK}/rate/$", views.rate, name="rate"),
    re_path(rf"^{PRIVATE_LINK}/files/(?P<pk>[0-9]+)/$", views.attachment, name="attachment"),
]
