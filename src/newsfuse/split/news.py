"""News rules on top of syntok's sentences: titles before names, datelines, glued stops, quotes, bullets.

syntok's rules are general; news text has habits they miss.  ``repair_spans``
takes the sentence spans of one line and

* joins a span to the next where syntok cut after a title before a name
  ("Rep. || Bennie Thompson", "Lt. || Col. Mike McCarthy"), a month before a
  day ("Nov. || 17-18"), "No." before a number, or a "Jr." before a lower-case
  continuation;
* joins a dateline to its sentence ("WASHINGTON (AP) || — The Senate's...");
* joins a quote that ends in ? or ! to its short attribution
  ("Where are they?” || Bundy said.");
* cuts where a scraper glued two sentences ("PEOPLE.Asked", 'out."Anne') and
  before each inline bullet, leaving the bullet mark out of the sentence;
* cuts page furniture off the sentence it was glued to, so that the sentence
  keeps exact offsets and the furniture is a segment of its own for the clean
  stage to drop: a label or credit before a sentence ("Update:", "AP Photo/Name
  Name", "Advertisement", "2 hours ago"), a promo headline after "More:" or
  "RELATED:", a bracketed promo or credit ("(PHOTOS: ...)", "(Photo: ...)"), and
  an embedded tweet's signature ("— Name (@handle) February 8, 2017").

All of it works on offsets only: every span still slices the article text.

>>> line = 'WASHINGTON (AP) — Rep. John Lewis met Lt. Gen. Flynn. Told PEOPLE.Asked why, he left.'
>>> from newsfuse.split.fast import line_sentences
>>> [line[a:b] for a, b in repair_spans(line, line_sentences(line))]
['WASHINGTON (AP) — Rep. John Lewis met Lt. Gen. Flynn.', 'Told PEOPLE.', 'Asked why, he left.']
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from itertools import pairwise

from ..text.lexicon import MONTHS as LEXICON_MONTHS


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _tuple(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Titles written before a name; syntok ends a sentence after several of them.
TITLES = _words(
    "Rep Reps Sen Sens Gov Govs Lt Gen Gens Dr Drs St Ste Mr Mrs Ms Messrs Mmes Sgt Col Capt Cmdr Cdr Maj Adm "
    "Rev Revs Prof Cpl Pvt Pfc Atty Supt Det Insp Fr Hon Brig Amb Pres Lt.Col Lt.Gen Gov.-elect Spc Ens Msgr "
    "Sr Jr Mt Ft Ave Blvd Gov't"
)
# The state after a dateline's city, as the wires abbreviate it: "TAUNTON, Mass. (AP) —".
STATES = _words(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev N.H N.J "
    "N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Vt Va Wash W.Va Wis Wyo D.C"
)
# Month abbreviations that syntok ends a sentence after before a day ("Nov. || 17-18").
MONTHS = frozenset(m.capitalize() for m in list(LEXICON_MONTHS)[12:])  # the lexicon lists full names first
# The last four letters of every word a stop after which may be a false end.
_JOIN_WORDS = frozenset(w[-4:] for w in TITLES | MONTHS | STATES | {"No", "Nos"})
# Words that open a sentence: after one of them a title's stop may well end the sentence ("Hun Sen. The").
STARTERS = _words(
    "A An The This That These Those It Its He She They We I You His Her Their Our My Your There Here "
    "But And Or So Yet Still Then Now Also However Meanwhile Instead If When While Although Though As After "
    "Before Since Because In On At For From By With Without Of To Under Over During Despite Not No Yes "
    "What Who Why How Where Which Some Many Most All Both Each Every Other Another One Two Three"
)
_SPEECH_VERBS = (
    "said|says|asked|asks|added|adds|told|tells|wrote|writes|tweeted|replied|recalled|explained|continued|"
    "shouted|yelled|exclaimed|wondered|joked|noted|insisted|declared|quipped|laughed|cried|screamed|whispered|"
    "responded|remarked|posted|offered|pleaded|demanded|mused|sighed|snapped|boasted|warned|chanted|sang"
)
_AFTER_VERB = (
    "on|in|at|to|during|last|this|after|before|while|when|as|with|from|of|about|loudly|quietly|then|again|"
    "later|earlier|recently|yesterday|today|tonight|once|simply|softly|angrily|her|him|them|me|us|reporters|"
    "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
)
# A short attribution after a quote: "Bundy said.", "Gorsuch asked in an extended digression...",
# "the spokesman said on CNN"; not a new statement ("He said liberals get a pass").
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){{0,3}}|[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I|[Yy]ou|[Tt]he \w+(?: \w+)?) "
    rf"(?:{_SPEECH_VERBS})(?:[.,;:!?…]|$| (?:{_AFTER_VERB})\b)"
)
_QUESTION_END = re.compile(r"[?!][\"”’']{1,2}$|[?!]''$")
# A dateline: a place in capitals, maybe a state and an agency ("SAN FRANCISCO, Calif. (AP)").
_DATELINE = re.compile(r"[A-Z][A-Z.'’ -]*[A-Z.](?:, [A-Z][A-Za-z. ]{1,20})?(?: \([^()]{1,30}\))?")
_DASH = "—–-"
# A dateline's city and state ending the span, after a credit or a notice: "(Photo: Provided) DELPHI, Ind.".
_STATE_DATELINE = re.compile(r"(?:^|(?<=\) )|(?<=[a-z] ))[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*)*, [A-Z][A-Za-z.]{1,5}\.$")
_JOIN_ENDS = frozenset(".)\"”’'ABCDEFGHIJKLMNOPQRSTUVWXYZ")
_QUOTES = frozenset("\"”’'")
# Two sentences a scraper glued: a word in capitals ("PEOPLE.Asked"), a closing quote after the stop
# ('out."Anne'). Abbreviations in capitals ("U.S.Army") have a stop or a letter before the last word.
# Found from the stop (a plain scan), the word before it checked by hand (see _glued_cuts).
_GLUED = re.compile(r"[.!?][\"”]{0,2}(?=[A-Z][a-z]|I[\s'’])")
_CAPS_WORD = re.compile(r"(?<![A-Za-z.])[A-Z]{3,}$")
_BULLETS = "•▪■●◦‣"
_BULLET = re.compile(rf"\s(?:[{_BULLETS}]|\*(?=\s+[A-Z]))\s+(?=\S)")
_LEADING_BULLET = re.compile(rf"(?:[{_BULLETS}*]+\s+)+(?=\S)")


_MONTH_NAMES = "|".join(m.capitalize() for m in LEXICON_MONTHS)
_AGENCIES = (
    "Getty Images|Getty|AP|AFP|Reuters|EPA|EPA-EFE|Scanpix|Bloomberg|NurPhoto|Shutterstock|iStock|Corbis|Newscom|"
    "Abaca Press|MCT|Pool|REX|Rex Features|Zuma Press|ZUMA|Sipa|Xinhua|UPI|Polaris|WireImage|FilmMagic|Splash News|"
    "Backgrid|PA|PA Images|PA Wire|Alamy|Handout|TASS|Anadolu|Yonhap|KCNA|The Washington Post|The New York Times|"
    "ABC|CBS|NBC|CNN|BBC|Associated Press"
)
# Broadcasters and agencies whose name alone, before the sentence, credits a photo or video: "ABC The latest ...".
_CREDITORS = "ABC|CBS|NBC|CNN|BBC|AFP|EPA|Getty Images|Reuters|Associated Press"
# A label or credit that scrapers leave before a sentence; its match is cut off as a segment of its own.
FURNITURE_LABEL = (
    r"(?:\d{1,2} (?:minutes?|hours?|days?|weeks?|months?|years?) ago"
    rf"|(?:UPDATE[D]?|Update[d]?)(?: \d{{1,2}})?\s*[:|](?: (?:{_MONTH_NAMES})\.? \d{{1,2}}(?:, \d{{4}})?,"
    r" \d{1,2}:\d{2}\s?(?:[ap]\.?m\.?|[AP]M)(?: [A-Z]{2,4})?)?"
    r"|Follow (?:us|[\w.@]+)(?: on)?:? (?:Facebook|Twitter|Instagram)(?: ?[|,] ?(?:Facebook|Twitter|Instagram))*"
    r"|Continue reading the main story|Buy Photo|AP(?= (?!Photo)[A-Z][a-z])"
    r"|Click to (?:email|share|print|tweet)[^()]{0,60}\(Opens in new window\)"
    r"|[-=*~]{4,}|_{3,}"  # a rule between sections
    # A day's stamp before the sentence: "Tuesday, October 25 American Airlines is happy to announce ..."
    rf"|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?:{_MONTH_NAMES})\.? \d{{1,2}}(?:, \d{{4}})?"
    r"(?:,? (?:at )?\d{1,2}:\d{2}(?: ?[ap]\.?m\.?| ?[AP]M)?(?: [A-Z]{2,4})?)?(?= [\"“]?[A-Z][a-z])"
    r"|More(?= [\"“])"
    # A credit with a name: "Credit: Dr. Oliver J. T. O'Grady But below that, ..."
    r"|(?:Photo(?:graph)?|Picture|Image|Credit)s?(?: by)?: (?:[A-Z][\w'’.&-]*,? ){0,5}[A-Z][\w'’.&-]*"
    r"(?= (?:But|The|A|An|In|It|He|She|They|This|That|When|After|As|On|At|For|While|However|Meanwhile) [a-z])"
    r"|Get (?:[Tt]he|[Oo]ur) [^.!?]{0,80}?(?:Free )?Sign Up"
    r"|\((?:[\w-]+\.)+(?:com|org|net|gov|edu|ca|uk|au|ly)\)"
    r"|Copyright (?:© ?)?(?:\d{4} )?[A-Z][\w&'’.-]*(?: [A-Z][\w&'’.-]*){1,2}"
    r"|(?:Advertisement|ADVERTISEMENT|Story [Cc]ontinue[sd]? [Bb]elow(?: [Aa]dvertisement)?)(?= *[\"“A-Z]|\W*$)"
    r"|\(?AP Photo/[A-Z][\w'’-]+(?: [A-Z]\.)? [A-Z][\w'’-]+\)?"
    r"|(?:AP Photo|Photo(?:graph)?|Image|Picture|Credit|Photo credit)\s*[:/]\s*"
    rf"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){{0,3}}(?:/(?:{_AGENCIES}))+(?:/[A-Z][\w.]*)?"
    rf"|(?:Photo|Image|Credit)s?: (?:{_AGENCIES}|[A-Z][\w'’.-]* [A-Z][\w'’.-]* via (?:{_AGENCIES}))"
    rf"|(?:[A-Z][\w'’.-]* ){{0,3}}[A-Z][\w'’.-]* ?/ ?(?:{_AGENCIES})|Getty Images|Getty|iStock|Shutterstock"
    rf"|\((?:[A-Z][\w'’.-]* ?){{1,3}}/(?:{_AGENCIES})\)"
    rf"|(?:REUTERS|{_AGENCIES})/[A-Z][\w'’-]+(?: [A-Z]\.)? [A-Z][\w'’-]+(?:/File(?: Photo)?)?"
    # A photo's marker before the text: "Photo O.K., about the Obama plan: It calls for ...".
    r"|Photo(?= [A-Z][\w.'’]*, [a-z])"
    r"|UPDATE(?: [IVX]{1,4}| \d{1,2})?(?= [A-Z]|$)"
    # A photo credit in several parts: "Photograph: Brook Lapping/Kessler Prod/BBC", "| ABC", "(Associated Press)".
    r"|(?:Photo(?:graph)?|Picture|Image|Credit)s?: (?:[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){0,3}/){1,3}"
    rf"(?:{_AGENCIES}|[A-Z][\w'’.&-]*)(?= (?:[A-Z][\w'’-]* ){{0,2}}[a-z])"
    rf"|\| ?(?!AP Photo)(?:{_AGENCIES})|\((?!CNN\))(?:{_AGENCIES})(?:/[A-Z][\w'’.&-]*(?: [A-Z][\w'’.&-]*){{0,2}})?\)"
    rf"|(?:{_CREDITORS})(?= (?:The|A|An|This|It|In|On|At|As|After|When|For|Two|Three) [a-z])"
    r"|(?:UPDATE[D]?|Update[d]?),? (?:at )?\d{1,2}:\d{2} ?(?:[ap]\.?m\.?|[AP]M)(?: [A-Z]{2,4})? ?[—–:-]"
    # The post under an update: "Original: We're not here to debate ..."
    r"|Original(?: (?:post|story|article))?:"
    r"|From Wikipedia, the free encyclopedia|Jump to navigation Jump to search"
    r"|(?:Please )?(?:enable|turn on) Java[Ss]cript to (?:watch|view|play|see) (?:this|the) video"
    # A public radio site's photo toggle and credit, the credit often twice: "Enlarge this image toggle caption
    # Bryan Bedder/Getty Images Bryan Bedder/Getty Images Prodigy, one-half of ..."
    r"|(?:Enlarge this image )?i?toggle caption (?:(?P<toggled>\S+(?: \S+){0,5}?) (?P=toggled)"
    rf"|(?:[\w.'’&-]+ ){{0,3}}[\w.'’&-]+/[\w.'’&-]+(?: via (?:{_AGENCIES}))?)"
    # A credit after a caption's bar: "| Manuel Balce Ceneta/AP Photo".
    rf"|\| ?(?:[A-Z][\w'’.-]* ){{0,4}}[A-Z][\w'’.-]*/(?:AP Photo|{_AGENCIES})"
    # An agency and a time stamp: "Associated Press Tue Feb 19, 2013 7:44 PM".
    rf"|(?:(?:{_AGENCIES}) )?(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,? "
    rf"(?:{_MONTH_NAMES})\.? \d{{1,2}},? \d{{4}}"
    r",? (?:at )?\d{1,2}:\d{2} ?(?:[ap]\.?m\.?|[AP]M)(?: [A-Z]{2,4})?"
    rf"|(?:[A-Z][\w'’.-]* ){{0,3}}[A-Z][\w'’.-]*/(?:Handout|Pool|File|Courtesy) via (?:REUTERS|{_AGENCIES})"
    # A page's font-size widget: "Text Size - + reset Boehner's position is ...".
    r"|Text Size - \+ reset"
    # A paper's section heading before its first sentence: "Abstract Hunger motivates people to consume food" (not
    # the art movements: "Abstract Expressionism was born in New York").
    r"|Abstract(?: and Introduction(?: Abstract)?)?(?! Expressionis| Impressionis| Art\b)(?= [A-Z][a-z]*,? [a-z])"
    # A live blog's time before its entry: "1:26 p.m. Police say two people have been stabbed ...".
    r"|\d{1,2}:\d{2} ?(?:[ap]\.m\.|[ap]m|[AP]M):?(?= [\"“]?[A-Z])"
    rf"|(?:Published|Posted|Updated)(?: on)?:? (?:{_MONTH_NAMES})\.? \d{{1,2}}, \d{{4}}"
    r"(?:,? (?:at )?\d{1,2}:\d{2}\s?(?:[ap]\.?m\.?|[AP]M)(?: [A-Z]{2,4})?)?"
    r")"
)
FURNITURE_PREFIX = re.compile(FURNITURE_LABEL + r"(?= +[\"“‘(A-Z0-9])")
_ALL_TIMES_LOCAL = re.compile(r"\(all times local\):?(?: \d{1,2}:\d{2} ?[ap]\.m\.)?(?= [A-Z])")
# A caption that places its people, up to its place and year, before the sentence glued to it.
_PLACED_CAPTION = re.compile(
    r"\((?:L|C|L-R|left|centre|center)\)[^.!?\"“”]{0,200}?, (?:19|20)\d\d(?= (?:[A-Z][a-z]*|I) [a-z])"
)
_TOGGLE = re.compile(r"(?<![^ ])(?:Enlarge this image )?i?toggle caption\b")
_PROMO_LABEL = re.compile(
    r">*\s*(?:More|MORE|Related|RELATED|Read more|READ MORE|Read More|Read next|READ NEXT|See also|SEE ALSO|"
    r"Also read|ALSO READ|Watch|WATCH|Video|VIDEO|Photos|PHOTOS|Photo|PHOTO|Pictures|PICTURES|Gallery|GALLERY|"
    r"Full [Ll]ist|FULL LIST)"
    r"\s*:\s+"
)
# What a label, credit or promo that FURNITURE_PREFIX or _PROMO_LABEL match may start with (but "Name
# Name/Agency" credits, which hold a "/"): a cheap test before those patterns.
_LABEL_STARTS = tuple("0123456789(>-_=*~") + _tuple(
    "Buy Get Copyright Follow Click | Photograph Photos Pictures Images Credits ABC CBS NBC CNN BBC AFP EPA Reuters "
    "You Most Associated Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "UPDATE Update Advertisement ADVERTISEMENT Story Continue AP Photo PHOTO Image Picture PICTURE Credit Getty "
    "iStock Shutterstock Published Posted More MORE Related RELATED Read READ See SEE Also ALSO Watch WATCH Video "
    "VIDEO Gallery GALLERY Original From Jump Enlarge toggle itoggle Tue Wed Thu Fri Sat Sun Mon Full Please Text "
    "Abstract"
)
_LABEL_FIRST = frozenset(start[0] for start in _LABEL_STARTS)
_OPENERS = STARTERS | {"Let", "Even", "Just"}
_SMALL_WORDS = _words("a an the of to in on at by for with from and or but as vs")
# A promo or credit in brackets inside a line: "(PHOTOS: Lois Lerner returns)", "[VIDEO: ...]", "(Photo: AP)".
_BRACKETED = re.compile(
    r"[(\[](?:PHOTOS?|Photos?|VIDEOS?|Videos?|WATCH|Watch|READ MORE|Read more|RELATED|Related|MORE|More|"
    r"SEE ALSO|See also|ALSO READ|Pictures|PICTURES|Image|Picture|Credit|Photo credit)\s*:[^()\[\]]{1,150}[)\]]"
)
# An embedded post's signature: "— Name (@handle) June 20, 2017", "A post shared by Name (@nas) on Jun 20, 2017 at
# 10:33am PDT"; the link before it (pic.twitter.com/..., https://t.co/...) goes with it.
_HANDLE_DATE = re.compile(
    rf"\(@\w{{1,30}}\)\s+(?:on\s+)?(?:{_MONTH_NAMES})\.? \d{{1,2}}, \d{{4}}"
    r"(?: at \d{1,2}:\d{2}\s?[ap]m(?: [A-Z]{2,4})?)?"
)
_SIGNATURE_MARKS = ("—", "– ", " - ", "-- ", "A post shared by")
_NON_SPACE = re.compile(r"\S+")
# A subhead glued to the sentence after it: "No known precedent There was no official communique", found by
# the opener after it and a space.  Searched for the opener alone (a scan that skips ahead in C to the opener's
# capital, twice as fast as one led by the space); the space and the lower-case letter or quote before it
# (_SUBHEAD_BEFORE) are checked by hand.
_SUBHEAD = re.compile(
    r"(?:The|This|That|These|Those|It|He|She|They|We|There|Here|His|Her|Their|Our|In|On|At|For|"
    r"After|When|While|But|And|As|If|Although|Since|During|With|Some|Many|Most|What|Why|How|Now|Then|Yet|However|"
    r"Meanwhile|Even|A|An) (?=[a-z])"
)
_SUBHEAD_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz’'”")
_DASHES = frozenset(["—", "–", "-", "--"])
_SUBHEAD_STOPS = frozenset('.!?:;"“”()[]—')
# Words that open an article's first sentence after a headline glued to it (see _lede_start), and the
# capitalised words that may repeat the headline's subject.
_LEDE_OPENERS = _words(
    "The This That These Those It He She They We There Here His Her Their Our In On At For After When While But "
    "As If Although Since During With Some Many Most What Why How Now Then Yet However Meanwhile A An Whoever One "
    "Here's Here’s There's There’s It's It’s That's That’s "
    "Two Three Four Five Six Seven Eight Nine Ten Dozens Hundreds Thousands Millions "
    "You've You’ve You're You’re I'm I’m We're We’re They're They’re"
)
# The openers that may start a lede after a headline that ends in a name: "...of Prince Jefri Bolkiah Two of the".
_AFTER_NAME = _words(
    "The A An It He She They This These You've You’ve You're You’re I'm I’m We're We’re They're They’re"
)
_NUMBER_WORDS = _words("Two Three Four Five Six Seven Eight Nine Ten")
_LEDE_WORD = re.compile(r"(?<= )([A-Z][\w'’-]*)(?= )")
_LOWER_WORDS = re.compile(r"(?<![\w'’-])[a-z]{4,}(?![\w'’-])")
# Words after which a capital "A" is a letter or grade ("vitamin A", "an A"), or a repeated name is no lede.
_NOT_BEFORE_A = _words(
    "vitamin hepatitis type plan grade class group category section exhibit gate level tier row terminal division "
    "option part phase series channel route a an the of to in on at by for with from and or but as than that "
    "said says told tells asked named called whom whether against"
)
# A byline between a headline and the lede: "By Carmen D. Siering and Katherine Spillar".
_NAME = r"[A-Z][a-z]+(?: [A-Z]\.)? [A-Z][\w'’-]+"
_BYLINE = re.compile(rf"(?<= )By {_NAME}(?:(?:,| and) {_NAME})*(?= [A-Z\"“])")
# A dateline in capitals after a headline: "WASHINGTON —", "SAN FRANCISCO, Calif. —".
_CAPS_DATELINE = re.compile(r"(?<= )[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)*(?:, [A-Z][A-Za-z. ]{1,20})? — (?=[A-Z\"“])")
# The agency in a dateline: "Washington (CNN)", "MOSCOW (AP)".
_AGENCY_DATELINE = re.compile(r" \((?:CNN|AP|Reuters|AFP|UPI)\)(?= [—–-]* ?[A-Z])")
_SENTENCE_END = re.compile(r"[a-z]{2}[.!?][\"”’']? ")
# Capitalised words at a sentence start before "The" and a sentence: "Long Story The United States of America
# may be ...".  (?!...) keeps out "The Future" and friends; the sentence must reach a lower-case word soon.
_LABEL_HEAD = re.compile(r"((?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+) (?=The (?:[\w'’-]+ ){0,3}[a-z])")
# Words that start the title of a show or film before "The" ("Meet The Press", "Keeping Up With The Kardashians"),
# and "Caption", whose sentence is a caption too.
_TITLE_VERBS = _words(
    "Meet Keeping Face Get Join Follow About Own Where Jack Beauty Beneath Inside Behind Beyond Into Caption"
)
# A list item's heading of capitalised words between a colon and the item's first sentence.
_LIST_ITEM = re.compile(r"(?:[A-Z][a-z][\w'’&-]*,? ){2,6}(?=(?:The|A|An|This|It|He|She|His|Her|Its|Their) [\w'’])")
# A photographer and agency before an article's first sentence: "William Wei, Business Insider Facebook is buying".
_NAMED_CREDIT = re.compile(
    rf"[A-Z][\w'’-]+ [A-Z][\w'’-]+, (?:{_AGENCIES}|Business Insider)(?= [A-Z][\w'’-]* [a-z])"
    r"(?! \w+ (?:bureau|correspondent|reporter|editor|photographer|columnist|analyst|writer))"
)
# A caption of capitalised words and its credit in brackets before a sentence: "Florida Lottery Timothy Poole
# Timothy Poole (Florida Lottery) "We chose to not draw additional attention ..."
_TITLE_CREDIT = re.compile(
    r"(?:[A-Z][\w'’.-]* ){1,8}\((?!(?:CNN|AP|Reuters|AFP|UPI)\))(?:[A-Z][\w'’.&-]* ?){1,5}\)(?= [\"“A-Z])"
)
# A video's running time after its title, before the text: "Wedding costs soar to new highs (3:40) As Americans".
_DURATION = re.compile(r" \(\d{1,2}:\d{2}\)(?= [\"“A-Z])")
# A web site in capitals, as a photo credit: "DEVONJAMESXXX.COM".
_CAPS_DOMAIN = re.compile(r"(?<= )(?:[A-Z0-9-]{3,}\.)+(?:COM|NET|ORG)(?= [\"“'‘A-Z])")
# A ranked list's item heading, a name and a sum, glued to the item's first sentence: "Tina Fey $13 million Fey's
# first book, Bossypants, hit stores in April".
_MONEY_HEAD = re.compile(r"(?:[A-Z][\w'’.&-]* ){1,4}\$\d[\d.,]*(?: (?:million|billion))?(?= [A-Z][\w'’]* [\w'’])")
# A site's name glued to an article's lede that opens with its day: "Harvard Law Record On Monday, the Supreme Court".
_SITE_BEFORE_DAY = re.compile(
    rf"(?:[A-Z][\w'’.&-]* ){{1,4}}(?=On (?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|{_MONTH_NAMES}),? )"
)
# A media link after its title: "Popeye meets Wilco in hand-drawn cartoon music video [Video Link] The Wilco track".
_MEDIA_LINK = re.compile(r"\[(?:Video|Audio|Photos?|Gallery|Image) Link\](?= [\"“A-Z])")
# A link to another story left in the text, after its title: "... gawk at impoverished North Koreans Read more It is".
_READ_MORE = re.compile(r"(?<![^ ])Read more(?= [\"“‘'A-Z])")
# A subhead in single quotes, a phrase from the text after it, glued to its paragraph's first sentence: "'Zero
# visibility' Malaysia said on Monday that ...", "‘A Single Jew’ Poles say they're unfairly held complicit ...".
_QUOTED_SUBHEAD = re.compile(
    r"[‘'][A-Z][A-Za-z0-9-]*(?:['’][a-z]+)?(?: [A-Za-z0-9-]+(?:['’][a-z]+)?){0,5}[’'](?= [“\"]?[A-Z][\w'’-]* \S+ \S+)"
)
# A link's title glued to the quote that opens the next sentence, the quote's speaker named after it: "Baby survives
# fall from third-floor window in the Bronx “She looked like a little doll,” recalled neighbor Lida Martori".
_TITLE_BEFORE_QUOTE = re.compile(
    r"[A-Z][^\"“”.!?:;,()]{15,120}[a-z](?= “[A-Z][^”\"]{5,300}[,!?]” (?:said|says|recalled|added|told|explained|"
    r"wrote|asked)\b)"
)
# Share buttons read as text: "Email This", "Share this story".
_SHARE_HINT = re.compile(r"(?:mail|hare|rint|weet) [Tt]his")
_SHARE = re.compile(r" (?:Email|Share|Print|Tweet) [Tt]his(?: [Ss]tory| [Aa]rticle)?(?= [\"“'‘A-Z0-9])")
# An agency's credit in square brackets after a caption, before the story's sentence.
_BRACKET_CREDIT = re.compile(rf"\[(?:{_AGENCIES}|Al Jazeera)(?:/[^\[\]]{{1,30}})?\](?= [\"“A-Z])")
# A section's label in lower case between two sentences: "could the end be far behind? commentary Once Sprint".
_SECTION_WORDS = (
    "commentary",
    "analysis",
    "opinion",
    "exclusive",
    "video",
    "photos",
    "update",
    "breaking",
    "live",
    "interview",
    "editorial",
    "review",
)
_SECTION_HINT = re.compile(rf"[.?!] (?:{'|'.join(_SECTION_WORDS)})")
_SECTION_LABEL = re.compile(rf"(?<=[.?!] )(?:{'|'.join(_SECTION_WORDS)}|updated)(?= [A-Z])")
# A promo list's label without a colon, before the title of another story.
_PROMO_RUN = re.compile(
    r"(?:Related (?:News )?(?:Articles|Stories|Coverage|Content|Links|News)|More (?:News|Stories)|"
    r"Recommended (?:Stories|Articles|for You)|You (?:May|Might) Also Like|Most Popular(?: Stories)?)(?= [A-Z])"
)
# Staff initials and agencies after an article's last sentence: "jh/asz (SID, dpa)".
_INITIALS = re.compile(r" [a-z]{2,4}/[a-z]{2,4}(?:/[a-z]{2,4})?(?: \([^()]{1,40}\))?$")


def repair_spans(line: str, spans: list[tuple[int, int]], offset: int = 0) -> list[tuple[int, int]]:
    """The sentence spans of one ``line`` (found at ``offset`` in its text), joined and cut by the news rules.

    >>> line = 'He met Sen. Ted Cruz. Where are they?” Bundy said. • One bullet • Two'
    >>> [line[a:b] for a, b in repair_spans(line, [(0, 11), (12, 21), (22, 38), (39, 51), (52, 69)])]
    ['He met Sen. Ted Cruz.', 'Where are they?” Bundy said.', 'One bullet', 'Two']
    """
    if not spans:
        return spans
    if len(spans) > 1:
        spans = _joined(line, spans, offset)
    return _cut(line, spans, offset)


def _joined(line: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    out = [spans[0]]
    for start, end in spans[1:]:
        a, b = out[-1]
        last = line[b - offset - 1] if b > a else ""
        # Only a span that ends in a stop, a bracket, a quote or a capital can belong to the next.
        if (
            last in _JOIN_ENDS
            and start < end
            and _may_join(line, a - offset, b - offset)
            and _belong_together(line[a - offset : b - offset], line[start - offset : end - offset])
        ):
            out[-1] = (a, end)
            continue
        out.append((start, end))
    return out


def _may_join(line: str, a: int, b: int) -> bool:
    """A cheap look at the end of the span ``line[a:b]``: whether :func:`_belong_together` need be asked.

    Only a span that ends in a title's or month's stop, a bracket, a quote after ? or !, or a
    capital can belong to the next one.
    """
    last = line[b - 1]
    if last == ".":
        # Titles, months and "No" are capitalised words of at most seven letters.
        space = line.rfind(" ", max(a, b - 10), b - 1)
        start = space + 1 if space >= 0 else a
        word = line[start : b - 1]
        if len(word) > 9 or not (word.lstrip("(\"'“‘")[:1].isupper() or "-" in word):
            return False
        return word[-4:].lstrip("(\"'“‘-") in _JOIN_WORDS or "-" in word
    if last in _QUOTES:
        return line[b - 2 : b - 1] in ("?", "!") or line[b - 3 : b - 2] in ("?", "!")
    return last == ")" or last.isupper()


def _belong_together(prev: str, nxt: str) -> bool:
    """Whether syntok's cut between ``prev`` and ``nxt`` (adjacent on one line) is a false one."""
    if not prev or not nxt:
        return False
    last = prev[-1]
    if last == ".":
        word = prev[prev.rfind(" ") + 1 : -1].lstrip("(\"'“‘")
        if word in TITLES or word.split("-")[-1] in TITLES:
            first = nxt.split(" ", 1)[0]
            if word in ("Jr", "Sr"):
                return not first[:1].isupper() and not first[:1].isdigit()
            return first[:1].isupper() and first.rstrip(",.;:") not in STARTERS
        if word in MONTHS or word in ("No", "Nos"):
            return nxt[:1].isdigit()
        if word in STATES:  # "TAUNTON, Mass. || (AP) — A couple ..."
            return nxt[0] in "(—–-" and _STATE_DATELINE.search(prev) is not None
        return False
    if last == ")" or prev.isupper():
        return nxt[0] in _DASH and len(prev.split()) <= 8 and _DATELINE.fullmatch(prev) is not None
    if last in "\"”’'" and _QUESTION_END.search(prev):
        return _ATTRIBUTION.match(nxt) is not None
    return False


