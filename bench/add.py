"""Adding one catalogue to a stored knowledge base: time and peak memory, SQLite and PostgreSQL.

Run: ``python -m bench.add --base /tmp/scale/w100k/atlas.sqlite3`` (add ``--postgres URL``, or
run under ``scripts/with-postgres``, for the PostgreSQL half: the base is copied there with
``db copy`` into a scratch database, dropped after).

The base is copied (SQLite: the file and its saved index), then perturbed copies of the seed
(102 initiatives each, new names, places and texts) are ingested into it, each in a fresh
process (the way ``sse-atlas ingest`` runs): ``--repeat`` of them with ``index=False`` (read,
enrich, resolve entities, write: what ingest itself costs; the median is reported), then one
with the search index brought up to date as ``sse-atlas ingest`` does. Each reports its seconds
and the process's peak RSS. The baseline is the same over a base holding the seed alone, in the
same run, after one warm-up process: the ratios say how the cost grows with the base.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.scale import _rss_mb, _seed, perturbed
from bench.stores import _scratch_database
from sse_atlas.kb import KnowledgeBase, builtin_catalogue_path
from sse_atlas.model import Dataset
from sse_atlas.model.interchange import dataset_to_document
from sse_atlas.search.service import embed_records
from sse_atlas.store import open_repository
from sse_atlas.store.sql import SQLRepository
from sse_atlas.store.transfer import copy_store


def add(target: str, catalogue: Path, index: bool) -> dict[str, Any]:
    """In a fresh process: ingest one catalogue; its seconds and the process's peak memory."""
    started = time.perf_counter()
    with KnowledgeBase.open(target) as kb:
        kb.ingest([catalogue], index=index)
    return {"seconds": time.perf_counter() - started, "peak_rss_mb": _rss_mb("VmHWM")}


def bulk(target: str, catalogues: list[Path], batch: int = 5) -> dict[str, Any]:
    """In a fresh process: a bulk load of ``catalogues``, ``batch`` per call without the index,
    then their texts embedded into the vector cache; wall and CPU seconds of each part."""
    clock = (time.perf_counter(), time.process_time())
    added = 0
    with KnowledgeBase.open(target) as kb:
        ids: list[str] = []
        for begin in range(0, len(catalogues), batch):
            outcomes = kb.ingest(catalogues[begin : begin + batch], index=False)
            added += sum(outcome.initiatives for outcome in outcomes)
            ids += [c for outcome in outcomes for c in outcome.catalogues]
        ingested = (time.perf_counter(), time.process_time())
        stored = kb.repository.raw_catalogues(ids)
        embed_records(
            kb.repository,
            [i for c in stored for i in c.initiatives],
            [w for c in stored for w in c.workshops],
        )
    done = (time.perf_counter(), time.process_time())
    return {
        "initiatives": added,
        "ingest_s": ingested[0] - clock[0],
        "ingest_cpu_s": ingested[1] - clock[1],
        "embed_s": done[0] - ingested[0],
        "embed_cpu_s": done[1] - ingested[1],
        "peak_rss_mb": _rss_mb("VmHWM"),
    }


