"""Page furniture: the parts of a scraped page that are not the article, sentence by sentence and page by page.

The splitter already sets furniture apart from the sentences it was glued to
(:func:`newsfuse.split.news.furniture_cuts`); here each segment is judged on its
own.  :func:`furniture_rule` names the rule a segment breaks (None for an
article sentence), :func:`furniture_pages` finds whole inputs that are furniture
(a web-archive notice, a social-media embed) and not articles at all.

>>> furniture_rule("Sign up for our daily email newsletter and get top stories delivered to your inbox.")
'sign-up'
>>> furniture_rule("— Donald J. Trump (@realDonaldTrump) February 8, 2017")
'post-signature'
>>> furniture_rule("Kim Jong Un left Beijing on Wednesday after talks with Xi Jinping.") is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..split.news import FURNITURE_LABEL, STARTERS
from ..types import Article, Sentence

_MONTHS = (
    "January|February|March|April|May|June|July|August|September|October|November|December|"
    "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)

# A finite verb: a clause that has one is no caption-like noun phrase.
_VERB = (
    r"\b(?:is|are|was|were|be|been|has|have|had|will|would|can|could|may|might|must|shall|should|do|does|did|"
    r"said|says|say|told|tells)\b"
)
# Names in a list of credits: "Rob Tapert, Sam Raimi and Bruce Campbell".
_NAMES = r"[A-Z][\w.'’-]*(?: (?:[A-Z][\w.'’-]*|de|van|von|der|di|da|del|la|le|and|&))*"

# Each rule: (name, pattern, trigger words).  Without triggers the pattern matches at the segment's start;
# with them it is searched anywhere in the segment, and only when the segment holds one of those words
# (lower-cased, as words_of gives them; "@" stands for an "@" anywhere in the segment, "@caps" for READ,
# ALSO or WATCH in capitals).
_RULES: list[tuple[str, str, str]] = [
    # A label or credit the splitter cut off (FURNITURE_PREFIX), seen here as a whole segment.
    ("label", FURNITURE_LABEL + r"\W*$", None),
    # A video player's close button read as text before the video's title: "CLOSE Four Reno dispensaries ...".
    ("video-embed", r"CLOSE (?=[A-Z0-9])", None),
    (
        "post-signature",
        rf"(?:(?:pic\.twitter\.com|https?://t\.co)/\S+\s+)?(?:[—–-]{{1,2}} ?|A post shared by ).{{0,80}}"
        rf"\(@\w{{1,30}}\)\s+(?:on\s+)?(?:{_MONTHS})\.? \d{{1,2}}, \d{{4}}",
        None,
    ),
    ("post-fragment", r"(?:[#@]\w+[\W_]*|(?:pic\.twitter\.com|https?://t\.co)/\S+\s*)+$", None),
    ("byline-contact", r"[a-z]{2,4}/[a-z]{2,4}(?:/[a-z]{2,4})?(?: \([^()]{1,40}\))?$", None),
    (
        "promo",
        r"\W*(?:>+\s*)?(?:More|MORE|Related|RELATED|Read more|READ MORE|Read More|Read next|READ NEXT|Read|READ|"
        r"Listen|LISTEN|See also|"
        r"SEE ALSO|Also read|ALSO READ|Also on [A-Z]\w+|ALSO ON|Watch|WATCH|Videos?|VIDEOS?|Photos?|PHOTOS?|"
        r"Pictures|PICTURES|Gallery|GALLERY|Next up|Up next|Don't miss|DON'T MISS|Recommended|Trending|Sponsored|"
        r"Explore further|Top stories|Most popular|Most read|Editor's picks)\s*[:|]"
        r"|\W*(?:RELATED|MUST WATCH|JUST WATCHED|READ MORE|SEE ALSO|ALSO READ"
        r"|Related (?:PHOTOS|VIDEO|Stories|Articles))\b"
        r"|More info:|[►▶»>➜→]\s*\w|\[[^\[\]]{5,160}\]$"
        r"|(?:Test your knowledge|Take (?:our|the) (?:quiz|poll)|Find out more|See more|Check out (?:our|the|more)|"
        r"For more (?:about|on|information|details|coverage|news|stories)\b|MORE (?=[A-Z])|"
        r"For [\w'’]+ (?:complete|full|latest|continuing) coverage\b|"
        r"Don't miss|Click (?:here|to|through)|Read on|Keep reading|Scroll (?:down|through|on)|Story [Hh]ighlights|"
        r"Here (?:are|is) (?:the |some |our )?(?:pictures|photos|images|videos?|gallery|highlights)|"
        r"See (?:the|our) (?:full|complete) (?:list|gallery|story)|"
        r"(?:Have|Take) a (?:closer |quick )?look at\b[^.!?]{0,80}\b(?:gallery|slideshow|photos|pictures|video|clip|"
        r"below|above))\b"
        r"|\((?:See|Read|Watch|Related|Also)\b:?[^()]{0,120}\)\W*$|What to Know\b"
        r"|(?:Email|Share|Print) [Tt]his(?: (?:[Ss]tory|[Aa]rticle|[Pp]age))?\W*$",
        None,
    ),
    (
        "promo",
        r"(?<![A-Z] )\b(?:RELATED|READ MORE|MUST WATCH|JUST WATCHED|SEE ALSO|ALSO READ)\b(?! [A-Z]{2})"
        r"|\b(?:Replay More Videos|More Videos \.\.\.)|[a-z][A-Z][a-z]+\b.{0,400}? MORE (?=[a-z])|\bafter the jump\b",
        "related watched videos @caps jump",
    ),
    # A link's site in brackets: "McRib 2.0: Meet McDonald's McRibster [BurgerBusiness.com]".
    ("promo", r"\[(?:[\w-]+\.)+(?:com|org|net)\]", "com org net"),
    (
        "caption",
        r"\W*(?:Image (?:copyright|caption)|Media (?:playback is unsupported|caption)|Image:|"
        r"Hide Caption|Show Caption|Caption\b|Photo(?:graph)?s?\s*[:|]|"
        r"Photo (?:by|credit)|Image (?:from|courtesy|via)\b|"
        r"Pictures?:|Picture (?:by|credit)|Credit:|Illustration:|Screen(?:shot|grab)(?: via|:)|"
        r"FILE\s*[-–—]|FILE PHOTO|\(File\)|Pictured:|"
        r"(?:Shown|Pictured) (?:is|are|here|above|below)\b|CORRECTS\b|(?:In )?[Tt]his (?:undated )?(?:file )?"
        r"(?:image|photo|photograph|picture|screenshot|handout photo) (?:released|provided|taken|made available|"
        r"shows|from|posted|obtained|courtesy)|(?:AP|AFP|Reuters|Getty) Photo\b|\(?AP Photo/|"
        r"(?:A|An) (?:police |artist's |artist’s |undated )?(?:sketch|rendering|drawing|mugshot|booking photo|"
        r"handout photo|file photo|video still|still image|composite image) (?:released|provided|taken|made available|"
        r"obtained|courtesy|posted|distributed|issued|shows|showing)\b"
        # "A file image from the Galileo spacecraft shows the Conemara region of Jupiter's frozen moon Europa."
        r"|(?:A|An|This) (?:file |undated |handout |satellite )?(?:image|photo|photograph|picture) (?:from|of|taken)\b"
        r"[^.;!?]{0,120}? (?:shows|showing)\b"
        # "Image taken by Paul Allen showing what Allen's team believes is a valve wheel on the ship."
        r"|(?:Image|Photo|Photograph|Picture) (?:taken|shot|released|provided|posted|captured|obtained) "
        r"(?:by|from|on)\b"
        r"[^.;!?]{0,120}? (?:shows|showing)\b"
        # A credit alone: "(Joe Ellis/The Clarion Ledger, via AP)".
        r"|\((?:[A-Z][\w'’.-]* ?){1,4}/[^()]{1,80}\)\W*$"
        # A credit of a name alone: "(Courtesy of the State Department)", "(Jeff King Husky Homestead)".
        r"|\((?:Courtesy(?: of)? |via )?(?:[A-Z][\w'’.&-]*|of|the|and|for|de)"
        r"(?: (?:[A-Z][\w'’.&-]*|of|the|and|for|de)){0,6}\)$"
        r"|(?:Submitted|Courtesy|Handout|Contributed) (?:photo|image|picture)\W*$|\d{1,3} of \d{1,3}\W*$"
        # A wire photo's date before its caption: "In this May 3, 2015 photo, authorities move ..."
        rf"|(?:FILE\s*[-–—]\s*)?In this (?:(?:{_MONTHS})\.? \d{{1,2}}, \d{{4}},? )?(?:file |undated |handout )?"
        r"(?:image|photo|photograph|picture|screenshot|video image),"
        r"|Fig(?:ure|\.) \d{1,2}[A-Za-z]?[.:] "
        # A photo described without a verb: "A photo from the 1998 excavation, with the foot bones below a tail."
        rf"|(?:A|An) (?:photo|photograph|picture|image|rendering|illustration|still) (?:from|of)\b"
        rf"(?:(?!{_VERB}|\b\w+ed\b)[^;:!?])*$"
        # A caption without a verb: "Two of the life-size sex statues belonging to Prince Jefri Bolkiah."
        rf"|(?:One|Two|Three|Four|Five|Some|Several|Many|Both|All) of the (?:(?!{_VERB})[^.;:!?\"“”])*? "
        r"(?:belonging to|owned by|made by|seen|shown|pictured|displayed|on display)\b"
        rf"(?:(?!{_VERB})[^;:!?\"“”])*$)",
        None,
    ),
    # A photo's people placed by where they stand, the caption cut off the sentence after it without a stop.
    ("caption", r"\((?:L|C|L-R|l-r|left|centre|center|from left)\)[^.!?]*[^.!?\"”’)]$", "l c r left centre center"),
    (
        "caption",
        r"\((?:AP|AFP|Reuters|EPA|Getty Images)(?: Photo)?/[^)]{0,60}\)|/Getty Images\b|\(Photo(?: credit)?:|"
        r"\[(?:AP|AFP|Reuters|EPA|Getty Images|Getty|Al Jazeera)(?:/[^\[\]]{1,30})?\]$|"
        r"\bClick (?:to|on the) (?:enlarge|expand)|\bclick on (?:an|the) image\b",
        "ap afp reuters epa getty photo click",
    ),
    (
        "stamp",
        rf"\W*Updated at \d|\W*(?:\d{{1,2}} (?:minutes?|hours?|days?|weeks?|months?) ago|"
        rf"Published|Posted|Updated|Last updated|"
        rf"Modified)\b(?: on)?:? ?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? )?"
        rf"(?:(?:{_MONTHS})\.? \d{{1,2}}|\d{{1,2}}[:/])"
        rf"|\W*\d{{1,2}} (?:minutes?|hours?|days?) ago\W*$|\d{{1,2}}:\d{{2}}, (?:{_MONTHS}) \d{{1,2}}, \d{{4}}"
        # A live blog's time alone: "7.57 pm.", "Update 11:32 a.m.", "Update, November 11, 12:03 PT: adds ..."
        r"|\d{1,2}[.:]\d{2} ?(?:[ap]\.?m\.?|[AP]M)\W*$|Update[d]?,? \d{1,2}:\d{2} ?(?:[ap]\.?m\.?|[AP]M)\W*$"
        rf"|Update[d]?,? (?:{_MONTHS})\.? \d{{1,2}}(?:, \d{{4}})?,? \d{{1,2}}:\d{{2}}",
        None,
    ),
    (
        "chart",
        r"\W*(?:Stock )?Chart (?:for|of)\b|\W*(?:Chart|Graphic|Interactive|Map)(?::| shows\b| of the day\b)",
        None,
    ),
    (
        "sign-up",
        r"\W*(?:Sign up|Sign Up|SIGN UP|Subscribe|SUBSCRIBE|Join us on|Join (?:The|the) Conversation|Like us on|"
        r"Follow us|Follow [@\w.]+(?: [A-Z]\w+)? on (?:Twitter|Facebook|Instagram)|FOLLOW (?:ME|US)\b|Follow me\b|"
        r"(?:Watch|WATCH) (?:[Mm]y|MY|[Oo]ur|OUR) (?:[Ll]ast|LAST|[Ll]atest|LATEST|[Nn]ew|NEW) (?:[Vv]ideo|VIDEO)|"
        r"Follow [^.!?]{0,60}(?:@\w|\b(?:Twitter|Facebook|Instagram|Google\+|YouTube|LinkedIn)\b)|"
        r"Get (?:the|our) .{0,60}"
        r"(?:newsletter|by email|Daily Edition|in your inbox)|Email Sign Up|Newsletter Sign Up|Stay Up To Date|"
        r"You (?:can|may) unsubscribe|By signing up|You must select a newsletter|Please verify you're not a robot|"
        r"View all .{0,40}newsletters|Want more\b|Download (?:the|our) app|Just fill in your contact details)",
        None,
    ),
    (
        "sign-up",
        r"\b(?:newsletters?|inbox)\b.{0,80}\b(?:[Ss]ign(?:ing)? up|[Ss]ubscrib\w*|delivered)\b|"
        r"\b(?:[Ss]ign(?:ing)? up|[Ss]ubscribe)\b.{0,80}"
        r"\b(?:newsletters?|inbox|email alerts|updates and special offers)\b",
        "newsletter newsletters inbox subscribe subscribed subscribing subscription unsubscribe sign signing",
    ),
    (
        "sign-up",
        r"\b[Ll]og (?:in|into|on)(?: to)? your account\b|\byour (?:credit )?card will be charged\b|"
        r"\buntil you cancel\b|\bcancel (?:at )?any ?time\b|\bfree shipping\b|\b[Aa]dd to (?:cart|bag|basket)\b",
        "log account charged cancel shipping cart bag basket",
    ),
    (
        "cookie-script",
        r"\bcookies?\b.{0,80}\b(?:browser|consent|policy|settings|accept|this (?:site|website))\b|"
        r"\b(?:[Ee]nable|[Tt]urn on|[Rr]equires?|[Dd]isabled?|[Aa]ctivate)\b.{0,30}\bJava[Ss]cript\b|"
        r"\bJava[Ss]cript\b.{0,30}\b(?:enabled|disabled|required|is off)\b|"
        r"\byour browser (?:does not|doesn't) support\b|\b(?:upgrade|update) your browser\b|"
        r"\b(?:Flash Player|Adobe Flash)\b.{0,40}\b(?:required|install|download|update)\b",
        "cookie cookies javascript browser flash",
    ),
    (
        "video-embed",
        r"\bAdd this video to your (?:website|site|blog)\b|\bcopying the code below\b|\bembed (?:code|this video)\b|"
        r"\bMedia requires JavaScript\b|\bVideo will (?:play|begin)\b|\bautoplay\b|\bNow [Pp]laying\b|"
        r"\bThis video is (?:no longer available|unavailable)\b|\bWatch the (?:full )?video\b|"
        r"\b(?:clip|video|player) (?:above|below)\b|\bWait \d+ seconds? to continue\b|GET THIS VIDEO\b|"
        r"\b(?:video|clip) (?:shown|seen|posted|embedded) (?:here|above|below)\b",
        "video embed autoplay playing copying clip player wait",
    ),
    (
        "comments",
        r"\W*(?:\d+ )?Comments?\s*(?:\(\d+\)|[:|]|$)|\W*(?:Leave|Post|Add) a comment\b"
        r"|\W*Comments? (?:are|is) closed\b",
        None,
    ),
    (
        "comments",
        r"\b(?:comments? (?:section )?below|comments? (?:are|will be) (?:moderated|reviewed|closed)|"
        r"(?:log|sign) in to (?:comment|reply)|commenting (?:guidelines|policy|is (?:closed|disabled))|"
        r"[Ll]et us know (?:in (?:the )?comments|what you think|your thoughts)|[Ss]ound off\b|"
        r"[Tt]ell us (?:about it|what you think|in the comments|your (?:story|thoughts))|"
        r"[Ss]hare your (?:own )?(?:thoughts|story|opinion|views)|on our Facebook page|"
        r"[Jj]oin the (?:discussion|debate) below|"
        r"\bWhat do you think\?|\bweigh in (?:below|in the comments))",
        "comment comments commenting let tell thoughts weigh facebook",
    ),
    (
        "byline-contact",
        r"\W*(?:Contributing:|Reporting by\b|Editing by\b|Additional reporting\b|Written by\b|Compiled by\b|"
        r"Contact [A-Z]\w+(?: [A-Z]\w+)+ at\b|Email [A-Z]\w+(?: [A-Z]\w+)* at\b|Reach [A-Z]\w+(?: [A-Z]\w+)* at\b|"
        r"Follow [A-Z]\w+(?: [A-Z]\w+)* on Twitter|(?:Copyright|©)(?:\s*©)?\s*\d{4}|"
        r"This (?:story|article) (?:was|has been) "
        r"(?:updated|corrected|edited|amended|revised|originally published)|"
        r"Original (?:article|story) (?:on|at|from)\b|"
        r"(?:An )?[Ee]arlier version of this (?:story|article|report|post)\b|Correction:|CORRECTION:|"
        r"(?:Call|Contact|Reach) (?:[\w'’.-]+ ){0,4}at \(?\d{3}\)?[ .-]?\d{3}-\d{4}\.?$|We regret the error\b|"
        r"(?:This|The) (?:article|story|post) (?:first |originally )?appeared (?:on|in|at)\b|"
        r"Originally (?:published|appeared) (?:on|in|at)\b|Editor['’]s [Nn]ote:|CONTACTS?:|Source:|Journal reference:)",
        None,
    ),
    (
        "byline-contact",
        r"\b[\w.-]+@[\w-]+\.(?:com|org|net)\b|\b[Aa]ll [Rr]ights [Rr]eserved\b|\bThis material may not be (?:published|"
        r"broadcast)|\b[Cc]lick (?:here|below|HERE)\b",
        "@ reserved material click",
    ),
    # A wire story's end notes: who contributed, how to reach them, where the reporter was.
    (
        "byline-contact",
        r"\bcontributed (?:to )?(?:this|the) (?:report|story|article)\b|\bcan be reached (?:at|on|via)\b",
        "contributed reached",
    ),
    ("byline-contact", r"^(?:[A-Z][\w'’.-]+ ){1,3}reported (?:from|in) [A-Z][\w .,'’-]{1,40}\.$", "reported"),
    (
        "sign-up",
        r"\bthank (?:all of )?you (?:all )?(?:who|for) (?:donat|support|read|visit)\w*|"
        r"\b[Dd]onate (?:now|today|here)\b|"
        r"\b[Pp]lease (?:donate|consider (?:donating|supporting)|support (?:us|our))\b",
        "donate donated donating",
    ),
    (
        "sign-up",
        r"\b(?:in|on|from) (?:your|the) (?:app store|App Store|APP STORE)\b|\bAPP STORE\b|"
        r"\b[Dd]ownload (?:the|our|it)\b.{0,40}\b(?:app|App)\b|\bGet (?:the|our) [\w&' ]{0,30}\bapp\b",
        "app",
    ),
    (
        "not-found",
        r"\bthe page you (?:requested|are looking for|were looking for|tried to reach) (?:could not|cannot|can't|"
        r"was not|does not|doesn't|is no longer)\b|\b[Pp]age [Nn]ot [Ff]ound\b|\b404 (?:[Ee]rror|[Nn]ot [Ff]ound)\b|"
        r"\bthe page URL may have changed\b|"
        r"\b[Pp]lease contact our webmaster\b|\bthis data is currently not publicly accessible\b",
        "requested 404 found url webmaster accessible",
    ),
    ("not-found", r"\bit may no longer be (?:here|available)\b", "longer"),
    # A pointer to something on the page: "Read Hockley's letter to herself here.", "Watch the moment unfold below:",
    # "You can read the full interview here.", and a site's tip line: "You can share ideas for stories on the
    # Open Wire."
    (
        "promo",
        r"^(?:You can |You may )?(?:[Rr]ead|[Ww]atch|[Ss]ee|[Vv]iew|[Ll]isten to|[Hh]ear|[Cc]heck out)\b"
        r"[^.!?:\"“”]{0,100}?"
        r"\b(?:here|below|above)\W*$|^You can (?:share|send|submit|email) (?:your )?(?:story )?(?:ideas|tips)\b",
        "here below above ideas tips",
    ),
    # A site's tag line, a form's terms, a video's warning, an investment column's disclosure: "Read more about: Mitt
    # Romney", "Note: By submitting this form, you agree to …", "Warning: The following video contains graphic
    # footage.", "Disclosure: The author has no positions in any stocks mentioned …".
    ("promo", r"^Read more about:", "about"),
    # A box that sends the reader to another site: "More information Visit Harvard Medical School's Healthy Sleep
    # website for more about sleep, learning and memory."
    ("promo", r"^(?:More information:? )?Visit [^.!?]{0,80}\b(?:website|site|page) for more\b", "visit"),
    ("sign-up", r"\b[Bb]y submitting this form\b", "submitting"),
    ("video-embed", r"\b[Tt]he following (?:video|clip|footage) (?:contains|includes|may contain)\b", "following"),
    ("byline-contact", r"^Disclosure: (?:The author|I|We)\b", "disclosure"),
    # What the page shows elsewhere: "The 2017 guidelines are also provided below for reference."
    (
        "promo",
        r"\b(?:is|are) (?:also )?(?:provided|shown|listed|included|embedded|attached) (?:below|above)\b",
        "below above",
    ),
    # A video's link after its title: "Popeye meets Wilco in hand-drawn cartoon music video [Video Link]".
    ("promo", r"\[(?:Video|Audio|Photos?|Gallery|Image)(?: Link)?\]", "video audio photo photos gallery image"),
    # A teaser's title before its link, left in the text: "‘Quite backwards’: Chinese tourists gawk … Read more".
    ("promo", r"(?:^|\s)Read more\W*$", "more"),
    # A figure's caption: "… are plotted as white lines.", "… is shown in red."
    (
        "caption",
        r"\b(?:are|is) (?:plotted|shown|marked|drawn|depicted) (?:as|in|with|by) (?:the )?"
        r"(?:white|black|red|blue|green|"
        r"yellow|gr[ae]y|orange|purple|dashed|dotted|solid|open|filled)\b",
        "plotted shown marked drawn depicted",
    ),
    # A caption that says where the photo is: "A patient is prepared for an MRI in a file photo."
    (
        "caption",
        r"\bin (?:a|an|this) (?:undated |handout |file |recent )*(?:photo|image|picture|photograph)\.$",
        "photo image picture photograph",
    ),
    # A web host's placeholder for a domain that is not set up yet.
    (
        "not-found",
        r"\b(?:custom )?domain mapping\b|\bplease visit our help center\b|\b[Tt]his domain (?:is|may be) for sale\b|"
        r"\b[Aa]ccount (?:has been )?[Ss]uspended\b",
        "mapping center sale suspended",
    ),
    (
        "credits",
        rf"(?:Directed|Produced|Written|Screenplay|Cinematography|Edited|Music|Starring|Executive produced|Costumes?|"
        rf"Production design|Choreography)(?: and (?:written|directed|produced))?(?: by)?:? {_NAMES}"
        rf"(?:[,;] ?(?:(?:written|produced|edited|directed|photographed|music)(?: and \w+)? by )?{_NAMES})*\.?$"
        r"|(?:Running time|MPAA rating|Rated (?:G|PG|PG-13|R|NC-17))\b",
        None,
    ),
    (
        "sign-up",
        r"\b[Pp]lease (?:sign up|register|subscribe) (?:here|now|today|below)\b|"
        r"\bdownload (?:a|your|the) (?:free )?copy\b|"
        r"\b(?:a|our|this|the) (?:free |upcoming )?webinar\b|"
        r"^This (?:booklet|report|series|newsletter|podcast|guide|content|webinar) (?:was|is|has been) made possible\b",
        "sign register subscribe download webinar possible",
    ),
    (
        "sign-up",
        r"^(?:Invalid email address|Please re-enter|Please try again later|Please enter a valid email)\b|"
        r"\bWe respect your privacy\b|\b[Ss]ubscribe (?:today|now)\b|^Follow our [^.!?]{0,50}\bcoverage\b",
        "invalid re enter again privacy subscribe follow",
    ),
    (
        "promo",
        r"^Stay with [A-Z][\w'’-]* for\b|^(?:Visit|Check out|Go to) [\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov)\b|"
        r"^(?:AUDIO|Audio|LISTEN|Listen):|^Watch (?:it |the video |the clip )?here\W*$",
        "stay visit check go audio listen watch",
    ),
    # A film's languages: "In English and some French with English subtitles."
    ("credits", r"^In [A-Z]\w+(?:(?:,| and| with) (?:some )?[A-Z]\w+)*,? with (?:English )?subtitles\.?$", "subtitles"),
    # A live blog's header, a radio transcript's notice.
    ("stamp", r"\(all times local\)", "local"),
    (
        "byline-contact",
        r"\bauthoritative record of\b.{0,40}\bprogramming\b|"
        r"\btranscripts? (?:is|are|was|were|may be) (?:created|produced|"
        r"provided|generated) on a rush deadline\b|\b(?:text|copy|transcript) may not be in its final form\b|"
        r"\bRUSH TRANSCRIPT\b",
        "authoritative deadline final transcript",
    ),
    (
        "web-archive",
        r"\bcrawl data\b|\bWayback Machine\b|\bcrawls are part of an effort to archive\b|\bbroken links on the web\b|"
        r"\bNo More 404\b|\bThe seed for (?:this|the) crawl\b|^The seed for \w+ was\b|\bWARC files\b|"
        r"\bweb collections curated by\b|"
        r"\bthe Internet Archive hopes\b|\bArchive-It\b|\bCrawl of outlinks\b|\bProperties of this collection\b|"
        r"\bTurned off duplicate detection\b|\bThese files are currently not publicly accessible\b|\bseed ?list\b|"
        r"^For this collection, several things\b",
        "crawl crawls crawled wayback archive links 404 warc collections collection outlinks duplicate accessible seed "
        "seedlist",
    ),
    (
        "social-notice",
        r"\bTweets? with a location\b|\blocation information to your Tweets\b"
        r"|\bdelete your (?:Tweet )?location history\b|"
        r"\bAdd a location to your Tweets\b|\bswitch location on/off\b|\bTwitter (?:may be over capacity|stores that "
        r"location)\b|\bThis Tweet is unavailable\b|\bEmbed this (?:Tweet|Post)\b|\bView this post on Instagram\b|"
        r"^\W*Learn more\W*$",
        "tweet tweets location instagram learn",
    ),
]

# A question put to the reader: "Have you seen this?", "What do you think?" (not in quotes).
_READER_QUESTION = re.compile(
    r"(?:Do|Did|Does|Have|Has|Are|Were|Would|Will|Can|Could|Should|Is|Ever|What|Which|How|Who|Where|Why)\b"
    r"[^\"“”]{0,120}\byou(?:r|'re|’re|'ve|’ve)?\b[^\"“”]*\?$"
)
# A video's promo line: "NBC10's Lu Ann Cahn has the details.", "WSJ's Sumathi Reddy discusses with Tanya Rivero."
_VIDEO_ENDS = ("details.", "story.", "latest.", "more.", "reports.")
_VIDEO_PROMO = re.compile(
    r"(?:[A-Z][\w.]*['’]s )?[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3} (?:ha(?:s|ve) (?:the )?(?:details|story|latest|more)"
    r"|reports|discusses(?: [\w'’-]+){0,4} with [A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3})\.$"
)
# A wire photo's caption ends with its date: "... in Castel Gandolfo Saturday, March 23, 2013."
_CAPTION_DATE = re.compile(
    r"(?:,| (?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,) (?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, )?"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December) \d{1,2}, \d{4}\.$"
)
# A wire photo's caption dates itself in full: "..., Thursday, Dec. 20, 2012, in Des Moines, Iowa."
_WEEKDAY_DATE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,? (?:Jan|Feb|March|April|May|June|July|Aug|Sept?|Oct|Nov|Dec)"
    r"[a-z]*\.? \d{1,2}, (?:19|20)\d{2}\b"
)
# A photo's date at a caption's end, and the present tense captions describe a photo in (with no past tense).
_DATED_END = re.compile(
    r"(?:,| on| in) (?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}, (?:19|20)\d\d\.$"
)
# The same with the photo's place after its date: "..., on July 12, 2013, in Austin."
_DATED_PLACE_END = re.compile(
    r"(?:,| on| in) (?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.) \d{1,2}, (?:19|20)\d\d,? (?:in|at) [A-Z][\w.'’-]*"
    r"(?:,? [A-Z][\w.'’-]*){0,3}\.$"
)
_CAPTION_VERB = re.compile(
    r"^(?!.*\b(?:was|were|had|said|did)\b).*\b(?:is (?:seen|shown|pictured|pumped)|are (?:seen|shown|pictured)|speaks|"
    r"performs|moves|kneels|arrives|walks|stands|sits|poses|waves|gestures|listens|smiles|attends|talks|holds|reacts|"
    r"delivers|addresses|greets|visits|celebrates|prays|departs|rides|carries|leaves|looks on)\b"
)
_RUNNING_TIME = re.compile(r" \(\d{1,2}:\d{2}\)$")
# An author's note at the end of an article: "Katherine Spillar is executive editor of Ms. magazine.", "A writer and
# former tv producer, Matthew Sheffield covers politics, media, and technology for Salon."
_AUTHOR_BIO = re.compile(
    r"(?:[A-Z][\w'’.-]+ ){1,3}(?:is|was) (?:a |an |the )?(?:[\w-]+ ){0,3}(?:editor|writer|reporter|columnist|"
    r"correspondent|contributor|blogger)\b(?: (?:of|at|for|with) [^;]{2,60}?)?\.$"
    r"|(?:[\w,'’ -]{0,80}, )?(?:[A-Z][\w'’.-]+ ){1,3}(?:covers|writes about|writes for|blogs about)\b[^;]{2,120}\.$"
)
_TITLE_CREDIT = re.compile(r"(?:[A-Z][\w'’.-]* ){1,8}\((?!(?:CNN|AP|Reuters|AFP|UPI)\))(?:[A-Z][\w'’.&-]* ?){1,5}\)")
_CAPS_DOMAIN = re.compile(r"(?:[A-Z0-9-]+\.)+(?:COM|NET|ORG)")
_QUOTED_HEAD = re.compile(r"[‘'][A-Z][A-Za-z0-9-]*(?:['’][a-z]+)?(?: [A-Za-z0-9-]+(?:['’][a-z]+)?){0,5}[’']")
_LOWER_WORD = re.compile(r"\b[a-z][a-z]{3}")
# A photo credit as a segment of its own: "(Photo by Win McNamee/Getty Images)", "(Katherine Frey/The Washington
# Post)", "Photograph: Brook Lapping/Kessler Prod/BBC", "| ABC", "(Associated Press)".
_CREDIT = re.compile(
    r"\(?(?:Photo(?:graph)?s?|Image|Picture|Credit|Photo credit)(?:\s*[:|]| by\b)|\([^()]{2,60}/[^()]{2,60}\)$|"
    r"\| ?[A-Z]|\(?AP Photo\b|\((?:Associated Press|AP|Getty Images|Getty|AFP|Reuters|EPA)\)$"
)
# The end of a sentence, or of a line a sentence runs on from; a segment without one may be a headline.
_ENDINGS = frozenset(".!?…:;,\"”’')]")
# A teaser or caption cut off by the page: "...died of a heart attack on Tuesday,..."
_TRUNCATED = re.compile(r"[\w,;:)]\s?(?:\.\.\.|…)$|[a-z]\.\.\.\.$")
# The opening of an answer: a question followed by one is an interview's, not the reader's.
_ANSWER = re.compile(r"[\"“‘'`]|(?:I|I'm|I’m|I've|I’ve|We|We're|We’re|Yes|No|Well|Oh|Sure|Absolutely|Not|Nope|Yeah)\b")


def _word_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _start_rules() -> tuple[re.Pattern[str], list[str]]:
    """All rules without keys in one pattern, each a named group, matched once at the segment's start."""
    names = [name for name, _, keys in _RULES if keys is None]
    parts = [f"(?P<r{k}>{pattern})" for k, (_, pattern, keys) in enumerate(r for r in _RULES if r[2] is None)]
    return re.compile("|".join(parts)), names


