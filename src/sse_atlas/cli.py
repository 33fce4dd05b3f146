"""The ``sse-atlas`` command line: thin wrappers around :class:`KnowledgeBase`.

Errors go to stderr as ``FILE:LINE: message`` with exit status 1 (2 for usage errors); an
unexpected one as ``sse-atlas: error: ...`` (``--debug`` adds the traceback).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import Any, TextIO

from sse_atlas import __version__, cli_accounts, cli_settings, terminal
from sse_atlas.exports import exporter_for, formats, is_binary
from sse_atlas.ingest.lines import DocumentError
from sse_atlas.kb import ENV_DATABASE, IngestOutcome, KnowledgeBase, Stats, default_database_path
from sse_atlas.model import QualityReport
from sse_atlas.model.codec import to_value
from sse_atlas.search import FACETS, KINDS, SearchQuery
from sse_atlas.search.entities import RESULT_TYPES, parse_types
from sse_atlas.search.semantic import ENCODERS
from sse_atlas.search.serialise import format_results, read_batch, results_to_dict
from sse_atlas.store import StoreError, is_postgres_url, open_repository
from sse_atlas.store.sql import SQLRepository
from sse_atlas.store.transfer import copy_store
from sse_atlas.terminal import CommandError

# More server processes than this on one machine is a typo, not a plan.
MAX_WORKERS = 64


def _add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="the knowledge base: a SQLite file or a postgresql:// URL"
        " (default: $SSE_ATLAS_DB, else the built-in one)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sse-atlas",
        description="An open knowledge base of the social and solidarity economy.",
    )
    parser.add_argument("--version", action="version", version=f"sse-atlas {__version__}")
    parser.add_argument(
        "--debug", action="store_true", help="show the traceback of an unexpected error"
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    ingest = commands.add_parser(
        "ingest", help="read catalogues (text, Markdown, PDF) or interchange JSON exports"
    )
    ingest.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    ingest.add_argument(
        "--encoder",
        choices=ENCODERS,
        help="set the knowledge base's search encoder first (see 'settings'; default: keep it)",
    )
    _add_db(ingest)

    check = commands.add_parser(
        "check", help="parse a document and report problems; writes nothing"
    )
    check.add_argument("path", type=Path, metavar="PATH")
    check.add_argument("--json", action="store_true", help="the report as JSON")

    export = commands.add_parser("export", help="write the knowledge base in an open format")
    export.add_argument("--format", required=True, choices=formats())
    export.add_argument(
        "--entity",
        choices=("initiatives", "workshops", "organisations", "people"),
        default="initiatives",
        help="the table to write, for csv (default: initiatives)",
    )
    export.add_argument(
        "--catalogue", metavar="ID", help="the forum whose programme to write, for frab"
    )
    export.add_argument("--output", "-o", type=Path, help="file to write (default: stdout)")
    export.add_argument(
        "--raw",
        action="store_true",
        help="csv: cells exactly as stored (no ' before a leading = + - @, tab or CR)",
    )
    _add_db(export)

    stats = commands.add_parser("stats", help="what the knowledge base holds")
    stats.add_argument("--json", action="store_true")
    _add_db(stats)

    search = commands.add_parser(
        "search", help="find initiatives and workshops in any language, with facet filters"
    )
    search.add_argument("query", nargs="?", metavar="QUERY", help="words, in any language")
    search.add_argument("--limit", type=int, default=10, metavar="N", help="results (default 10)")
    search.add_argument("--json", action="store_true", help="results and facet counts as JSON")
    search.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="keep results with this facet value (repeat: OR within a key, AND across keys)",
    )
    search.add_argument("--mode", choices=("hybrid", "lexical", "semantic"), default="hybrid")
    search.add_argument(
        "--literal",
        default="",
        metavar="KINDS",
        help="do not read these in the query, search their words as words "
        f"(comma-separated: {', '.join(KINDS)}, or all)",
    )
    search.add_argument(
        "--types",
        default=",".join(RESULT_TYPES),
        metavar="TYPES",
        help=f"what to return (comma-separated: {', '.join(RESULT_TYPES)}; default all)",
    )
    search.add_argument(
        "--batch",
        type=Path,
        metavar="QUERIES.jsonl",
        help='one {"id", "text"} a line in, one JSON result a line out',
    )
    _add_db(search)

    report = commands.add_parser("report", help="the data-quality reports stored with each ingest")
    report.add_argument("--json", action="store_true")
    _add_db(report)

    enrich = commands.add_parser(
        "enrich", help="run the enrichment steps again on stored records and report the changes"
    )
    enrich.add_argument("--json", action="store_true", help="every change as JSON")
    enrich.add_argument(
        "--show", type=int, default=5, metavar="N", help="changes to list per step (default 5)"
    )
    _add_db(enrich)

    edit = commands.add_parser(
        "edit", help="correct one field of an initiative or workshop (kept across re-ingests)"
    )
    edit.add_argument("record", help="record id, e.g. gsef2018-fr/4.2.1")
    edit.add_argument("field", help="field name, or a dotted path such as place.city")
    edit.add_argument("value", help="new value (JSON, or plain text)")
    edit.add_argument("--note", help="why the value was changed")
    _add_db(edit)

    cli_settings.add_parsers(commands, _add_db)
    cli_accounts.add_parsers(commands, _add_db)

    serve = commands.add_parser("serve", help="the web app and JSON API on this machine")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on")
    serve.add_argument(
        "--workers",
        type=int,
        default=1,
        metavar="N",
        help=f"server processes sharing the port and the store (1 to {MAX_WORKERS}, default 1)",
    )
    _add_db(serve)

    db = commands.add_parser("db", help="look after the store: check, upgrade or copy it")
    db_actions = db.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    db_check = db_actions.add_parser(
        "check", help="run the store's full integrity check; exit 1 if it finds problems"
    )
    _add_db(db_check)
    db_upgrade = db_actions.add_parser(
        "upgrade", help="apply the schema migrations this version brings to an existing store"
    )
    _add_db(db_upgrade)
    db_copy = db_actions.add_parser(
        "copy", help="copy a whole knowledge base into an empty store (SQLite <-> PostgreSQL)"
    )
    db_copy.add_argument("source", metavar="SRC", help="a SQLite file or a postgresql:// URL")
    db_copy.add_argument("target", metavar="DST", help="a new SQLite file or an empty database")

    _accept_everywhere(parser, "--debug")
    return parser


def _accept_everywhere(parser: argparse.ArgumentParser, flag: str) -> None:
    """Let every subcommand take ``flag`` after its name too (``sse-atlas ingest X --debug``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for subparser in action.choices.values():
                # SUPPRESS: absent after the command, it leaves the value given before it;
                # and it is listed once, in the main help.
                subparser.add_argument(
                    flag, action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
                )
                _accept_everywhere(subparser, flag)


def _print_report(report: QualityReport, stream: TextIO) -> None:
    # in the order of the document; findings about the whole document last
    for finding in sorted(report.findings, key=lambda f: (f.line is None, f.line or 0)):
        where = f"{report.document}:{finding.line}" if finding.line else report.document
        stream.write(f"{where}: {finding.severity}: {finding.kind}: {finding.message}\n")
    for check in report.counts:
        stated = "—" if check.stated is None else str(check.stated)
        mark = "" if check.matches else "  (differs)"
        stream.write(f"  {check.name}: stated {stated}, found {check.found}{mark}\n")
    uncertain = report.uncertain()
    if uncertain:
        stream.write(f"  entries to review first ({len(uncertain)}, least confident first):\n")
    for entry in uncertain:
        where = f"line {entry.line}" if entry.line else "?"
        where += f", p. {entry.page}" if entry.page else ""
        why = "; ".join(f"{signal.name}: {signal.detail}" for signal in entry.doubts)
        stream.write(
            f"    {entry.code} ({where}): confidence {entry.confidence:.2f}; "
            f"fields {', '.join(entry.fields)}; {why}\n"
        )
    if report.dropped:
        stream.write(f"  {len(report.dropped)} lines dropped as page furniture\n")


def _progress(total: int) -> Any:
    counter = {"done": 0}
    interactive = sys.stderr.isatty()

    def show(outcome: IngestOutcome) -> None:
        counter["done"] += 1
        prefix = f"[{counter['done']}/{total}] " if interactive or total > 1 else ""
        sys.stderr.write(
            f"{prefix}{outcome.path}: {outcome.initiatives} initiatives, "
            f"{outcome.workshops} workshops -> {', '.join(outcome.catalogues)}\n"
        )

    return show


def _ingest(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        kb.verify_store()
        if args.encoder is not None:
            kb.set_setting("encoder", args.encoder, encode=False)
        if sys.stderr.isatty():
            sys.stderr.write(f"reading {len(args.paths)} document(s)…\n")
        kb.ingest(args.paths, progress=_progress(len(args.paths)))
    return 0


def _check(args: argparse.Namespace) -> int:
    result = KnowledgeBase.check_document(args.path)
    if result.parsed is None:
        assert result.dataset is not None
        count = sum(len(c.initiatives) for c in result.dataset.catalogues)
        print(f"{args.path}: interchange export with {count} initiatives")
        return 0
    report = result.parsed.report
    if args.json:
        print(json.dumps(to_value(report), ensure_ascii=False, indent=2))
    else:
        catalogue = result.parsed.catalogue
        print(
            f"{args.path}: catalogue {catalogue.id}: {len(catalogue.initiatives)} initiatives, "
            f"{len(catalogue.workshops)} workshops, {len(catalogue.sessions)} sessions, "
            f"{len(catalogue.days)} days"
        )
        _print_report(report, sys.stdout)
    return 0


def _export(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        terminal.status(f"writing {args.format}…")
        dataset = kb.dataset()
        log = kb.repository.curation
        history = {"changes": log.changes(), "rules": log.rules(live=False)}
    exporter = exporter_for(
        args.format, entity=args.entity, catalogue=args.catalogue, raw=args.raw, **history
    )
    if is_binary(exporter):
        if args.output is None and sys.stdout.isatty():
            raise CommandError(f"{args.format} is a binary format: give --output FILE")
        binary = args.output.open("wb") if args.output else nullcontext(sys.stdout.buffer)
        with binary as stream:
            exporter.write(stream, dataset)
        return 0
    target = args.output.open("w", encoding="utf-8") if args.output else nullcontext(sys.stdout)
    with target as stream:
        exporter.write(stream, dataset)
    return 0


def _stats_text(stats: Stats) -> str:
    lines = [f"{name}: {count}" for name, count in stats.counts.items()]
    lines.append(f"coordinated workshops: {stats.coordinated_workshops}")
    lines.append(
        "initiatives by day: " + ", ".join(f"{d} {n}" for d, n in stats.initiatives_by_day.items())
    )
    top = list(stats.initiatives_by_country.items())
    lines.append("initiatives by country: " + ", ".join(f"{c} {n}" for c, n in top))
    for catalogue, checks in stats.stated.items():
        for check in checks:
            if check.stated is not None:
                lines.append(
                    f"{catalogue}: {check.name} stated {check.stated}, found {check.found}"
                )
    return "\n".join(lines)


def _stats(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        stats = kb.stats()
        if args.json:
            print(json.dumps(to_value(stats), ensure_ascii=False, indent=2))
        else:
            print(f"knowledge base: {kb.location}")
            print(_stats_text(stats))
    return 0


def _report(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        reports = kb.reports()
        if args.json:
            print(json.dumps([to_value(r) for r in reports], ensure_ascii=False, indent=2))
        else:
            for report in reports:
                print(f"== {report.catalogue} ({report.document})")
                _print_report(report, sys.stdout)
    return 0


def _enrich(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        kb.verify_store()
        terminal.status("enriching: places, entities, links, classification (about 15 s)…")
        result = kb.enrich()
    if args.json:
        print(json.dumps([to_value(r) for r in result.reports], ensure_ascii=False, indent=2))
        return 0
    for report in result.reports:
        print(f"{report.name}: {report.changed} records changed ({len(report.changes)} fields)")
        for change in report.changes[: max(args.show, 0)]:
            print(f"  {change.record_id} {change.field}: {change.old!r} -> {change.new!r}")
            print(f"    {change.reason}")
    return 0


def _edit(args: argparse.Namespace) -> int:
    try:
        value: object = json.loads(args.value)
    except json.JSONDecodeError:
        value = args.value
    value = terminal.checked_value(args.field, value)
    with KnowledgeBase.open(args.db) as kb:
        kb.verify_store()
        record = kb.initiative(args.record) or kb.workshop(args.record)
        before = terminal.field_value(record, args.field)
        kb.edit(args.record, args.field, value, args.note)
    print(f"{args.record}: {args.field}: {before!r} -> {value!r} (kept across re-ingests)")
    return 0


def _search_usage(message: str) -> int:
    sys.stderr.write(f"sse-atlas search: {message}\n")
    return 2


def _search(args: argparse.Namespace) -> int:
    if args.query is not None and args.batch is not None:
        return _search_usage("give a QUERY or --batch QUERIES.jsonl, not both")
    if args.query is None and args.batch is None and not args.filter:
        return _search_usage("give a QUERY, a --filter, or --batch QUERIES.jsonl")
    filters: dict[str, tuple[str, ...]] = {}
    for pair in args.filter:
        key, _, value = pair.partition("=")
        if key not in FACETS or not value:
            return _search_usage(f"--filter {pair!r}: expected KEY=VALUE, KEY one of {FACETS}")
        filters[key] = (*filters.get(key, ()), value)
    literal = tuple(k.strip() for k in args.literal.split(",") if k.strip())
    if set(literal) - {*KINDS, "all"}:
        return _search_usage(
            f"--literal {args.literal!r}: expected some of {', '.join(KINDS)}, all"
        )
    try:
        types = parse_types(args.types)
    except ValueError as error:
        return _search_usage(f"--types: {error}")

    def make(text: str) -> SearchQuery:
        return SearchQuery(text, filters, args.limit, 0, args.mode, literal, types)

    if args.batch is not None:
        queries = read_batch(args.batch)
        with KnowledgeBase.open(args.db) as kb:
            for query_id, text in queries:
                line = {"id": query_id, **results_to_dict(kb.search(make(text)), facets=False)}
                print(json.dumps(line, ensure_ascii=False), flush=False)
        return 0
    text = args.query or ""  # filters alone list every record they keep
    with KnowledgeBase.open(args.db) as kb:
        terminal.status("searching (the first search loads the language model, a few seconds)…")
        results = kb.search(make(text))
    if args.json:
        print(json.dumps(results_to_dict(results), ensure_ascii=False, indent=2))
    else:
        print(terminal.highlighted(format_results(results), terminal.bold_allowed(sys.stdout)))
    return 0


def _serve(args: argparse.Namespace) -> int:
    import uvicorn  # the web app's dependencies load only for this command

    from sse_atlas.web import create_app

    if not 1 <= args.workers <= MAX_WORKERS:
        raise CommandError(f"--workers {args.workers}: expected 1 to {MAX_WORKERS}")
    if args.workers > 1:
        return _serve_workers(args)
    sock = terminal.listen(args.host, args.port)
    started = time.perf_counter()
    _announce_first_build(args)
    with sock, KnowledgeBase.open(args.db) as kb:
        sys.stderr.write("sse-atlas: loading the search index…\n")
        app = create_app(kb)
        seconds = time.perf_counter() - started
        sys.stderr.write(
            f"sse-atlas: {kb.location} ready in {seconds:.1f} s\n"
            f"sse-atlas: serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)\n"
        )
        server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
        server.run(sockets=[sock])
    return 0


def _opens_default_store(args: argparse.Namespace) -> bool:
    """Whether the command opens a knowledge base here (serve says so itself, after its port
    check; check reads a file only; db copy names both of its stores)."""
    if args.command in ("check", "serve"):
        return False
    return not (args.command == "db" and args.db_action == "copy")


def _announce_first_build(args: argparse.Namespace) -> None:
    """Say why the first command takes a while: the built-in knowledge base is being built."""
    if getattr(args, "db", None) or os.environ.get(ENV_DATABASE):
        return
    if not default_database_path().exists():
        sys.stderr.write(
            "sse-atlas: building the GSEF 2018 knowledge base, first run only (about 15 s)…\n"
        )


def _db_check(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        problems = kb.repository.check(thorough=True)
        for problem in problems:
            print(f"{kb.location}: {problem}")
        if not problems:
            print(f"{kb.location}: ok")
    return 1 if problems else 0


def _serve_workers(args: argparse.Namespace) -> int:
    """Several processes on one port, each opening the same store (``app_from_environment``)."""
    import uvicorn

    if args.db == ":memory:":
        raise CommandError("--workers: a store in memory cannot be shared; give a file or a URL")
    # A bad or busy port fails before anything loads; uvicorn binds it again for its workers.
    terminal.listen(args.host, args.port).close()
    _announce_first_build(args)
    # Opened once here first: the schema is migrated (or the built-in base built) before any
    # worker starts, so the workers only read.
    with KnowledgeBase.open(args.db) as kb:
        location = kb.location
    if args.db:
        os.environ[ENV_DATABASE] = str(args.db)
    sys.stderr.write(
        f"sse-atlas: {location}: {args.workers} workers loading the search index\n"
        f"sse-atlas: serving on http://{args.host}:{args.port}/ (Ctrl-C to stop)\n"
    )
    uvicorn.run(
        "sse_atlas.web.app:app_from_environment",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level="warning",
    )
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    with KnowledgeBase.open(args.db) as kb:
        repository = kb.repository
        applied = getattr(repository, "migrated", [])
        version = repository.schema_version() if isinstance(repository, SQLRepository) else 0
        for migration in applied:
            print(f"{kb.location}: applied {migration.version:04d}_{migration.name}")
        state = "now at" if applied else "up to date at"
        print(f"{kb.location}: {state} schema version {version}")
    return 0


def _db_copy(args: argparse.Namespace) -> int:
    if not is_postgres_url(args.source) and not Path(args.source).is_file():
        raise CommandError(f"{args.source}: no such knowledge base file")  # never create SRC
    with open_repository(args.source) as source, open_repository(args.target) as target:
        if not isinstance(source, SQLRepository) or not isinstance(target, SQLRepository):
            raise CommandError("db copy works between SQL stores")
        outcome = copy_store(source, target)
        counts = target.counts()
    print(
        f"copied {args.source} to {args.target}: {counts['catalogues']} catalogues,"
        f" {counts['initiatives']} initiatives, {counts['workshops']} workshops,"
        f" {sum(outcome.rows.values())} rows"
    )
    return 0


_DB_ACTIONS = {"check": _db_check, "upgrade": _db_upgrade, "copy": _db_copy}


def _db(args: argparse.Namespace) -> int:
    return _DB_ACTIONS[args.db_action](args)


_COMMANDS = {
    "ingest": _ingest,
    "check": _check,
    "export": _export,
    "stats": _stats,
    "search": _search,
    "report": _report,
    "enrich": _enrich,
    "edit": _edit,
    "serve": _serve,
    "db": _db,
    **cli_accounts.COMMANDS,
    **cli_settings.COMMANDS,
}


# An unexpected error's message is cut here: one line on a terminal, not a page of repr.
_MAX_ERROR_LENGTH = 300


def _one_line(error: BaseException) -> str:
    text = " ".join(str(error).split()) or "(no message)"
    if len(text) > _MAX_ERROR_LENGTH:
        text = text[: _MAX_ERROR_LENGTH - 1] + "…"
    return f"{type(error).__name__}: {text}"


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if _opens_default_store(args):
            _announce_first_build(args)
        return _COMMANDS[args.command](args)
    except KeyboardInterrupt:
        return 130  # the shell's code for SIGINT; the user knows why it stopped
    except BrokenPipeError:
        return 1
    except Exception as error:
        if args.debug:
            traceback.print_exc()
        sys.stderr.write(_message(error))
    return 1


def _message(error: Exception) -> str:
    """The one line an error is reported as."""
    if isinstance(error, DocumentError):
        return f"{error}\n"
    if isinstance(error, StoreError | CommandError | KeyError | ValueError):
        message = error.args[0] if isinstance(error, KeyError) and error.args else error
        return f"sse-atlas: {message}\n"
    if isinstance(error, OSError):
        name = error.filename or ""
        return f"{name}: {error.strerror}\n" if name else f"sse-atlas: {error}\n"
    return f"sse-atlas: error: {_one_line(error)}\n"
