"""Benchmark: the ``negotrack`` command end to end on a record of 10^5 statements (issue 18).

Workload: the store benchmark's record (``benchmarks/bench_store.py``: 20 parties × 50
numeric issues, N statements with distinct positions, seed 2025), written once as a JSON
scenario file; a store is made from it by ``import``. The condition-graph figure is drawn
from random condition graphs of 1,000 and 10,000 clauses (3,000 and 30,000 conditions,
``benchmarks/bench_conditions.py``). File writing is not timed.

Each command runs in a fresh process as a user runs it (``negotrack.cli.run``, what the
console script calls: the process ends once the output is flushed); the figures are its CPU
seconds (user + system, ``os.wait4``: the machine is shared, so wall clock says more about
the other jobs than about negotrack) and its peak resident memory (``VmHWM`` read by the
process itself: ``ru_maxrss`` is inherited from a large parent; the files are written by
child processes too, so the parent stays small). Best of ``REPEAT`` (3) runs; the peak is
that run's own. negotrack's bytecode is compiled before anything is timed (:func:`compiled`),
as installing it does.

Run: ``python -m benchmarks cli`` (part of ``make bench``); ``--quick``: 10^4 statements and
the 3,000-condition figure only.
"""

from __future__ import annotations

import compileall
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import negotrack as nt
from benchmarks import bench_conditions, bench_store

QUICK = os.environ.get("NEGOTRACK_BENCH_QUICK") == "1"
N = 10_000 if QUICK else 100_000
GRAPHS = (1_000,) if QUICK else (1_000, 10_000)
REPEAT = 3
#: Issue 18's targets at 10^5 statements (CPU seconds); every command under 500 MB.
TARGETS: dict[str, float] = {
    "validate": 3.0,
    "analyze": 3.0,
    "analyze (store)": 3.0,
    "timeline text": 3.0,
    "timeline markdown": 3.0,
    "timeline json": 3.0,
    "timeline text (store)": 3.0,
    "timeline markdown (store)": 3.0,
    "timeline json (store)": 3.0,
    "export toml": 5.0,
    "export json": 5.0,
}
PEAK_MB = 500.0


#: Runs the command in the child as the console script does (:func:`negotrack.cli.run`:
#: the command, then the process ends at once, what it read still allocated), and reports
#: the child's own peak memory just before it ends: ``VmHWM`` (the high-water mark of this
#: process's memory, Linux), else ``ru_maxrss`` — which a child started from a large
#: process inherits from it, so it can only overstate.
_RUNNER = """
import os, resource, sys
from negotrack.cli import run
end = os._exit
def _exit(code):
    try:
        with open("/proc/self/status") as f:
            kb = int(next(line for line in f if line.startswith("VmHWM")).split()[1])
    except (OSError, StopIteration):
        kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    os.write(2, f"\\nNEGOTRACK_BENCH_PEAK_KB={kb}\\n".encode())
    end(code)
os._exit = _exit
run()
"""


def run(argv: list[str]) -> dict[str, float]:
    """Run ``negotrack argv`` in a fresh process; return its CPU s and peak MB."""
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", _RUNNER, *argv],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    err_bytes = proc.stderr.read() if proc.stderr else b""
    _, status, usage = os.wait4(proc.pid, 0)
    err = err_bytes.decode()
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"negotrack {' '.join(argv)} failed: {err.strip()}")
    peak = [line for line in err.splitlines() if line.startswith("NEGOTRACK_BENCH_PEAK_KB=")]
    kb = int(peak[-1].split("=")[1]) if peak else usage.ru_maxrss
    return {"cpu": usage.ru_utime + usage.ru_stime, "mb": kb / 1024}


def best(argv: list[str]) -> dict[str, float]:
    """Return the run with the least CPU of ``REPEAT`` runs."""
    return min((run(argv) for _ in range(REPEAT)), key=lambda r: r["cpu"])


def write_graph(n: int, path: str) -> None:
    """Write the conditions benchmark's random graph of ``n`` clauses as a scenario file."""
    snap = bench_conditions.snapshot(n)
    records: list[Any] = [
        nt.Event(id=f"e{i}", date=bench_conditions.DAY, title="step") for i in range(n)
    ]
    records.extend(snap.conditions)
    tl = nt.Timeline(issues=[], parties=list(snap.parties), records=records)
    nt.dump(nt.Scenario(title="conditions", timeline=tl), path)