def _cut(line: str, spans: list[tuple[int, int]], offset: int) -> list[tuple[int, int]]:
    bullet = _has_bullet(line)
    cuts = _glued_cuts(line)
    if cuts and '"' in line:
        cuts = [_quote_side(line, c) for c in cuts]
    if bullet:
        cuts.extend(m.start() + 1 for m in _BULLET.finditer(line))
    cuts.extend(furniture_cuts(line, [a - offset for a, _ in spans], offset == 0))
    if not cuts and not bullet:
        return spans
    cuts = sorted(offset + c for c in cuts)
    if not bullet:
        return _cut_inside(line, spans, offset, cuts)
    out: list[tuple[int, int]] = []
    k = 0
    for start, end in spans:
        while k < len(cuts) and cuts[k] <= start:
            k += 1
        j = k
        while j < len(cuts) and cuts[j] < end:
            j += 1
        if j == k and not bullet:
            out.append((start, end))
            continue
        out.extend(_stripped_pieces(line, offset, [start, *cuts[k:j], end]))
        k = j
    return out



def _stripped_pieces(line: str, offset: int, bounds: list[int]) -> list[tuple[int, int]]:
    """The pieces of ``line`` between consecutive ``bounds`` (text offsets), stripped of spaces and bullets."""
    out = []
    for a, b in pairwise(bounds):
        piece = line[a - offset : b - offset]
        lead = _LEADING_BULLET.match(piece.strip())
        stripped = piece.strip()[lead.end() if lead else 0 :].rstrip()
        if stripped:
            a += piece.index(stripped)
            out.append((a, a + len(stripped)))
    return out

