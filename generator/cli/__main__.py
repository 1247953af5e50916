"""`python -m evalsite.cli`: the `evalsite` command."""
import sys

from .commands import main

sys.exit(main())
