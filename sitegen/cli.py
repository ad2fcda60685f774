"""Command line: a thin layer over the library. The only module that prints or picks exit codes."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from sitegen import __version__
from sitegen.config import check_project
from sitegen.errors import SitegenError, printable
from sitegen.ingest import as_json, explain, ingest, seed_warnings, write_sources
from sitegen.progress import progress_for


def main(argv: Sequence[str] | None = None) -> int:
    """Run one sitegen command; exit 0 on success, 1 on a user error, 2 on a usage error."""
    parser = make_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        if args.func is not cmd_init:
            check_project(args.project.resolve())
        return int(args.func(args))
    except SitegenError as exc:
        say(exc.format(), err=True)
        if args.debug:
            raise
        return 1
    except KeyboardInterrupt:
        say("interrupted", err=True)
        return 130


def say(text: str, err: bool = False, end: str = "\n", json: bool = False) -> None:
    """Print ``text`` (to stderr with ``err``) with every control character written out: a file name or a line of a
    seed cannot send the terminal an escape sequence."""
    print(printable(text, json), end=end, file=sys.stderr if err else sys.stdout, flush=True)


def port_number(text: str) -> int:
    """``--port``: a TCP port, 0 for any free one."""
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number from 0 to 65535 (0: any free port)")
    return int(text)


def make_parser() -> argparse.ArgumentParser:
    """The argument parser; ``sitegen --help`` and the README describe the same commands."""
    parser = argparse.ArgumentParser(
        prog="sitegen", description="Turn a folder of article dumps into a cited explainer microsite."
    )
    parser.add_argument("--version", action="version", version=f"sitegen {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "-C",
        "--project",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="the project folder (default: the current folder)",
    )
    common.add_argument("--debug", action="store_true", help="show a traceback for errors")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("build", parents=[common], help="build the site into public/")
    p.add_argument("--base-url", metavar="URL", help="override site.yaml's base_url (e.g. /explainers/story/)")
    p.add_argument(
        "--no-draft", action="store_true", help="draft no file content/ lacks (see site.yaml's draft_missing:)"
    )
    p.set_defaults(func=cmd_build)

    p = sub.add_parser("init", parents=[common], help="create a new, buildable project in DIR")
    p.add_argument("dir", type=Path, metavar="DIR")
    p.add_argument("--title", default=None, help="the new site's title")
    p.set_defaults(func=cmd_init)

    p = sub.add_parser("ingest", parents=[common], help="clean the seeds and list the sources found")
    how = p.add_mutually_exclusive_group()
    how.add_argument("--explain", action="store_true", help="list every dropped line and the rule that dropped it")
    how.add_argument("--json", action="store_true", help="print every source, its text and dropped lines as JSON")
    how.add_argument(
        "--write-sources",
        action="store_true",
        help="add an entry for every dump to seeds/sources.yaml, blank where a value is unknown (never rewrites one)",
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("curate", parents=[common], help="draft the explainer's pages in content/ from the sources")
    p.add_argument("--force", action="store_true", help="overwrite pages an editor has changed")
    p.add_argument("--dry-run", action="store_true", help="show the changes as a diff; write nothing")
    p.add_argument("--model", metavar="NAME", help="draft with this language model (see site.yaml's curate:)")
    p.add_argument("--endpoint", metavar="URL", help="its OpenAI-compatible API, e.g. http://127.0.0.1:11434/v1")
    p.add_argument("--cached", action="store_true", help="check the model's kept answers again; call no model")
    p.add_argument("--explain", action="store_true", help="list every sentence of the model's that was dropped")
    p.set_defaults(func=cmd_curate)

    p = sub.add_parser("serve", parents=[common], help="preview the site, rebuilding and reloading on every change")
    p.add_argument("--port", type=port_number, default=8000, help="port to listen on (default: 8000; 0: any free one)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1, this machine only)")
    p.add_argument(
        "--no-draft", action="store_true", help="draft no file content/ lacks (see site.yaml's draft_missing:)"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser(
        "check", parents=[common], help="report broken links and anchors, missing alt text and duplicate ids"
    )
    p.set_defaults(func=cmd_check)
    return parser


def cmd_build(args: argparse.Namespace) -> int:
    """sitegen build."""
    from sitegen.build import build  # the build, check and curate stages load only for their own command

    project = args.project.resolve()
    result = build(project, base_url=args.base_url, progress=progress_for(sys.stderr), draft=not args.no_draft)
    for line in result.drafted:
        say(line)
    for warning in (*seed_warnings(project, result.site.sources), *result.warnings):
        say(warning.format("warning"), err=True)
    say(result.summary())
    return 0


def cmd_init(args: argparse.Namespace) -> int:
    """sitegen init DIR."""
    from sitegen.scaffold import init_project

    made = init_project(args.dir, title=args.title)
    say(f"created a sitegen project in {made}")
    say(f"next: 1. put the story's article dumps (.txt, .md, .html) in {made / 'seeds'}")
    say(f"      2. run `sitegen serve -C {made}`: it drafts the pages into content/ and previews the site")
    say(f"      3. edit the drafts in {made / 'content'}: every save shows at once in the preview")
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    """sitegen ingest [--explain | --json | --write-sources]."""
    project = args.project.resolve()
    result = ingest(project)
    if args.json:
        say(as_json(result.sources, result.warnings), end="", json=True)
        return 0
    for warning in result.warnings:
        say(warning.format("warning"), err=True)
    if args.explain:
        say(explain(result.sources), end="")
        return 0
    if args.write_sources:
        added, blanks = write_sources(project, result.sources)
        if added:
            entries = f"{added} entr{'ies' if added != 1 else 'y'}"
            say(f"seeds/sources.yaml: added {entries}, {blanks} blank fields to fill in")
        else:
            say("seeds/sources.yaml: every dump has an entry already; nothing changed")
        return 0
    for s in result.sources:
        date = s.date.isoformat() if s.date else "-"
        gaps = f"\tmissing: {', '.join(s.missing)}" if s.missing else ""
        authors = ", ".join(s.authors) or "-"
        say(f"{s.id}\t{s.path}\t{s.outlet or '-'}\t{authors}\t{date}\t{len(s.numbered)} paragraphs{gaps}")
    if any("outlet" in s.missing or "date" in s.missing for s in result.sources):
        say(
            "fill the gaps in seeds/sources.yaml: `sitegen ingest --write-sources` adds an entry per dump",
            err=True,
        )
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """sitegen serve [--port N] [--host ADDR]."""
    from sitegen.serve import serve_site  # livereload and tornado take 0.13 s to import: only here

    serve_site(args.project.resolve(), args.host, args.port, report=say, draft=not args.no_draft)
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """sitegen check: exit 1 when anything is found."""
    from sitegen.build import render_project
    from sitegen.check import check_site

    built = render_project(args.project.resolve())
    problems = check_site(built.site, built.outputs)
    for problem in problems:
        say(problem.format(), err=True)
    if problems:
        say(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found", err=True)
        return 1
    say("no broken links, anchors, missing alt text or duplicate ids")
    return 0


def cmd_curate(args: argparse.Namespace) -> int:
    """sitegen curate [--force] [--dry-run] [--model NAME] [--endpoint URL] [--cached] [--explain]."""
    from sitegen.curate import curate

    project = args.project.resolve()
    sources = ingest(project).sources
    actions, report = curate(project, sources, args.force, args.dry_run, args.model, args.endpoint, args.cached)
    for line in report.lines(args.explain) if report else ():
        print(line, file=sys.stderr)
    for a in actions:
        if args.dry_run:
            say(a.diff(), end="")
        if a.kind == "beside":
            say(
                f"{a.path}: changed by hand since it was drafted, so it was left alone; "
                f"{'would write' if args.dry_run else 'wrote'} the new draft to {a.target} "
                "(run `sitegen curate --force` to overwrite the page)",
                err=True,
            )
        elif a.kind == "kept":
            say(
                f"{a.path}: changed by hand, and so was {a.target}, so both were left alone and the new draft "
                f"was not written (move {a.target} away to get a fresh draft there)",
                err=True,
            )
        elif not args.dry_run:
            verb = {"unchanged": "unchanged", "force": "overwrote", "write": "wrote"}[a.kind]
            say(f"{verb} {a.target}")
    return 0
