"""Report chapters (`report/NN-id.lang.md`) → blocks: headings, numbered paragraphs, duplicates,
placed tables and timelines, and plain Markdown; with the checks that span the report: paragraph
numbers unique, translations with the same numbers, `[§N]` references and placements that resolve.
"""
from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problems
from ..markup import Converter
from ..model import LANGS, PARAGRAPH_REFERENCE, Block, Chapter, Directive, Duplicate, Heading, Paragraph, Prose, Report
from .sources import read_markdown

CHAPTER_FILE = re.compile(r"^(?P<order>\d+)-(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\.(?P<lang>[a-z]{2})\.md$")
HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>.+?)\s*#*\s*$")
SECTION_NUMBER = re.compile(r"^(\d+(?:\.\d+)*)\.?\s")
PARAGRAPH = re.compile(r"^§(?P<number>\d+)(?:\s+(?P<text>.*))?$", re.S)
DUPLICATE = re.compile(r"^§(?P<number>\d+)\s*=\s*§(?P<of>\d+)\s*$")
DIRECTIVE = re.compile(r"^\[\[(?:(?P<kind>table|timeline):(?P<target>[a-z0-9]+(?:[.-][a-z0-9]+)*)|(?P<framework>framework))\]\]$")


def load_report(folder: Path, original: str, problems: Problems, markup: Converter) -> tuple[Report | None, list[tuple[Path, int, str, str]]]:
    """The report in `folder` (None if there is none), and its placements (file, line, kind, target)
    for the caller to check against tables, timelines and the framework."""
    if not folder.is_dir():
        return None, []
    files: dict[str, dict[str, Path]] = {}
    orders: dict[str, int] = {}
    for path in sorted(folder.iterdir()):
        match = CHAPTER_FILE.match(path.name)
        if not match or match["lang"] not in LANGS:
            problems.add(path, 1, "a report file is named NN-chapter.LANG.md, such as 03-findings.nl.md (LANG: nl, fr or en) — rename it")
            continue
        if orders.setdefault(match["id"], int(match["order"])) != int(match["order"]):
            problems.add(path, 1, f"the chapter '{match['id']}' has files with different numbers — give all its files the same number")
        files.setdefault(match["id"], {})[match["lang"]] = path
    chapters, placements, references = [], [], []
    number_lines: dict[str, list[tuple[int, int]]] = {}  # chapter id → (paragraph number, line) in the original
    for chapter_id, by_lang in sorted(files.items(), key=lambda item: orders[item[0]]):
        if original not in by_lang:
            problems.add(next(iter(by_lang.values())), 1,
                         f"{orders[chapter_id]:02d}-{chapter_id}.{original}.md is missing — the original-language file is required")
            continue
        versions = {}
        for lang, path in by_lang.items():
            parsed = _parse(path, problems, markup)
            if parsed is None:
                continue
            blocks, found_placements, found_refs, found_numbers = parsed
            versions[lang] = blocks
            placements += found_placements if lang == original else []
            references += found_refs
            if lang == original:
                number_lines[chapter_id] = found_numbers
        if original in versions:
            _check_translations(by_lang, versions, original, problems)
            problems.gap(by_lang[original], 1, tuple(lang for lang in LANGS if lang not in versions))
            chapters.append(Chapter(chapter_id, orders[chapter_id], original, versions))
    report = Report(tuple(chapters))
    _check_numbers(report, by_chapter_files(files, original), number_lines, problems)
    for path, line, number in references:
        if not report.has(number):
            problems.add(path, line, f"[§{number}] refers to a paragraph that is not in the report{_near(number, report)}")
    return (report if chapters else None), placements


def by_chapter_files(files: dict[str, dict[str, Path]], original: str) -> dict[str, Path]:
    return {chapter_id: by_lang[original] for chapter_id, by_lang in files.items() if original in by_lang}


def _near(number: int, report: Report) -> str:
    near = [n for n in (number - 1, number + 1) if report.has(n)]
    return f" — check the number (§{near[0]} exists)" if near else " — check the number"