_AT_START, _START_NAMES = _start_rules()
_ANYWHERE = [(name, re.compile(pattern), _word_set(words)) for name, pattern, words in _RULES if words is not None]
_TRIGGERS = frozenset().union(*(words for _, _, words in _ANYWHERE))
_AT = frozenset(["@"])
_CAPS = frozenset(["@caps"])  # a label in capitals: READ MORE, SEE ALSO, MUST WATCH, MORE
_CAPS_GATE = frozenset(["read", "also", "watch", "more"])
_ANY_TRIGGER = _TRIGGERS | _CAPS_GATE
# Per trigger word, the _ANYWHERE rules (by index) it wakes: a segment tries only those, in rule order.
_RULES_OF = {w: tuple(k for k, (_, _, ws) in enumerate(_ANYWHERE) if w in ws) for w in _TRIGGERS}
# Where a segment may open with furniture: its first word, or one of these first characters.
_FIRST_WORDS = _word_set(
    "update updated advertisement ap photo photograph photos image images media picture pictures credit getty istock "
    "shutterstock published posted modified more related read watch must video videos gallery recommended trending "
    "sponsored editor hide caption illustration screenshot screengrab file pictured corrects stock chart graphic "
    "interactive sign subscribe follow email newsletter download comments comment contributing reporting editing "
    "additional written compiled contact contacts reach copyright source journal continue buy map shown close "
    "directed produced screenplay cinematography edited music starring running rated mpaa keep scroll original "
    "originally monday tuesday wednesday thursday friday saturday sunday correction submitted courtesy handout "
    "contributed figure fig"
)
# First words that open furniture only before one of these ("In this image released by...", "A post shared by").
_FIRST_PAIRS = {
    "in": _word_set("this"),
    "what": _word_set("to"),
    "earlier": _word_set("version"),
    "this": _word_set("image photo photograph picture screenshot undated file story article"),
    "a": _word_set(
        "post police artist undated sketch rendering drawing mugshot booking handout file video still composite photo "
        "photograph picture image illustration satellite"
    ),
    "an": _word_set("artist undated image illustration earlier"),
    **{word: _word_set("of") for word in ("one", "two", "three", "four", "five", "some", "several", "many", "both")},
    "here": _word_set("are is"),
    "click": _word_set("here to through"),
    "share": _word_set("this"),
    "print": _word_set("this"),
    "costume": _word_set("design designer"),
    "costumes": _word_set("by"),
    "production": _word_set("design"),
    "choreography": _word_set("by"),
    "executive": _word_set("produced"),
    "for": _word_set("more"),
    "take": _word_set("our the a"),
    "have": _word_set("a"),
    "find": _word_set("out"),
    "check": _word_set("out"),
    "test": _word_set("your"),
    "get": _word_set("the our"),
    "don": _word_set("t"),
    "you": _word_set("can may must agree"),
    "by": _word_set("signing"),
    "most": _word_set("popular read"),
    "just": _word_set("watched"),
    "top": _word_set("stories"),
    "next": _word_set("up"),
    "up": _word_set("next"),
    "last": _word_set("updated"),
    "story": _word_set("continued continues highlights"),
    "see": _word_set("also more the our"),
    "show": _word_set("caption"),
    "like": _word_set("us"),
    "stay": _word_set("up"),
    "please": _word_set("verify turn enable"),
    "view": _word_set("all"),
    "want": _word_set("more"),
    "post": _word_set("a"),
    "add": _word_set("a this"),
    "leave": _word_set("a"),
    "join": _word_set("us the"),
    "explore": _word_set("further"),
}
_FIRST_CHARS = frozenset("0123456789#@—–-►▶»>➜→(|[©")
_WORD = re.compile(r"\w+")


