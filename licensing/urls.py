"""URLs of the licensing app (mounted under the language prefix)."""

from django.urls import path

from .views import accounts, investor, procedures, public, webhook

app_name = "licensing"
urlpatterns = [
    path("plan/", public.plan, name="plan"),
    path("plan/environment/", public.environment, name="environment"),
    path("track/", public.track, name="track"),
    path("performance/", public.performance, name="performance"),
    path("procedures/", procedures.procedure_list, name="procedures"),
    path("procedures/<str:code>/", procedures.procedure_detail, name="procedure"),
    path("webhooks/one-stop/", webhook.one_stop, name="webhook"),
    path("account/sign-up/", accounts.signup, name="signup"),
    path("account/activate/<str:uidb64>/<str:token>/", accounts.activate, name="activate"),
    path("account/sign-in/", accounts.SignInView.as_view(), name="signin"),
    path("account/confirmation/resend/", accounts.resend_activation, name="resend_activation"),
    path("account/sign-out/", accounts.SignOutView.as_view(), name="signout"),
    path("account/password-reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path("account/password-reset/sent/", accounts.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("account/reset/<uidb64>/<token>/", accounts.PasswordResetConfirmView.as_view(),
         name="password_reset_confirm"),
    path("account/reset/done/", accounts.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("my/", investor.my_projects, name="my_projects"),
    path("my/projects/new/", investor.project_new, name="project_new"),
    path("my/projects/<int:pk>/", investor.project_detail, name="my_project"),
    path("my/applications/", investor.my_applications, name="my_applications"),
    path("my/applications/new/", investor.application_new, name="application_new"),
    path("my/applications/<int:pk>/", investor.application_detail, name="application_detail"),
    path("my/applications/<int:pk>/move/", investor.application_move, name="application_move"),
    path("my/applications/<int:pk>/files/<int:attachment_pk>/", investor.attachment_download,
         name="attachment_download"),
    path("my/applications/<int:pk>/result/", investor.result_download, name="result_download"),
    path("my/notifications/", investor.notifications, name="notifications"),
]

urlpatterns += [
    path("my/applications/<int:pk>/rate/", investor.application_rate, name="application_rate"),
]
