"""The officers' dossier queue in the Wagtail admin: a Wagtail listing (search, filters, CSV and XLSX export)
of the open dossiers of the officer's agency, the bulk "receive" action, and the officer's saved filters."""

import datetime

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.formats import date_format, get_format
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import BulkActionsCheckboxColumn, Column, Table, TitleColumn
from wagtail.admin.views.bulk_action import BulkAction
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.mixins import ExcelDateFormatter

from .. import queue, services
from ..models import OPEN, Application, ApplicationStatus, Procedure


def require_officer(user) -> None:
    """403 for whoever has no queue: neither an officer of an agency nor a superuser."""
    if not (user.is_superuser or services.officer_agency_id(user)):
        raise PermissionDenied


def short_date(value) -> str:
    """A date as the public site writes it in the active language (``SHORT_DATE_FORMAT`` of portal.formats)."""
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def officer_name(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else ""


# --- filters --------------------------------------------------------------------------------------------------
class QueueFilterSet(WagtailFilterSet):
    """The queue's filters; the choices of procedure and officer are those of the officer's agency."""

    procedure = django_filters.ModelChoiceFilter(label=_("Procedure"), queryset=Procedure.objects.none(),
                                                 field_name="procedure")
    status = django_filters.ChoiceFilter(label=_("Status"), empty_label=_("All open"), choices=[
        (status, label) for status, label in ApplicationStatus.choices if status in OPEN])
    assigned_to = django_filters.ModelChoiceFilter(label=_("Assigned officer"), field_name="assigned_to",
                                                   queryset=Application.assigned_to.field.related_model.objects.none(),
                                                   null_label=_("Not assigned"))
    due = django_filters.ChoiceFilter(label=_("Due"), method="filter_due", empty_label=_("Any date"), choices=[
        ("overdue", _("Overdue")), ("week", _("Due within 5 working days"))])

    class Meta:
        model = Application
        fields = ["procedure", "status", "assigned_to", "due"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.request.user
        agency_id = None if user.is_superuser else services.officer_agency_id(user)
        procedures = Procedure.objects.order_by("code", "-effective_from")
        officers = Application.assigned_to.field.related_model.objects.filter(officer_profile__isnull=False)
        if agency_id is not None:
            procedures, officers = procedures.filter(agency_id=agency_id), queue.assignable_officers(agency_id)
        self.filters["procedure"].queryset = procedures
        self.filters["assigned_to"].queryset = officers.order_by("first_name", "last_name", "username")
        self.filters["assigned_to"].field.label_from_instance = officer_name

    def filter_due(self, queryset, name, value):
        return services.filter_queue_due(queryset, value, timezone.localdate())


# --- the listing ----------------------------------------------------------------------------------------------
class LabelledColumn(Column):
    """A column whose cells say their column's name (``data-label``): on a phone each row becomes a card."""

    cell_template_name = "licensing/admin/cell.html"


class DateColumn(LabelledColumn):
    """A date written as the public site writes it."""

    empty_value_display = "—"

    def get_value(self, instance):
        return short_date(super().get_value(instance))


class DeadlineColumn(LabelledColumn):
    """Working days left (or overdue), as the dossier's page says it."""

    cell_template_name = "licensing/admin/deadline_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["deadline"] = services.deadline(instance, parent_context.get("today"))
        return context


class QueueTable(Table):
    classname = "listing card-table"

    @property
    def attrs(self):
        return {**super().attrs, "data-testid": "queue"}

    def get_row_attrs(self, instance):
        attrs = super().get_row_attrs(instance)
        attrs["data-overdue"] = "1" if instance.overdue else "0"
        attrs["data-code"] = instance.dossier_code
        if instance.overdue:
            attrs["class"] = "overdue"
        return attrs


class QueueView(IndexView):
    """The open dossiers of the officer's agency in the queue's order (``services.QUEUE_ORDER``)."""

    model = Application
    template_name = "licensing/admin/queue.html"
    results_template_name = "licensing/admin/queue_results.html"
    index_url_name = "licensing_admin:queue"
    index_results_url_name = "licensing_admin:queue_results"
    table_class = QueueTable
    filterset_class = QueueFilterSet
    permission_policy = None
    any_permission_required = None
    page_title = _("Dossier queue")
    header_icon = "tasks"
    paginate_by = 50
    search_backend_name = None
    search_fields = ["dossier_code", "receipt_number", "project__code", "project__name_en", "project__name_vi",
                     "project__investors__name_en", "project__investors__name_vi"]
    breadcrumbs_items = [{"url": reverse_lazy("wagtailadmin_home"), "label": _("Home")}]
    export_filename = "dossiers"
    list_export = ["dossier_code", "receipt_number", "status_label", "submitted_on", "received_on", "due_date",
                   "procedure.code", "procedure_name", "project.code", "project_name", "assigned_officer"]
    export_headings = {"dossier_code": _("Dossier"), "receipt_number": _("Receipt number"),
                       "status_label": _("Status"), "submitted_on": _("Submitted on"),
                       "received_on": _("Received on"), "due_date": _("Due date"),
                       "procedure.code": _("Procedure code"), "procedure_name": _("Procedure"),
                       "project.code": _("Project code"), "project_name": _("Project"),
                       "assigned_officer": _("Assigned officer")}

    # Dates as the site writes them: text in the CSV, date cells shown that way in the XLSX (still sortable).
    custom_value_preprocess = {**IndexView.custom_value_preprocess,
                               (datetime.date, datetime.time): {"xlsx": None, "csv": short_date}}

    def dispatch(self, request, *args, **kwargs):
        require_officer(request.user)
        return super().dispatch(request, *args, **kwargs)

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        shown_as = ExcelDateFormatter().format(get_format("SHORT_DATE_FORMAT"))
        for cell, value in zip(super().generate_xlsx_row(worksheet, row_dict, date_format), row_dict.values(),
                               strict=True):
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                cell.number_format = shown_as
            yield cell

    def get_base_queryset(self):
        return services.officer_queue(self.request.user, timezone.localdate())

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(pk__in=super().search_queryset(Application.objects.all()).values("pk"))

    def to_row_dict(self, item):
        item.status_label = item.get_status_display()
        item.procedure_name, item.project_name = item.procedure.name, item.project.name
        item.assigned_officer = officer_name(item.assigned_to)
        return super().to_row_dict(item)

    @cached_property
    def columns(self):
        return [
            BulkActionsCheckboxColumn("bulk_actions", obj_type="application"),
            TitleColumn("dossier_code", label=_("Dossier"), url_name="licensing_admin:application",
                        get_title_id=lambda a: f"application_{a.pk}_title", classname="queue-code"),
            LabelledColumn("status", label=_("Status"), accessor="get_status_display"),
            DeadlineColumn("deadline", label=_("Deadline")),
            DateColumn("due_date", label=_("Due date")),
            DateColumn("received_on", label=_("Received on")),
            LabelledColumn("receipt_number", label=_("Receipt number")),
            LabelledColumn("procedure", label=_("Procedure"),
                           accessor=lambda a: f"{a.procedure.code} {a.procedure.name}"),
            LabelledColumn("project", label=_("Project"), accessor=lambda a: a.project.name),
            LabelledColumn("assigned_to", label=_("Assigned officer"),
                           accessor=lambda a: officer_name(a.assigned_to) or gettext("Not assigned")),
        ]

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        context["saved_filters"] = queue.saved_filters(self.request.user)
        context["current_query"] = queue.filter_query(self.request.GET)
        return context


@require_POST
def save_filter(request):
    """Name the queue's current filters (posted as ``query``) to pick them again later."""
    require_officer(request.user)
    query = request.POST.get("query", "")
    try:
        saved = queue.save_filter(request.user, request.POST.get("name", ""), query)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(f"{reverse('licensing_admin:queue')}?{queue.filter_query(query)}")
    messages.success(request, gettext("Saved the filter “%(name)s”.") % {"name": saved.name})
    return redirect(f"{reverse('licensing_admin:queue')}?{saved.query}")


@require_POST
def delete_filter(request, pk: int):
    """Delete one of the officer's own saved filters."""
    require_officer(request.user)
    queue.delete_filter(request.user, pk)
    messages.success(request, gettext("Deleted the saved filter."))
    return redirect("licensing_admin:queue")


# --- bulk "receive" -------------------------------------------------------------------------------------------
class ReceiveBatchForm(forms.Form):
    """The receipt date of a batch handed in together, and the counter's receipt number of each dossier."""

    received_on = forms.DateField(label=_("Receipt date"), widget=forms.DateInput(attrs={"type": "date"}),
                                  help_text=_("The day the dossiers were handed in at the counter."))

    def __init__(self, *args, applications=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.applications = list(applications)
        for application in self.applications:
            self.fields[f"receipt_{application.pk}"] = forms.CharField(
                label=_("Receipt number of %(code)s") % {"code": application.dossier_code}, required=False,
                max_length=40)

    def receipt_numbers(self) -> dict[int, str]:
        return {a.pk: self.cleaned_data.get(f"receipt_{a.pk}", "") for a in self.applications}

    def receipt_fields(self):
        return [(application, self[f"receipt_{application.pk}"]) for application in self.applications]


class ReceiveBulkAction(BulkAction):
    """Receive several dossiers handed in together, on one receipt date: all of them or none."""

    display_name = _("Receive")
    action_type = "receive"
    aria_label = _("Receive the selected dossiers")
    template_name = "licensing/admin/bulk_receive.html"
    models = [Application]
    action_priority = 10
    form_class = ReceiveBatchForm

    def dispatch(self, request, *args, **kwargs):
        require_officer(request.user)
        return super().dispatch(request, *args, **kwargs)

    def get_all_objects_in_listing_query(self, parent_id):
        return services.officer_queue(self.request.user).values_list("pk", flat=True)

    def get_queryset(self, model, object_ids):
        return list(Application.objects.select_related("procedure", "project", "agency")
                    .filter(pk__in=[pk for pk in object_ids if str(pk).isdigit()]).order_by("dossier_code"))

    def check_perm(self, obj):
        return services.officer_may_work(self.request.user, obj)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["applications"] = self.get_actionable_objects()[0]
        return kwargs

    def form_valid(self, form):
        applications, without_access = self.get_actionable_objects()
        if without_access["items_with_no_access"] or not applications:
            form.add_error(None, gettext("Nothing was received: select only dossiers of your agency."))
            return self.form_invalid(form)
        try:
            count = queue.receive_batch(self.request.user, applications, form.cleaned_data["received_on"],
                                        form.receipt_numbers())
        except queue.ReceiptRefused as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        messages.success(self.request, ngettext("Received %(count)s dossier on %(date)s.",
                                                "Received %(count)s dossiers on %(date)s.", count) % {
            "count": count, "date": short_date(form.cleaned_data["received_on"])})
        return redirect(self.next_url)
