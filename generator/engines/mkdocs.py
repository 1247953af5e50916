"""One language's MkDocs build, run in a worker from the config `engines.config` wrote beside its tree.

The build runs in-process (MkDocs' Python API), collects MkDocs' warnings for the error message, and
never writes into an existing file, so that it can start from hard links to the published site. The
generated pages' HTML reaches MkDocs through evalsite's plugin (`engines.plugin`).
"""
from __future__ import annotations

import contextlib
import logging
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

UNUSED = ("assets/javascripts/lunr", "assets/javascripts/workers", "search.json")  # Material's and Zensical's own
# search scripts and Zensical's index (the site searches with Pagefind), written whether or not a search plugin runs
ABSOLUTE_ONLY = ("sitemap.xml", "sitemap.xml.gz", "404.html")  # made of absolute addresses: kept only with a site URL


def remove_unused(site_dir: Path, site_url: bool) -> None:
    """Take out of a language's output what the site does not use: the theme's own search scripts
    and index, source maps, and without a site URL the files made of absolute addresses."""
    for name in UNUSED:
        path = site_dir / name
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink(missing_ok=True)
    for path in (site_dir / "assets").rglob("*.map"):
        path.unlink()
    if not site_url:
        for name in ABSOLUTE_ONLY:
            (site_dir / name).unlink(missing_ok=True)


@contextlib.contextmanager
def _replacing_writes() -> Iterator[None]:
    """While MkDocs builds, each file it writes or copies first loses its old name, so the write
    makes a new file instead of changing one that a published site may share (`publish.staging.link_tree`)."""
    from mkdocs import utils

    write_file, copy_file = utils.write_file, utils.copy_file

    def replacing_write(content: bytes, output_path: str) -> None:  # (MkDocs' write_file makes the folders)
        for path in (output_path, output_path + ".gz") if output_path.endswith("sitemap.xml") else (output_path,):
            Path(path).unlink(missing_ok=True)  # MkDocs writes sitemap.xml.gz right after sitemap.xml
        write_file(content, output_path)

    def replacing_copy(source_path: str, output_path: str) -> None:
        target = os.path.join(output_path, os.path.basename(source_path)) if os.path.isdir(output_path) else output_path
        Path(target).unlink(missing_ok=True)
        copy_file(source_path, output_path)

    utils.write_file, utils.copy_file = replacing_write, replacing_copy
    try:
        yield
    finally:
        utils.write_file, utils.copy_file = write_file, copy_file


@contextlib.contextmanager
def _one_page_at_a_time() -> Iterator[None]:
    """MkDocs reads and converts every page of a language before it renders the first one, so a
    language's whole HTML sits in memory at once (2.3 GB for the three workers at 1,000 evaluations).
    Here each page is read and converted just before it is rendered, and its HTML let go once it is
    written: what later steps need of it (the anchors it has, the links it makes) stays. Nothing of a
    page is used by another page's rendering: the navigation carries its own titles."""
    from mkdocs.commands import build

    populate, build_page = build._populate_page, build._build_page
    pending: dict[int, tuple] = {}

    def later(page, config, files, dirty=False) -> None:  # MkDocs' own signature (mkdocs.commands.build)
        pending[id(page)] = (config, files, dirty)

    def populate_then_build(page, config, doc_files, nav, env, dirty=False, excluded=False) -> None:
        populate(page, *pending.pop(id(page)))
        build_page(page, config, doc_files, nav, env, dirty, excluded)
        page.markdown, page.content = None, None

    build._populate_page, build._build_page = later, populate_then_build
    try:
        yield
    finally:
        build._populate_page, build._build_page = populate, build_page


def run(config_file: Path, site_dir: Path, epoch: int, dirty: bool) -> str | None:
    """Run one MkDocs build (config file, site folder, build time, dirty); returns its warnings as a
    message on failure. A dirty build renders only the changed pages."""
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    os.environ["SOURCE_DATE_EPOCH"] = str(epoch)
    collected = _Collect()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collected)
    logger.setLevel(logging.WARNING)
    try:
        config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=not dirty)  # a dirty build always warns
        # only a dirty build writes among files a published site may share: a full one empties the folder first
        with _replacing_writes() if dirty else contextlib.nullcontext(), _one_page_at_a_time():
            mkdocs_build(config, dirty=dirty)
    except (MkDocsException, SystemExit) as exc:
        return f"MkDocs failed for {config_file}: {exc}\n" + "\n".join(collected.messages)
    finally:
        logger.removeHandler(collected)
    remove_unused(Path(site_dir), bool(config.site_url))
    return None


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(f"  {record.levelname}: {record.getMessage()}")