def furniture_rule(text: str, words: Sequence[str] | None = None) -> str | None:
    """The name of the furniture rule that ``text`` (one segment) breaks, or None for an article sentence.

    >>> furniture_rule("Add this video to your website by copying the code below.")
    'video-embed'
    >>> furniture_rule("Do you think the deal will hold? Tell us about it on our Facebook page.")
    'comments'
    >>> furniture_rule("Kim told reporters: “Do you know what this means?”") is None
    True
    """
    if words is None:
        words = _WORD.findall(text.lower())
    if not words:
        return None
    first = words[0]
    if (
        first in _FIRST_WORDS
        or text[0] in _FIRST_CHARS
        or (first in _FIRST_PAIRS and len(words) > 1 and words[1] in _FIRST_PAIRS[first])
        or text.find("/", 0, 80) >= 0
    ):
        m = _AT_START.match(text)
        if m is not None:
            return _START_NAMES[int(m.lastgroup[1:])]
    at = "@" in text
    # One look at the words for any trigger first: most segments hold none.
    if at or not _ANY_TRIGGER.isdisjoint(words):
        caps = not _CAPS_GATE.isdisjoint(words) and (
            "READ" in text or "ALSO" in text or "WATCH" in text or "MORE" in text
        )
        if at or caps or not _TRIGGERS.isdisjoint(words):
            present = _TRIGGERS.intersection(words)
            if at:
                present |= _AT
            if caps:
                present |= _CAPS
            woken = {k for w in present for k in _RULES_OF[w]}
            for k in sorted(woken) if len(woken) > 1 else woken:
                name, pattern, _ = _ANYWHERE[k]
                if pattern.search(text):
                    return name
    if text[-1] == ")" and _RUNNING_TIME.search(text, max(0, len(text) - 8)):
        return "video-embed"  # a video's title and running time: "Wedding costs soar to new highs (3:40)"
    if text[-1] == ")" and _TITLE_CREDIT.fullmatch(text):
        return "caption"  # a name and its credit: "Florida Lottery Timothy Poole Timothy Poole (Florida Lottery)"
    if text[0] in "‘'" and _QUOTED_HEAD.fullmatch(text):
        return "headline"  # a subhead in single quotes, cut off its paragraph: "'Zero visibility'"
    if text[-4:] in (".COM", ".NET", ".ORG") and _CAPS_DOMAIN.fullmatch(text):
        return "caption"  # a credit to a web site, in capitals: "DEVONJAMESXXX.COM"
    if text[0] == "[" and text.count("[") > text.count("]"):
        return "promo"  # a bracketed link to another story, cut inside by the splitter: "[Rapinoe responds: ‘It’s ..."
    last = text[-1]
    if last == ".":
        if len(text) < 110 and (text.endswith(_VIDEO_ENDS) or " discusses " in text) and _VIDEO_PROMO.match(text):
            return "video-embed"
        if text[-5:-1].isdigit() and _CAPTION_DATE.search(text, len(text) - 45):
            return "caption"
        if text[-5:-1].isdigit() and _DATED_END.search(text, len(text) - 30) and _CAPTION_VERB.search(text):
            return "caption"  # "Bill Cosby performs at the Buell Theater in Denver on Jan. 17, 2015."
        if (
            (", 20" in text or ", 19" in text)
            and _DATED_PLACE_END.search(text, max(0, len(text) - 80))
            and _CAPTION_VERB.search(text)
        ):
            return "caption"  # "Senator Wendy Davis listens as ... before the final vote, on July 12, 2013, in Austin."
        if text.endswith("...") and _TRUNCATED.search(text, len(text) - 6) and _quotes_closed(text):
            return "truncated"
    elif last == "?":
        if _READER_QUESTION.match(text):
            return "reader-question"
    elif last == "…" and _TRUNCATED.search(text, len(text) - 6) and _quotes_closed(text):
        return "truncated"
    if len(words) >= 3 and _is_headline(text, len(words)):
        return "headline"
    if (", 20" in text or ", 19" in text) and _WEEKDAY_DATE.search(text):
        return "caption"
    return None


