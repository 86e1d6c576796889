"""Public pages of enquiries: ask the board, the private page of one enquiry, a signed-in investor's list."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from licensing.forms import RatingForm
from licensing.quality import RatingError
from zones import profiles

from . import quality, services
from .forms import EnquiryForm, InvestorReplyForm, local_path
from .models import Enquiry

RATE_LIMITED = 429
TOO_MANY = gettext_lazy("Too many messages from your network. Please try again later.")


def _refused(form, request):
    form.add_error(None, TOO_MANY)
    return render(request, "promotion/ask.html", _ask_context(request, form), status=RATE_LIMITED)


def _ask_context(request, form) -> dict:
    values = profiles.stored(request)
    return {"form": form, "profile_words": profiles.summary(values),
            "about": local_path(form["about"].value()), "about_title": form["title"].value(),
            "zone": form["zone"].value(), "plot": form["plot"].value()}


def ask(request):
    """The "Ask the board" form, pre-filled with the page the visitor came from and their kept profile."""
    if request.method != "POST":
        initial = {key: request.GET.get(key, "")[:EnquiryForm.base_fields[key].max_length]
                   for key in ("about", "title", "zone", "plot")}
        if request.user.is_authenticated:
            initial.update(name=request.user.get_full_name(), email=request.user.email)
        form = EnquiryForm(initial=initial)
        return render(request, "promotion/ask.html", _ask_context(request, form))
    form = EnquiryForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "promotion/ask.html", _ask_context(request, form))
    if not services.allow_submission(request):
        return _refused(form, request)
    data = form.cleaned_data
    enquiry = services.submit_enquiry(
        topic=data["topic"], name=data["name"], email=data["email"], message=data["message"],
        language=data["language"], organisation=data["organisation"], phone=data["phone"],
        country=data["country"], page_url=data["about"], page_title=data["title"], zone_code=data["zone"],
        plot_code=data["plot"], profile=profiles.stored(request), user=request.user,
        attachment=data["attachment"])
    return redirect(f"{enquiry_url(enquiry)}?sent=1")


def enquiry_url(enquiry: Enquiry) -> str:
    """The private page of the enquiry in the active language."""
    return reverse("promotion:detail", args=[enquiry.token])


def detail(request, token: str):
    """The investor's private page of one enquiry: the question, the public answers, a reply form."""
    enquiry = get_object_or_404(Enquiry.objects.select_related("topic", "officer"), token=token)
    form = InvestorReplyForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not services.allow_submission(request):
            form.add_error(None, TOO_MANY)
            status = RATE_LIMITED
        else:
            try:
                services.investor_reply(enquiry, form.cleaned_data["body"], user=request.user)
            except services.EnquiryError as error:
                form.add_error(None, str(error))
            else:
                return redirect(enquiry_url(enquiry))
    return render(request, "promotion/detail.html", {
        "enquiry": enquiry, "messages_shown": services.public_messages(enquiry), "form": form,
        "sent": request.GET.get("sent") == "1", "rated": request.GET.get("rated") == "1",
        "link": request.build_absolute_uri(enquiry_url(enquiry)),
        "profile_words": profiles.summary(enquiry.profile), **_rating_context(enquiry)}, status=status)


def serve_attachment(enquiry: Enquiry, pk: int) -> FileResponse:
    """One file of ``enquiry`` as a private download (404 when it is not one of that enquiry's files)."""
    attachment = get_object_or_404(enquiry.attachments, pk=pk)
    response = FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name,
                            content_type=attachment.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def attachment(request, token: str, pk: int):
    """A file of the enquiry, for whoever holds its private link."""
    return serve_attachment(get_object_or_404(Enquiry, token=token), pk)


@login_required
def mine(request):
    """A signed-in investor's enquiries."""
    return render(request, "promotion/mine.html", {"enquiries": services.for_investor(request.user)})


def _rating_context(enquiry: Enquiry, form: RatingForm | None = None) -> dict:
    """The rating block of the private page: shown once the board has answered, filled with the rating (or
    ``form`` with its errors)."""
    rating = getattr(enquiry, "rating", None)
    if form is None and quality.may_rate(enquiry):
        form = RatingForm(initial={"score": rating.score, "comment": rating.comment} if rating else None)
    return {"rating_form": form, "rating": rating}


@require_POST
def rate(request, token: str):
    """The investor rates the board's answer (or changes their rating), from the private page; throttled
    like their replies."""
    enquiry = get_object_or_404(Enquiry.objects.select_related("topic"), token=token)
    form = RatingForm(request.POST)
    status = 400
    if form.is_valid():
        if not services.allow_submission(request):
            form.add_error(None, TOO_MANY)
            status = RATE_LIMITED
        else:
            try:
                quality.rate_enquiry(enquiry, form.cleaned_data["score"], form.cleaned_data["comment"])
            except RatingError as error:
                form.add_error(None, str(error))
            else:
                return redirect(f"{enquiry_url(enquiry)}?rated=1#rating")
    return render(request, "promotion/detail.html", {
        "enquiry": enquiry, "messages_shown": services.public_messages(enquiry), "form": InvestorReplyForm(),
        "link": request.build_absolute_uri(enquiry_url(enquiry)), "profile_words": profiles.summary(enquiry.profile),
        **_rating_context(enquiry, form)}, status=status)
