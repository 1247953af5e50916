"""How long an author waits, in `evalsite serve`, between saving a change and the open page reloading:
the preview's promise is about one second on the bundled content (`make bench-edit`).

It runs the real command on a copy of the bundled content, waits for the first build, then saves a
change to one recommendation's title again and again (a change that renders pages, not a comment) and
times each save until the server's build number moves, which is the moment the open pages reload.
The median and the slowest of the runs go to docs/preview-latency.md with the machine's load average,
since a busy machine shows in these numbers.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EVALUATION = "evaluations/wsm-2022-2026-midterm"
TITLE = "Continue and expand programmes"  # a recommendation title in the bundled content
RUNS = int(os.environ.get("BENCH_EDITS", "12"))
OUT = ROOT / "docs" / "preview-latency.md"


def status(url: str) -> dict:
    with urllib.request.urlopen(f"{url}__evalsite__/status", timeout=5) as answer:
        return json.loads(answer.read())


def wait(condition, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the preview did not answer in time")
        time.sleep(0.01)


def answering(url: str) -> bool:
    try:
        status(url)
        return True
    except OSError:
        return False


def main() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory(prefix="evalsite-edit-") as tmp:
        project = Path(tmp)
        shutil.copytree(ROOT / "content", project / "content")
        shutil.copy(ROOT / "evalsite.yml", project / "evalsite.yml")
        server = subprocess.Popen([sys.executable, "-m", "evalsite.cli", "serve", "--port", str(port)], cwd=project,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait(lambda: answering(url) and status(url)["version"] > 0, timeout=600)
            time.sleep(5)  # the first build's open data and search index
            path = project / "content" / EVALUATION / "recommendations.yml"
            original = path.read_text(encoding="utf-8")
            waits = []
            for run in range(RUNS):
                before = status(url)["version"]
                path.write_text(original.replace(TITLE, f"{TITLE}{' again' * (run % 2 + 1)}", 1), encoding="utf-8")
                saved = time.monotonic()
                wait(lambda before=before: status(url)["version"] != before, timeout=60)
                waits.append(time.monotonic() - saved)
                time.sleep(3)  # let the search index and open data follow before the next save
        finally:
            server.terminate()
            server.wait(timeout=60)
    load = os.getloadavg()[0]
    median, slowest = statistics.median(waits), max(waits)
    OUT.write_text(
        "# The preview: from a save to the reload\n\n"
        "`make bench-edit` (bench/edit.py) runs `evalsite serve` on the bundled content and saves a change to a\n"
        f"recommendation's title {RUNS} times, timing each save until the open page reloads.\n\n"
        "| runs | median | slowest | load average (1 min) |\n|---|---|---|---|\n"
        f"| {RUNS} | {median:.2f} s | {slowest:.2f} s | {load:.1f} |\n\n"
        f"Machine: {os.cpu_count()} cores. The target is 1 s; a loaded machine (load above its core count) shows longer waits.\n",
        encoding="utf-8")
    print(f"save to reload: median {median:.2f} s, slowest {slowest:.2f} s over {RUNS} saves (load {load:.1f}) → {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
