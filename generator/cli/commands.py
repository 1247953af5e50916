"""The `evalsite` command: start a site project, check its content, build the site, serve it with
rebuilds while you edit, scaffold new entries, import a management-response table.

Every command that works on a project takes `--config` (its evalsite.yml; default: the one in the
current folder, if any) and `--content` (default: the project's `content/`). This module is the only
place that turns exceptions into exit statuses, so no author ever sees a traceback:

  0  done
  1  content errors (each printed as `path:line: what is wrong — what to do`), or a scaffold or an import refused
  2  usage: a wrong option or argument, a project or engine that cannot be used
  3  the build failed (MkDocs, Zensical, Pagefind or the disk); the previous site is unchanged
  130  interrupted (Ctrl+C or SIGTERM); nothing half-built is left and nothing is published

An error in evalsite itself is said in one line, with how to see its traceback: `--debug` (or
EVALSITE_DEBUG=1) prints it.
"""
from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
import traceback
from importlib.metadata import version
from pathlib import Path

from ..build.project import CONFIG_NAME, Project, ProjectError, check_site_url, find_project, with_slash
from ..content.load import load_site
from ..errors import ContentError, Gap, Problem, counted, display_path

DONE, CONTENT_ERRORS, USAGE, BUILD_FAILED, INTERRUPTED = 0, 1, 2, 3, 130


class UsageError(Exception):
    """The command line cannot be carried out as given; the message says what to type instead."""


AS_OF_HELP = ("judge due dates on this day instead of today (reproducible builds); a past day shows the follow-up as it stood"
              " then, leaving out later updates")

def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _interrupt)  # a SIGTERM ends the command as Ctrl+C does: cleanly
    try:
        return _run(args)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        if args.command == "init":
            return _refresh(args.folder) if args.refresh else _init(args.folder)
        project = _project(args)
        if args.command == "check":
            return _check(project, args.translations, args.strict, args.suggest)
        if args.command == "new":
            return _new(args, project)
        if args.command == "import":
            return _import(args, project)
        if args.command == "build":
            return _build(project, args)
        from .serve import PortError, serve

        try:
            return serve(project, args.out, args.host, args.port, debug=_debugging(args), as_of=args.as_of)
        except PortError as exc:
            raise UsageError(str(exc)) from None
    except ContentError as exc:
        _print_problems(exc, built=args.command == "build")
        return CONTENT_ERRORS
    except (UsageError, ProjectError) as exc:
        print(f"evalsite: {exc}", file=sys.stderr)
        return USAGE
    except KeyboardInterrupt:
        print("evalsite: interrupted; nothing half-built was left behind", file=sys.stderr)
        return INTERRUPTED
    except Exception as exc:  # a bug of evalsite's own: said in one line, its traceback on demand
        if _debugging(args):
            traceback.print_exc()
        print(f"evalsite: internal error ({type(exc).__name__}: {exc}); nothing was published — please report it with the "
              "command you ran" + ("" if _debugging(args) else " and the traceback that `--debug` prints"), file=sys.stderr)
        return BUILD_FAILED


