"""What discernment and bias mean, in words a 15-year-old can use (DESIGN §5), shared by the
dashboard and the drill summary."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

# d′ below 0.5 is near guessing; above 1.5 is clear separation (signal-detection convention).
GOOD_D_PRIME = 1.5
SOME_D_PRIME = 0.5
# |c| below 0.25 is balanced.
BIAS_MARGIN = 0.25


# Literal calls (context, text): pyside6-lupdate only finds those.
translate = QCoreApplication.translate


def discernment_words(d_prime: float, bias: float, trials: int) -> str:
    if trials == 0:
        return translate("ProgressWords", "Nothing to say yet: finish a passage or a drill first.")
    if d_prime >= GOOD_D_PRIME:
        first = translate("ProgressWords", "You told fair sentences from unfair ones apart well")
    elif d_prime >= SOME_D_PRIME:
        first = translate("ProgressWords",
                          "You told fair sentences from unfair ones apart some of the time")
    else:
        first = translate("ProgressWords",
                          "So far you flag fair and unfair sentences about equally often")
    if bias < -BIAS_MARGIN:
        second = translate("ProgressWords",
                           "you flag a little too much — a fair sentence needs no mark")
    elif bias > BIAS_MARGIN:
        second = translate("ProgressWords",
                           "you are a little too cautious — mark what you notice")
    else:
        second = translate("ProgressWords", "you flag about as much as you should")
    return translate("ProgressWords", "{first}; {second}.").format(first=first, second=second)
