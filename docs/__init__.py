"""The author guide, installed as package data `evalsite.guide` (see generator/paths.py)."""