def _parse(path: Path, problems: Problems, markup: Converter) -> tuple[tuple[Block, ...], list, list, list[tuple[int, int]]] | None:
    text = read_markdown(path, problems, markup, titled=True)
    if text is None:
        return None
    blocks: list[Block] = []
    placements: list[tuple[Path, int, str, str]] = []
    references: list[tuple[Path, int, int]] = []
    numbers: list[tuple[int, int]] = []
    for line, chunk in _chunks(text):
        for offset, row in enumerate(chunk.splitlines()):
            references += [(path, line + offset, int(n)) for n in PARAGRAPH_REFERENCE.findall(row)]
        heading = HEADING.match(chunk) if "\n" not in chunk else None
        if heading:
            level, title = len(heading["marks"]), heading["text"]
            number = SECTION_NUMBER.match(title)
            anchor = "s-" + number[1].replace(".", "-") if number and level > 1 else None
            blocks.append(Heading(level, title, anchor))
        elif match := DUPLICATE.match(chunk):
            blocks.append(Duplicate(int(match["number"]), int(match["of"])))
            numbers.append((blocks[-1].number, line))
        elif match := PARAGRAPH.match(chunk):
            blocks.append(Paragraph(int(match["number"]), (match["text"] or "").strip()))
            numbers.append((blocks[-1].number, line))
        elif match := DIRECTIVE.match(chunk.strip()):
            kind = "framework" if match["framework"] else match["kind"]
            blocks.append(Directive(kind, match["target"]))
            placements.append((path, line, kind, match["target"]))
        elif chunk.startswith("[[") and chunk.rstrip().endswith("]]"):
            problems.add(path, line, "unknown placement — write [[table:ID]], [[timeline:ID]] or [[framework]] on a line of its own")
        else:
            blocks.append(Prose(chunk))
    if not blocks or not isinstance(blocks[0], Heading) or blocks[0].level != 1:
        problems.add(path, 1, "a chapter starts with its title as a `# ` heading — add one on the first line")
        return None
    return tuple(blocks), placements, references, numbers


def _chunks(text: str) -> list[tuple[int, str]]:
    """Markdown blocks separated by blank lines, each with its first line; a heading is a block of its own."""
    chunks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 1
    for number, row in enumerate(text.splitlines(), start=1):
        if not row.strip() or HEADING.match(row):
            if current:
                chunks.append((start, "\n".join(current)))
                current = []
            if row.strip():
                chunks.append((number, row))
            continue
        if not current:
            start = number
        current.append(row)
    if current:
        chunks.append((start, "\n".join(current)))
    return chunks


def _check_numbers(report: Report, files: dict[str, Path], number_lines: dict[str, list[tuple[int, int]]],
                   problems: Problems) -> None:
    seen: dict[int, str] = {}
    for chapter in report.chapters:
        lines = dict(number_lines[chapter.id])
        for number, line in number_lines[chapter.id]:
            if number in seen:
                problems.add(files[chapter.id], line,
                             f"§{number} is already in chapter '{seen[number]}' — paragraph numbers are unique in the report")
            seen.setdefault(number, chapter.id)
        for block in chapter.versions[chapter.original]:
            if isinstance(block, Duplicate):
                line = lines.get(block.number, 1)
                if not report.has(block.of):
                    problems.add(files[chapter.id], line, f"§{block.number} = §{block.of}: §{block.of} is not in the report{_near(block.of, report)}")
                elif isinstance(_block_of(report, block.of), Duplicate):
                    problems.add(files[chapter.id], line,
                                 f"§{block.number} = §{block.of}, but §{block.of} is itself a repeat — point to the paragraph that holds the text")


def _block_of(report: Report, number: int) -> Block:
    chapter = report.chapter_of(number)
    return next(b for b in chapter.versions[chapter.original] if isinstance(b, Paragraph | Duplicate) and b.number == number)


def _check_translations(by_lang: dict[str, Path], versions: dict[str, tuple[Block, ...]], original: str, problems: Problems) -> None:
    def numbers(blocks: tuple[Block, ...]) -> list[int]:
        return [b.number for b in blocks if isinstance(b, Paragraph | Duplicate)]

    wanted = numbers(versions[original])
    for lang, blocks in versions.items():
        have = numbers(blocks)
        if lang == original or have == wanted:
            continue
        missing, extra = sorted(set(wanted) - set(have)), sorted(set(have) - set(wanted))
        detail = "; ".join(part for part in (
            f"missing: {', '.join(f'§{n}' for n in missing)}" if missing else "",
            f"not in the original: {', '.join(f'§{n}' for n in extra)}" if extra else "",
            "" if missing or extra else "the order differs") if part)
        problems.add(by_lang[lang], 1, f"this translation does not have the original's paragraphs ({detail}) — make them match "
                                       f"{by_lang[original].name}")

