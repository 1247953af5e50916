"""The tool's templates, installed as package data `evalsite.templates` (see generator/paths.py)."""
