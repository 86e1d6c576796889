"""API resource: mine."""

from ninja import Router

router = Router(tags=["mine"])
