"""The `newsfuse` command line.

One module per command (``summarize``, ``evaluate`` ...), all registered on the
Typer ``app`` of ``app.py``.  ``main`` is the console entry point: errors in the
input end with one line on stderr and exit code 2, never a traceback.
"""

from __future__ import annotations

import sys

import typer

from ..errors import InputError, NewsfuseError

# Importing a command module registers its commands on the app.
from . import evaluate, serve, summarize, train  # noqa: F401  (eval, serve, summarize, train)
from .cluster import cluster as _cluster  # noqa: F401  (registers cluster, eval-clustering)
from .common import app
from .firehose import ingest as _ingest  # noqa: F401  (registers ingest, watch, stories)

__all__ = ["app", "main"]


def main(argv: list[str] | None = None) -> int:
    """Console entry point: run the app, turning every error into one line and an exit code."""
    try:
        code = app(args=argv, standalone_mode=False)
        return code if isinstance(code, int) else 0
    except typer.Exit as done:
        return done.exit_code
    except (InputError, NewsfuseError) as err:
        sys.stderr.write(f"newsfuse: error: {err}\n")
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("newsfuse: interrupted\n")
        return 130
    except BrokenPipeError:
        return 0
    except Exception as err:  # the promise to users: one line, never a traceback
        if hasattr(err, "show") and hasattr(err, "exit_code"):  # usage errors from typer/click
            err.show()
            return 2
        if type(err).__name__ == "Abort":
            return 130
        if isinstance(err, OSError):
            sys.stderr.write(f"newsfuse: error: {err.strerror or err}: {getattr(err, 'filename', '') or ''}\n")
            return 2
        sys.stderr.write(f"newsfuse: internal error: {type(err).__name__}: {err} (please report this)\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