def _debugging(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "debug", False) or os.environ.get("EVALSITE_DEBUG", "") not in ("", "0"))


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="evalsite", description="Publish evaluations as a trilingual static site.",
                                     epilog="exit status: 0 done, 1 content errors, 2 usage, 3 build failure, 130 interrupted")
    parser.add_argument("--version", action="version", version=f"%(prog)s {version('evalsite')}")
    parser.add_argument("--debug", action="store_true", help="print the traceback of an internal error (also: EVALSITE_DEBUG=1)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    project = argparse.ArgumentParser(add_help=False)
    project.add_argument("--config", type=Path, metavar="FILE",
                         help=f"the site project's {CONFIG_NAME} (default: {CONFIG_NAME} in the current folder, if there is one)")
    project.add_argument("--content", type=Path, metavar="DIR", help="the content folder (default: the project's content/)")

    init = commands.add_parser("init", help="start a site project: evalsite.yml, content/, CI workflows")
    init.add_argument("folder", nargs="?", default=Path("."), type=Path, metavar="DIR",
                      help="where to create it (default: the current folder); it must be empty or new")
    init.add_argument("--refresh", action="store_true",
                      help="in an existing project, after upgrading evalsite: renew the author guide and the content schemas (nothing else)")

    check = commands.add_parser("check", parents=[project], help="validate the content and list every problem")
    check.add_argument("content_dir", nargs="?", type=Path, metavar="CONTENT_DIR",
                       help="the content folder, as --content (kept for older scripts)")
    check.add_argument("--translations", action="store_true", help="also print, per evaluation and language, which texts are not translated")
    check.add_argument("--strict", action="store_true", help="count missing translations and placeholders left from `evalsite new` as errors")
    check.add_argument("--suggest", action="store_true", help="also list recommendations that probably repeat one of an earlier evaluation")

    build = commands.add_parser("build", parents=[project], help="check the content and build the site")
    build.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: the project's site/)")
    build.add_argument("--site-url", metavar="URL",
                       help=f"public address of the site, for permalinks, hreflang, feeds and sitemaps (default: site_url in {CONFIG_NAME})")
    build.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help=AS_OF_HELP)
    build.add_argument("--draft", action="store_true", help="build even with placeholders left from `evalsite new` (a preview, not for publishing)")
    build.add_argument("--engine", choices=["mkdocs", "zensical"], default="mkdocs",
                       help='the static site generator: MkDocs with Material (default), or Zensical (pip install "evalsite[zensical]")')

    serve = commands.add_parser("serve", parents=[project], help="build, serve on 127.0.0.1:8000 and rebuild on every change")
    serve.add_argument("--out", type=Path, metavar="DIR", help="output folder (default: the project's build/preview/, so site/ stays as published)")
    serve.add_argument("--host", default="127.0.0.1",
                       help="the address to listen on (default: 127.0.0.1, this computer only; 0.0.0.0 shows it to the local network)")
    serve.add_argument("--port", default=8000, type=int, help="the port to listen on (default: 8000)")
    serve.add_argument("--as-of", type=_day, metavar="YYYY-MM-DD", help=AS_OF_HELP)

    new = commands.add_parser("new", parents=[project],
                              help="start an evaluation or its management response, or add a recommendation or an action with the next free id")
    new.add_argument("what", choices=["evaluation", "recommendation", "response", "action"])
    new.add_argument("slug", nargs="?", help="the new evaluation's slug (for `new evaluation`)")
    new.add_argument("--evaluation", help="the evaluation to add to (its slug)")
    new.add_argument("--recommendation", help="the recommendation the new action responds to (its id)")
    new.add_argument("--language", default="en", choices=["nl", "fr", "en"], help="the new evaluation's original language (default: en)")

    table = commands.add_parser("import", parents=[project],
                                help="write an evaluation's management response (and recommendations) from a Word, Excel or CSV table",
                                description="Read a management-response table (.docx, .xlsx or .csv; headers in English, French or Dutch) "
                                            "and write the evaluation's response.yml, and its recommendations.yml when it has none. "
                                            "Nothing is written unless `evalsite check` would accept the result.")
    table.add_argument("file", type=Path, metavar="FILE", help="the table: a Word document (.docx), an Excel workbook (.xlsx) or a CSV file")
    table.add_argument("--evaluation", required=True, metavar="SLUG", help="the evaluation to import into (its folder under evaluations/)")
    table.add_argument("--force", action="store_true",
                       help="replace an existing response.yml (and a recommendations.yml that holds only the placeholders of `evalsite new`)")
    table.add_argument("--dry-run", action="store_true", help="print what would be written, and write nothing")
    table.add_argument("--add-units", action="store_true",
                       help="add the units that organisations.yml lacks to it, as entries to complete, instead of stopping at them")
    return parser


