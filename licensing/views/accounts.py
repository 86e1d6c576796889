"""Investor accounts on the public site: sign-up with e-mail confirmation, sign-in (throttled), sign-out,
password reset with Django's views and our templates. Admin access is separate (Wagtail's own login)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core import throttle
from core.links import site_url
from projects.choices import InvestorKind
from projects.models import HOME_COUNTRY, Investor, InvestorMembership

from ..accounts import confirm_email
from ..forms import PasswordResetForm, SignInForm, SignUpForm


class ActivationTokenGenerator(PasswordResetTokenGenerator):
    """A one-time e-mail confirmation token: it stops working once the account is active."""

    key_salt = "licensing.accounts.ActivationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{user.pk}{user.is_active}{user.email}{timestamp}"


activation_token = ActivationTokenGenerator()


@transaction.atomic
def _create_account(data: dict):
    user = get_user_model().objects.create_user(username=data["email"], email=data["email"],
                                                password=data["password1"], is_active=False)
    foreign = data["country"] != HOME_COUNTRY
    investor = Investor.objects.create(
        name_vi=data["company"], name_en=data["company"], country=data["country"],
        kind=InvestorKind.FOREIGN_ENTERPRISE if foreign else InvestorKind.DOMESTIC_ENTERPRISE)
    InvestorMembership.objects.create(investor=investor, user=user, role="owner")
    return user


SIGNUP_MAILS_PER_ADDRESS = 3  # per e-mail address asked for, per hour
SIGNUP_MAILS_PER_CLIENT = 20  # per client address, per hour


def _send_activation(user) -> None:
    link = site_url(reverse("licensing:activate", args=[
        urlsafe_base64_encode(force_bytes(user.pk)), activation_token.make_token(user)]))
    body = render_to_string("licensing/accounts/activation_email.txt", {"user": user, "link": link})
    send_mail(_("Confirm your Invest Portal account"), body, None, [user.email])


def _send_account_exists(user) -> None:
    body = render_to_string("licensing/accounts/account_exists_email.txt", {
        "signin": site_url(reverse("licensing:signin")),
        "reset": site_url(reverse("licensing:password_reset"))})
    send_mail(_("You already have an Invest Portal account"), body, None, [user.email])


def _activation_mail_allowed(request, email: str) -> bool:
    """Count one confirmation (or account-exists) e-mail against the address and the client; False past
    either limit. Sign-up and "send the link again" share the counters."""
    allowed = throttle.hit("signup-client", throttle.client_address(request), SIGNUP_MAILS_PER_CLIENT, 3600)
    return throttle.hit("signup-email", email, SIGNUP_MAILS_PER_ADDRESS, 3600) and allowed


@require_http_methods(["GET", "POST"])
def signup(request):
    """Open an investor account. Every valid request gets the same answer ("check your e-mail"): a new
    address gets its confirmation link, an address an account already uses gets a note to its owner (the
    confirmation link again while that account is unconfirmed). Mails are limited per address and client."""
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        allowed = _activation_mail_allowed(request, email)
        existing = form.existing_account
        if existing is None:
            user = _create_account(form.cleaned_data)
            if allowed:
                _send_activation(user)
        else:
            make_password(form.cleaned_data["password1"])  # as slow as creating an account: timing tells nothing
            if allowed and existing.email:
                (_send_activation if not existing.is_active else _send_account_exists)(existing)
        return render(request, "licensing/accounts/signup_done.html", {"email": email})
    return render(request, "licensing/accounts/signup.html", {"form": form})


def activate(request, uidb64: str, token: str):
    """Confirm the e-mail address, activate the account and sign the investor in."""
    try:
        user = get_user_model().objects.get(pk=force_str(urlsafe_base64_decode(uidb64)))
    except (ValueError, TypeError, OverflowError, get_user_model().DoesNotExist):
        user = None
    if user is None or user.is_active or not activation_token.check_token(user, token):
        return render(request, "licensing/accounts/activation_invalid.html", status=400)
    confirm_email(user)
    login(request, user, backend=settings.AUTHENTICATION_BACKENDS[0])
    messages.success(request, _("Your account is active. Welcome!"))
    return redirect("licensing:my_projects")


UNCONFIRMED_SESSION_KEY = "licensing:unconfirmed_account"


class SignInView(auth_views.LoginView):
    """Sign in by e-mail or user name. An unconfirmed account that gave its right password is remembered in the
    session, so the page can offer to send the confirmation e-mail again (``resend_activation``)."""

    template_name = "licensing/accounts/signin.html"
    form_class = SignInForm
    redirect_authenticated_user = True

    def form_invalid(self, form):
        if form.unconfirmed is not None:
            self.request.session[UNCONFIRMED_SESSION_KEY] = form.unconfirmed.pk
        return super().form_invalid(form)

    def get_default_redirect_url(self):
        """Investors to their projects; staff who act for no investor (officers, editors) to the admin."""
        user = self.request.user
        if user.has_perm("wagtailadmin.access_admin") and not user.investor_memberships.exists():
            return reverse("wagtailadmin_home")
        return reverse("licensing:my_projects")


@require_POST
def resend_activation(request):
    """Send the confirmation e-mail again to the unconfirmed account that just gave its right password on this
    browser's sign-in form; limited per address and client like sign-up."""
    pk = request.session.get(UNCONFIRMED_SESSION_KEY)
    user = get_user_model().objects.filter(pk=pk, is_active=False, last_login__isnull=True).first() if pk else None
    if user is None or not user.email:
        messages.error(request, _("Sign in with your e-mail and password first."))
    elif _activation_mail_allowed(request, user.email):
        _send_activation(user)
        messages.success(request, _("We sent a new confirmation link to %(email)s. Open it to activate your "
                                    "account.") % {"email": user.email})
    else:
        messages.error(request, _("We have sent several confirmation e-mails to this address in the last hour. "
                                  "Check your inbox (and spam folder), or try again later."))
    return redirect("licensing:signin")


class SignOutView(auth_views.LogoutView):
    http_method_names = ["post", "options"]

    def get_default_redirect_url(self):
        return reverse("licensing:plan")


class PasswordResetView(auth_views.PasswordResetView):
    form_class = PasswordResetForm
    template_name = "licensing/accounts/password_reset.html"
    email_template_name = "licensing/accounts/password_reset_email.txt"
    subject_template_name = "licensing/accounts/password_reset_subject.txt"
    success_url = reverse_lazy("licensing:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "licensing/accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "licensing/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("licensing:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "licensing/accounts/password_reset_complete.html"
