"""What discernment and bias mean, in words a 15-year-old can use (DESIGN §5), shared by the
dashboard and the drill summary."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# d′ below 0.5 is near guessing; above 1.5 is clear separation (signal-detection convention).
GOOD_D_PRIME = 1.5
SOME_D_PRIME = 0.5
# |c| below 0.25 is balanced.
BIAS_MARGIN = 0.25


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProgressWords", text)


def discernment_words(d_prime: float, bias: float, trials: int) -> str:
    if trials == 0:
        return _tr("Nothing to say yet: finish a passage or a drill first.")
    if d_prime >= GOOD_D_PRIME:
        first = _tr("You told fair sentences from unfair ones apart well")
    elif d_prime >= SOME_D_PRIME:
        first = _tr("You told fair sentences from unfair ones apart some of the time")
    else:
        first = _tr("So far you flag fair and unfair sentences about equally often")
    if bias < -BIAS_MARGIN:
        second = _tr("you flag a little too much — a fair sentence needs no mark")
    elif bias > BIAS_MARGIN:
        second = _tr("you are a little too cautious — mark what you notice")
    else:
        second = _tr("you flag about as much as you should")
    return _tr("{first}; {second}.").format(first=first, second=second)
