"""Zones: industrial and economic zones, their plots and the incentive policies that apply to them."""