def _project(args: argparse.Namespace) -> Project:
    content = args.content
    if getattr(args, "content_dir", None):
        if content:
            raise UsageError("give the content folder once: either --content DIR or CONTENT_DIR")
        content = args.content_dir
    return find_project(args.config, content)


def _init(folder: Path) -> int:
    from .init import InitError, init_project
    from .origin import installed_pin

    pin = installed_pin()
    try:
        init_project(folder, pin)
    except InitError as exc:
        raise UsageError(str(exc)) from None
    if pin.origin == "local":
        print(f"note: this evalsite was installed from a local folder{f' ({pin.local})' if pin.local else ''}, which CI cannot reach;"
              f" requirements.txt pins {pin.requirement} — install evalsite from a wheel or Git and run init again,"
              " or change that line (requirements.txt says how)", file=sys.stderr)
    steps = [] if folder.resolve() == Path.cwd().resolve() else [f"cd {folder}"]
    steps += [f"edit {CONFIG_NAME}: the site's name, description and publisher", "evalsite new evaluation my-evaluation-2025 --language en",
              "evalsite serve"]
    print(f"created a site project in {folder}/ (its README.md says what is where); next:\n" + "\n".join(f"  {step}" for step in steps))
    return DONE


def _refresh(folder: Path) -> int:
    from .init import InitError, refresh_project

    try:
        changed = refresh_project(folder)
    except InitError as exc:
        raise UsageError(str(exc)) from None
    print("\n".join(f"renewed {path.relative_to(folder)}" for path in changed) or "the author guide and the schemas were already this version's")
    return DONE


def _check(project: Project, translations: bool, strict: bool, suggest: bool = False) -> int:
    gaps: list[Gap] = []
    warnings: list[Problem] = []
    try:
        site = load_site(project.content, strict=strict, gaps=gaps, warnings=warnings, extensions=project.engine_config().extensions)
    finally:
        if translations:
            print(translation_report(gaps))
    _print_warnings(warnings)
    recommendations = sum(len(e.recommendations) for e in site.evaluations)
    actions = sum(len(e.actions) for e in site.evaluations)
    print(f"content is valid: {len(site.evaluations)} evaluations, {recommendations} recommendations, "
          f"{actions} actions, {len(site.organisations)} organisations"
          + (f"; {counted(len(warnings), 'placeholder')} to replace before publishing" if warnings else ""))
    if suggest:
        from ..content.suggest import report

        print(report(site, project.content))
    return DONE


def _print_warnings(warnings: list[Problem] | tuple[Problem, ...]) -> None:
    """Placeholders a draft may have: `path:line: warning: …`, on standard error like problems."""
    for warning in warnings:
        print(f"{warning.path}:{warning.line}: warning: {warning.message}", file=sys.stderr)


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


def _build(project: Project, args: argparse.Namespace) -> int:
    from ..build import BuildError, BuildOptions, build
    from ..build.schedule import STEPS
    from ..engines import zensical as zensical_build
    from ..model import LANGS
    from .progress import Progress

    site_url = args.site_url or project.site_url
    if args.site_url and (problem := check_site_url(args.site_url)):
        raise UsageError(f"--site-url: {problem}")
    if args.engine == "zensical" and not zensical_build.available():
        raise UsageError('Zensical is not installed — install it with: pip install "evalsite[zensical]"')
    out = args.out or project.root / "site"
    if not site_url:
        print(f"evalsite: no site URL (site_url in {CONFIG_NAME}, or --site-url): the build leaves out canonical and "
              "hreflang links, link-preview and citation addresses, feeds, sitemaps and the open data's address columns", file=sys.stderr)
    options = BuildOptions(out_dir=out, site_url=with_slash(site_url) if site_url else None, as_of=args.as_of,
                           work_dir=project.work_dir, project=project, engine=args.engine, draft=args.draft)
    progress = Progress(total=2 + len(LANGS) * len(STEPS))
    try:
        built = build(project.content, options, progress)
    except BuildError as exc:
        print(f"evalsite: the site could not be built; the previous site in {display_path(out)}/ is unchanged.\n{exc}", file=sys.stderr)
        return BUILD_FAILED
    except OSError as exc:
        print(f"evalsite: the site could not be written ({exc}); the previous site in {display_path(out)}/ is unchanged.", file=sys.stderr)
        return BUILD_FAILED
    finally:
        progress.close()
    _print_warnings(built.warnings)
    print(f"site built in {display_path(out)}/ (nl, fr, en) in {progress.elapsed():.1f} s")
    return DONE


