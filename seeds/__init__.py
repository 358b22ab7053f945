"""Marker: seeds/ ships as the private package data ``unvotes._seeds`` (see pyproject.toml)."""