def _is_headline(text: str, n_words: int) -> bool:
    """A title-case segment: without a final stop, or with one when every longer word is capitalised."""
    if text[-1:] not in _ENDINGS:
        return _title_case(text)
    space = text.find(" ")
    if n_words < 5 or not text[space + 1 : space + 2].isupper():
        return False
    # Most sentences show a lower-case longer word early on: no need to look further.
    if n_words < 5 or _LOWER_WORD.search(text, 0, 60):
        return False
    return not text.isupper() and _title_case(text, 1.0, 4)


def _title_case(text: str, share: float = 0.75, least: int = 2) -> bool:
    """Whether most longer words of ``text`` are capitalised, as in a headline: "Kate Upton Breaks News on Red Carpet".

    >>> _title_case("Kate Upton Breaks Engagement News on Red Carpet"), _title_case("It isn't")
    (True, False)
    """
    long = [w for w in text.split() if len(w) > 3]
    return len(long) >= least and sum(w[:1].isupper() for w in long) >= share * len(long)


def _quotes_closed(text: str) -> bool:
    """No quote left open in ``text`` (an ellipsis inside a quote is the quoted speaker's)."""
    return (
        text.count('"') % 2 == 0
        and text.count("“") <= text.count("”")
        and text.count("``") <= text.count("''")
        and not text.startswith(("'", "‘"))
    )


