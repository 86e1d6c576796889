"""API resource: zones."""

from ninja import Router

router = Router(tags=["zones"])
plots_router = Router(tags=["plots"])
