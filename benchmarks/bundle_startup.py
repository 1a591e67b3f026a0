"""Start-up of the PyInstaller bundle (issue 14), and its size.

Wall time from process start until the library is shown and accepts input (the program prints
TRAINER_READY under TRAINER_READY_MARKER=exit), for `dist/trainer/trainer`, against the same
bare PySide6 window script as benchmarks/startup.py, run by this interpreter in the same run,
alternating, several repetitions (median). Target: at most 2× the bare window, as from source.
The bundle's size, unpacked and as .tar.gz, rides on the last JSON line.
Run: python benchmarks/bundle_startup.py [BUNDLE_DIR] (default dist/trainer, built first with
PyInstaller as `make bundle` does if it is not there).
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "packaging")]

from bundle_size import TARGET_BYTES, targz_bytes, unpacked_bytes  # noqa: E402

from benchmarks.startup import BARE, REPEATS, STARTUP_TARGET, run_child  # noqa: E402


def startup(bundle: Path, home: Path) -> tuple[float, float]:
    """(median seconds of the bundle, median seconds of the bare window)."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "TRAINER_RESOURCES")}
    env.update(QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               TRAINER_HOME=str(home), TRAINER_READY_MARKER="exit", TRAINER_PROFILE="Bench")
    app_cmd = [str(bundle / "trainer")]
    bare_cmd = [sys.executable, "-c", BARE]
    run_child(app_cmd, env)  # first run: creates the database and imports the starter set
    run_child(bare_cmd, env)
    app_times, bare_times = [], []
    for _ in range(REPEATS):
        bare_times.append(run_child(bare_cmd, env)[0])
        app_times.append(run_child(app_cmd, env)[0])
    return statistics.median(app_times), statistics.median(bare_times)


def main() -> None:
    bundle = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / "trainer"
    if not (bundle / "trainer").is_file():
        subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level",
                        "WARN", "--distpath", str(bundle.parent), "--workpath",
                        str(ROOT / "build" / "pyinstaller"),
                        str(ROOT / "packaging" / "trainer.spec")], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        app_s, bare_s = startup(bundle, Path(tmp))
    unpacked, packed = unpacked_bytes(bundle), targz_bytes(bundle)
    ratio = app_s / bare_s
    print(f"start-up to library: bundle {app_s:.3f} s, bare window {bare_s:.3f} s "
          f"(ratio {ratio:.2f})")
    print(f"bundle size: {unpacked / 1e6:.1f} MB unpacked, {packed / 1e6:.1f} MB as .tar.gz")
    print(json.dumps({
        "benchmark": "bundle-startup-to-library", "value": round(app_s, 4), "unit": "s",
        "baseline": round(bare_s, 4), "ratio": round(ratio, 3), "target": STARTUP_TARGET,
        "ok": ratio <= STARTUP_TARGET and unpacked <= TARGET_BYTES,
        "bundle_mb": round(unpacked / 1e6, 1), "bundle_targz_mb": round(packed / 1e6, 1),
        "bundle_target_mb": TARGET_BYTES / 1e6,
    }))


if __name__ == "__main__":
    main()