def _cut_inside(line: str, spans: list[tuple[int, int]], offset: int, cuts: list[int]) -> list[tuple[int, int]]:
    """``spans`` (sorted, disjoint) cut at the sorted ``cuts`` that fall inside them, each piece stripped.

    Only the spans that hold a cut are looked at; the others are copied in runs.
    """
    out: list[tuple[int, int]] = []
    starts = [a for a, _ in spans]
    done = 0  # spans before this index are in out
    c = 0
    while c < len(cuts):
        k = bisect_right(starts, cuts[c]) - 1
        if k < 0 or cuts[c] <= starts[k] or cuts[c] >= spans[k][1]:
            c += 1
            continue
        start, end = spans[k]
        j = c
        while j < len(cuts) and cuts[j] < end:
            j += 1
        out.extend(spans[done:k])
        out.extend(_stripped_pieces(line, offset, [start, *cuts[c:j], end]))
        done = k + 1
        c = j
    out.extend(spans[done:])
    return out


def furniture_cuts(line: str, starts: Iterable[int], article_start: bool = False) -> list[int]:
    """Offsets in ``line`` that set page furniture apart from the sentences around it.

    ``starts`` are where sentences start in ``line``: a furniture prefix, or a subhead glued to the
    sentence, is looked for there; where ``line`` opens its article (``article_start``), a headline
    in title case glued to the first sentence too.

    >>> line = "AP Photo/David Zalubowski The Rockies said so. RIP. — Jon (@jon) June 20, 2017 Wow (PHOTOS: A B) end."
    >>> cuts = furniture_cuts(line, [0, 47])
    >>> [line[a:b] for a, b in zip([0, *cuts], [*cuts, len(line)])]  # doctest: +NORMALIZE_WHITESPACE
    ['AP Photo/David Zalubowski', ' The Rockies said so. RIP. ', '— Jon (@jon) June 20, 2017', ' Wow ',
     '(PHOTOS: A B)', ' end.']
    """
    cuts: list[int] = []
    starts = list(starts)
    slash = "/" in line
    # Subheads: one scan of the line for a sentence opener after a lower-case word, each found one
    # judged against the sentence start before it.
    opener_in_first = False  # an opener after a lower-case word in the line's first span
    for sub in _SUBHEAD.finditer(line):
        at = sub.start() - 1  # the space before the opener
        if at < 1 or line[at] != " " or line[at - 1] not in _SUBHEAD_BEFORE:
            continue
        if line[at + 1] == "A" and _previous_word(line, at + 1).lower() in _NOT_BEFORE_A:
            continue  # "vitamin A deficiency", "an A on the test"
        k = bisect_right(starts, at) - 1
        opener_in_first = opener_in_first or k <= 0
        subhead = k >= 0 and at - starts[k] <= 80 and _is_subhead(line, starts[k], at)
        if subhead or (k == 0 and article_start and at - starts[0] <= 240 and _is_glued_headline(line, starts[0], at)):
            cuts.append(at + 1)
    at = starts[0] if starts else 0
    if article_start and starts and "," in line[at : at + 40] and (credit := _NAMED_CREDIT.match(line, at)):
        cuts.append(credit.end())
    if article_start and starts and " On " in line[at : at + 60] and (site := _SITE_BEFORE_DAY.match(line, at)):
        cuts.append(site.end() - 1)
    for k, start in enumerate(starts):
        if article_start and k == 0 and (end := _headline_end(line, start, 4)) is not None:
            cuts.append(end)
        if line.find("$", start, start + 60) >= 0 and (money := _MONEY_HEAD.match(line, start)):
            cuts.append(money.end())
        first = line[start : start + 1]
        space = line.find(" ", start, start + 40) if first.isupper() else -1
        if space < 0 or not line[space + 1 : space + 2].isupper():
            pass  # a credit or label starts with two capitalised words
        elif line.find("(", start, start + 120) >= 0 and (credit := _TITLE_CREDIT.match(line, start)):
            cuts.append(credit.end())  # "Florida Lottery Timothy Poole Timothy Poole (Florida Lottery) "We chose...
        elif (
            line.find(" The ", start, start + 40) >= 0
            and (head := _LABEL_HEAD.match(line, start))
            and _is_label_head(head.group(1))
        ):
            cuts.append(head.end())  # a section's label before the sentence: "Analysis The confusion surrounding"
        if not (
            (first in _LABEL_FIRST and line.startswith(_LABEL_STARTS, start))
            or (slash and line.find("/", start, start + 50) >= 0)
        ):
            continue
        for _ in range(4):  # "Advertisement Continue reading the main story ..."
            m = FURNITURE_PREFIX.match(line, start)
            if not m:
                break
            cuts.append(m.end())
            start = m.end() + 1
        if k and start != starts[k] and start < len(line):
            # A headline glued to the sentence after the credit that ends a caption: "| Name/AP Photo Goodlatte's
            # son donates to Democrat running to replace him A high-ranking Republican lawmaker's son ..."
            lede = _lede_start(line, start, starts[k + 1] if k + 1 < len(starts) else len(line), strict=True)
            if lede is not None:
                cuts.append(lede)
            elif line[starts[k]] == "|" and "/" in line[starts[k] : start]:
                cuts.pop()  # no headline's end found: the credit stays with what follows, a caption as a whole
        label = _PROMO_LABEL.match(line, start)
        if label and (end := _headline_end(line, label.end())) is not None:
            cuts.append(end)
        elif run := _PROMO_RUN.match(line, start):
            # "Related News Articles Prince wants X-rated sex trophies out of court case After photos of ..."
            cuts.append(run.end())
            sub = next((m for m in _SUBHEAD.finditer(line, run.end(), run.end() + 200) if _after_word(line, m)), None)
            if sub is not None:
                cuts.append(sub.start())
    if starts and (article_start or opener_in_first):
        # After the labels cut off its start (a credit, "Media caption"), the line's first span may still
        # hold a headline glued to the sentence: the article's headline, or a teaser's.
        end = starts[1] if len(starts) > 1 else len(line)
        begin = max((c for c in cuts if c < end), default=starts[0])
        begin += len(line[begin:end]) - len(line[begin:end].lstrip())
        for _ in range(3):  # a headline, a caption, then the lede: "Media caption ... identified A Thai satellite"
            lede = _lede_start(line, begin, end, strict=not article_start)
            if lede is None:
                break
            cuts.append(lede)
            begin = lede
    if "(@" in line:
        for m in _HANDLE_DATE.finditer(line):
            head = max(line.rfind(mark, 0, m.start()) for mark in _SIGNATURE_MARKS)
            if head < 0 or m.start() - head > 80:
                continue
            link = line.rfind(" ", 0, max(0, head - 1)) + 1
            if line.startswith(("pic.twitter.com/", "https://t.co/", "http://t.co/"), link):
                head = link
            cuts.extend((head, m.end()))
    if ":" in line:  # every bracketed promo or credit holds a colon
        cuts.extend(_bracketed_cuts(line))
        # A list's item heading after the list's colon: "...cashing in on their star power: Halle Berry, Scandale
        # Paris The Oscar winner's line of ..."
        at = line.find(": ")
        while at >= 0:
            if (m := _LIST_ITEM.match(line, at + 2)) and _previous_word(line, m.start())[:1].islower():
                cuts.extend((m.start(), m.end()))
            at = line.find(": ", at + 2)
    if " Link] " in line:  # a video's link after its title: "... cartoon music video [Video Link] The Wilco track"
        cuts.extend(m.end() for m in _MEDIA_LINK.finditer(line))
    if "Read more " in line:  # a teaser's link in the text: "... gawk at impoverished North Koreans Read more It is"
        cuts.extend(m.end() for m in _READ_MORE.finditer(line))
    for start in starts:
        if line[start : start + 1] in "‘'" and (quoted := _QUOTED_SUBHEAD.match(line, start)):
            cuts.append(quoted.end())
    if " “" in line:
        for start in starts:
            if line.find(" “", start, start + 122) >= 0 and (title := _TITLE_BEFORE_QUOTE.match(line, start)):
                cuts.append(title.end())
    if _SHARE_HINT.search(line):  # share buttons: "...Wants Betty White Email This Even at 88"
        cuts.extend(k for m in _SHARE.finditer(line) for k in (m.start() + 1, m.end()))
    if "(all times local)" in line and (m := _ALL_TIMES_LOCAL.search(line)):
        cuts.append(m.end())  # a live blog's header and first time: "The Latest on ... (all times local): 2:44 p.m."
    if "(L)" in line or "(C)" in line or "(left)" in line or "(center)" in line or "(centre)" in line:
        cuts.extend(m.end() for m in _PLACED_CAPTION.finditer(line))  # "...(L) and ... in Florence, 2014 As well"
    if "toggle caption" in line:  # a public radio site's photo toggle, after a headline: "...Dies At 42 Enlarge this"
        for m in _TOGGLE.finditer(line):
            cuts.append(m.start())
            if label := FURNITURE_PREFIX.match(line, m.start()):
                cuts.append(label.end())  # the toggle with its credit
    if ":" in line and "(" in line:  # a video's title and running time: "Wedding costs soar to new highs (3:40) As"
        cuts.extend(m.end() for m in _DURATION.finditer(line))
    if ".COM " in line or ".NET " in line or ".ORG " in line:  # a credit to a web site: "...fume DEVONJAMESXXX.COM 'I"
        cuts.extend(k for m in _CAPS_DOMAIN.finditer(line) for k in (m.start(), m.end()))
    if "]" in line:  # an agency's credit after a caption: "...live ammunition on protesters [Reuters] Libyan leader"
        cuts.extend(m.end() for m in _BRACKET_CREDIT.finditer(line))
    if _SECTION_HINT.search(line):  # a section's label: "...be far behind? commentary Once"
        cuts.extend(k for m in _SECTION_LABEL.finditer(line) for k in (m.start(), m.end()))
    if line.find("/", len(line) - 60) >= 0 and (m := _INITIALS.search(line, len(line) - 60)):
        cuts.append(m.start())
    return cuts


