"""Language data the stages share: stopword lists, titles, number words, month and weekday names.

One module, so that a word list is looked up here rather than copied.  The stopword lists differ on
purpose and are named for what they keep out: :data:`STOPWORDS` (English function words: what
repeats without saying anything new), :data:`STORY_STOPWORDS` (short function words and the words
every news story uses: what cannot tell two stories apart) and :data:`STOP` (articles, short
prepositions, modals: what a comparison of two claims skips).

>>> MONTHS["sept"], sorted(WEEKDAYS)[:2], NUMBER_WORDS["dozen"], "minister" in TITLES
(9, ['friday', 'monday'], 12, True)
"""

from __future__ import annotations

MONTHS = {
    "january": 1,
    "february": 2,
    "march": 3,
    "april": 4,
    "may": 5,
    "june": 6,
    "july": 7,
    "august": 8,
    "september": 9,
    "october": 10,
    "november": 11,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}
WEEKDAY_ORDER = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
WEEKDAYS = frozenset(WEEKDAY_ORDER)
MONTH_NAMES = frozenset(list(MONTHS)[:12])  # full names only (the table lists them first, in order)
CALENDAR_WORDS = WEEKDAYS | frozenset(MONTHS)  # weekdays, month names and abbreviations
SMALL_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Number words up to a hundred (and a dozen).
NUMBER_WORDS = {
    **SMALL_NUMBERS,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "dozen": 12,
}

# Multipliers after a number ("2.5 million", "$3bn").
MAGNITUDES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "m": 1e6,
    "mn": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}

# The unit a word after a number names (plural and spelling variants to one form; % and $ for percent and money).
UNIT_WORDS = {
    "percent": "%",
    "per": "%",
    "%": "%",
    "h": "hour",
    "hr": "hour",
    "hrs": "hour",
    "min": "minute",
    "mins": "minute",
    "m": "meter",
    "metre": "meter",
    "km": "kilometer",
    "kilometre": "kilometer",
    "ft": "foot",
    "feet": "foot",
    "people": "person",
    "persons": "person",
    "children": "child",
    "men": "man",
    "women": "woman",
    "dollars": "$",
    "dollar": "$",
    "usd": "$",
}

# Words that come before a name without being part of it: titles, roles, nationalities ("Prime Minister
# Theresa May", "South Korean President Moon").
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "president",
        "prime",
        "minister",
        "premier",
        "senator",
        "sen",
        "rep",
        "representative",
        "chancellor",
        "leader",
        "speaker",
        "house",
        "secretary",
        "general",
        "gen",
        "governor",
        "gov",
        "mayor",
        "judge",
        "justice",
        "king",
        "queen",
        "prince",
        "chief",
        "officer",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "foreign",
        "state",
        "deputy",
        "vice",
        "chinese",
        "american",
        "u.s.",
        "us",
        "british",
        "north",
        "south",
        "korean",
        "the",
    ]
)

# Titles before a person's name, with and without their stop ("Mr.", "Gov.", "Pope").
PERSON_TITLES = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "dr",
        "dr.",
        "president",
        "prime",
        "minister",
        "premier",
        "senator",
        "sen.",
        "rep.",
        "chancellor",
        "leader",
        "king",
        "queen",
        "prince",
        "princess",
        "pope",
        "sir",
        "lady",
        "lord",
        "judge",
        "justice",
        "governor",
        "gov.",
        "mayor",
        "secretary",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "director",
        "chairman",
        "chairwoman",
        "ceo",
        "general",
        "gen.",
        "colonel",
        "col.",
        "officer",
        "detective",
        "det.",
        "professor",
        "prof.",
        "coach",
        "actor",
        "actress",
        "singer",
        "rapper",
    ]
)

# Words a claim comparison skips: articles, short prepositions and modal verbs.
STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "that",
        "this",
        "these",
        "those",
        "it",
        "its",
        "their",
        "his",
        "her",
        "he",
        "she",
        "they",
        "we",
        "you",
        "i",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "while",
        "than",
        "then",
        "there",
        "here",
        "also",
        "not",
        "no",
        "so",
        "such",
        "into",
        "onto",
        "over",
        "under",
        "about",
        "around",
        "after",
        "before",
        "since",
        "until",
        "up",
        "down",
        "out",
        "off",
        "per",
        "each",
        "every",
        "all",
        "some",
        "any",
        "more",
        "most",
        "less",
        "least",
        "nearly",
        "almost",
        "roughly",
        "approximately",
        "just",
        "only",
        "over",
        "very",
        "said",
        "says",
        "say",
        "told",
        "according",
        "would",
        "will",
        "could",
        "can",
        "may",
        "might",
        "shall",
        "should",
        "must",
    ]
)