def _child(target: str, catalogue: Path, index: bool, env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.add", "--child", target, str(catalogue)]
    command += ["--index"] if index else []
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _catalogues(folder: Path, count: int, first: int = 999_000) -> list[Path]:
    paths = []
    for number in range(first, first + count):
        path = folder / f"extra{number}.json"
        document = dataset_to_document(Dataset(catalogues=[perturbed(_seed(), number)]))
        path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
        paths.append(path)
    return paths


def _copy_sqlite(base: Path, folder: Path) -> str:
    copied = folder / base.name
    shutil.copy(base, copied)
    index = base.with_name(f"{base.name}.index")
    if index.is_dir():
        shutil.copytree(index, folder / index.name)
    return str(copied)


def _bulk_child(target: str, catalogues: list[Path], env: dict[str, str]) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.add", "--bulk-child", target, *map(str, catalogues)]
    done = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**os.environ, **env}
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _measure(
    target: str, extra: list[Path], bulk: list[Path], env: dict[str, str]
) -> dict[str, Any]:
    runs = [_child(target, path, False, env) for path in extra[:-1]]
    runs.sort(key=lambda run: float(run["seconds"]))
    measured = {
        "ingest": runs[len(runs) // 2],
        "ingest_runs": [round(float(run["seconds"]), 2) for run in runs],
        "with_index": _child(target, extra[-1], True, env),
    }
    if bulk:
        measured["bulk"] = _bulk_child(target, bulk, env)
    return measured


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", type=Path, help="a SQLite knowledge base (bench.scale's)")
    parser.add_argument("--postgres", default=os.environ.get("SSE_ATLAS_TEST_POSTGRES"))
    parser.add_argument("--repeat", type=int, default=3, help="ingests without the index")
    parser.add_argument("--bulk", type=int, default=0, help="catalogues of a bulk load")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    parser.add_argument("--bulk-child", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--index", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child is not None:
        print(json.dumps(add(args.child[0], Path(args.child[1]), args.index)))
        return
    if args.bulk_child is not None:
        print(json.dumps(bulk(args.bulk_child[0], [Path(p) for p in args.bulk_child[1:]])))
        return
    if args.base is None:
        parser.error("--base is required")
    report: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sse-atlas-add-") as scratch:
        folder = Path(scratch)
        extra = _catalogues(folder, args.repeat + 2)
        warm, extra = extra[0], extra[1:]
        built, seed_folder, base_folder = folder / "built", folder / "seed", folder / "base"
        for made in (built, seed_folder, base_folder):
            made.mkdir()
        with KnowledgeBase.open(built / "atlas.sqlite3") as kb:
            kb.ingest([builtin_catalogue_path()])
        with KnowledgeBase.open(args.base) as kb:
            report["size"] = kb.repository.counts().get("initiatives", 0)
        seed = _copy_sqlite(built / "atlas.sqlite3", seed_folder)
        _child(seed, warm, False, {})  # the first process fills the caches every later one reads
        batches = {
            name: _catalogues(folder, args.bulk, first)
            for name, first in (("seed", 900_000), ("sqlite", 910_000), ("postgresql", 920_000))
        }
        report["seed"] = _measure(seed, extra, batches["seed"], {})
        report["sqlite"] = _measure(
            _copy_sqlite(args.base, base_folder), extra, batches["sqlite"], {}
        )
        if args.postgres:
            with _scratch_database(args.postgres, "add") as url:
                source, target = open_repository(args.base), open_repository(url)
                assert isinstance(source, SQLRepository) and isinstance(target, SQLRepository)
                started = time.perf_counter()
                copy_store(source, target)
                report["copy_seconds"] = time.perf_counter() - started
                source.close()
                target.close()
                env = {"SSE_ATLAS_INDEX_DIR": str(folder / "pg-index")}
                report["postgresql"] = _measure(url, extra, batches["postgresql"], env)
    _print(report)


def _print(report: dict[str, Any]) -> None:
    seed = report["seed"]
    print(f"base: {report['size']:,} initiatives; adding one catalogue of 102 initiatives")
    print(f"{'':22} {'ingest s':>9} {'peak MB':>8} {'+index s':>9} {'peak MB':>8}")
    for name in ("seed", "sqlite", "postgresql"):
        if name not in report:
            continue
        row = report[name]
        print(
            f"{name:22} {row['ingest']['seconds']:9.1f} {row['ingest']['peak_rss_mb']:8.0f}"
            f" {row['with_index']['seconds']:9.1f} {row['with_index']['peak_rss_mb']:8.0f}"
        )
    for name in ("sqlite", "postgresql"):
        if name in report:
            ratio = report[name]["ingest"]["seconds"] / max(seed["ingest"]["seconds"], 1e-9)
            print(f"ratio to the seed base, {name} ingest: {ratio:.2f}x")
    if "postgresql" in report:
        ratio = report["postgresql"]["ingest"]["seconds"] / report["sqlite"]["ingest"]["seconds"]
        print(f"PostgreSQL / SQLite, ingest: {ratio:.2f}x")
    for name in ("seed", "sqlite", "postgresql"):
        found = report.get(name, {}).get("bulk")
        if found:
            count = found["initiatives"]
            print(
                f"bulk load, {name}: {count / found['ingest_s']:,.0f} initiatives/s"
                f" ({count / found['ingest_cpu_s']:,.0f} per CPU second) without embeddings;"
                f" embeddings {count / found['embed_s']:,.0f}/s"
                f" ({count / found['embed_cpu_s']:,.0f} per CPU second)"
            )
    print(json.dumps(report))


if __name__ == "__main__":
    main()