def furniture_labels(sentences: Sequence[Sentence], words: Sequence[Sequence[str]] | None = None) -> dict[int, str]:
    """``{index: "furniture"}`` for every sentence that breaks a furniture rule.

    A question to "you" that the next sentence of its article answers ("I ...", "Yes", a quote)
    is an interviewer's, and stays.  A few words without a final stop that end before more text on
    their line (a subhead the splitter cut off its sentence) are labelled ``headline``, and so is an
    article's opening of up to 80 such words (a headline glued to its first sentence).  Among an
    article's last three sentences, one that says who its author is ("Katherine Spillar is executive
    editor of Ms. magazine.") is a byline too.
    """
    labels: dict[int, str] = {}
    last = {s.doc: i for i, s in enumerate(sentences)}
    phrases: set[int] = set()  # labelled as captions for want of a verb (one does not vouch for the next)
    for i, s in enumerate(sentences):
        rule = furniture_rule(s.text, None if words is None else words[i])
        if rule == "reader-question" and i + 1 < len(sentences):
            nxt = sentences[i + 1]
            if nxt.doc == s.doc and _ANSWER.match(nxt.text):
                continue
        # Where the line starts, or where only furniture stands before on the line.
        opens = s.line_start or (i - 1 in labels and sentences[i - 1].doc == s.doc)
        if rule is not None:
            labels[i] = "headline" if rule == "headline" else "furniture"
            if i and rule in _LEADS_TO and _is_teaser_question(sentences[i - 1], s) and i - 1 not in labels:
                labels[i - 1] = "furniture"  # "What will everyone be talking about? Have a look at our gallery"
            if (
                i
                and rule in ("label", "caption", "promo")
                and (s.text[0] == "|" or s.text.count(" ") < 10)
                and _CREDIT.match(s.text)
                and _is_caption(sentences[i - 1], s)
            ):
                # The photo's caption, before its credit on the same line.
                for k in _caption_block(sentences, labels, i, alone=rule != "promo"):
                    labels[k] = "furniture"
            elif rule == "caption" and _is_named_credit_caption(sentences, labels, i):
                labels[i - 1] = "furniture"

        elif (
            not s.line_end
            and s.text[-1] not in _ENDINGS
            and (
                s.text.count(" ") < 8
                or (opens and s.text.count(" ") < (25 if s.position else 80))
                or (s.text.count(" ") < 20 and _before_quote(sentences, i))
            )
        ):
            # Words cut off the sentence after them: a subhead, or the article's headline (with its standfirst).
            labels[i] = "headline"
        elif last[s.doc] - i < 3 and s.text.count(" ") < 25 and _AUTHOR_BIO.match(s.text):
            labels[i] = "furniture"
        elif (
            (
                s.position == 0
                or (i - 1 in labels and i - 1 not in phrases and opens)
                or _after_caption(sentences, labels, i)
            )
            and s.text.count(" ") < 14
            and _is_verbless(s.text)
        ):
            phrases.add(i)
            # A noun phrase alone at an article's start, or after a caption on its line, is a caption:
            # "The cabin of a Qatar Airways plane.", "Figure 1: ... Camarasaurus skeletons KUVP 129713 and 129716."
            labels[i] = "furniture"
        elif s.position == 0 and i + 1 < len(sentences) and _is_stopped_headline(s, sentences[i + 1]):
            labels[i] = "headline"
        elif _after_site_credit(sentences, labels, i) and s.text.count(" ") < 40:
            # A photo's caption after its credit, a web site in capitals, where the article opens:
            # "DEVONJAMESXXX.COM 'I want you to be my whore' was one text message ... says Tiger Woods sent her."
            labels[i] = "furniture"
    return labels


