"""The GIS import of zones and plots: an editor uploads a file (read by ``maps.importers``), previews what
it would create or replace, confirms, and the features are saved as zone pages or plots in one transaction.

Modules: ``options`` (what the editor chose), ``preparing`` (the file's columns and values as zone or plot
attributes), ``preview`` (what saving would replace, and the warnings), ``saving`` (zone pages and plots),
``running`` (one claimed run), ``tasks`` (the Celery task), ``services`` (upload, confirm, cancel),
``forms``, ``admin_views`` and ``wagtail_hooks`` (the Wagtail admin screens, registered by zones.wagtail_hooks).
"""
