"""Read an upload in a child process with a memory and a CPU limit, so a hostile file can only kill that child.

The Data page and the CLI call `read_bytes` instead of `ingest.read_bytes`: a fresh interpreter
(`python -m healthtech.sandbox`, never a fork of the server, which would share its memory) sets
`resource.setrlimit` on its address space and CPU time before it imports the reader, reads the file from
stdin and writes the `ingest.Result` back on stdout. A child that runs out of memory, runs out of CPU, is
killed after the wall-clock timeout, or dies any other way gives a refused file with one problem at
`FILE:1:-`, never a traceback and never a server that stops answering.

The result comes back as one JSON line (problems, notices, conventions) followed by the frame as Parquet:
data formats only, so nothing the child writes is ever executed by the server. The limits are environment
settings (docs/deploy.md): HEALTHTECH_PARSE_MEMORY_MB (address space, default 1024: the interpreter with
pandas and openpyxl maps about 340 MB of it before reading a byte) and HEALTHTECH_PARSE_CPU_SECONDS
(default 30); the wall clock gets twice the CPU time plus 10 s.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import resource
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

MEMORY_MB = int(os.environ.get("HEALTHTECH_PARSE_MEMORY_MB", "1024"))
CPU_SECONDS = int(os.environ.get("HEALTHTECH_PARSE_CPU_SECONDS", "30"))
OUT_OF_MEMORY = 3  # the child's exit status after a MemoryError
STDERR_KEEP = 4096


@dataclass(frozen=True)
class Usage:
    """What the child took: peak resident memory (MB), CPU seconds, wall seconds, how it ended."""

    peak_mb: float
    cpu_s: float
    wall_s: float
    exit: int


def read_bytes(data: bytes, filename: str, dataset: str):
    """`ingest.read_bytes` in a child process with limits; returns an `ingest.Result`."""
    return run(data, filename, dataset)[0]


def run(data: bytes, filename: str, dataset: str, *, memory_mb: int | None = None,
        cpu_seconds: int | None = None):
    """(`ingest.Result`, `Usage`)."""
    from healthtech import ingest

    memory_mb = memory_mb or MEMORY_MB
    cpu_seconds = cpu_seconds or CPU_SECONDS
    if len(data) > ingest.MAX_BYTES:  # no child needed to say so
        return ingest.read_bytes(data, filename, dataset), Usage(0.0, 0.0, 0.0, 0)
    header = json.dumps({"dataset": dataset, "filename": filename, "memory_mb": memory_mb,
                         "cpu_seconds": cpu_seconds}).encode() + b"\n"
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1",
           "PYTHONHASHSEED": "0"}
    started = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-m", "healthtech.sandbox"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, start_new_session=True)
    errors: list[bytes] = []

    def feed() -> None:
        try:
            proc.stdin.write(header + data)
        except (BrokenPipeError, OSError):
            pass  # the child died before reading it all: its exit status says why
        finally:
            with contextlib.suppress(OSError):
                proc.stdin.close()

    def drain_stderr() -> None:
        errors.append(proc.stderr.read()[-STDERR_KEEP:])

    killed = threading.Event()

    def kill() -> None:
        killed.set()
        _kill(proc)

    timer = threading.Timer(2 * cpu_seconds + 10, kill)
    threads = [threading.Thread(target=feed, daemon=True), threading.Thread(target=drain_stderr, daemon=True)]
    for thread in threads:
        thread.start()
    timer.start()
    try:
        output = proc.stdout.read()
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
        proc.stdout.close()
    for thread in threads:
        thread.join(timeout=5)
    proc.returncode = code = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait again
    # ru_maxrss may carry the RSS of the process the child was forked from (a large server) across exec; a child
    # that answers reports its own peak (VmHWM), and ru_maxrss is only the upper bound of one that died
    measured = Usage(peak_mb=usage.ru_maxrss / 1024, cpu_s=usage.ru_utime + usage.ru_stime,
                     wall_s=time.monotonic() - started, exit=code)
    if code == 0:
        try:
            result, own_peak_mb = _decode(output, dataset, filename)
            return result, Usage(own_peak_mb or measured.peak_mb, measured.cpu_s, measured.wall_s, code)
        except (ValueError, KeyError, TypeError, OSError):  # a torn or empty answer: a failed child like any other
            code = -1
    timed_out = killed.is_set()
    if code == OUT_OF_MEMORY:
        reason = "parse_memory"
    elif timed_out or code == -signal.SIGXCPU or (code == -signal.SIGKILL and measured.cpu_s >= cpu_seconds):
        reason = "parse_time"
    else:
        reason = "parse_failed"
    detail = {"parse_memory": {"limit_mb": memory_mb}, "parse_time": {"limit_s": cpu_seconds},
              "parse_failed": {"status": code}}[reason]
    result = ingest.Result(dataset=dataset, file=filename)
    result.problems.append(ingest.Problem(filename, 1, "", reason, tuple(sorted(detail.items()))))
    return result, measured


def _own_peak_mb() -> float | None:
    """This process's own peak resident memory (Linux: VmHWM), in MB."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _encode(result) -> bytes:
    def problems(items) -> list:
        return [[p.file, p.row, p.column, p.code, [list(pair) for pair in p.detail]] for p in items]
    body = b""
    if result.frame is not None:
        out = io.BytesIO()
        result.frame.to_parquet(out, index=False)
        body = out.getvalue()
    head = {"problems": problems(result.problems), "notices": problems(result.notices),
            "conventions": result.conventions, "frame": result.frame is not None, "peak_mb": _own_peak_mb()}
    return json.dumps(head).encode() + b"\n" + body


def _decode(output: bytes, dataset: str, filename: str):
    """(`ingest.Result`, the child's own peak MB or None)."""
    import pandas as pd

    from healthtech import ingest

    line, _, body = output.partition(b"\n")
    head = json.loads(line)

    def problems(items) -> list:
        return [ingest.Problem(f, r, c, code, tuple((k, v) for k, v in detail)) for f, r, c, code, detail in items]
    result = ingest.Result(dataset=dataset, file=filename, problems=problems(head["problems"]),
                           notices=problems(head["notices"]), conventions=head["conventions"])
    if head["frame"]:
        frame = pd.read_parquet(io.BytesIO(body))
        for column in frame.columns:  # text comes back as pandas strings: make it the reader's objects again
            if pd.api.types.is_string_dtype(frame[column]) and frame[column].dtype != object:
                frame[column] = frame[column].astype(object).where(frame[column].notna(), None)
        result.frame = frame
    return result, head.get("peak_mb")


def _kill(proc: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)


def _child() -> int:
    """The child: limits first, then the reader."""
    line = sys.stdin.buffer.readline()
    options = json.loads(line)
    memory = options["memory_mb"] * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_CPU, (options["cpu_seconds"], options["cpu_seconds"] + 2))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        from healthtech import ingest

        data = sys.stdin.buffer.read(ingest.MAX_BYTES + 1)
        result = ingest.read_bytes(data, options["filename"], options["dataset"])
        answer = _encode(result)
    except MemoryError:
        return OUT_OF_MEMORY
    sys.stdout.buffer.write(answer)
    sys.stdout.buffer.flush()
    return 0


if __name__ == "__main__":
    sys.exit(_child())
