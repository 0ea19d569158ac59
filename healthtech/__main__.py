"""Command line: `python -m healthtech <command>`. See README.md and docs/maintainers.md.

Problems in a user's file are printed as `FILE:ROW:COLUMN: message`, one per line, exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path

from healthtech import ingest, sample, store


def _who(args) -> str:
    return args.who or getpass.getuser()


def _validate(args) -> int:
    result = ingest.read_path(args.file, args.as_)
    for p in result.problems:
        print(p.line(args.lang), file=sys.stderr)
    for p in result.notices:
        print(p.line(args.lang), file=sys.stderr)
    if not result.ok:
        return 1
    if args.normalized:
        ingest.write_normalized(result.frame, sys.stdout)
    return 0


def _import(args) -> int:
    data = args.file.read_bytes()
    result = ingest.read_bytes(data, str(args.file), args.as_)
    for p in result.problems + result.notices:
        print(p.line(args.lang), file=sys.stderr)
    if not result.ok:
        return 1
    version = store.import_frame(args.as_, result.frame, original=data, original_name=args.file.name,
                                 who=_who(args))
    print(f"{args.as_}: version {version.version} ({version.rows} rows)")
    return 0


def _history(args) -> int:
    print("version\tevent\twhen\twho\trows\tfile_name\tsha256")
    for v in store.history(args.dataset):
        event = f"rollback to {v.rolled_back_to}" if v.event == "rollback" else v.event
        print(f"{v.version}\t{event}\t{v.when}\t{v.who}\t{v.rows if v.rows is not None else '-'}\t"
              f"{v.original_name or '-'}\t{(v.sha256 or '-')[:12]}")
    return 0


def _rollback(args) -> int:
    version = store.rollback(args.dataset, args.version, who=_who(args))
    print(f"{args.dataset}: version {version.version} serves version {args.version}")
    return 0


def _sample(args) -> int:
    rows = sample.generate(args.out, args.companies, args.participations, args.seed)
    for name, n in rows.items():
        print(f"{name}: {n} rows -> {args.out / (name + '.csv')}")
    return 0


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m healthtech")
    commands = parser.add_subparsers(dest="command", required=True)

    val = commands.add_parser("validate", help="check a CSV/XLSX file against a dataset; exit 0 when it reads")
    val.add_argument("file", type=Path)
    val.add_argument("--as", dest="as_", required=True, choices=ingest.UPLOADABLE)
    val.add_argument("--normalized", action="store_true", help="print the parsed rows as plain CSV")
    val.add_argument("--lang", choices=("da", "en"), default="en")
    val.set_defaults(run=_validate)

    imp = commands.add_parser("import", help="validate, then write a new version into the store")
    imp.add_argument("file", type=Path)
    imp.add_argument("--as", dest="as_", required=True, choices=ingest.UPLOADABLE)
    imp.add_argument("--who", help="name for the audit log (default: the login name)")
    imp.add_argument("--lang", choices=("da", "en"), default="en")
    imp.set_defaults(run=_import)

    his = commands.add_parser("history", help="the versions of a dataset in the store")
    his.add_argument("dataset", choices=ingest.UPLOADABLE)
    his.set_defaults(run=_history)

    rol = commands.add_parser("rollback", help="serve an earlier version again (0 = the embedded data)")
    rol.add_argument("dataset", choices=ingest.UPLOADABLE)
    rol.add_argument("version", type=int)
    rol.add_argument("--who")
    rol.set_defaults(run=_rollback)

    gen = commands.add_parser("sample", help="write reproducible sample data (labelled sample in the UI)")
    gen.add_argument("--out", type=Path, required=True, help="folder to write the CSV files into")
    gen.add_argument("--companies", type=int, default=456)
    gen.add_argument("--participations", type=int, default=None,
                     help="exact number of (activity, company) rows; default: as the activities imply")
    gen.add_argument("--seed", type=int, default=sample.SEED)
    gen.set_defaults(run=_sample)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except FileNotFoundError as e:
        print(f"{e.filename}: no such file", file=sys.stderr)
    except IsADirectoryError as e:
        print(f"{e.filename}: is a folder, not a file", file=sys.stderr)
    except PermissionError as e:
        print(f"{e.filename}: permission denied", file=sys.stderr)
    except store.StoreError as e:
        print(f"error: {e}", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