def _before_quote(sentences: Sequence[Sentence], i: int) -> bool:
    """Whether the sentence after ``i``, in its article, opens with a quote mark: words without a stop before it
    are a title ("Baby survives fall from third-floor window in the Bronx “She looked like a little doll,” …")."""
    return i + 1 < len(sentences) and sentences[i + 1].doc == sentences[i].doc and sentences[i + 1].text[:1] in '“"'


def _is_stopped_headline(first: Sentence, lede: Sentence) -> bool:
    """Whether an article's short first sentence is its headline with a stop, the lede after it opening with
    the same name: "Northwestern football players win pivotal union case. Northwestern University football
    players on scholarship are employees of the school ..."."""
    head = first.text.split(" ", 1)[0]
    return (
        lede.doc == first.doc
        and first.text.endswith(".")
        and first.text.count(" ") < 10
        and head[:1].isupper()
        and head not in STARTERS
        and lede.text.startswith(head + " ")
        and lede.text.count(" ") > 1.5 * first.text.count(" ")
        and not any(w.endswith("ed") or w in _PAST for w in _WORD.findall(first.text.lower()))
    )  # headlines speak in the present: a past tense ("Apple sold more phones.") is the lede's own


def _after_site_credit(sentences: Sequence[Sentence], labels: dict[int, str], i: int) -> bool:
    """Whether the sentence before ``i`` is a labelled web site in capitals ("DEVONJAMESXXX.COM") on the same
    line, with nothing but labelled furniture before it in its article."""
    if not i or labels.get(i - 1) != "furniture" or sentences[i].line_start:
        return False
    credit = sentences[i - 1]
    if credit.doc != sentences[i].doc or not _CAPS_DOMAIN.fullmatch(credit.text):
        return False
    k = i - 2
    while k >= 0 and sentences[k].doc == credit.doc:
        if k not in labels:
            return False
        k -= 1
    return True


