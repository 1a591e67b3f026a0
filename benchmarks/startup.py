"""Start-up and rendering speed of the desktop program (DESIGN §9, issue 4).

1. Start-up: wall time from process start until the library is shown and accepts input
   (the app prints TRAINER_READY under TRAINER_READY_MARKER=exit, then quits) versus a bare
   PySide6 script that shows a window with a 3,000-character text, measured in the same run,
   alternating, several repetitions (median). Peak memory of each child via os.wait4.
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


def run_child(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    """(seconds until the ready marker, peak RSS in KiB)."""
    began = time.perf_counter()
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                            text=True, cwd=ROOT)
    assert proc.stdout is not None
    elapsed = None
    for line in proc.stdout:
        if line.startswith("TRAINER_READY"):
            elapsed = time.perf_counter() - began
            break
    proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if elapsed is None or proc.returncode != 0:
        raise SystemExit(f"child {args} did not report ready (exit {proc.returncode})")
    return elapsed, int(usage.ru_maxrss)


def startup(home: Path) -> dict[str, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               TRAINER_HOME=str(home), TRAINER_READY_MARKER="exit", TRAINER_PROFILE="Bench")
    app_cmd = [sys.executable, "-m", "trainer"]
    bare_cmd = [sys.executable, "-c", BARE]
    run_child(app_cmd, env)  # first run: creates the database and imports the starter set
    run_child(bare_cmd, env)
    app_times, bare_times, app_mem, bare_mem = [], [], [], []
    for _ in range(REPEATS):
        seconds, kib = run_child(bare_cmd, env)
        bare_times.append(seconds)
        bare_mem.append(kib)
        seconds, kib = run_child(app_cmd, env)
        app_times.append(seconds)
        app_mem.append(kib)
    return {"app_s": statistics.median(app_times), "bare_s": statistics.median(bare_times),
            "app_peak_mib": max(app_mem) / 1024, "bare_peak_mib": max(bare_mem) / 1024}


def render_ms() -> float:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from trainer.ui.passage_view import Highlight, PassageView
    from trainer.ui.styles import label_format

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
        start = startup(Path(tmp))
    render = render_ms()
    print(f"start-up to library: app {start['app_s']:.3f} s, bare window {start['bare_s']:.3f} s")
    print(f"peak memory: app {start['app_peak_mib']:.1f} MiB, bare {start['bare_peak_mib']:.1f} MiB"
          f" (ratio {start['app_peak_mib'] / start['bare_peak_mib']:.2f})")
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
    }))


if __name__ == "__main__":
    main()
