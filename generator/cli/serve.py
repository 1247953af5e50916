"""`evalsite serve`: build, serve on 127.0.0.1, rebuild on every change and reload open pages.

The preview is built into the project's `build/preview/` (not `site/`), with a small live-reload script that asks
the server for the build number every half second. Rebuilds are incremental (`site.preview`): only
the pages of changed evaluations are generated again and only the pages whose Markdown changed are
rendered by MkDocs, in worker processes kept warm for the whole session; the open pages reload as
soon as that is done, and the open data, calendars and search index follow (`site.finish_preview`).
A change with errors prints them and keeps the last good preview on screen: content is checked
before anything is written. Ctrl+C (or SIGTERM) ends the server and the worker processes.
"""
from __future__ import annotations

import dataclasses
import functools
import http.server
import sys
import threading
import time
import traceback
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from ..build import BuildContext, BuildError, BuildOptions, finish_preview, preview
from ..build.project import Project, load_project
from ..engines import config as engine_config
from ..errors import ContentError, display_path
from ..files import publishing_umask
from ..paths import LOCALES, TEMPLATES
from ..publish.pool import worker_pool

PREVIEW = "preview"  # in the project's work folder
LIVE_RELOAD_JS = """(function () {
  var seen = null;
  setInterval(function () {
    fetch("/__evalsite__/version", {cache: "no-store"}).then(function (r) { return r.text(); }).then(function (v) {
      if (seen !== null && v !== seen) location.reload();
      seen = v;
    }).catch(function () {});
  }, 500);
})();
"""


class PortError(Exception):
    """The server cannot listen where it was asked to (the port is taken, or not ours to use)."""


class _State:
    """The build number the pages poll; it changes after each successful rebuild."""

    def __init__(self) -> None:
        self.version = 0
        self.changed = threading.Event()
        self.context: BuildContext | None = None  # the folders read and catalogs compiled, kept from one rebuild to the next


def serve(project: Project, out: Path | None, host: str, port: int, debug: bool = False) -> int:
    """Serve the project's preview at its own local address (the site URL of evalsite.yml is for builds).
    With `debug`, an unexpected error in a rebuild prints its traceback."""
    out = out or project.work_dir / PREVIEW
    site_url = f"http://{host}:{port}/"
    state = _State()
    options = functools.partial(_options, project, out, site_url)
    try:
        server = _Server((host, port), functools.partial(_Handler, state, directory=str(out)))
    except OSError as exc:
        raise PortError(f"cannot serve on {host}:{port} ({exc.strerror}) — choose another port with --port") from None
    observer = Observer()
    with publishing_umask(), worker_pool() as pool:
        rebuild = functools.partial(_rebuild, options, state, pool, debug)
        rebuild()
        watched = {project.root / engine_config.CONFIG_NAME, engine_config.DEFAULT} | ({project.config} if project.config else set())
        handler = _OnChange(state, watched)
        for folder in {project.content, TEMPLATES, LOCALES, project.templates, project.locales} - {None}:
            observer.schedule(handler, str(folder), recursive=True)
        for path in handler.files:
            observer.schedule(handler, str(path.parent), recursive=False)
        observer.start()
        threading.Thread(target=_rebuild_loop, args=(state, rebuild), daemon=True).start()
        print(f"serving {display_path(out)}/ on {site_url} — edit {display_path(project.content)}/ and the pages reload; Ctrl+C stops",
              flush=True)
        try:
            server.serve_forever()
        finally:
            observer.stop()
            server.server_close()
    return 0


def _options(project: Project, out: Path, site_url: str) -> BuildOptions:
    """The preview's options, with evalsite.yml and mkdocs.yml read again: a change to them shows at the next rebuild."""
    if project.config:
        project = dataclasses.replace(load_project(project.config), content=project.content)
    return BuildOptions(out_dir=out, site_url=site_url, live_reload=True, work_dir=project.work_dir, project=project, draft=True)


def _rebuild(options: Callable[[], BuildOptions], state: _State, pool: ProcessPoolExecutor, debug: bool = False) -> None:
    """One rebuild of the preview; whatever goes wrong is reported and the preview keeps serving the last good pages."""
    started = time.perf_counter()
    try:
        current = options()
        if state.context is None or state.context.options != current:
            state.context = BuildContext(current)
        done = preview(current.project.content, state.context, pool)
        state.version += 1  # the pages reload now; what they link to and the search index follow
        print(f"rebuilt in {time.perf_counter() - started:.1f} s ({done.pages_changed} pages changed; "
              f"languages rebuilt: {', '.join(done.languages) or 'none'})", flush=True)
        finish_preview(done, pool)
    except ContentError as exc:
        print("\n".join(str(p) for p in exc.problems), file=sys.stderr)
        print(f"{len(exc.problems)} problems found; still showing the last good build.", file=sys.stderr, flush=True)
        return
    except BuildError as exc:
        print(f"the site could not be built: {exc}", file=sys.stderr, flush=True)
        return
    except BrokenProcessPool:  # the workers were ended: the server is stopping
        return
    except Exception as exc:  # a bug of evalsite's own: said, and the preview goes on with the last good build
        if debug:
            traceback.print_exc()
        print(f"internal error while rebuilding ({type(exc).__name__}: {exc}); still showing the last good build"
              + ("" if debug else " — run `evalsite --debug serve` to see the traceback"), file=sys.stderr, flush=True)
        return
    if done.languages:  # no second reload: a page loads the search index when the reader first searches
        print(f"open data, calendars and search index renewed at {time.perf_counter() - started:.1f} s", flush=True)


def _rebuild_loop(state: _State, rebuild: functools.partial) -> None:
    while True:
        state.changed.wait()
        time.sleep(0.1)  # let an editor finish writing (and catch the burst of events a save makes)
        state.changed.clear()
        rebuild()


class _OnChange(FileSystemEventHandler):
    """Any change in the folders watched, and in `files` (watched through their folders)."""

    def __init__(self, state: _State, files: set[Path]):
        self.state = state
        self.files = {path.resolve() for path in files}
        self.folders = {path.parent for path in self.files}

    def on_any_event(self, event: FileSystemEvent) -> None:
        path = str(event.src_path)
        if event.event_type in ("opened", "closed_no_write") or path.endswith((".swp", "~")):
            return
        changed = Path(path).resolve()
        if changed.parent in self.folders and changed not in self.files:
            return  # another file beside evalsite.yml or the base config
        self.state.changed.set()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: tuple) -> None:
        """A reader who closes a page before it arrived is no error worth a traceback in the author's terminal."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def __init__(self, state: _State, *args, **kwargs):
        self.state = state
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path == "/__evalsite__/version":
            return self._send(str(self.state.version), "text/plain")
        if self.path == "/__evalsite__/livereload.js":
            return self._send(LIVE_RELOAD_JS, "text/javascript")
        return super().do_GET()

    def _send(self, text: str, content_type: str) -> None:
        body = text.encode()
        self.send_response(200)
        self.send_header("Content-Type", f"{content_type}; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # keep the terminal for build messages
        pass
