"""Pure-Python domain layer: article sets, taxonomy, spans, scoring. No Qt, no SQL."""
