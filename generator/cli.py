"""The `evalsite` command: check content, build the site, serve it with rebuilds while you edit.

Errors in content are printed as `path:line: message` lines and end with exit code 1; this module
is the only place that turns exceptions into exit codes, so no author ever sees a traceback.
"""
from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

from .errors import ContentError, Gap
from .load import load_site


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="evalsite", description="Publish evaluations as a trilingual static site.")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate the content and list every problem")
    check.add_argument("content", nargs="?", default="content", type=Path, help="content folder (default: content)")
    check.add_argument("--translations", action="store_true", help="also print, per evaluation and language, which texts are not translated")
    check.add_argument("--strict", action="store_true", help="count missing translations as errors")
    check.add_argument("--suggest", action="store_true", help="also list recommendations that probably repeat one of an earlier evaluation")

    build = commands.add_parser("build", help="check the content and build the site")
    build.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    build.add_argument("--out", default="site", type=Path, help="output folder (default: site)")
    build.add_argument("--site-url", help="public address of the site, for permalinks and hreflang (default: mkdocs.yml's site_url)")
    build.add_argument("--as-of", type=_day, help="judge due dates against this day (YYYY-MM-DD) instead of today, for reproducible builds")

    serve = commands.add_parser("serve", help="build, serve on 127.0.0.1:8000 and rebuild on every change")
    serve.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    serve.add_argument("--out", type=Path, help="output folder (default: build/preview, so site/ stays as published)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", default=8000, type=int)

    new = commands.add_parser("new", help="start an evaluation, or add a recommendation or an action with the next free id")
    new.add_argument("what", choices=["evaluation", "recommendation", "action"])
    new.add_argument("slug", nargs="?", help="the new evaluation's slug (for `new evaluation`)")
    new.add_argument("--content", default="content", type=Path, help="content folder (default: content)")
    new.add_argument("--evaluation", help="the evaluation to add to (its slug)")
    new.add_argument("--recommendation", help="the recommendation the new action responds to (its id)")
    new.add_argument("--language", default="en", choices=["nl", "fr", "en"], help="the new evaluation's original language (default: en)")

    args = parser.parse_args(argv)
    try:
        if args.command == "check":
            return _check(args.content, args.translations, args.strict, args.suggest)
        if args.command == "new":
            return _new(args)
        if args.command == "build":
            return _build(args.content, args.out, args.site_url, args.as_of)
        from .serve import serve as run_server

        return run_server(args.content, args.out, args.host, args.port)
    except ContentError as exc:
        _print_problems(exc)
        return 1
    except KeyboardInterrupt:
        return 130


def _check(content: Path, translations: bool, strict: bool, suggest: bool = False) -> int:
    gaps: list[Gap] = []
    try:
        site = load_site(content, strict=strict, gaps=gaps)
    finally:
        if translations:
            print(translation_report(gaps))
    recommendations = sum(len(e.recommendations) for e in site.evaluations)
    actions = sum(len(e.actions) for e in site.evaluations)
    print(f"content is valid: {len(site.evaluations)} evaluations, {recommendations} recommendations, "
          f"{actions} actions, {len(site.organisations)} organisations")
    if suggest:
        from .suggest import report

        print(report(site, content))
    return 0


def translation_report(gaps: list[Gap]) -> str:
    """Per evaluation (or the registry) and language: how many texts lack that language, and where."""
    rows: dict[tuple[str, str], list[Gap]] = {}
    for gap in gaps:
        parts = Path(gap.path).parts
        where = parts[parts.index("evaluations") + 1] if "evaluations" in parts[:-1] else Path(gap.path).name
        for lang in gap.missing:
            rows.setdefault((where, lang), []).append(gap)
    if not rows:
        return "every text is in nl, fr and en"
    width = max(len(where) for where, _ in rows)
    lines = [f"{'evaluation':<{width}}  lang  missing  first places", f"{'-' * width}  ----  -------  ------------"]
    for (where, lang), found in sorted(rows.items()):
        places = ", ".join(f"{Path(g.path).name}:{g.line}" for g in found[:3]) + (" …" if len(found) > 3 else "")
        lines.append(f"{where:<{width}}  {lang:<4}  {len(found):>7}  {places}")
    return "\n".join(lines)


def _day(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date written YYYY-MM-DD") from None


def _build(content: Path, out: Path, site_url: str | None, as_of: datetime.date | None) -> int:
    from .site import BuildError, BuildOptions, build

    try:
        build(content, BuildOptions(out_dir=out, site_url=site_url, as_of=as_of))
    except BuildError as exc:
        print(f"evalsite: the site could not be built; the previous site in {out}/ is unchanged.\n{exc}", file=sys.stderr)
        return 2
    print(f"site built in {out}/ (nl, fr, en)")
    return 0


def _new(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, new_action, new_evaluation, new_recommendation

    try:
        if args.what == "evaluation":
            if not args.slug:
                raise ScaffoldError("give the new evaluation's slug: evalsite new evaluation my-evaluation-2025")
            folder = new_evaluation(args.content, args.slug, args.language)
            print(f"created {folder}/ — fill in the TODOs, then run evalsite check")
        elif not args.evaluation:
            raise ScaffoldError(f"say which evaluation: evalsite new {args.what} --evaluation SLUG")
        elif args.what == "recommendation":
            print(f"added recommendation {new_recommendation(args.content, args.evaluation)} to "
                  f"{args.content}/evaluations/{args.evaluation}/recommendations.yml — fill in its TODOs")
        else:
            if not args.recommendation:
                raise ScaffoldError("say which recommendation the action responds to: --recommendation ID")
            print(f"added action {new_action(args.content, args.evaluation, args.recommendation)} to "
                  f"{args.content}/evaluations/{args.evaluation}/response.yml — fill in its TODOs")
    except ScaffoldError as exc:
        print(f"evalsite: {exc}", file=sys.stderr)
        return 1
    return 0


def _print_problems(exc: ContentError) -> None:
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    count = len(exc.problems)
    print(f"{count} problem{'s' if count != 1 else ''} found; nothing was built.", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
