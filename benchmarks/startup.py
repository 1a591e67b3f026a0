"""Start-up and rendering speed of the desktop program (DESIGN §9, issue 4).

1. Start-up: wall time from process start until the library is shown and accepts input
   (the app prints TRAINER_READY under TRAINER_READY_MARKER=exit) versus a bare PySide6
   script that shows a window with a 3,000-character text, measured in the same run,
   alternating, several repetitions (median). Under =exit the app quits only once its store
   is open and the library has been refreshed from it, so the peak memory (of each child,
   via os.wait4) covers the whole start-up, not just the first paint. The peak reached when
   the ready line arrives (VmHWM from /proc) is printed too, for information only.
   Measured twice: with the bundled starter library, and with a generated 2,000-article set
   (benchmarks/support/datagen.py) imported first — the memory target is on the latter.
2. Render: set a 20,000-character passage with 200 marks into the passage view and paint it
   (median of several runs, in-process, offscreen). Target < 50 ms.
Run: python benchmarks/startup.py — the last line is the JSON result (start-up ratio).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEATS = 5
STARTUP_TARGET = 2.0
MEMORY_TARGET = 2.0
LARGE_LIBRARY = 2_000
RENDER_TARGET_MS = 50.0

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit
app = QApplication(sys.argv)
text = ("Officials said the plan was secret, citing sources. " * 60)[:3000]
view = QPlainTextEdit()
view.setPlainText(text)
view.resize(1366, 768)
view.show()
QTimer.singleShot(0, lambda: (print("TRAINER_READY", flush=True), app.quit()))
app.exec()
"""