def _is_label_head(head: str) -> bool:
    """Whether the capitalised words ``head``, before "The" at a sentence start, are a label of their own
    ("Long Story", "Analysis", "Bryce Benson"): no sentence opener, no verb that starts a title in them.

    >>> _is_label_head("Long Story"), _is_label_head("Meet"), _is_label_head("After")
    (True, False, False)
    """
    words = head.split()
    return not any(w in _OPENERS or w in _TITLE_VERBS for w in words)


def _after_word(line: str, m: re.Match[str]) -> bool:
    """Whether the opener that ``m`` found follows a lower-case word (a space and a letter before it)."""
    at = m.start() - 1
    return at >= 1 and line[at] == " " and line[at - 1] in _SUBHEAD_BEFORE


def _bracketed_cuts(line: str) -> list[int]:
    """Start and end of each bracketed promo or credit in ``line`` (as ``_BRACKETED.finditer`` finds them).

    The pattern is tried only at each bracket, found with ``str.find``: a plain search is several
    times faster than the regex scan of the whole line.

    >>> line = "He said (PHOTOS: A B) and [VIDEO: C] (not this)."
    >>> [line[a:b] for a, b in zip(*[iter(_bracketed_cuts(line))] * 2)]
    ['(PHOTOS: A B)', '[VIDEO: C]']
    """
    mark = "(" if "[" not in line else "[" if "(" not in line else ""
    if not mark:  # both kinds of bracket: one scan, in order
        return [k for m in _BRACKETED.finditer(line) for k in (m.start(), m.end())]
    out: list[int] = []
    at = line.find(mark)
    while at >= 0:
        if m := _BRACKETED.match(line, at):
            out.extend((at, m.end()))
            at = m.end() - 1  # the next match starts after this one
        at = line.find(mark, at + 1)
    return out


