"""The comparisons' text readers in one import: tokens, numbers, names and quotes.

Each lives in its own module (:mod:`.tokens`, :mod:`.numbers`, :mod:`.names`, :mod:`.quoting`) and the
language data in :mod:`newsfuse.text.lexicon`; the names below are the ones read from here.
"""

from ..text.lexicon import STOP as STOP
from .names import name_core as name_core
from .names import same_name as same_name
from .numbers import _NUM_RE as _NUM_RE
from .numbers import Quantity as Quantity
from .numbers import quantities as quantities
from .quoting import Quote as Quote
from .quoting import quotes as quotes
from .tokens import content as content
from .tokens import is_negation as is_negation
from .tokens import lemma as lemma
from .tokens import words as words
