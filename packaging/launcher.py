"""Entry script of the PyInstaller bundle (packaging/trainer.spec): the same as `trainer`."""

import sys

from trainer.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
