"""URLs of the projects app (mounted under the language prefix)."""

from django.urls import path

from . import public_views, views

app_name = "projects"
urlpatterns = [
    path("dashboard/", views.dashboard_view, name="dashboard"),
    path("dashboard/export.csv", views.export_view, {"file_format": "csv"}, name="export_csv"),
    path("dashboard/export.xlsx", views.export_view, {"file_format": "xlsx"}, name="export_xlsx"),
    path("<int:pk>/", public_views.project_detail, name="project"),
]
