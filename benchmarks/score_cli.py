"""Benchmark: `trainer score KEY ANSWERS --json` as a whole process on a PTC-sized key (DESIGN §9).

The key looks like the SemEval-2020 Task 11 train set converted with `trainer convert`: 371
articles of 1,000–20,000 characters (≈ 5,600 on average, title line first, paragraphs), ≈ 6,000
key spans with the corpus's label mix (the PTC's own techniques as set-defined techniques,
overlapping and repeated spans), level 3. The answers look like a system's output: ≈ 6,000
spans near the key spans or elsewhere, labelled with PTC names, our ids or nothing. All of it
is generated nonsense from a fixed seed; the real corpus is never used.

The baseline, in the same run, is a bare interpreter that only loads the two JSON files:
`python -c "import json; json.load(open(KEY)); json.load(open(ANSWERS))"`. Both run 5 times,
alternating, as child processes of the same interpreter; the medians are compared.
Target: ratio ≤ 3. The last line is one JSON object.

Run: python benchmarks/score_cli.py [--runs N] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from trainer.core.ptc import ptc_table  # noqa: E402

TARGET_RATIO = 3.0
ARTICLES = 371
# (PTC name, share of rows) as in the train set's 6,129 technique rows
NAMES = [("Loaded_Language", 2123), ("Name_Calling,Labeling", 1058), ("Repetition", 621),
         ("Doubt", 493), ("Exaggeration,Minimisation", 466), ("Appeal_to_fear-prejudice", 294),
         ("Flag-Waving", 229), ("Causal_Oversimplification", 209), ("Appeal_to_Authority", 144),
         ("Slogans", 129), ("Whataboutism,Straw_Men,Red_Herring", 108),
         ("Black-and-White_Fallacy", 107), ("Thought-terminating_Cliches", 76),
         ("Bandwagon,Reductio_ad_hitlerum", 72)]
WORDS = ("the", "officials", "said", "government", "would", "never", "allow", "this", "plan",
         "people", "crisis", "report", "claimed", "many", "believe", "against", "nation",
         "leaders", "again", "media", "truth", "enemy", "freedom", "disaster", "corrupt",
         "elites", "always", "threat", "our", "they", "must", "stop", "border", "war")


def _text(rnd: random.Random) -> str:
    size = min(20_000, max(1_000, int(rnd.lognormvariate(8.45, 0.6))))
    title = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(5, 11))).title()
    parts = [title, ""]
    length = len(title) + 2
    while length < size:
        sentence = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(6, 30)))
        sentence = sentence.capitalize() + rnd.choice([".", ".", ".", "!", "?"])
        parts.append(sentence if rnd.random() < 0.7 else sentence + "\n")
        length += len(sentence) + 1
    return parts[0] + "\n\n" + " ".join(parts[2:]).replace("\n ", "\n\n") + "\n"


def make_key(rnd: random.Random) -> dict[str, Any]:
    table = ptc_table()
    names = [n for n, _ in NAMES]
    weights = [w for _, w in NAMES]
    articles = []
    for n in range(ARTICLES):
        text = _text(rnd)
        count = 0 if rnd.random() < 0.04 else max(1, int(rnd.gauss(17.5, 8)))
        annotations = []
        for _ in range(count):
            start = rnd.randrange(0, len(text) - 10)
            end = min(len(text), start + rnd.randint(4, 160))
            name = rnd.choices(names, weights)[0]
            annotations.append({"start": start, "end": end, "label": table.to_label[name.lower()],
                                "explanation": f"Marked “{name}” in the PTC corpus.", "tip": "",
                                "optional": False})
        if annotations and rnd.random() < 0.3:  # a span with two techniques
            again = dict(annotations[0])
            again["label"] = table.to_label["loaded_language"]
            annotations.append(again)
        articles.append({"id": str(111111111 + n * 7919), "title": text.split("\n")[0],
                         "source": {"outlet": "", "date": "", "url": ""}, "level": 3,
                         "text": text, "annotations": annotations})
    techniques = [{"id": t.id, "family": t.family, "name": t.name, "definition": t.definition,
                   "example": t.example, "check": t.check} for t in table.techniques.values()
                  if t.id in {a["label"] for art in articles for a in art["annotations"]}]
    return {"format": "trainer.article-set", "format_version": 1, "id": "ptc-train",
            "version": 1, "title": "PTC articles from train", "language": "en",
            "level": {"min": 3, "max": 3}, "author": "", "license": "",
            "description": "Imported from the SemEval-2020 Task 11 PTC layout.",
            "techniques": techniques, "articles": articles}


def make_answers(rnd: random.Random, key: dict[str, Any]) -> dict[str, Any]:
    table = ptc_table()
    answers: dict[str, Any] = {}
    for article in key["articles"]:
        n = len(article["text"])
        marks = []
        for ann in article["annotations"]:
            if rnd.random() < 0.2:
                continue
            start = max(0, min(n - 2, ann["start"] + rnd.randint(-15, 15)))
            end = min(n, max(start + 1, ann["end"] + rnd.randint(-15, 15)))
            name = rnd.choice(NAMES)[0] if rnd.random() < 0.4 else next(
                (p for p, label in ((nm, table.to_label[nm.lower()]) for nm, _ in NAMES)
                 if label == ann["label"]), "Loaded_Language")
            roll = rnd.random()
            label = name if roll < 0.6 else table.to_label[name.lower()] if roll < 0.9 else ""
            marks.append({"start": start, "end": end, "label": label})
        for _ in range(rnd.randint(0, 4)):  # false alarms
            start = rnd.randrange(0, n - 5)
            marks.append({"start": start, "end": min(n, start + rnd.randint(5, 80)),
                          "label": rnd.choice(NAMES)[0]})
        if marks:
            answers[article["id"]] = marks
    return answers


def _time(command: list[str], cpu: list[float] | None = None) -> float:
    """Wall time of one child process; its CPU time (user + system) goes into `cpu`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{command[:4]} failed: {done.stderr.decode()[-2000:]}")
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="write the key and answers into this folder")
    args = parser.parse_args()
    rnd = random.Random(2020)
    key = make_key(rnd)
    answers = make_answers(rnd, key)
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        key_path, answers_path = folder / "key.json", folder / "answers.json"
        key_path.write_text(json.dumps(key, ensure_ascii=False, indent=2), encoding="utf-8")
        answers_path.write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
        spans = sum(len(a["annotations"]) for a in key["articles"])
        marks = sum(len(m) for m in answers.values())
        print(f"key: {len(key['articles'])} articles, {spans} key spans, "
              f"{key_path.stat().st_size / 1e6:.1f} MB; answers: {marks} spans")
        score = [sys.executable, "-m", "trainer", "score", str(key_path), str(answers_path),
                 "--json"]
        bare = [sys.executable, "-c", f"import json; json.load(open({str(key_path)!r})); "
                                      f"json.load(open({str(answers_path)!r}))"]
        check = subprocess.run(score, capture_output=True, text=True, check=False, cwd=ROOT)
        if check.returncode != 0:
            raise SystemExit(f"trainer score failed:\n{check.stderr[-3000:]}")
        overall = json.loads(check.stdout)["overall"]
        print("overall F1: " + ", ".join(f"{m} {overall[m]['f1']:.3f}" for m in
                                         ("any", "family", "technique")))
        # Warm the file cache and write the bytecode, as an installed program has it: with
        # PYTHONDONTWRITEBYTECODE set (CI, some shells) every run would compile trainer anew.
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "trainer")],
                       stdout=subprocess.DEVNULL, check=False)
        _time(score), _time(bare)
        scores, bares = [], []
        score_cpu: list[float] = []
        bare_cpu: list[float] = []
        for _ in range(args.runs):
            scores.append(_time(score, score_cpu))
            bares.append(_time(bare, bare_cpu))
    value, baseline = statistics.median(scores), statistics.median(bares)
    print(f"trainer score --json: median {value:.3f} s ({', '.join(f'{t:.3f}' for t in scores)})")
    print(f"bare json.load x2:    median {baseline:.3f} s ({', '.join(f'{t:.3f}' for t in bares)})")
    # CPU time is less disturbed by other work on a shared machine; the target is on wall time.
    cpu, cpu_base = statistics.median(score_cpu), statistics.median(bare_cpu)
    print(f"CPU time (user + system), medians: {cpu:.3f} s against {cpu_base:.3f} s, "
          f"ratio {cpu / cpu_base:.2f}")
    ratio = value / baseline
    print(json.dumps({"benchmark": "score_cli", "value": round(value, 4), "unit": "s",
                      "baseline": round(baseline, 4), "ratio": round(ratio, 3),
                      "target": TARGET_RATIO, "ok": ratio <= TARGET_RATIO}))


if __name__ == "__main__":
    main()
