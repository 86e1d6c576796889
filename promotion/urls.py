"""Public addresses of enquiries (under the language prefix)."""

from django.urls import path, re_path

from . import views

app_name = "promotion"

urlpatterns = [
    path("", views.mine, name="mine"),
    path("ask/", views.ask, name="ask"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,64})/$", views.detail, name="detail"),
    re_path(r"^(?P<token>[A-Za-z0-9_-]{20,64})/files/(?P<pk>[0-9]+)/$", views.attachment, name="attachment"),
]

# Aftercare: a signed-in investor's issues of their operating projects.
from . import aftercare_views  # noqa: E402

urlpatterns += [
    path("aftercare/", aftercare_views.issues, name="aftercare"),
    path("aftercare/new/", aftercare_views.new, name="aftercare_new"),
    path("aftercare/<int:pk>/", aftercare_views.detail, name="aftercare_detail"),
]
