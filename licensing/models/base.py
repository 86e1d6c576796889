"""Helpers shared by the licensing models."""

from django.utils import translation


def localized(obj, field: str) -> str:
    """``obj.<field>_vi`` when Vietnamese is active, else ``obj.<field>_en``; falls back to the other one."""
    first, second = ("vi", "en") if (translation.get_language() or "en").startswith("vi") else ("en", "vi")
    return getattr(obj, f"{field}_{first}", "") or getattr(obj, f"{field}_{second}", "")
