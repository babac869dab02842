"""The web reader and HTTP API of newsfuse (``newsfuse serve``).

``create_app()`` returns a FastAPI app: the JSON API under ``/api`` (OpenAPI at
``/openapi.json``), server-rendered pages, and static files.  See docs/web.md.
"""

from .app import create_app
from .service import Limits

__all__ = ["Limits", "create_app"]
