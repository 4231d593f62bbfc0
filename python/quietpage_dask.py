"""quietpage over many web archives with Dask: one machine or a cluster.

Each WARC file is one partition: a Dask worker runs quietpage.extract_warc()
on it (the native core, the same JSON lines as quietpage-batch writes) and
writes them to OUTPUT/NNNNN.jsonl, NNNNN being the file's position in the
list. Concatenated in order, the parts are what ``quietpage-batch FILES...``
writes.

On this machine (a LocalCluster with one single-threaded worker process per
core)::

    from quietpage_dask import extract_warcs
    extract_warcs(["a.warc.gz", "b.warc.gz"], "out/")

On a cluster, give the scheduler's address; every worker needs the
quietpage package importable and the WARC paths and the output folder
readable and writable at the same paths (a shared file system)::

    extract_warcs(paths, "/shared/out", scheduler="tcp://10.0.0.1:8786")

Or from the shell::

    python3 -m quietpage_dask --output out/ [--scheduler ADDRESS] [--workers N] FILE.warc.gz...
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Iterator, Optional, Sequence

import dask.bag as db
from distributed import Client, LocalCluster

import quietpage

__all__ = ["extract_warcs"]


def _extract_partition(paths: Sequence[str], options: dict[str, Any]) -> Iterator[str]:
    for path in paths:
        yield from quietpage.extract_warc(path, **options)


def extract_warcs(paths: Sequence[str | os.PathLike[str]], output_dir: str | os.PathLike[str], *,
                  scheduler: Optional[str] = None, workers: Optional[int] = None,
                  html: bool = False, articles_only: bool = False, **options: Any) -> list[str]:
    """Extracts every WARC file in ``paths`` to ``output_dir``/NNNNN.jsonl.

    scheduler: a Dask scheduler's address (``tcp://host:8786``); without one,
        a LocalCluster of ``workers`` processes (default: one per core) is
        started and stopped.
    html, articles_only, options: as for quietpage.extract_warc().

    Returns the paths of the files written, in the order of ``paths``.
    """
    paths = [os.path.abspath(os.fspath(path)) for path in paths]
    if not paths:
        return []
    output_dir = os.path.abspath(os.fspath(output_dir))
    os.makedirs(output_dir, exist_ok=True)
    # Bad options fail here, not on a worker.
    quietpage.parse("", **options)
    extract_options = dict(options, html=html, articles_only=articles_only)
    bag = db.from_sequence(paths, npartitions=len(paths)).map_partitions(_extract_partition, extract_options)
    target = os.path.join(output_dir, "*.jsonl")

    def write() -> list[str]:
        return bag.to_textfiles(target, name_function=lambda i: f"{i:05d}", encoding="utf-8", last_endline=True)

    if scheduler:
        with Client(scheduler):
            return write()
    # The worker processes find quietpage where this process found it.
    here = [os.path.dirname(os.path.dirname(os.path.abspath(quietpage.__file__))),
            os.path.dirname(os.path.abspath(__file__))]
    pythonpath = os.pathsep.join(dict.fromkeys(here + [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]))
    with LocalCluster(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                      dashboard_address=None, env={"PYTHONPATH": pythonpath}) as cluster, Client(cluster):
        return write()


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m quietpage_dask", description=(
        "Extracts the articles of WARC files with Dask, one partition per file, into OUTPUT/NNNNN.jsonl "
        "(the JSON lines quietpage-batch writes)."))
    parser.add_argument("files", nargs="+", metavar="FILE", help="WARC files (.warc or .warc.gz)")
    parser.add_argument("-o", "--output", required=True, help="folder for the JSON lines")
    parser.add_argument("--scheduler", help="a Dask scheduler's address (default: a LocalCluster on this machine)")
    parser.add_argument("--workers", type=int, help="LocalCluster worker processes (default: one per core)")
    parser.add_argument("--html", action="store_true", help='add the article\'s HTML ("content")')
    parser.add_argument("--markdown", action="store_true", help='add the article as Markdown ("markdown")')
    parser.add_argument("--articles-only", action="store_true", help="no lines for pages without an article")
    args = parser.parse_args(argv)
    written = extract_warcs(args.files, args.output, scheduler=args.scheduler, workers=args.workers,
                            html=args.html, articles_only=args.articles_only, markdown=args.markdown)
    print(f"quietpage_dask: {len(written)} files written to {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
