"""The PySide6 desktop interface (the only package that imports Qt)."""

from trainer.ui.qtcompat import pin_singletons

pin_singletons()
