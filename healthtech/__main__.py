"""Command line: `python -m healthtech <command>`. See README.md."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from healthtech import sample


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m healthtech")
    commands = parser.add_subparsers(dest="command", required=True)
    gen = commands.add_parser("sample", help="write reproducible sample data (labelled sample in the UI)")
    gen.add_argument("--out", type=Path, required=True, help="folder to write the CSV files into")
    gen.add_argument("--companies", type=int, default=456)
    gen.add_argument("--participations", type=int, default=None,
                     help="exact number of (activity, company) rows; default: as the activities imply")
    gen.add_argument("--seed", type=int, default=sample.SEED)
    args = parser.parse_args(argv)

    if args.command == "sample":
        rows = sample.generate(args.out, args.companies, args.participations, args.seed)
        for name, n in rows.items():
            print(f"{name}: {n} rows -> {args.out / (name + '.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
