"""URLs of the zones app (mounted under the language prefix)."""

app_name = "zones"
urlpatterns: list = []
