"""Licensing: agencies, procedures, the investor's pathway, applications and their workflow."""