def _after_caption(sentences: Sequence[Sentence], labels: dict[int, str], i: int) -> bool:
    """Whether the sentence before ``i``, on the same line, is a labelled caption."""
    return (
        i > 0
        and labels.get(i - 1) == "furniture"
        and _is_caption(sentences[i - 1], sentences[i])
        and furniture_rule(sentences[i - 1].text) == "caption"
    )


# A photo credit that names its source alone, in brackets: "(Courtesy of the State Department)".
_NAME_CREDIT = re.compile(
    r"\((?:Courtesy(?: of)? |via )?(?:[A-Z][\w'’.&-]*|of|the|and|for|de)"
    r"(?: (?:[A-Z][\w'’.&-]*|of|the|and|for|de)){0,6}\)"
)


def _is_named_credit_caption(sentences: Sequence[Sentence], labels: dict[int, str], i: int) -> bool:
    """Whether the sentence before the credit at ``i`` (a name in brackets, on the same line) is its photo's caption:
    a noun phrase without a verb ("The real U.S. Embassy in Ghana.") or a caption's present tense."""
    if not i or i - 1 in labels or not _is_caption(sentences[i - 1], sentences[i]):
        return False
    if not _NAME_CREDIT.fullmatch(sentences[i].text):
        return False
    before = sentences[i - 1].text
    return (before.count(" ") < 14 and _is_verbless(before)) or _CAPTION_VERB.search(before) is not None


# Verbs in the past tense that do not end in "-ed".
_PAST = _word_set(
    "was were had did said told made sold got went came took gave found left won lost saw knew became began held "
    "kept brought bought met paid ran rose fell grew wrote spoke broke chose drove shot fled struck"
)
# A label that opens a photo's caption.
_PHOTO_LABEL = re.compile(r"\W*(?:Buy Photo|Photo|Image|Picture|(?:Media |Image |Hide |Show )?[Cc]aption)\W*$")

# Words that are verbs, or make a clause: a sentence with none of them (and no "-ed" word, no "-s" word before a
# lower-case one, no pronoun, no quote) is a noun phrase.
_CLAUSE_WORDS = _word_set(
    "is are was were be been being am has have had will would can could may might must shall should do does did "
    "said says say told tells get got gets go goes went gone come came comes take took takes make made makes give "
    "gave gives see saw sees know knew knows find found finds think thought leave left lead led win won lose lost "
    "hit put set run ran begin began become became hold held keep kept bring brought buy bought seek sought fight "
    "fought catch caught teach taught build built send sent spend spent stand stood meet met pay paid sit sat fall "
    "fell rise rose grow grew draw drew fly flew throw threw write wrote speak spoke break broke choose chose drive "
    "drove eat ate wear wore shoot shot flee fled hide hid strike struck let cut quit shut spread cost hurt read "
    "feel felt mean meant hear heard sell sold tell need want like look seem withdrew underwent sank own call face "
    "include attend disagree riot please i we you they he she it who which that there here let's me them try tries "
    # Verbs in the third person that a headline or a reply may put before a capitalised word ("Trump resumes
    # Twitter attacks.", "Reach out."), where the "-s before a lower-case word" test cannot see them.
    "resumes returns launches opens closes wins loses dies calls plans faces warns urges seeks hits takes shows "
    "announces unveils names signs joins leads backs slams rejects approves agrees ends starts begins becomes "
    "remains stays sets kills sues buys sells reach reaches"
)
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*|\S")


def _is_verbless(text: str) -> bool:
    """Whether ``text`` (a sentence ending in a stop) reads as a noun phrase without a verb, as captions do.

    >>> _is_verbless("The cabin of a Qatar Airways plane."), _is_verbless("Camarasaurus skeletons KUVP 129713.")
    (True, True)
    >>> _is_verbless("Police arrested him."), _is_verbless("Prices rose."), _is_verbless("Nobody knows why.")
    (False, False, False)
    """
    if not text.endswith(".") or text.endswith("..") or any(q in text for q in '"“”'):
        return False
    tokens = _TOKEN.findall(text)
    if len(tokens) < 3:
        return False
    for k, token in enumerate(tokens):
        low = token.lower()
        if low in _CLAUSE_WORDS or "'" in token[1:] or "’" in token[1:]:
            return False
        if token.islower() and len(token) > 3:
            if token.endswith(("ed", "en")):
                return False
            if token.endswith("s") and not token.endswith(("ss", "us", "is")):
                following = tokens[k + 1] if k + 1 < len(tokens) else "."
                if not (following[:1].isupper() or following[:1].isdigit()):
                    return False  # a verb's "-s" before its object: "Nobody knows why."
    return True