def write_record(n: int, path: str) -> None:
    """Write the store benchmark's record of ``n`` statements as a scenario file."""
    nt.dump(nt.Scenario(title="benchmark", timeline=bench_store.build(n)), path)


def make(writer: str, n: int, path: Path) -> Path:
    """Run ``writer(n, path)`` in a child process, so this one stays small.

    A child started from a large process inherits its peak memory figure (Linux keeps
    ``ru_maxrss`` across ``exec``): the commands must be started from a small one.
    """
    code = f"from benchmarks.bench_cli import {writer}; {writer}({n}, {str(path)!r})"
    subprocess.run([sys.executable, "-c", code], check=True)  # noqa: S603 - our own code
    return path


def compiled() -> None:
    """Compile negotrack's modules to bytecode, as installing it does.

    A user's negotrack runs from bytecode: ``pip install`` compiles every module, and an
    editable install writes each module's bytecode the first time it is imported. Where
    ``PYTHONDONTWRITEBYTECODE`` is set (some sandboxes and CI runners set it), nothing is
    ever written, and every command would compile the ~100 negotrack modules it imports from
    source (0.1–0.2 s of CPU per command, measured) — a cost no user pays. ``compileall`` writes
    the bytecode whatever that variable says, and every child then reads it.
    """
    package = Path(nt.__file__).resolve().parent
    if not compileall.compile_dir(package, quiet=1):
        raise RuntimeError(f"cannot compile {package}")


def main() -> None:
    """Print the table of commands with their targets, and whether each was met."""
    compiled()
    print(
        f"negotrack end to end on {N:,} statements (fresh process per command; CPU s = user "
        f"+ system; best of {REPEAT}; negotrack's bytecode compiled first, as installing it "
        "does)\n"
    )
    print("| command | CPU s | peak MB | target |")
    print("|---|---:|---:|---|")
    missed: list[str] = []
    with tempfile.TemporaryDirectory(prefix="negotrack-bench-cli-") as tmp:
        folder = Path(tmp)
        scenario = make("write_record", N, folder / "record.json")
        store = folder / "record.db"
        commands: list[tuple[str, list[str]]] = [
            ("validate", ["validate", str(scenario)]),
            ("analyze", ["analyze", str(scenario), "--format", "json"]),
            ("import", ["import", str(scenario), str(store)]),
            ("analyze (store)", ["analyze", str(store), "--format", "json"]),
            *(
                (f"timeline {fmt}", ["timeline", str(scenario), "--format", fmt])
                for fmt in ("text", "markdown", "json")
            ),
            *(
                (f"timeline {fmt} (store)", ["timeline", str(store), "--format", fmt])
                for fmt in ("text", "markdown", "json")
            ),
            ("export toml", ["export", str(store), str(folder / "out.toml")]),
            ("export json", ["export", str(store), str(folder / "out.json")]),
        ]
        for name, argv in commands:
            if name == "import" and store.exists():
                store.unlink()
            r = run(argv) if name == "import" else best(argv)
            target = TARGETS.get(name)
            ok = (target is None or r["cpu"] < target) and r["mb"] < PEAK_MB
            if not ok:
                missed.append(name)
            shown = f"< {target:g} s, " if target is not None else ""
            print(
                f"| `negotrack {' '.join(a if a.startswith('-') else Path(a).name for a in argv)}` "
                f"| {r['cpu']:.2f} | {r['mb']:.0f} | {shown}< {PEAK_MB:g} MB: "
                f"{'met' if ok else 'MISSED'} |",
                flush=True,
            )
        for n in GRAPHS:
            path = make("write_graph", n, folder / f"graph{n}.json")
            argv = ["plot", str(path), "--kind", "conditions", "-o", str(folder / "c.svg")]
            r = best(argv)
            print(
                f"| `negotrack plot graph{n}.json --kind conditions` ({3 * n:,} conditions) "
                f"| {r['cpu']:.2f} | {r['mb']:.0f} | 1.5 s of optional work + linear |",
                flush=True,
            )
    print(f"\nTargets missed: {', '.join(missed) if missed else 'none'}")


if __name__ == "__main__":
    main()
