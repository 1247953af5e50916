"""Content folder → model, with every problem reported at once as `file:line: what — what to do`.

Order of work: each YAML file is parsed (`yamlsource`, which drops what is private) and validated
against its schema (`schema`) and its texts against the HTML allow-list (`markup`); only files that
pass are turned into model objects, and then the checks that span files run: unique ids, references
that resolve, texts present in the original language, dates that exist. A file that cannot be read as
a whole is reported once, for its own cause: references into it are not checked (every one would be a
follow-on error that hides the cause).

Each evaluation folder is read on its own (`evaluation.EvaluationLoader`); what one read gives (its
model, its problems, where its `repeats` were written) is kept by a digest of the folder's files in
`LoadedFolders`, which the caller owns: a preview keeps one for its whole session and a build keeps
them in the work folder, so that after one edit one folder is read again, not all.
"""
from __future__ import annotations

import datetime
import pickle
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..digests import code_digest, digest
from ..errors import ContentError, Gap, Problem, Problems
from ..markup import Converter
from ..model import LANGS, Evaluation, Site, Vocabulary
from ..model.history import as_it_stood
from .evaluation import EvaluationLoader
from .findings import RepeatLines, check_repeats
from .organisations import Registry, load_organisations
from .sources import check_folder
from .vocabulary import THEMES_FILE, load_vocabulary
from .yamlsource import read_yaml

__all__ = ["ContentError", "LoadedFolders", "load_site"]


@dataclass(frozen=True)
class LoadedFolder:
    """What reading one evaluation folder gave, for the digest (`key`) of what it was read from."""

    key: str
    evaluation: Evaluation | None
    problems: Problems
    repeat_lines: RepeatLines


@dataclass
class LoadedFolders:
    """The evaluation folders read so far, by path; `cache_dir` (a build's work folder) keeps them between
    processes. A folder is read again when its files, the registry, the vocabulary, the as-of date,
    the Markdown extensions or the loader's code changed."""

    cache_dir: Path | None = None
    folders: dict[Path, LoadedFolder] = field(default_factory=dict)

    def get(self, folder: Path, key: str) -> LoadedFolder | None:
        found = self.folders.get(folder)
        if (found is None or found.key != key) and self.cache_dir:
            found = _read_pickle(self.cache_dir / f"{folder.name}.pickle")
        return found if found is not None and found.key == key else None

    def put(self, folder: Path, loaded: LoadedFolder) -> None:
        self.folders[folder] = loaded
        if self.cache_dir:
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            (self.cache_dir / f"{folder.name}.pickle").write_bytes(pickle.dumps(loaded, protocol=pickle.HIGHEST_PROTOCOL))

    def keep_only(self, folders: set[Path], parent: Path) -> None:
        """Forget the folders of `parent` that are gone."""
        self.folders = {path: loaded for path, loaded in self.folders.items() if path.parent != parent or path in folders}


def load_site(content_dir: Path, *, strict: bool = False, allow_placeholders: bool = True, as_of: datetime.date | None = None,
              gaps: list[Gap] | None = None, warnings: list[Problem] | None = None, loaded: LoadedFolders | None = None,
              extensions: Sequence[str | dict] = ()) -> Site:
    """The model of everything in `content_dir`; raises ContentError listing every problem.

    Missing translations go into `gaps` when given, and count as problems when `strict`.
    Placeholders left from `evalsite new` go into `warnings`, and count as problems when `strict`
    or when not `allow_placeholders` (a published build). Dated facts (progress updates, the
    response's and the evaluation's dates) may not lie after today; with `as_of` before today the model
    is the follow-up as it stood that day (model.history). `loaded` keeps each folder's read
    for the next call; `extensions` are the site project's Markdown extensions, whose output texts are
    checked against the allow-list with."""
    problems = Problems()
    if not content_dir.is_dir():
        problems.add(content_dir, 1, "this content folder does not exist — give the folder that holds organisations.yml and evaluations/")
        problems.raise_if_any()
    today = datetime.date.today()
    loaded = loaded if loaded is not None else LoadedFolders()
    markup = Converter(extensions)
    registry = load_organisations(content_dir / "organisations.yml", problems, markup)
    vocabulary = load_vocabulary(content_dir, problems, markup)
    evaluations: list[Evaluation] = []
    repeat_lines: dict[str, RepeatLines] = {}
    evaluations_dir = content_dir / "evaluations"
    check_folder(content_dir, {"organisations.yml", THEMES_FILE, "evaluations", "README.md"}, problems)
    if evaluations_dir.is_dir():
        # what a folder's read also depends on: the registry and vocabulary, where paths are shown from, the as-of date,
        # the Markdown extensions, the code
        shared = digest([content_dir / "organisations.yml", content_dir / THEMES_FILE],
                        f"{Path.cwd()} {today} {extensions!r} {code_digest()}")
        seen = set()
        for folder in sorted(evaluations_dir.iterdir()):
            if not folder.is_dir():
                problems.add(folder, 1, "only evaluation folders belong in evaluations/ — move this file into an evaluation's folder")
                continue
            seen.add(folder)
            done = _load_folder(folder, registry, today, shared, vocabulary, markup, loaded)
            problems.merge(done.problems)
            if done.evaluation:
                evaluations.append(done.evaluation)
                repeat_lines[done.evaluation.slug] = done.repeat_lines
        loaded.keep_only(seen, evaluations_dir)
        _check_short_titles(evaluations_dir, evaluations, problems)
    check_repeats(evaluations, repeat_lines, problems)
    if gaps is not None:
        gaps.extend(sorted(problems.gaps))
    if strict:
        problems.items += [gap.as_problem() for gap in problems.gaps]
    if strict or not allow_placeholders:
        problems.items += problems.warnings
    elif warnings is not None:
        warnings.extend(sorted(set(problems.warnings)))
    problems.raise_if_any()
    site = Site(tuple(registry.organisations.values()), tuple(evaluations), vocabulary)
    return as_it_stood(site, as_of) if as_of and as_of < today else site


def _load_folder(folder: Path, registry: Registry, today: datetime.date, shared: str, vocabulary: Vocabulary | None,
                 markup: Converter, loaded: LoadedFolders) -> LoadedFolder:
    key = digest([folder], shared)
    found = loaded.get(folder, key)
    if found is None:
        own = Problems()
        reader = EvaluationLoader(folder, registry, today, own, markup, vocabulary)
        found = LoadedFolder(key, reader.load(), own, reader.repeat_lines)
        loaded.put(folder, found)
    return found


def _check_short_titles(evaluations_dir: Path, evaluations: list[Evaluation], problems: Problems) -> None:
    """Short titles name an evaluation in page titles and link previews: two alike would make them ambiguous."""
    first: dict[tuple[str, str], str] = {}
    for ev in evaluations:
        for lang in LANGS:
            name = ev.short.shown(lang).text
            other = first.setdefault((lang, name), ev.slug)
            if other != ev.slug:
                path = evaluations_dir / ev.slug / "evaluation.yml"
                doc = read_yaml(path, Problems())
                problems.add(path, doc.line(("short_title",)) if doc else 1,
                             f"the short title '{name}' ({lang}) is also the one of {other} — give each evaluation its own short title")
                break


def _read_pickle(path: Path) -> LoadedFolder | None:
    """A folder's read as an earlier build kept it; None when there is none or it cannot be read
    (an older version of the code: its key would differ anyway)."""
    try:
        found = pickle.loads(path.read_bytes())
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    return found if isinstance(found, LoadedFolder) else None
