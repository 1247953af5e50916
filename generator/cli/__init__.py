"""The `evalsite` command: init, check, build, serve, new, import (and the exit statuses they share)."""
from .commands import main

__all__ = ["main"]
