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
import datetime
import functools
import http.server
import json
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
from ..errors import ContentError, counted, display_path
from ..files import publishing_umask
from ..paths import LOCALES, TEMPLATES
from ..publish.pool import worker_pool

PREVIEW = "preview"  # in the project's work folder
LIVE_RELOAD_JS = """(function () {
  /* Asks the server every half second how the preview stands: a new build number reloads the page; a
     list of problems shows over the page (the last good build stays underneath) until they are fixed. */
  var seen = null, panel = null;
  function show(problems) {
    if (!problems.length) { if (panel) { panel.remove(); panel = null; } return; }
    if (!panel) {
      panel = document.createElement("section");
      panel.setAttribute("role", "alert");
      panel.setAttribute("aria-label", "evalsite");
      panel.style.cssText = "position:fixed;left:0;right:0;bottom:0;max-height:60vh;overflow:auto;z-index:10000;" +
        "background:#fff8e1;color:#1a1a1a;border-top:4px solid #b71c1c;padding:12px 16px;font:14px/1.5 system-ui,sans-serif;" +
        "box-shadow:0 -2px 8px rgba(0,0,0,.3)";
      document.body.appendChild(panel);
    }
    panel.textContent = "";
    var title = document.createElement("p");
    title.style.cssText = "margin:0 0 6px;font-weight:700";
    title.textContent = problems.length + (problems.length === 1 ? " problem" : " problems") +
      " in the content; this page is the last good build. Fix and save: this panel goes by itself.";
    var list = document.createElement("ul");
    list.style.cssText = "margin:0;padding-left:20px;font-family:ui-monospace,monospace;overflow-wrap:anywhere";
    problems.forEach(function (problem) {
      var item = document.createElement("li");
      item.textContent = problem;  /* text, never HTML: a message may quote what an author typed */
      list.appendChild(item);
    });
    panel.appendChild(title);
    panel.appendChild(list);
  }
  setInterval(function () {
    fetch("/__evalsite__/status", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (status) {
      if (seen !== null && status.version !== seen) { location.reload(); return; }
      seen = status.version;
      show(status.problems);
    }).catch(function () {});
  }, 500);
})();
"""


class PortError(Exception):
    """The server cannot listen where it was asked to (the port is taken, or not ours to use)."""


class _State:
    """What the pages poll: the build number, which changes after each successful rebuild, and the
    problems of the last rebuild, if it failed."""

    def __init__(self) -> None:
        self.version = 0
        self.problems: tuple[str, ...] = ()  # what the last rebuild found wrong, shown over the open pages
        self.changed = threading.Event()
        self.context: BuildContext | None = None  # the folders read and catalogs compiled, kept from one rebuild to the next


def serve(project: Project, out: Path | None, host: str, port: int, debug: bool = False, as_of: datetime.date | None = None) -> int:
    """Serve the project's preview at its own local address (the site URL of evalsite.yml is for builds).
    With `debug`, an unexpected error in a rebuild prints its traceback; `as_of` judges due dates on that
    day, and a past day shows the follow-up as it stood then."""
    out = out or project.work_dir / PREVIEW
    site_url = f"http://{host}:{port}/"
    state = _State()
    options = functools.partial(_options, project, out, site_url, as_of)
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


def _options(project: Project, out: Path, site_url: str, as_of: datetime.date | None = None) -> BuildOptions:
    """The preview's options, with evalsite.yml and mkdocs.yml read again: a change to them shows at the next rebuild."""
    if project.config:
        project = dataclasses.replace(load_project(project.config), content=project.content)
    return BuildOptions(out_dir=out, site_url=site_url, live_reload=True, work_dir=project.work_dir, project=project, draft=True,
                        as_of=as_of)


def _rebuild(options: Callable[[], BuildOptions], state: _State, pool: ProcessPoolExecutor, debug: bool = False) -> None:
    """One rebuild of the preview; whatever goes wrong is reported and the preview keeps serving the last good pages."""
    started = time.perf_counter()
    try:
        current = options()
        if state.context is None or state.context.options != current:
            state.context = BuildContext(current)
        done = preview(current.project.content, state.context, pool)
        state.problems = ()
        state.version += 1  # the pages reload now; what they link to and the search index follow
        print(f"rebuilt in {time.perf_counter() - started:.1f} s ({done.pages_changed} pages changed; "
              f"languages rebuilt: {', '.join(done.languages) or 'none'})", flush=True)
        finish_preview(done, pool)
    except ContentError as exc:
        state.problems = tuple(str(p) for p in exc.problems)
        print("\n".join(state.problems), file=sys.stderr)
        print(f"{counted(len(exc.problems), 'problem')} found; still showing the last good build.",
              file=sys.stderr, flush=True)
        return
    except BuildError as exc:
        state.problems = (f"the site could not be built: {exc}",)
        print(state.problems[0], file=sys.stderr, flush=True)
        return
    except BrokenProcessPool:  # the workers were ended: the server is stopping
        return
    except Exception as exc:  # a bug of evalsite's own: said, and the preview goes on with the last good build
        if debug:
            traceback.print_exc()
        state.problems = (f"internal error while rebuilding ({type(exc).__name__}: {exc})"
                          + ("" if debug else " — run `evalsite --debug serve` to see the traceback"),)
        print(f"{state.problems[0]}; still showing the last good build", file=sys.stderr, flush=True)
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
        if self.path == "/__evalsite__/status":
            return self._send(json.dumps({"version": self.state.version, "problems": self.state.problems}), "application/json")
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
