"""From firehose to stories: fetch -> deduplicate -> cluster online -> store (``newsfuse ingest`` and ``watch``).

:mod:`.hose` runs it (:class:`Firehose`, :func:`ingest`); :mod:`.prepare` is the stateless half of
each article's way in (word count, MinHash signature, clustering features), which the engines
spread over their workers.
"""

from .hose import Event, Firehose, IngestReport, ingest
from .prepare import MIN_WORDS, PrepareArticles, Prepared, prepare_articles

__all__ = [
    "MIN_WORDS",
    "Event",
    "Firehose",
    "IngestReport",
    "PrepareArticles",
    "Prepared",
    "ingest",
    "prepare_articles",
]
