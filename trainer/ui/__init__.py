"""The PySide6 desktop shell: the only package that imports Qt."""
