"""The public "Service quality" page: answer times per enquiry topic, processing times per procedure in
practice beside the statutory time, satisfaction per agency (Decision 766/QĐ-TTg)."""

from django.shortcuts import render

from licensing import quality as licensing_quality
from licensing.forms import QualityPeriodForm

from . import quality


def service(request):
    """Public figures only, for the period chosen (the last twelve months by default): no investor's name
    and no comment reaches this page."""
    form = QualityPeriodForm(request.GET or None)
    default_from, default_to = licensing_quality.default_period()
    data = form.cleaned_data if form.is_valid() else {}
    date_from = data.get("date_from") or default_from
    date_to = data.get("date_to") or default_to
    if date_from > date_to:
        date_from, date_to = default_from, default_to
    return render(request, "promotion/service.html", {
        "form": form, "date_from": date_from, "date_to": date_to,
        "topics": quality.topic_figures(date_from, date_to),
        "procedures": licensing_quality.processing_times(date_from, date_to),
        "satisfaction": licensing_quality.agency_satisfaction(date_from, date_to),
        "on_service_page": True, "min_closed": licensing_quality.MIN_CLOSED})