# English function words (scikit-learn's list, itself from the Glasgow IR group, without the few
# content words it holds such as "bill", "fire", "system" or "interest"), plus "said"/"says" and
# the "s"/"t" of split contractions: words whose repetition tells nothing new.
_ENGLISH_TEXT = """
a about above across after afterwards again against all almost alone along already also although always am among
amongst an and another any anyhow anyone anything anyway anywhere are around as at be became because become becomes
becoming been before beforehand behind being below beside besides between beyond both but by can cannot could do done
down due during each eight either eleven else elsewhere enough etc even ever every everyone everything everywhere except
few fifteen fifty first five for former formerly forty four from further get go had has have he hence her here
hereafter hereby herein hereupon hers herself him himself his how however hundred i if in indeed into is it its itself
last latter latterly least less made many may me meanwhile might mine more moreover most mostly much must my myself
namely neither never nevertheless next nine no nobody none noone nor not nothing now nowhere of off often on once one
only onto or other others otherwise our ours ourselves out over own per perhaps please rather same see seem seemed
seeming seems several she should since six sixty so some somehow someone something sometime sometimes somewhere still
such take ten than that the their them themselves then thence there thereafter thereby therefore therein thereupon these
they third this those though three through throughout thru thus to together too toward towards twelve twenty two under
until up upon us very via was we well were what whatever when whence whenever where whereafter whereas whereby wherein
whereupon wherever whether which while whither who whoever whole whom whose why will with within without would yet you
your yours yourself yourselves said says s t
"""
STOPWORDS: frozenset[str] = frozenset(_ENGLISH_TEXT.split())

# Short English function words and words every news story uses: none helps to tell two stories apart
# (story clustering reads words of 3 letters or more without them).
_SHORT_TEXT = """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having he
    her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not
    now of off on once only or other our ours ourselves out over own same she should so some such than that the
    their theirs them themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself yourselves said says say one
    two new like get got told year years time people may many much even back well way could news"""
STORY_STOPWORDS = frozenset(_SHORT_TEXT.split())


# Units of length, mass and area: spelling -> (dimension, unit name, shortest, longest reading) in metres,
# kilograms and square metres (a storey of a building is 3 to 4.5 m), so that figures given in different
# units can be set side by side.  Spellings are as ``compare.tokens.lemma`` leaves them ("inches" ->
# "inche", "stories" -> "story"); the spellings of one unit share its name.
MEASURE_UNITS: dict[str, tuple[str, str, float, float]] = {
    "millimeter": ("length", "millimeter", 0.001, 0.001),
    "centimeter": ("length", "centimeter", 0.01, 0.01),
    "meter": ("length", "meter", 1.0, 1.0),
    "metre": ("length", "meter", 1.0, 1.0),
    "kilometer": ("length", "kilometer", 1000.0, 1000.0),
    "kilometre": ("length", "kilometer", 1000.0, 1000.0),
    "inch": ("length", "inch", 0.0254, 0.0254),
    "inche": ("length", "inch", 0.0254, 0.0254),
    "foot": ("length", "foot", 0.3048, 0.3048),
    "yard": ("length", "yard", 0.9144, 0.9144),
    "mile": ("length", "mile", 1609.344, 1609.344),
    "story": ("length", "story", 3.0, 4.5),
    "storey": ("length", "story", 3.0, 4.5),
    "floor": ("length", "story", 3.0, 4.5),
    "pound": ("mass", "pound", 0.4536, 0.4536),
    "lb": ("mass", "pound", 0.4536, 0.4536),
    "kilogram": ("mass", "kilogram", 1.0, 1.0),
    "kg": ("mass", "kilogram", 1.0, 1.0),
    "ton": ("mass", "ton", 907.2, 1016.0),
    "tonne": ("mass", "tonne", 1000.0, 1000.0),
    "acre": ("area", "acre", 4046.9, 4046.9),
    "hectare": ("area", "hectare", 10000.0, 10000.0),
}
