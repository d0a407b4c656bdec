"""Crash safety with real processes: SIGKILLed writers, concurrent writers, killed dumps.

Writers are forked child processes (``os.fork``) that open their own store after the fork
and end with ``os._exit``; the parent kills them with SIGKILL at random moments and then
checks the file. Sizes are small by default so the suite stays fast; set
``NEGOTRACK_STRESS=1`` (or run with ``CI=true``) for the full runs: 1,000 statements per
concurrent writer, and more kills with ``NEGOTRACK_CRASH_ROUNDS``.
"""

from __future__ import annotations

import datetime
import os
import random
import select
import signal
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

import negotrack as nt

pytestmark = pytest.mark.skipif(
    not hasattr(os, "fork") or sys.platform == "win32", reason="needs os.fork and SIGKILL"
)

STRESS = os.environ.get("NEGOTRACK_STRESS") == "1" or os.environ.get("CI", "").lower() == "true"
ROUNDS = int(os.environ.get("NEGOTRACK_CRASH_ROUNDS", "20"))
PER_WRITER = 1000 if STRESS else 100
YEARS = nt.NumericScale(0, 100, unit="years")
DAY = datetime.date(2025, 12, 28)


def statement(sid: str, ideal: float) -> nt.Statement:
    return nt.Statement(
        id=sid,
        party="UA",
        issue="years",
        date=DAY,
        position=nt.Position(ideal=ideal, acceptable=nt.Region.interval(YEARS, 0, 100)),
        source=nt.Source(title=f"statement {sid}", quote="x" * 200),
    )


def new_store(path: Path) -> None:
    with nt.Store(path) as s:
        s.add(nt.Issue("years", YEARS))
        s.add(nt.Party("UA"))


def fork(child: Callable[[], None]) -> int:
    """Run ``child`` in a forked process that never returns into pytest."""
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        code = 0
        try:
            child()
        except BaseException:  # report, then leave without running pytest's exit
            import traceback

            traceback.print_exc()
            code = 1
        finally:
            os._exit(code)
    return pid


def read_lines(fd: int, until: float) -> tuple[list[str], bool]:
    """Read whole lines from ``fd`` until EOF or the deadline; say whether EOF came."""
    data = b""
    while True:
        left = until - time.monotonic()
        if left <= 0:
            return data.decode().split(), False
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            return data.decode().split(), True
        data += chunk


def stored_ids(path: Path) -> list[str]:
    with nt.Store(path, create=False) as s:
        assert s.integrity_check() == ["ok"]
        return [str(st.id) for st in s.timeline().statements]


class TestKilledWriter:
    def test_sigkill_loses_no_returned_add(self, tmp_path: Path) -> None:
        """After each SIGKILL the store opens, is sound, and holds every returned add."""
        path = tmp_path / "crash.db"
        new_store(path)
        rng = random.Random(20251228)
        confirmed: list[str] = []
        for round_ in range(ROUNDS):
            read_fd, write_fd = os.pipe()

            def writer(round_: int = round_, write_fd: int = write_fd) -> None:
                with nt.Store(path) as s:
                    os.write(write_fd, b"ready\n")
                    for i in range(10**6):
                        added = s.add(statement(f"r{round_}-{i}", i % 101))
                        os.write(write_fd, f"{added.id}\n".encode())  # unbuffered: sent now

            pid = fork(writer)
            os.close(write_fd)
            first, _ = read_lines_until_ready(read_fd)
            time.sleep(rng.uniform(0.0, 0.12))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            rest, eof = read_lines(read_fd, time.monotonic() + 10)
            os.close(read_fd)
            assert eof
            reported = [x for x in first + rest if x != "ready"]
            ids = stored_ids(path)
            this_round = [x for x in ids if x.startswith(f"r{round_}-")]
            # Every add that returned is there, in order; at most one more committed
            # before the kill, never a partial one (each row reads back as a statement).
            assert this_round[: len(reported)] == reported
            assert len(this_round) - len(reported) in (0, 1)
            assert this_round == [f"r{round_}-{i}" for i in range(len(this_round))]
            assert ids[: len(confirmed)] == confirmed
            confirmed = ids
        assert len(confirmed) > 0


def read_lines_until_ready(fd: int) -> tuple[list[str], bool]:
    """Read until the child says it has opened the store."""
    data = b""
    deadline = time.monotonic() + 30
    while b"ready\n" not in data:
        assert time.monotonic() < deadline, "writer did not start"
        ready, _, _ = select.select([fd], [], [], 1)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, "writer died before opening the store"
            data += chunk
    return data.decode().split(), False


class TestConcurrentWriters:
    def test_four_writers_lose_nothing(self, tmp_path: Path) -> None:
        """Four processes appending at once: every statement is there, each writer in order."""
        path = tmp_path / "shared.db"
        new_store(path)

        def writer(k: int) -> Callable[[], None]:
            def run() -> None:
                with nt.Store(path, timeout=60) as s:
                    for i in range(PER_WRITER):
                        s.add(statement(f"p{k}-{i}", (i * 7 + k) % 101))

            return run

        pids = [fork(writer(k)) for k in range(4)]
        codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
        assert codes == [0, 0, 0, 0]
        ids = stored_ids(path)
        assert len(ids) == 4 * PER_WRITER
        for k in range(4):
            assert [x for x in ids if x.startswith(f"p{k}-")] == [
                f"p{k}-{i}" for i in range(PER_WRITER)
            ]


class TestKilledDump:
    def test_sigkill_during_dump_leaves_old_or_new_file(self, tmp_path: Path) -> None:
        """A dump killed at any moment leaves the file as the old or the new scenario."""
        path = tmp_path / "scenario.json"
        tl_a = nt.Timeline(issues=[nt.Issue("years", YEARS)], parties=[nt.Party("UA")])
        tl_b = tl_a.copy()
        for i in range(300):
            tl_b.add(statement(f"b{i}", i % 101))
        a = nt.Scenario(title="A", timeline=tl_a)
        b = nt.Scenario(title="B", timeline=tl_b)
        nt.dump(a, path)
        rng = random.Random(7)
        for _ in range(ROUNDS):

            def dumper() -> None:
                while True:
                    nt.dump(b, path)
                    nt.dump(a, path)

            pid = fork(dumper)
            time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            assert nt.load(path).title in ("A", "B")
        assert nt.load(path) in (a, b)
