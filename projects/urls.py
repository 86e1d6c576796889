"""URLs of the projects app (mounted under the language prefix)."""

app_name = "projects"
urlpatterns: list = []
