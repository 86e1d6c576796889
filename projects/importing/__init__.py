"""Spreadsheet import of projects: readers (upload checks), validation (row report), service (workflow)."""
