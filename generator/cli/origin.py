"""Where the running evalsite was installed from, so that `init` pins the same origin in the project's
requirements.txt and its CI installs what the office installed.

pip records the origin of anything not installed from a package index in the distribution's
`direct_url.json` (PEP 610): a wheel or archive file, an address, a Git repository at a commit, or a
local folder. From an index there is no such file, and `evalsite==VERSION` is the pin. A wheel file
is copied into the project (`vendor/`) and pinned by that relative path, since the path on the office
PC means nothing to a CI runner; a Git install is pinned at its commit; a local folder (a developer's
checkout) cannot be reached from CI, so the pin falls back to the version and says so.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

VENDOR = "vendor"  # where the project keeps a wheel it is pinned to


@dataclass(frozen=True)
class Pin:
    """How a project installs evalsite: the requirement line, what kind of origin it is (for the words
    around it), and a wheel to copy into the project when the line points at one."""

    requirement: str
    origin: str  # "index", "wheel", "git", "url" or "local"
    wheel: Path | None = None
    local: str | None = None  # the folder a local install came from, to name it


def installed_pin() -> Pin:
    """The pin for the evalsite that is running."""
    try:
        dist = distribution("evalsite")
    except PackageNotFoundError:  # run from a source tree without installing: nothing recorded
        return pin_for(None, "0.0.0")
    text = dist.read_text("direct_url.json")
    return pin_for(json.loads(text) if text else None, dist.version)


def pin_for(direct_url: dict | None, version: str) -> Pin:
    """The pin for an install described by `direct_url` (PEP 610's document, None from an index)."""
    if not direct_url:
        return Pin(f"evalsite=={version}", "index")
    url = direct_url.get("url", "")
    if "vcs_info" in direct_url:
        vcs = direct_url["vcs_info"]
        return Pin(f"evalsite @ {vcs.get('vcs', 'git')}+{url}@{vcs.get('commit_id') or vcs.get('requested_revision')}", "git")
    if "dir_info" in direct_url or not url:
        return Pin(f"evalsite=={version}", "local", local=_path(url) if url.startswith("file:") else None)
    if url.startswith("file:"):
        wheel = Path(_path(url))
        if wheel.suffix == ".whl" and wheel.is_file():
            return Pin(f"./{VENDOR}/{wheel.name}", "wheel", wheel=wheel)
        return Pin(f"evalsite=={version}", "local", local=str(wheel))
    hashes = direct_url.get("archive_info", {}).get("hashes", {})
    fragment = f"#sha256={hashes['sha256']}" if "sha256" in hashes else ""
    return Pin(f"evalsite @ {url}{fragment}", "url")


def _path(url: str) -> str:
    return url2pathname(unquote(urlsplit(url).path))
