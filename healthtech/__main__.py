"""Command line: `python -m healthtech <command>`. See README.md and docs/maintainers.md.

Problems in a user's file are printed as `FILE:ROW:COLUMN: message`, one per line, exit 1; never a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import os
import secrets as secrets_module
import stat
import sys
import time
from pathlib import Path

from healthtech import access, config, datasets, i18n, ingest, merge, sample, sandbox, store


def _who(args) -> str:
    return args.who or getpass.getuser()


def _validate(args) -> int:
    result = sandbox.read_bytes(args.file.read_bytes(), str(args.file), args.as_)
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
    result = sandbox.read_bytes(data, str(args.file), args.as_)
    for p in result.problems + result.notices:
        print(p.line(args.lang), file=sys.stderr)
    if not result.ok:
        return 1
    mode = merge.REPLACE if args.replace else merge.MERGE
    head = store.head(args.as_)
    planned = merge.plan(args.as_, store.current_frame(args.as_), result.frame, mode)
    counts = planned.counts()
    print(f"{args.as_} ({mode}): {i18n.t('data.counts', args.lang, **counts)}")
    removed = len(planned.removed)
    if removed:
        print(f"{removed} rows not in {args.file.name} will be removed:")
        ingest.write_normalized(planned.removed.drop(columns=merge.ORIGIN), sys.stdout)
        if args.confirm_removal is not None:
            answer = str(args.confirm_removal)
        else:
            print(f"Remove these {removed} rows? Type {removed} to confirm: ", end="", flush=True)
            answer = sys.stdin.readline().strip()
        if answer != str(removed):
            print(f"not confirmed ({answer or 'no answer'}): nothing changed", file=sys.stderr)
            return 1
    version, done = store.import_file(args.as_, result.frame, mode=mode, original=data,
                                      original_name=args.file.name, who=_who(args), head_seen=head)
    print(f"{args.as_}: version {version.version} ({version.rows} rows; "
          f"{i18n.t('data.counts', args.lang, **done.counts())})")
    return 0


def _history(args) -> int:
    print("version\tevent\twhen\twho\trows\tfile_name\tsha256")
    for v in store.history(args.dataset):
        event = f"rollback to {v.rolled_back_to}" if v.event == "rollback" else \
            f"{v.event} ({v.mode})" if v.mode else v.event
        print(f"{v.version}\t{event}\t{v.when}\t{v.who}\t{v.rows if v.rows is not None else '-'}\t"
              f"{v.original_name or '-'}\t{(v.sha256 or '-')[:12]}")
    return 0


def _rollback(args) -> int:
    version = store.rollback(args.dataset, args.version, who=_who(args))
    print(f"{args.dataset}: version {version.version} serves version {args.version}")
    return 0


def _share_link(args) -> int:
    secrets = access.load_secrets()
    if secrets is None or not secrets.signing_keys:
        print("error: no signing key: run `python -m healthtech init-secrets` first", file=sys.stderr)
        return 1
    try:
        expires = access.parse_expiry(args.expires)
    except ValueError as e:
        print(f"error: --expires {args.expires}: {e}", file=sys.stderr)
        return 1
    token, token_id = access.issue_link(secrets, args.role, expires, args.region, _who(args))
    base = args.base_url.rstrip("/")
    print(f"{base}/?token={token}")
    print(f"token id {token_id}, {args.role}, region {args.region or 'all'}, "
          f"expires {expires.astimezone(access.LOCAL_ZONE).isoformat(timespec='minutes')}", file=sys.stderr)
    return 0


def _revoke(args) -> int:
    known = {link["token_id"] for link in access.links()}
    if args.token_id not in known:
        print(f"error: no link with id {args.token_id}", file=sys.stderr)
        return 1
    access.revoke(args.token_id, _who(args))
    print(f"revoked {args.token_id}")
    return 0


def _init_secrets(args) -> int:
    path = access.secrets_path()
    if path is None:
        print("error: HEALTHTECH_SECRETS is set to nothing; name the file to write", file=sys.stderr)
        return 1
    if path.exists() and not args.force:
        print(f"error: {path} exists; --force replaces it (every link made with its key stops working)",
              file=sys.stderr)
        return 1
    if path.is_symlink() and not args.force:
        print(f"error: {path} is a symlink; --force replaces the link itself (its target is left alone)",
              file=sys.stderr)
        return 1
    password = secrets_module.token_urlsafe(12)
    access.write_private(path, access.new_secrets_toml(password))  # temp file 600 + os.replace: no symlink followed
    print(f"wrote {path} (mode {stat.S_IMODE(path.lstat().st_mode):o}, git-ignored)")
    print(f"editor password (shown this once): {password}")
    return 0


def _hash_password(args) -> int:
    password = getpass.getpass("new editor password: ") if sys.stdin.isatty() else sys.stdin.readline().rstrip("\n")
    if len(password) < 12:
        print("error: use at least 12 characters", file=sys.stderr)
        return 1
    print(access.hash_password(password))
    return 0


def _meeting_pack(args) -> int:
    from healthtech import filters, geo, pack

    if args.municipality is not None and (args.municipality not in geo.municipality_codes() or (
            args.region is not None and geo.region_of(args.municipality) != args.region)):
        print(f"--municipality {args.municipality}: not a municipality code (in the chosen region)", file=sys.stderr)
        return 2
    if args.channel is not None and args.channel not in filters.channels():
        print(f"--channel {args.channel}: not a channel in the data ({', '.join(filters.channels())})",
              file=sys.stderr)
        return 2
    chosen = filters.Filters(region=args.region, cluster=args.cluster, period=args.period,
                             municipality=args.municipality, channel=args.channel, funder=args.funder, area=args.area)
    started = time.monotonic()

    def progress(share: float, text: str) -> None:
        print(f"{share:4.0%} {text}", file=sys.stderr)

    from healthtech import compare

    choice = compare.parse(args.compare)
    if args.compare not in (None, choice):
        print(f"--compare {args.compare}: not a date (YYYY-MM-DD), 'last', 'none' or a stored version such as "
              "reach.v3", file=sys.stderr)
        return 2
    document, made = pack.meeting_pack(args.lang, chosen, progress, basis=compare.resolve(choice))
    args.out.write_bytes(document)
    print(f"{args.out}: {len(document) / 1e6:.1f} MB, {time.monotonic() - started:.1f} s")
    if args.xlsx:
        args.xlsx.write_bytes(pack.workbook(made))
        print(f"{args.xlsx}: every table, one sheet each")
    return 0


def _sample(args) -> int:
    fmt = args.format
    if fmt == "auto":
        large = args.companies >= sample.PARQUET_FROM_COMPANIES or (args.participations or 0) >= \
            sample.PARQUET_FROM_PARTICIPATIONS
        fmt = "parquet" if large else "csv"
    if fmt == "parquet":
        rows = sample.generate_parquet(args.out, args.companies, args.participations, args.seed)
    else:
        rows = sample.generate(args.out, args.companies, args.participations, args.seed)
    for name, n in rows.items():
        print(f"{name}: {n} rows -> {args.out / (name + '.' + fmt)}")
    return 0


def _bench(args) -> int:
    from benchmarks import run

    return run.main(args)


def _bench_arguments(bench: argparse.ArgumentParser) -> None:
    if str(config.ROOT) not in sys.path:  # benchmarks/ sits beside healthtech/ in the repository
        sys.path.insert(0, str(config.ROOT))
    from benchmarks import run

    run.add_arguments(bench)


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m healthtech")
    commands = parser.add_subparsers(dest="command", required=True)

    val = commands.add_parser("validate", help="check a CSV/XLSX file against a dataset; exit 0 when it reads")
    val.add_argument("file", type=Path)
    val.add_argument("--as", dest="as_", required=True, choices=datasets.UPLOADABLE)
    val.add_argument("--normalized", action="store_true", help="print the parsed rows as plain CSV")
    val.add_argument("--lang", choices=("da", "en"), default="en")
    val.set_defaults(run=_validate)

    imp = commands.add_parser("import", help="validate, then merge into a new version in the store (or --replace)")
    imp.add_argument("file", type=Path)
    imp.add_argument("--as", dest="as_", required=True, choices=datasets.UPLOADABLE)
    imp.add_argument("--who", help="name for the audit log (default: the login name)")
    imp.add_argument("--replace", action="store_true",
                     help="the file becomes the whole dataset: rows it does not mention are removed (they are "
                          "listed, then you are asked to type their number). Default: merge by the dataset's key")
    imp.add_argument("--confirm-removal", type=int, metavar="N",
                     help="with --replace, without asking: go ahead only if exactly N rows would be removed")
    imp.add_argument("--lang", choices=("da", "en"), default="en")
    imp.set_defaults(run=_import)

    his = commands.add_parser("history", help="the versions of a dataset in the store")
    his.add_argument("dataset", choices=datasets.UPLOADABLE)
    his.set_defaults(run=_history)

    rol = commands.add_parser("rollback", help="serve an earlier version again (0 = the embedded data)")
    rol.add_argument("dataset", choices=datasets.UPLOADABLE)
    rol.add_argument("version", type=int)
    rol.add_argument("--who")
    rol.set_defaults(run=_rollback)

    link = commands.add_parser("share-link", help="print a signed read-only link")
    link.add_argument("--role", choices=access.LINK_ROLES, default=access.REVIEWER)
    link.add_argument("--region", type=int, choices=(1081, 1082, 1083, 1084, 1085), help="pin to one region")
    link.add_argument("--expires", default="14d",
                      help="how long it lasts: 3h, 2d, 2w, or tomorrow (until the end of tomorrow, for a meeting); "
                           "1 hour to 366 days (default 14d)")
    link.add_argument("--base-url", default=os.environ.get("HEALTHTECH_PUBLIC_URL", "http://localhost:8501"))
    link.add_argument("--who")
    link.set_defaults(run=_share_link)

    rev = commands.add_parser("revoke", help="stop a link from working")
    rev.add_argument("token_id")
    rev.add_argument("--who")
    rev.set_defaults(run=_revoke)

    sec = commands.add_parser("init-secrets", help="write .streamlit/secrets.toml with a new key and password")
    sec.add_argument("--force", action="store_true",
                     help="replace an existing file (or a symlink: the link itself, never its target); ends mode 600")
    sec.set_defaults(run=_init_secrets)

    mp = commands.add_parser("meeting-pack", help="every page as an A4 PDF (and every table as XLSX)")
    mp.add_argument("--out", type=Path, required=True, help="the PDF to write")
    mp.add_argument("--xlsx", type=Path, help="also write the workbook with every table")
    mp.add_argument("--lang", choices=("da", "en"), default="da")
    mp.add_argument("--region", type=int, choices=(1081, 1082, 1083, 1084, 1085))
    mp.add_argument("--cluster", choices=("LSI", "MTIC", "WT", "CHC", "MTI", "ISV"))
    mp.add_argument("--period", choices=("all", "y1", "y2"), default="all")
    mp.add_argument("--municipality", type=int, help="a municipality code (kommunekode), e.g. 851 for Aalborg")
    mp.add_argument("--channel", help="a reach channel, e.g. linkedin_page (the Reach page)")
    mp.add_argument("--funder", choices=("ministry", "regional", "private"), help="a funder (the Budget page)")
    mp.add_argument("--area", choices=("dissemination", "matchmaking", "collaboration", "internationalisation"),
                    help="an activity area (the Activities page)")
    mp.add_argument("--compare", help="compare with: last (the last meeting, default), none, a date YYYY-MM-DD or "
                    "a stored version such as reach.v3: 'what changed' first and every figure's change since")
    mp.set_defaults(run=_meeting_pack)

    pw = commands.add_parser("hash-password", help="print the scrypt hash of a new editor password (from stdin)")
    pw.set_defaults(run=_hash_password)

    gen = commands.add_parser("sample", help="write reproducible sample data (labelled sample in the UI)")
    gen.add_argument("--out", type=Path, required=True, help="folder to write the files into")
    gen.add_argument("--companies", type=int, default=456)
    gen.add_argument("--participations", type=int, default=None,
                     help="exact number of (activity, company) rows; default: as the activities imply")
    gen.add_argument("--seed", type=int, default=sample.SEED)
    gen.add_argument("--format", choices=("auto", "csv", "parquet"), default="auto",
                     help="auto: Parquet (vectorised, chunked scale mode) from 100 000 companies or 1 000 000 "
                          "participations, else the reproducible CSV of data/sample/")
    gen.set_defaults(run=_sample)

    bench = commands.add_parser("bench", help="time every page (ours vs pandas), cold start, concurrent sessions; "
                                              "prints a table, writes benchmarks/results/latest.json")
    _bench_arguments(bench)
    bench.set_defaults(run=_bench)
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
    except access.SecretsMissing as e:
        print(f"error: HEALTHTECH_SECRETS names {e}, which does not exist", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
