"""The tool's UI catalogs, installed as package data `evalsite.locales` (see generator/paths.py)."""