def hwm_kib(pid: int) -> int:
    """The process's peak RSS so far (Linux /proc; 0 where unavailable)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, int, int]:
    """(seconds until the ready marker, peak RSS in KiB at that moment, peak RSS overall)."""
    began = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=ROOT)
    assert proc.stdout is not None
    elapsed = None
    at_ready = 0
    for line in proc.stdout:
        if line.startswith("TRAINER_READY"):
            elapsed = time.perf_counter() - began
            at_ready = hwm_kib(proc.pid)
            break
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if elapsed is None or proc.returncode != 0:
        raise SystemExit(f"child {args} did not report ready (exit {proc.returncode})")
    return elapsed, at_ready, int(usage.ru_maxrss)


def import_generated(home: Path, articles: int) -> None:
    """A data folder whose library holds `articles` generated articles besides the starter.

    Done in a child process: a child forked from a parent that had loaded the store would
    report the parent's memory as its own peak (ru_maxrss counts the pages before exec).
    """
    code = (
        "import sys\n"
        "from benchmarks.support.datagen import generate_set\n"
        "from pathlib import Path\n"
        "from trainer.storage.engine import sqlite_url\n"
        "from trainer.storage.service import Store\n"
        "home = Path(sys.argv[1])\n"
        "with Store.open(sqlite_url(home / 'trainer.sqlite3'), backup_dir=None) as store:\n"
        f"    store.library.import_set(generate_set({articles}))\n"
    )
    home.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", code, str(home)], cwd=ROOT, check=True)


def startup(home: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               TRAINER_HOME=str(home), TRAINER_READY_MARKER="exit", TRAINER_PROFILE="Bench")
    app_cmd = [sys.executable, "-m", "trainer"]
    bare_cmd = [sys.executable, "-c", BARE]
    run_child(app_cmd, env)  # first run: creates the database and imports the starter set
    run_child(bare_cmd, env)
    app_times, bare_times, app_mem, bare_mem, app_ready_mem = [], [], [], [], []
    for _ in range(REPEATS):
        seconds, _, kib = run_child(bare_cmd, env)
        bare_times.append(seconds)
        bare_mem.append(kib)
        seconds, at_ready, kib = run_child(app_cmd, env)
        app_times.append(seconds)
        app_mem.append(kib)
        app_ready_mem.append(at_ready)
    return {"app_s": statistics.median(app_times), "bare_s": statistics.median(bare_times),
            "app_peak_mib": max(app_mem) / 1024, "bare_peak_mib": max(bare_mem) / 1024,
            "app_ready_peak_mib": max(app_ready_mem) / 1024}


def render_ms() -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from trainer.ui.practice.passage_view import Highlight, PassageView
    from trainer.ui.shell.styles import label_format

    app = QApplication.instance() or QApplication([])
    sentence = "Sources say the 😀 plan was secretly agreed, and many expect it to fail. "
    text = (sentence * (20_000 // len(sentence) + 1))[:20_000]
    step = len(text) // 200
    marks = [Highlight(n * step + 2, n * step + 2 + step // 2,
                       label_format("unverified" if n % 2 else "framing")) for n in range(200)]
    view = PassageView()
    view.resize(1000, 700)
    view.show()
    app.processEvents()
    times = []
    for _ in range(REPEATS + 2):
        began = time.perf_counter()
        view.set_passage(text)
        view.set_highlights(marks)
        view.viewport().repaint()
        times.append((time.perf_counter() - began) * 1000)
    view.close()
    return statistics.median(times[2:])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        start = startup(Path(tmp) / "starter")
        import_generated(Path(tmp) / "large", LARGE_LIBRARY)
        large = startup(Path(tmp) / "large")
    render = render_ms()
    print(f"start-up to library: app {start['app_s']:.3f} s, bare window {start['bare_s']:.3f} s"
          f" (ratio {start['app_s'] / start['bare_s']:.2f})")
    print(f"peak memory: app {start['app_peak_mib']:.1f} MiB, bare {start['bare_peak_mib']:.1f} MiB"
          f" (ratio {start['app_peak_mib'] / start['bare_peak_mib']:.2f})")
    print(f"with {LARGE_LIBRARY:,} generated articles: start-up {large['app_s']:.3f} s"
          f" (bare {large['bare_s']:.3f} s, ratio {large['app_s'] / large['bare_s']:.2f}),"
          f" peak memory {large['app_peak_mib']:.1f} MiB"
          f" (bare {large['bare_peak_mib']:.1f} MiB,"
          f" ratio {large['app_peak_mib'] / large['bare_peak_mib']:.2f});"
          f" peak when the library became interactive {large['app_ready_peak_mib']:.1f} MiB")
    memory_ratio = large["app_peak_mib"] / large["bare_peak_mib"]
    print(json.dumps({"benchmark": f"peak-memory-{LARGE_LIBRARY}-articles",
                      "value": round(large["app_peak_mib"], 1), "unit": "MiB",
                      "baseline": round(large["bare_peak_mib"], 1),
                      "ratio": round(memory_ratio, 3), "target": MEMORY_TARGET,
                      "ok": memory_ratio <= MEMORY_TARGET,
                      "peak_at_ready_mib": round(large["app_ready_peak_mib"], 1)}))
    print(json.dumps({"benchmark": "render-20k-200-marks", "value": round(render, 2),
                      "unit": "ms", "baseline": None, "ratio": None,
                      "target": RENDER_TARGET_MS, "ok": render < RENDER_TARGET_MS}))
    ratio = start["app_s"] / start["bare_s"]
    print(json.dumps({
        "benchmark": "startup-to-library", "value": round(start["app_s"], 4), "unit": "s",
        "baseline": round(start["bare_s"], 4), "ratio": round(ratio, 3),
        "target": STARTUP_TARGET, "ok": ratio <= STARTUP_TARGET,
        "peak_mib": round(start["app_peak_mib"], 1),
        "baseline_peak_mib": round(start["bare_peak_mib"], 1),
        "render_ms": round(render, 2),
        "large_library_s": round(large["app_s"], 4),
        "large_library_ratio": round(large["app_s"] / large["bare_s"], 3),
        "large_library_peak_mib": round(large["app_peak_mib"], 1),
        "memory_ratio": round(memory_ratio, 3),
    }))


if __name__ == "__main__":
    main()