def _caption_block(
    sentences: Sequence[Sentence], labels: dict[int, str], credit: int, most: int = 3, alone: bool = True
) -> list[int]:
    """The sentences of the caption before the photo credit at ``credit``: the one right before it, or up to
    ``most`` on its line when they run back to a label that opens the caption ("Buy Photo Genesee County health
    official Jim Henry ... source. He said ... so. (Photo: Karen Bouffard / The Detroit News)").  A run back to
    the line's start proves nothing: scrapers glue a lede and the captions after it on one line, and a
    headline before a lede is no photo's label.  Without ``alone`` (a credit in brackets that reads as a
    promo too), only such a block counts.
    """
    block = [credit - 1]
    j = credit - 1
    while (
        len(block) < most
        and j > 0
        and not sentences[j].line_start
        and j - 1 not in labels
        and _is_caption(sentences[j - 1], sentences[j])
    ):
        j -= 1
        block.append(j)
    if (
        j - 1 in labels
        and _is_caption(sentences[j - 1], sentences[j])
        and (alone or _PHOTO_LABEL.match(sentences[j - 1].text))
    ):
        return block
    return block[:1] if alone else []


# Furniture that a teaser question before it leads into.
_LEADS_TO = frozenset(["promo", "comments", "sign-up", "video-embed"])


def _is_teaser_question(before: Sentence, promo: Sentence, max_words: int = 20) -> bool:
    """Whether ``before`` is a short question that leads into the promo after it, in the same article."""
    return (
        before.doc == promo.doc
        and before.position + 1 == promo.position
        and before.text.endswith("?")
        and before.text.count(" ") < max_words
        and _quotes_closed(before.text)
        and not before.text.startswith(('"', "“"))
    )


def _is_caption(before: Sentence, credit: Sentence, max_words: int = 60) -> bool:
    """Whether ``before`` is the caption of the photo that ``credit`` credits: on the same line, right
    before it, and no longer than a caption."""
    return (
        before.doc == credit.doc
        and not before.line_end
        and not credit.line_start
        and before.position + 1 == credit.position
        and before.text.count(" ") < max_words
    )


def furniture_pages(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    labels: dict[int, str],
    min_share: float = 0.5,
    max_text_words: int = 40,
) -> dict[int, str]:
    """Articles that are page furniture as a whole: ``{article index: what it is}``.

    An article is furniture when at least ``min_share`` of its text sits in sentences labelled
    ``furniture`` or ``boilerplate`` (a web-archive notice, a "Tweet with a location" page, a
    sign-up form) and fewer than ``max_text_words`` words in sentences with no label at all (a
    wire story with a dozen photo captions is still an article); it is named by the rule most of
    its furniture words break.

    >>> from newsfuse.split import FastSplitter
    >>> notice = Article("a", "These crawls are part of an effort to archive pages as they are created. "
    ...     "The goal is to fix all broken links on the web. Crawls of supported 'No More 404' sites.")
    >>> news = Article("b", "Kim Jong Un left Beijing on Wednesday. He met Xi Jinping.")
    >>> sents = FastSplitter().split(notice, 0) + FastSplitter().split(news, 1)
    >>> furniture_pages([notice, news], sents, furniture_labels(sents))
    {0: 'web-archive'}
    """
    # Characters stand in for words in the shares (a pass over ints; words are counted only for the
    # articles that qualify).
    chars = [0] * len(articles)
    bad = [0] * len(articles)
    for i, label in labels.items():
        if label == "furniture" or label == "boilerplate":
            s = sentences[i]
            bad[s.doc] += s.end - s.start
    for s in sentences:
        chars[s.doc] += s.end - s.start
    pages: dict[int, str] = {}
    for d in _teaser_lists(sentences, labels, len(articles)):
        pages[d] = "teaser-list"
    for d in _comments(sentences, labels, len(articles)):
        pages[d] = "comment"
    # A web archive's crawl notice, however much prose it holds: three of its lines give it away.
    archive = [0] * len(articles)
    for i, label in labels.items():
        if label == "furniture" and furniture_rule(sentences[i].text) == "web-archive":
            archive[sentences[i].doc] += 1
    for d, n in enumerate(archive):
        if n >= 3:
            pages[d] = "web-archive"
    for d in range(len(articles)):
        if not bad[d] or bad[d] < min_share * chars[d] or d in pages:
            continue
        own = [i for i, s in enumerate(sentences) if s.doc == d]
        if sum(sentences[i].n_words for i in own if i not in labels) < max_text_words:
            rules: dict[str, int] = {}
            for i in own:
                rule = furniture_rule(sentences[i].text) or "boilerplate"
                rules[rule] = rules.get(rule, 0) + sentences[i].n_words
            pages[d] = max(rules, key=rules.__getitem__)
    return pages


def _teaser_lists(
    sentences: Sequence[Sentence], labels: dict[int, str], n_articles: int, least: int = 5, share: float = 0.25
) -> list[int]:
    """Articles that are lists of other stories' teasers: at least ``least`` teasers cut off by the page
    after a word ("... according to new ...", not a writer's "news..." pause) and at least ``share`` of
    the article's sentences.

    Each teaser's first sentence, whole, reads as news; the cut ones give the page away.
    """
    total = [0] * n_articles
    cut = [0] * n_articles
    for i, s in enumerate(sentences):
        total[s.doc] += 1
        if labels.get(i) == "furniture" and s.text.endswith((" ...", " …")) and furniture_rule(s.text) == "truncated":
            cut[s.doc] += 1
    return [d for d in range(n_articles) if cut[d] >= least and cut[d] >= share * total[d]]


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I’m|I've|I’ve|I'd|I’d|my|me)\b")


def _comments(sentences: Sequence[Sentence], labels: dict[int, str], n_articles: int, max_words: int = 80) -> list[int]:
    """Short inputs that are a reader's comment or a post, not an article: under ``max_words`` words, at
    least two sentences, the first person singular in the first six words and in half the sentences,
    and nobody quoted or reported.

    >>> from newsfuse.split import FastSplitter
    >>> text = "I adore Betty White. She just keeps getting better. I am sure she would host the Oscars."
    >>> _comments(FastSplitter().split(Article("c", text), 0), {}, 1)
    [0]
    """
    sents: list[list[Sentence]] = [[] for _ in range(n_articles)]
    for s in sentences:
        sents[s.doc].append(s)
    out = []
    for d, own in enumerate(sents):
        if len(own) < 2 or sum(s.n_words for s in own) >= max_words:
            continue
        text = " ".join(s.text for s in own)
        if any(q in text for q in '"“”') or " said" in text or " says" in text:
            continue
        opening = " ".join(own[0].text.split()[:6])  # the writer speaks from the first words on
        if _FIRST_PERSON.search(opening) and 2 * sum(_FIRST_PERSON.search(s.text) is not None for s in own) >= len(own):
            out.append(d)
    return out


def drop_furniture_pages(
    articles: Sequence[Article], sentences: Sequence[Sentence], labels: dict[int, str]
) -> list[str]:
    """Label every sentence of each :func:`furniture_pages` article ``furniture``; one warning per article.

    >>> from newsfuse.split import FastSplitter
    >>> notice = Article("archive.org", "Starting in 1996, Alexa Internet has been donating their crawl data "
    ...     "to the Internet Archive. Flowing in every day, these data are added to the Wayback Machine.")
    >>> sents = FastSplitter().split(notice, 0)
    >>> labels = furniture_labels(sents)
    >>> drop_furniture_pages([notice], sents, labels)
    ['dropped input 1 (archive.org): a web-archive page, not an article']
    """
    pages = furniture_pages(articles, sentences, labels)
    for i, s in enumerate(sentences):
        if s.doc in pages:
            labels[i] = "furniture"
    return [f"dropped input {d + 1} ({articles[d].id}): a {rule} page, not an article" for d, rule in pages.items()]
