"""The one-stop system's signed status webhook."""

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..integrations import SIGNATURE_HEADER, WebhookError, handle_webhook

MAX_BODY = 64 * 1024


@csrf_exempt  # authenticated by its HMAC signature, not by a session
@require_POST
def one_stop(request):
    if len(request.body) > MAX_BODY:
        return JsonResponse({"error": "body too large"}, status=413)
    try:
        result = handle_webhook(request.body, request.headers.get(SIGNATURE_HEADER, ""))
    except WebhookError as exc:
        return JsonResponse({"error": str(exc)}, status=exc.status)
    return JsonResponse(result)
