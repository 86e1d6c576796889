"""URLs of the maps app (mounted under the language prefix)."""

app_name = "maps"
urlpatterns: list = []
