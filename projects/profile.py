"""The project profile lives in ``core.profile`` (the shared kernel); kept here for code that imports it from
the projects app."""

from core.profile import EnvironmentalGroup, ProjectProfile, ProjectProfileForm

__all__ = ["EnvironmentalGroup", "ProjectProfile", "ProjectProfileForm"]
