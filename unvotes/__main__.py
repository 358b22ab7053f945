"""``python -m unvotes`` runs the command line (see :mod:`unvotes.cli`)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
