"""API resource: statistics."""

from ninja import Router

router = Router(tags=["statistics"])