def _is_subhead(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]`` (before a sentence opener) is a subhead: a few words, the first one
    capitalised, no punctuation but a comma, ending in a lower-case word (or all in title case).

    >>> _is_subhead("No known precedent There was no official communique.", 0, 18)
    True
    >>> _is_subhead("Police said on Monday, There", 0, 22)
    False
    """
    head = line[start:end]
    return (
        head[:1].isupper()
        and "caption" not in head
        and head.count(",") <= 1
        and "opyright" not in head
        and head[-1:].isalpha()
        and (head[head.rfind(" ") + 1].islower() or ("," not in head and all(w[0].isupper() for w in head.split())))
        and head.count(" ") <= 7
        and (_SUBHEAD_STOPS.isdisjoint(head) or _is_title_label(head))
    )


def _is_title_label(head: str) -> bool:
    """A label in title case with a colon in it, as galleries and sections have: "PopScene: Weeks Hottest Pics".

    >>> _is_title_label("Bauer-Griffin PopScene: Weeks Hottest Pics"), _is_title_label("He said: We")
    (True, False)
    """
    words = head.split()
    return (
        head.count(":") == 1
        and not head.endswith(":")
        and _SUBHEAD_STOPS.isdisjoint(head.replace(":", ""))
        and all(w[0].isupper() or w[0].isdigit() for w in words)
        and len(words) >= 3
    )


def _is_glued_headline(line: str, start: int, end: int) -> bool:
    """Whether ``line[start:end]``, the opening of an article before a sentence opener ("The", "As"...)
    that follows a lower-case word, is a headline in sentence case glued to the first sentence.

    Sentences do not go on with a capitalised "The" after a lower-case word: the text before it is a
    headline or a standfirst of 4 to 25 words with no sentence punctuation in it.

    >>> line = "First days of marijuana sales generate about $500,000 in taxes The first four days of sales"
    >>> _is_glued_headline(line, 0, line.index(" The"))
    True
    >>> line = "Bae, who had trained with missionary organization Youth With a Mission, ran a tour group."
    >>> _is_glued_headline(line, 0, line.index(" With"))
    False
    """
    head = line[start:end]
    last = head[head.rfind(" ") + 1 :]  # a lower-case word, not a name ("Youth With a Mission")
    return (
        head[:1].isupper()
        and (last[:1].islower() or last[:1].isdigit() or last[:1] == "$")
        and 4 <= head.count(" ") + 1 <= 25
        and head.count(",") <= 2
        and _SUBHEAD_STOPS.isdisjoint(head)
    )


def _lede_start(line: str, start: int, end: int, reach: int = 600, strict: bool = False) -> int | None:
    """Where the first sentence starts in ``line[start:end]``, the opening span of an article, when a
    headline, a standfirst or a run of summary bullets is glued before it; None when nothing is.

    The sentence starts at an opener ("The", "A", "Whoever", "Two" ...) after a lower-case word, or at
    a capitalised word that repeats one of the first words of the text before it ("...left alone
    Monkeys at Colchester Zoo have..."): no sentence goes on that way.  The text before is a
    headline when it has 4 to 80 words and no sentence end in it; of several such places, the last.
    ``strict`` (for a line inside the article: a teaser, a subhead) takes only an opener after a
    lower-case word, and a headline of at most 30 words.

    >>> line = "Deal just a quickie for ‘Sex and the City’ house; back on market after sale Whoever buys it will pay."
    >>> line[_lede_start(line, 0, len(line)):]
    'Whoever buys it will pay.'
    >>> line = "Monkeys learn to cover their eyes when they want to be left alone Monkeys at the zoo have a sign."
    >>> line[_lede_start(line, 0, len(line)):]
    'Monkeys at the zoo have a sign.'
    >>> _lede_start("Police said on Tuesday that Trump would visit the town of Smith.", 0, 63) is None
    True
    """
    stop = min(end, start + reach)
    first = line[start : line.find(" ", start, stop)] if " " in line[start:stop] else ""
    bullets = line.startswith(("Story highlights", "Story Highlights"), start)
    # "...Same Old Sexist Story By Carmen D. Siering and Katherine Spillar Sure, the film New Moon is ..."
    byline = None if strict or " By " not in line[start:stop] else _BYLINE.search(line, start + 1, stop)
    if byline and _is_long_headline(line[start : byline.start()]) and len(line[byline.end() : end].split()) >= 5:
        return byline.end() + 1
    caps = None if strict or "— " not in line[start:stop] else _CAPS_DATELINE.search(line, start + 1, stop)
    if caps and _previous_word(line, caps.start())[:1].islower() and _is_long_headline(line[start : caps.start()]):
        return caps.start()  # "Obama gives 'lump of coal' to polar bears: activists WASHINGTON — Environmental ..."
    agency = _AGENCY_DATELINE.search(line, start + 1, stop)
    if agency is not None:
        # "...one of the great moral leaders of our time' Washington (CNN) Vermont Sen. Bernie Sanders ..."
        at = agency.start() + 1
        for _ in range(3):
            previous = _previous_word(line, at)
            if not previous[:1].isupper() or at - len(previous) - 1 <= start:
                break
            at -= len(previous) + 1
        before = _previous_word(line, at)
        if (before[:1].islower() or before[-1:] in "’'”\"") and _is_long_headline(line[start:at].rstrip()):
            return at
    found = None
    for m in _LEDE_WORD.finditer(line, start + 1, stop):
        at = m.start()
        previous = _previous_word(line, at)
        if not previous[:1].isalnum() or not (previous[-1:].isalnum() or previous[-1:] in "’'”\"%"):
            continue
        word, after = m.group(1), line[m.end() + 1 : m.end() + 2]
        if previous.lower() in _NOT_BEFORE_A or (strict and not (previous[:1].islower() and word in _LEDE_OPENERS)):
            continue
        if word in _LEDE_OPENERS:
            if not (after.islower() or word in ("A", "An")):
                continue
            if previous[:1].isupper() and not (
                (word in _AFTER_NAME and (after.islower() or (word in ("A", "An") and after.isdigit())))
                or (word in _NUMBER_WORDS and line.startswith(" of ", m.end()))
            ):
                continue  # "Air Force Two on a visit": only a few openers start a lede after a headline's last name
        # The headline's first word again, as the subject of the lede: "...left alone Monkeys at the zoo".
        elif word == first and first not in STARTERS and "," not in line[start:at] and previous[:1].islower():
            if not after.islower():
                continue
        # After a headline in title case, its words again: "McRib 2.0: Meet McDonald’s McRibster McDonald’s doesn’t",
        # "Rocky Mountain Spotted Fever Rocky Mountain Spotted Fever is".  One repeated word in a run of names
        # without a headline's colon is no headline's end: "The Free Syrian Army and the Syrian Liberation Army are".
        elif after.islower() and word.removesuffix("’s").removesuffix("'s") in _title_words(line[start:at]):
            run = _repeated_run(line, start, at)
            if run == at and ":" not in line[start:at] and "|" not in line[start:at]:
                continue
            at = run
        # A common word capitalised after a lower-case one, as only a sentence's first word is: "...a hub for the
        # far-right movement Antifascist activists claim ..." (the headline has "antifascist" in lower case).
        elif (
            not strict
            and previous[:1].islower()
            and after.islower()
            and len(word) > 3
            and word.isalpha()
            and "caption" not in line[start:at]
        ):
            if word.lower() not in _LOWER_WORDS.findall(line, start, at):
                continue
        else:
            continue
        head = line[start:at].rstrip()
        if _is_long_headline(head, 30 if strict else 80) and len(line[at:end].split()) >= 5:
            found = at
            if not bullets:  # a headline ends at the first; summary bullets run to the last
                break
    return found


def _title_words(head: str) -> frozenset[str]:
    """The capitalised words of ``head`` (possessives cut) when it is a headline in title case, else none.

    >>> sorted(_title_words("McRib 2.0: Meet McDonald’s McRibster")), _title_words("The plan works")
    (['McDonald', 'McRib', 'McRibster', 'Meet'], frozenset())
    """
    words = [w.strip("'’‘\"“”:,;") for w in head.split()]
    long = [w for w in words if len(w) > 3]
    if len(long) < 3 or sum(w[:1].isupper() for w in long) < len(long):
        return frozenset()
    return frozenset(w.removesuffix("’s").removesuffix("'s") for w in long if w not in STARTERS)


def _repeated_run(line: str, start: int, at: int, most: int = 6) -> int:
    """Where the run of capitalised words that ends with the word at ``at`` starts, when those words repeat
    words of ``line[start:at]`` in the same order (the headline's name, again as the lede's subject); else ``at``.

    >>> line = "Rocky Mountain Spotted Fever Rocky Mountain Spotted Fever is a disease."
    >>> line[_repeated_run(line, 0, line.rindex("Fever")):]
    'Rocky Mountain Spotted Fever is a disease.'
    """
    starts = [m.start() for m in _NON_SPACE.finditer(line, start, at)]
    words = [line[a : line.find(" ", a, at) if " " in line[a:at] else at].removesuffix("’s") for a in starts]
    word = line[at : line.find(" ", at)].removesuffix("’s").removesuffix("'s")
    best = at
    for k in range(1, min(most, len(words)) + 1):
        run = [*words[len(words) - k + 1 :], word] if k > 1 else [word]
        if not all(w[:1].isupper() for w in run):
            break
        earlier = words[: len(words) - k + 1]
        if any(earlier[i : i + k] == run for i in range(len(earlier) - k + 1)):
            best = starts[len(words) - k + 1] if k > 1 else at
    return best


def _previous_word(line: str, at: int) -> str:
    """The word that ends before the space before ``at``."""
    return line[line.rfind(" ", 0, at - 1) + 1 : at - 1]


def _is_long_headline(head: str, most: int = 80) -> bool:
    """Whether ``head`` (the text before a lede) may be a headline, standfirst or bullets: 4 to ``most``
    words, a capital first, and no sentence end (a lower-case word before a stop and a space) in it."""
    n = head.count(" ") + 1
    return (
        4 <= n <= most
        and head[:1].isupper()
        and _SENTENCE_END.search(head) is None
        and " — " not in head  # a dateline: the sentence starts before it
        and head.count('"') % 2 == 0  # inside a quoted title: 'the epic "Gone With the Wind"'
        and head.count("“") <= head.count("”")
    )


def _headline_end(line: str, at: int, min_words: int = 2) -> int | None:
    """Where a promo headline in title case that starts at ``at`` ends: before the sentence glued to it.

    The headline runs while its words are capitalised (or numbers, or small words); the sentence
    starts at the last capitalised word before the first lower-case one, or at an opening quote.
    That word must be one that opens sentences ("The", "It", ...): None where it is not, or where
    no lower-case word follows.

    >>> line = "RELATED: Best Places To Live In The World 2016 The index’s mission statement reads"
    >>> line[9:_headline_end(line, 9)]
    'Best Places To Live In The World 2016 '
    >>> _headline_end("More: Taylor's romantic history First spotted", 6) is None
    True
    >>> _headline_end("More: Wendy Davis Eyes Texas Governor Run Blonde, strikingly pretty", 6) is None
    True
    """
    last_capital = None  # (index, offset, word) of the last capitalised word
    for k, m in enumerate(_NON_SPACE.finditer(line, at, at + 300)):
        word = m.group()
        if word in _DASHES or word[-1] == ")":  # a dateline, not a headline
            return None
        if k >= min_words and word[0] in '"“‘':
            return m.start()
        if word[0].isupper() or word[0].isdigit():
            last_capital = (k, m.start(), word)
        elif word[0].isalpha() and word.lower() not in _SMALL_WORDS:
            if last_capital is None or last_capital[0] < min_words or last_capital[2] not in _OPENERS:
                return None
            return last_capital[1]
    return None


def _glued_cuts(line: str) -> list[int]:
    """Ends of glued stops: after a word in capitals ("PEOPLE.Asked") or a closing quote ('die."It').

    >>> _glued_cuts('Told PEOPLE.Asked why. U.S.Army. let me die."It started. AP.The end. Korea.Kim')
    [12, 45]
    """
    out = []
    for m in _GLUED.finditer(line):
        at = m.start()
        if m.end() - at > 1:  # a quote after the stop: 'die."It', 'I am.""I don't'
            if at >= 2 and line[at - 1].isalnum() and line[at - 2].isalnum() and not line[at - 1].isupper():
                out.append(at + 2)
        elif at >= 3 and line[at - 1].isupper() and _CAPS_WORD.search(line, max(0, at - 40), at):
            out.append(m.end())
    return out


def _has_bullet(line: str) -> bool:
    return "* " in line or "•" in line or "▪" in line or "■" in line or "●" in line or "◦" in line or "‣" in line


def _quote_side(text: str, cut: int) -> int:
    """A cut after '."' moves before the mark when the mark opens a quote (an even count before it in the line)."""
    if text[cut - 1] == '"' and text.count('"', 0, cut - 1) % 2 == 0:
        return cut - 1
    return cut
