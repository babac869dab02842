"""`python -m newsfuse`: the same as the `newsfuse` command."""

import sys

from .cli import main

sys.exit(main())
