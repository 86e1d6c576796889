"""URLs of the licensing app (mounted under the language prefix)."""

app_name = "licensing"
urlpatterns: list = []