def _new(args: argparse.Namespace, project: Project) -> int:
    from .scaffold import ScaffoldError, new_action, new_evaluation, new_recommendation, new_response

    content = project.content
    if args.what == "evaluation" and not args.slug:
        raise UsageError("give the new evaluation's slug: evalsite new evaluation my-evaluation-2025")
    if args.what != "evaluation" and not args.evaluation:
        raise UsageError(f"say which evaluation: evalsite new {args.what} --evaluation SLUG")
    if args.what == "action" and not args.recommendation:
        raise UsageError("say which recommendation the action responds to: --recommendation ID")
    try:
        if args.what == "evaluation":
            folder = new_evaluation(content, args.slug, args.language)
            print(f"created {display_path(folder)}/ — fill in the TODOs, then run evalsite check")
        elif args.what == "recommendation":
            print(f"added recommendation {new_recommendation(content, args.evaluation)} to "
                  f"{display_path(content / 'evaluations' / args.evaluation / 'recommendations.yml')} — fill in its TODOs")
        elif args.what == "response":
            print(f"created {display_path(new_response(content, args.evaluation))} with a response to each recommendation — fill in its TODOs")
        else:
            print(f"added action {new_action(content, args.evaluation, args.recommendation)} to "
                  f"{display_path(content / 'evaluations' / args.evaluation / 'response.yml')} — fill in its TODOs")
    except ScaffoldError as exc:
        print(f"evalsite: {exc}", file=sys.stderr)
        return CONTENT_ERRORS
    return DONE


def _import(args: argparse.Namespace, project: Project) -> int:
    from ..importing import CannotImport, ImportOptions, import_table

    options = ImportOptions(args.evaluation, force=args.force, dry_run=args.dry_run, add_units=args.add_units)
    try:
        outcome = import_table(args.file, project.content, options, project.engine_config().extensions)
    except CannotImport as exc:
        print(f"evalsite: {exc}", file=sys.stderr)
        return CONTENT_ERRORS
    file = display_path(args.file)
    if args.dry_run:
        for path, text in outcome.files.items():
            added = path.name == "organisations.yml"
            print(f"--- {display_path(path)}{' (entries added at the end of its list)' if added else ''}")
            print(outcome.unit_text if added else text, end="")
    for note in outcome.notes:
        print(f"{file}: {note}", file=sys.stderr)
    _print_warnings(outcome.warnings)
    written = ", ".join(display_path(path) for path in outcome.files)
    facts = [f"{counted(outcome.recommendations, 'recommendation')} and {counted(outcome.actions, 'key action')} from {file} into {written}"]
    facts += [f"{display_path(outcome.kept)} kept as it was"] if outcome.kept else []
    facts += [f"{counted(len(outcome.new_units), 'unit')} added to organisations.yml, to complete"] if outcome.new_units else []
    facts += [f"{counted(len(outcome.notes), 'note')} above"] if outcome.notes else []
    facts += [f"{counted(len(outcome.warnings), 'placeholder')} to replace (evalsite check lists them)"] if outcome.warnings else []
    print(("dry run, nothing written: would import " if args.dry_run else "imported ") + "; ".join(facts))
    return DONE


def _print_problems(exc: ContentError, built: bool) -> None:
    """Every problem, then their count; a build adds that it left the published site as it was."""
    for problem in exc.problems:
        print(problem, file=sys.stderr)
    print(f"{counted(len(exc.problems), 'problem')} found{'; nothing was built' if built else ''}.", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
