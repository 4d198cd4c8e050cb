"""What a question asks for, read from its wording: a reason, a specific detail (a name, a date, a number, a
duration), the exact words, something about the source itself, what came after the article, an opinion — and
whether it leans on its thread ("how come?", "and china?", "says who?"). The composer decides with these;
nothing here looks at the knowledge base."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from bot.core.reading import asks_only_agreement
from bot.core.source_questions import SourceQuestion, is_the_article, source_asked

Detail = Literal[
    "name",
    "date",
    "time",
    "number",
    "age",
    "duration",
    "event_duration",
    "agreement",
    "meeting",
    "contact",
    "purchase",
]

# "the ministers full name", "that guy's name": the name of the one just spoken of
_NAME_OF_ONE_SPOKEN_OF = (
    r"\b(the|that) ([\w'’]+ ){0,2}(official|person|guy|man|woman|minister|diplomat|leader)(s|['’]s)? "
    r"((full|actual|real|exact) )?names?\b"
)
_FOLLOW_UP = re.compile(
    r"^(and|but|so|also|then|what about|how about|what else|anything else|anything (on|about|re|regarding)|"
    r"any (word|mention|info|details?) (on|about)|why|how come|really|says who|"
    r"who says|source|even (with|after|though|tho|if|when|so))\b|"
    r"\b(that|this|it|its|they|them|their|those|these|he|she|his|her|else|more|other|another)\b|"
    # "who exactly?", "when was the last one then?": words that point back at what was just said.
    r"\b(exactly|the (last|first|next|previous|same|other) one)\b|\bthen\W*$|"
    # "what does pakistan think the US did there": there, where the thread just was
    r"\b(did|do|does|doing|done|say|said|happen|happened|play|played)\s+there\W*$|"
    # "whats the ministers full name": the one just spoken of
    rf"{_NAME_OF_ONE_SPOKEN_OF}",
    re.IGNORECASE,
)
_MORE = re.compile(r"\b(else|more|other|another|further|besides)\b", re.IGNORECASE)
_WHY = re.compile(
    r"\bwhat (rationale|reasons?|reasoning|motives?|justification|explanation)\b|"
    r"^\s*(and\s+|but\s+|so\s+|ok\s+)?(why|how come)\b|\bwhat (is|was|are|were) the reasons?\b|\bhow come\b|"
    r"\bwhat (made|led|drove|pushed|caused)\b|\bthe reasons? (for|behind|why)\b|\bwhy\b|"
    r"\bwhat('s| is| was| were) the (aim|goal|purpose|point|idea|motive|motivation|logic|thinking)\b",
    re.IGNORECASE,
)
# "were pak and russia always buddies?", "werent they enemies back in the day?": how two stood before
_PAST = re.compile(
    r"\b(always|ever|historically|traditionally|back in the day|back then|in the past|used to|originally|"
    r"long ago|(in )?the old days|before( (this|that|now|all this))?|cold war)\b",
    re.IGNORECASE,
)
_RELATION = re.compile(
    r"\b(friends?|friendly|buddies|buddy|mates?|besties|bffs?|close|tight|allies|ally|allied|enemies|enemy|"
    r"rivals?|adversar\w+|foes?|on good terms|(same|opposite|different) (sides?|teams?)|at odds|hostile|"
    r"g[eo]t along|bad blood|on the (\w+ )?side|in the (\w+ )?camp)\b",
    re.IGNORECASE,
)
# "was pakistan on the US side back in the day?": whose side one was on, no part of the story
_SIDE_TAKEN = re.compile(r"\b(is|was|were|are|been|be)\s+(\w+\s+){0,2}on the (\w+ )?side\b", re.IGNORECASE)
# "so who was pakistan with then": whose side one was on, before
_WITH_WHOM = re.compile(
    r"^\W*(and |so |but |ok )?who (was|were) (\w+ ){1,2}with( back)?( then| before| back then)?\W*$",
    re.IGNORECASE,
)
# "was this trip a spur of the moment thing or had it been cooking for a while?" (not "why are they getting
# cozy all of a sudden?", which asks why)
_SUDDEN = re.compile(
    r"\b(one[- ]?off|spur[- ]of[- ]the[- ]moment|(bolt|out) (from|of) the blue|out of nowhere|last[- ]minute|"
    r"snap decision|on a whim|impulsive|(random|sudden) (thing|one|trip|visit|move|decision)|"
    # "is this a new thing or have they…"
    r"(a|this|some) (brand )?new (thing|development) or)\b",
    re.IGNORECASE,
)
_IN_THE_MAKING = re.compile(
    r"\b((been|was|were) (building|brewing|cooking|in the works|in the making|planned|coming)|"
    r"long time coming|"
    r"(planned|building|brewing|cooking) (up )?(for|from) (a |some )?(while|long|long time|years|ages)|"
    r"how long ((ha(ve|d|s)|were|was) )?(they|the two( sides| countries)?|both sides|pakistan and russia)"
    r"( been)? (working|trying)( on| at| towards)?|"
    # "have they been working on it for a while?"
    r"been (working|trying|at it)( on| at| towards)?( (it|this|that|them))? for (a (long )?while|ages|years|"
    r"some time|a long time))\b",
    re.IGNORECASE,
)
# "how close are they really?": how far something has gone, which a sentence answers (not an overview).
_DEGREE = re.compile(r"\bhow (close|far|deep|strong|tight|serious|good|bad|warm|cold)\b", re.IGNORECASE)
_QUANTITY = re.compile(
    r"\bhow (much|many|big|large|high)\b(?! ?(of )?a deal)|\bwhat (amount|number|percentage|share|figure|"
    r"size|sum)\b|"
    # (not the verb, "what do they figure…", nor a sentence of its own, "…for russia. figures")
    r"\b(any |the )?(?<!they )(?<!you )(?<!we )(?<!do )(?<![.!] )(figures?)\b(?! (out|that)\b)|"
    r"\b(any |the )?(numbers|statistics|stats)\b|\b(size|value|volume|amount) of\b|\$\s?\d|"
    r"\b(trade|export|import|sales?) (volume|value|figures?)\b|"
    r"\b(billion|million|trillion)s?\b|"
    # "the total trade in dollars"
    r"\bin (dollars|usd|rupees|roubles|rubles|euros)\b|\btotal (trade|value|amount|volume|cost|sum)\b|"
    # "ballpark? like 3, 4?": a figure, roughly
    r"\bballpark\b|\blike \d+\s*(,|or|-|to)\s*\d+\b|"
    # "what's the trade worth these days, the actual number?" (not "worth it", "worth the risk")
    r"\b(actual|exact|specific|precise|hard) (numbers?|figures?|amounts?)\b|"
    # (not "more hassle than it's worth")
    r"(?<!its )(?<!it's )(?<!it’s )\bworth\b(?! (it|the|all|an)\b)(?! a (shot|try|look|read|go|mention|visit|"
    r"risk)\b)",
    re.IGNORECASE,
)
_NAME = re.compile(
    r"\bnames? of\b|\b(his|her|their|its|(the|that|this) (official|person|guy|man|woman|minister|diplomat|"
    r"leader)['’]?s)\s+(\w+\s+)?names?\b|"
    # ("whats the biden official's name", "whats the persons actual name")
    r"\bwhat('?s| is| was| were) (the|his|her|their|that|this)( [\w'’]+){0,3} names?\b|"
    r"\bnames? (pls|please|plz|batao|bata|btao|bataen|bataiye)\b|"
    # "what's the exercise called?", "what was that deal called"
    r"\bwhat('?s| is| was| were| are) (the|that|this|it|they|those)( \w+){0,2} called\b|"
    r"\bwho ((was|is) (it|that|this|he|she|they) )?(exactly|specifically)\b|"
    r"\b(got|have|has|need|want|give me|know) (a|the|their|his|her|any) names?\b|"
    r"\b((does|did|do) )?(it|the piece|the article|he|they|the writer|the author) (even )?names? "
    r"(anyone|anybody|names|them|him|her|someone)\b|"
    r"\b(the|their|its|his|her|an?) (actual|real|official|exact|specific|full|proper) names?\b|"
    r"\bidentify (the|him|her|them)\b|\bby name\b|"
    # "…w india, does it give names"
    r"\b(it|the article|the piece|he|the author) (give|gives|list|lists|have|has|mention|mentions|say|says) "
    r"(any |the |their |a )?names?\b|"
    # "can we name the biden official who called?", "who was it"
    r"\bname (the|that|this) (\w+ ){0,2}(official|person|guy|man|woman|minister|diplomat|envoy|leader)\b|"
    r"\bwho (was|is) (it|that|he|she)\W*$|"
    # ("…with india? names if it has them", "…? names too pls"): names asked for after the question
    r"(^|[?.!,])\s*(the )?names?(\s+(if|too|as well|also|pls|please|plz|of them)\b[^?.!]*)?\s*[?!.]*$|"
    r"\b(tho|though|but|the|his|her|their|a|any|real|actual|like) names?\s*\?+\s*$|"
    # "who was the last one tho": a person picked out of the thread by a word, to be named
    r"(^\s*|\b(and|so|but|yeah|ok|okay)\s+)who('s| is| was| were) (the|that) (\w+ )?(one|ones|guy|person|"
    r"people)\b|"
    # "which pakistani leader was the last to go to moscow before imran?", "which leader made that previous
    # visit?": the one before, by name (not "which American official contacted Pakistan?", described)
    r"\bwhich (\w+ )?(leader|prime minister|pm|president|head of state)\b.{0,60}\b(before|previous|last|"
    r"prior|earlier)\b|"
    # "so who was the last pakistani leader who went there": the one before, by name
    r"\bwho (was|were|is) the (last|previous|prior|earlier) (\w+ ){0,2}(leader|prime minister|pm|president|"
    r"head of state|one|person|guy)\b|"
    # "who made the previous one?", "who went last time?": the one before, by name
    r"^\s*(and\s+|so\s+)?who\b.{0,40}\b(the (previous|prior|earlier) (one|visit|trip)|last time)\b|"
    # "which pakistani leader was the one that visited before him?"
    r"^\s*(and\s+|so\s+)?which (\w+ ){1,2}(was|is|were) (the|that) (\w+ )?(one|ones|guy|person|people)\b|"
    # "who was in imran khan's delegation?", "who else was on the trip?": the people of a group, by name
    r"^\s*(and\s+|so\s+)?who( else)? (was|were|is|are|went) (in|on|part of|with|along)\b",
    re.IGNORECASE,
)
# "Who did Imran Khan meet in Moscow?": a counterpart the answer must name (someone other than the subject).
_COUNTERPART = re.compile(
    r"^\s*(and\s+)?(who|which\s+(\w+\s+){0,2}?(ministers?|officials?|leaders?|persons?|people|"
    r"counterparts?|diplomats?))\s+(did|does|will|would)\s+(\w+\s+){1,4}?(meet|see|sit down with|talk to|"
    r"talk with|speak to|speak with|hold talks with|negotiate with|call|phone|host|greet|deal with)\b|"
    # "Which Russian officials Imran Khan has met in Moscow?", as it is often put in English learnt later
    r"^\s*(and\s+)?(who|which\s+(\w+\s+){0,2}?(ministers?|officials?|leaders?|persons?|people|counterparts?|"
    r"diplomats?))\s+(\w+\s+){1,4}?(has|had|have)\s+(met|seen|talked to|spoken to|held talks with)\b",
    re.IGNORECASE,
)
# "Which agreements…", "what weapons…": the thing asked about, which the answering sentence must mention.
_FOCUS = re.compile(
    # (not a reason: "what rationale does the author give…" asks why; nor an adverb: "what precisely does…")
    r"\b(which|what)\s+(kind of\s+|sort of\s+|type of\s+)?(?!(else|other|more|the|this|that|"
    r"(exact|precise|specifical|actual|real|basical|ultimate|general)ly|"
    r"rationale|reasons?|reasoning|motives?|motivation|justification|explanation|part|role|"
    # (nor what something led to: "what effect does the writer say all this had")
    r"effects?|impacts?|consequences?|results?|outcomes?)\b)"
    # ("which energy projects does…", "which gas pipeline project is…": the head of a short phrase)
    r"(?:[a-z][a-z-]{2,}\s+){0,2}?"
    r"(?P<noun>[a-z][a-z-]{2,})(\s+(or|and|and/or)\s+[a-z][a-z-]{2,})?\s+"
    r"(did|does|do|was|were|is|are|has|have|had|will|would|can|could)\b",
    re.IGNORECASE,
)
# "energy piece — which project specifically?"
_WHICH_SPECIFICALLY = re.compile(
    r"\bwhich (?!ones?\b)(?P<noun>[a-z][a-z-]{2,}) "
    r"(specifically|exactly|in particular|precisely|concretely)\b",
    re.IGNORECASE,
)
# "any specific arms deals?", "which particular projects": the phrase names what is to be named.
_SPECIFIC = re.compile(r"\b(specific|particular|concrete)\s+(?P<phrase>[a-z-]{3,}(\s+[a-z-]{3,})?)", re.I)
_NOT_A_HEAD = frozenset({
    "in", "on", "at", "of", "for", "about", "from", "with", "did", "does", "do", "was", "were", "is", "are",
    "has", "have", "had", "tho", "though", "there", "that", "this", "the", "like", "they", "them", "it",
    "its",
})  # fmt: skip
# "how old is imran khan?": a person's age (how old the article is asks for its date).
_AGE = re.compile(
    r"\bhow old (is|was|are|were) (?!(the|this|that) (article|piece|story|news|report)\b)|\bwhat age\b|"
    r"\b(his|her|their) ages?\b",
    re.IGNORECASE,
)
# "When did Pakistan first get put on the grey list?": answered by a sentence that places it in time at all
# ("just days before the visit", "in recent years"), not only by a date.
_WHEN = re.compile(
    r"^\s*(and\s+|so\s+|but\s+)?when(\s*'s| (did|was|were|is|are|does|do|has|have|had))\b|\bsince when\b|"
    # "(does it say) when russia's invasion of ukraine started?" (not "when the US tilted to India, how…")
    r"^\s*when\b(?![^,?]*,)[^?]*\b(start|started|begin|began|end|ended|happen|happened)\b|"
    # the verb's helper left out, as in chat: "when he land and leave?"
    r"\bwhen (he|she|they|it|imran|khan|the pm) (land|landed|arrive|arrived|leave|left|get there|got there|"
    r"fly|flew|go|went|come back|came back)\b",
    re.I,
)
_LONE_DATE = r"^\W*(the )?(exact )?date\W*$"
_DATE = re.compile(
    r"\b(what|which) (exact )?(date|day|month|year)s?\b|\bon what (date|day)s?\b|"
    r"\b(exact|actual|specific|precise) (date|day|time)s?\b|"
    r"\bwhen exactly\b|\bwhat time\b|\b(the )?date (of|when)\b|\bwhat day\b|"
    r"\b(give|gives|mention|mentions|state|states|have|has) (the|a|any) (exact |actual )?date\b|"
    r"\b(the )?same (day|date|week|time) (as|that|when|russia|the)\b|"
    r"^\W*(so |and |but )?(no|any) (exact |actual )?dates?\b|"
    + _LONE_DATE,  # "date?" alone, "no dates at all?"
    re.IGNORECASE,
)
_EVENT_DURATION = re.compile(
    r"\bhow long( (did|does|was|were|will|would)\b|['’]d\b).*\b(last|take|stay|spend|go on|run|be there|"
    r"remain|talk|meet|speak|chat|sit|negotiate|discuss|go(?! without))\b|"
    r"\bfor how long\b.*\b(visit|trip|stay|stayed|meeting|talks?|tour|there|(was|were) in)\b|"
    r"\b(visit|trip|stay|stayed|meeting|talks?|tour|there|(was|were) in)\b.*\bfor how long\b|"
    r"\bhow many (days|hours|weeks|nights)\b|"
    r"\bhow long (the|his|their) (visit|trip|stay|meeting|talks?|tour) (lasted|took|was)\b|"
    r"\bhow long (was|were) (the|his|their) "
    r"(visit|trip|stay|meeting|tour)\b",
    re.IGNORECASE,
)
_DURATION = re.compile(r"\bhow long\b", re.IGNORECASE)
# "what did they sign in moscow?", "was the pipeline deal sealed?": what was agreed, and between whom (not
# "what's the deal with…", "a big deal", "deal with").
_AGREEMENT = re.compile(
    r"\b(sign|signs|signed|signing|ink|inked|seal|sealed)\b(?! (of|off)\b)|\bagree(d)? (on|upon)\b|"
    r"\bagree(d|s)? to (buy|sell|purchase|supply|provide|build|give|deliver)\b|"
    r"\bwhat (did|do|have|had) [\w ]{2,30}? agree(d)?\b|"
    r"(?<!what's the )(?<!whats the )(?<!what is the )(?<!big )"
    r"(?<!part of the )(?<!part of this )(?<!part of that )"
    # (nor the IMF's "deal", the bailout programme the article names)
    r"(?<!imf )(?<!bailout )(?<!loan )"
    # (not "deal with", nor Urdu's "deal karna", to deal with)
    r"\b(deals?|agreements?|pacts?|mous?|accords?|contracts?)\b(?! (with|w/?)(?=\s))(?! kar)",
    re.IGNORECASE,
)
# "is pakistan buying weapons from russia?", "did pk end up buying jets?": what was bought or sold.
_PURCHASE = re.compile(
    r"\b(buy|buys|buying|bought|sell|sells|selling|sold|purchas\w*|procur\w*|acquir\w*)\b", re.IGNORECASE
)
# "he got a twitter handle? wanna follow him", "the author's email?": how to reach someone.
_CONTACT = re.compile(
    r"\b(twitter|x|insta(gram)?|linkedin|facebook|tiktok|social media|social)\s+"
    r"(handle|account|profile|page)s?\b|"
    r"\b(a|his|her|their|the (author|writer)['’]s) handle\b|"  # not "how did washington handle pakistan"
    r"\b(e-?mail|email address|phone number|contact (details|info|information)|socials)\b|"
    # "does he have a twitter i can follow?"
    r"\b(have|has|got) (a |an )?(twitter|insta(gram)?|linkedin|facebook|tiktok|substack)\b|"
    # (not "want to follow them", a remark after "who wrote this?", whose answer is the author)
    r"\b(contact|reach|dm|email|e-mail) (him|her|them|the (author|writer|journalist))\b",
    re.IGNORECASE,
)
# "did imran meet putin?", "what did they talk about?", "who did he meet in moscow?": a meeting and its talks.
_MEETING = re.compile(
    r"\b(meet|met|meeting|sit down|sat down) (with )?(him|them|the (russian|chinese|us|american) \w+)\b|"
    r"\b(did|does|has|had|will|would) (\w+ ){1,3}(meet|sit down with|hold talks)\b|"
    r"\bwho (did|does|has|had) (\w+ ){1,3}(meet|see|talk to|sit down with)\b|"
    r"\bwhat (did|do|were|was) (\w+ ){0,3}(talk|talking|discuss|discussing|discussed|chat|chatting)\b|"
    r"\bwhat was (discussed|talked about|on the agenda)\b|\bagenda\b|\b(meeting|talks) (with|between)\b",
    re.IGNORECASE,
)
# A clause granting something is not what is asked: "what did the US let india have even tho it never signed".
_GRANTED = re.compile(r"\b(even )?(though|tho|although|despite|since|because)\b[^?.!]*", re.IGNORECASE)
_WORDS = re.compile(
    # not "which officials does the piece quote?", "who is quoted?": whom it quotes is asked
    # (as whole words: "his exact wording" is asked for)
    r"(?<!\bdoes the piece )(?<!\bdoes the article )(?<!\bdoes it )(?<!\bdid it )(?<!\bdo they )(?<!\bis )"
    r"(?<!\bare )(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbeing )"
    r"\b(quote|quoted|quotes|quoting|verbatim|word for word|word-for-word|paste|exact (words?|wording|quote|"
    r"line|"
    r"sentence|phrase|text|bit)|exactly what (it|the article|the piece|he|they|the author) (says?|said|"
    r"writes?|"
    r"wrote)|what (exactly )?(is|was)? ?the (exact )?(line|sentence|wording|phrase) (about|on|where|that))\b",
    re.IGNORECASE,
)
_REQUEST = re.compile(
    r"\b(i |we )?((can|could|would) (you|u|someone|anyone|the bot|briefbot) |pls |please )?(quote|paste|give|"
    r"show|tell|share|need|want|get|"
    r"grab|send|copy)( me| us)?( the)?( exact)?"
    r"( (line|lines|sentence|sentences|bit|part|passage|quote|wording|words|text|phrase))?"
    r"( (about|on|where|that|which|for|regarding|re))?\b|\b(word for word|word-for-word|verbatim|exactly|"
    r"exact)\b|"
    r"\bwhat('?s| is| was)? the (exact )?(line|sentence|wording|phrase|quote) (about|on|where|that)\b|"
    # "…the exact words of the sentence near the end about leverage"
    r"\bof the (line|sentence|passage|paragraph)\b|"
    r"\b(pls|please|plz|thx|thanks)\b",
    re.IGNORECASE,
)
# What is left of a request for words once its verbs are gone: "the exact line", "that quote", "can I".
_REQUEST_NOUNS = re.compile(
    r"\b(line|lines|sentence|sentences|quote|quotes|words?|wording|text|phrase|bit|part|passage|exact|exactly|"
    r"the|that|this|it|those|these|one|ones|again|can|could|would|may|i|we|me|us|you|u|pls|please|plz|"
    r"just|real|quick|so|ok|okay|and|then|now|for|here|there|original|actual|article's|piece's|its)\b",
    re.IGNORECASE,
)
# Asking how something turned out: "was it worth it?", "so it paid off?", "is it good for pakistan?".
_JUDGING = re.compile(
    r"\b(worth it|worth (the|all)|pa(y|id|ys|ying) off|work(ed|s)? out|working out|go(ne|es)? well|went well|"
    r"(good|bad) (for|move|call|decision|idea)|(right|wrong) (call|move|decision|thing|choice)|mistake|"
    r"success(ful)?|backfired?|smart (move|call)|(a|was|is|it|be|been|that) wise|benefit(ed|s)?|"
    # "does pakistan think it did good here or messed up?"
    r"(do|did|does|doing|done) (good|well|badly|ok|okay|alright|the right thing)|"
    r"(mess|messed|screw|screwed|muck|mucked) (up|it up)|"
    r"got it (right|wrong))\b",
    re.IGNORECASE,
)
# "is energy even mentioned?", "does the article talk about india at all?", "any mention of the IMF?"
_MENTIONED = (
    r"(even\s+|ever\s+|actually\s+|at all\s+)?(mentioned|discussed|covered|talked about|brought up|"
    r"in (the|this) (article|piece)|in (there|here)(?= at all| anywhere|\W*$))\b"
)
_MENTION_PASSIVE = re.compile(
    rf"(^|(?<=[.?!—–:;,]))\s*(and\s+|so\s+)?(is|are|was|were)\s+(?P<subject>(\S+\s+){{0,3}}?\S+)\s+{_MENTIONED}|"
    # "FATF grey list is mentioned somewhere?"
    rf"^\s*(?P<subject2>(\S+\s+){{0,3}}?\S+)\s+(is|are|was|were)\s+{_MENTIONED}",
    re.IGNORECASE,
)
_MENTION_ACTIVE = re.compile(
    r"\b(does|did) (the article|the piece|this article|this piece|it|the writer|the author|he) (even |ever |"
    r"actually )?(mention|discuss|cover|talk about|bring up|touch on|say anything (about|on))\s+"
    r"(?P<subject>[^?.!]{2,40}?)(\s+at all)?\s*([?.!]|$)|"
    r"\bany (mention|word|talk) (of|on|about)\s+(?P<subject2>[^?.!]{2,40}?)\s*([?.!]|$)|"
    # "is there anything about energy in there at all?"
    r"\b(is there|was there|there['’]?s) (anything|something|much) (about|on|regarding)\s+"
    r"(?P<subject3>[^?.!]{2,40}?)(\s+in (there|it|here|the (article|piece)))?(\s+at all)?\s*([?.!]|$)|"
    # "anything in there on water cooperation - indus basin, hydropower…?"
    r"\b(is there\s+)?(any|anything|something)\s+in (there|here|it|(the|this) (article|piece))\s+"
    r"(on|about|regarding)\s+(?P<subject5>[^?.!,;—–]{2,60}?)\s*([?.!,;—–]|\s-\s|$)|"
    # "any energy stuff in the article?", "anything india in this piece"
    r"^\W*(so\s+|and\s+)?(is there\s+)?(any|anything)\s+((about|on|regarding)\s+)?"
    r"(?P<subject4>[^?.!]{2,30}?)\s+(in|from) (the|this|that) (article|piece|story|text)\b",
    re.IGNORECASE,
)
_POINTERS = frozenset({"that", "this", "it", "they", "he", "she", "these", "those", "so"})
# (…nor what only says "of that kind": "anything telecom related" is about telecom)
_NOT_A_SUBJECT = frozenset(
    {"any", "anything", "even", "at", "all", "there", "related", "stuff", "things", "wise"}
)
# "pls explain the us part", "what about the economic angle": one subject's part of the story.
_PART = re.compile(
    # (not someone of that side: "who on the US side approached pakistan")
    r"\b(explain|about|(?<!who )(?<!someone )(?<!anyone )on|cover\w*|through|summari[sz]e) the "
    r"(?P<subject>(\w+ ){1,2}?)"
    r"(angle|side|part|bit|aspect|dimension)s?\b|"
    # (not a label before what is asked of it: "the india nuclear bit, what exactly did the us let them…")
    r"^\s*the (?P<label>(\w+ ){1,2}?)(angle|side|part|bit|aspect|dimension)s?\b"
    r"(?![\s,:;-]+(what|whats|how|why|who|when|which)\b(?! (does|did|do) (the article|it|the piece|they) "
    r"(say|says|cover|covers|mention)\b))|"
    # A message of two or three words: "US view?", "China role?", "india angle pls"
    r"^\W*(the )?(?P<short>\w+( \w+)?) (view|stance|position|role|angle|side|part|factor|bit)s?"
    r"\W*(pls|please)?\W*$",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    r"\b(summar\w*|overview|gist|tl;?dr|takeaways?|main (points?|ideas?|argument|point)|key (points?|ideas?)|"
    r"in (short|brief|a nutshell)|what('?s| is) (this|the|it) (article |piece |story )?about|"
    r"the (article|piece)'s (argument|point))\b",
    re.IGNORECASE,
)
_FROM_THE_ARTICLE = re.compile(r"\b(from|in|of) (the|this) (article|piece|text|story)\b", re.I)
# "the exact words please, not summary": a summary is what is not wanted.
_NOT_A_SUMMARY = re.compile(r"\b(not|no|without|rather than|instead of) (a |the |your )?summary\b", re.I)
# Words about the present: our present or the article's? Declined only when the article has nothing close.
_NOW = re.compile(
    # (not the asker's own now: "…and now im curious, why…")
    r"\b(today|nowadays|these days|currently|right now|as of now|rn|at the moment|latest|"
    r"now(?!,? (i|im|i'm|i am|we|we're|i've)\b))\b",
    re.IGNORECASE,
)
# "Will Russia win the war?": outcomes after the article (intentions it reports, "will Pakistan abandon the
# US", are not predictions of events).
_OUTCOME = re.compile(
    r"^\s*(and\s+|so\s+)?(will|would|is|are)\s+(\w+\s+){1,4}?(going to\s+)?(win|lose|end|happen|sign|join|"
    r"collapse|"
    r"fall|become|recover|survive|last|succeed|fail|get|beat|invade|attack|sanction|approve)\b",
    re.IGNORECASE,
)
_AFTER = re.compile(
    r"^\s*(and\s+|so\s+)?when (do|does|will|would) (\w+ ){1,3}?(get|be|become|leave|join|end|start|happen|"
    r"come|go|sign|lift|drop)\b|"
    r"^\s*(and\s+|so\s+)?when(\s*'s|\s+is|\s+are)\s+(\w+\s+){1,3}?(expected|likely|due|set|slated)\s+to\b|"
    # "did the us punish pak after?" (not "and after?", which sets the article's later years against earlier)
    r"\b(did|does|has|have|will|would)\b.{3,}\b(after|afterwards?)\W*$|"
    r"\b(since then|after (the|that|this) article|afterwards|"
    r"what happened (to (\w+ ){1,3})?(next|later|after)|later (on|that year|in 2022)|in (the )?future|"
    r"what happened to (him|her|them|imran|khan|the pm|the government)|"
    r"in the (days|weeks|months|years) (that )?(followed|after)|"
    r"next (year|month|week|decade|few)|"
    r"after (he|she|they|imran|khan|the pm|pakistan) (\w+ ){0,2}(got back|came back|returned|left|visited)|"
    r"(stay|stayed|staying|remain|remained|remaining|stays|remains|still) (the )?(pm|prime minister|"
    r"in power|in office|in charge)|"
    # the leader's political fate, which came after the article: "did imran khan get kicked out not long
    # after this?", "did he survive politically?", "was there a no-confidence vote?"
    r"(kicked|voted|thrown|booted|forced) out|ousted|removed from (office|power)|survived? politically|"
    r"\b(get|got|gets|getting|was|been) (booted|kicked|sacked|toppled|dumped)\b|"
    # "…like not long after this??": what came after the article (written days after the visit)
    r"\b(not long|shortly) after (this|that|it)\b|"
    r"no.?confidence|"
    # "did imran end up losing power over this trip?"
    r"(los(e|t|es|ing)|keep|kept|cost(s|ing)? (him|them|(imran )?khan|imran|the pm|ik)) (his |their |the )?"
    r"(power|job|seat|office|government|post)|"
    # "did IK's govt survive the fallout?", "did his government fall over it?"
    r"\b(govt|government|coalition)\b.{0,30}\b(survive[sd]?|fall|fell|collapse[sd]?|toppled|topple)\b|"
    # "did pakistan ever get off the grey list?", "was it taken off it in the end?"
    r"(get|got|gets|getting|taken|removed|came|come) (off|out of) (the|that|this|it)\b.{0,40}"
    r"(\bin the end|\beventually|\bafter\w*|\bsince|\bfinally|\byet)|"
    r"\b(ever|finally|eventually) (get|got|gets|taken|removed|come|came) (off|out)\b|"
    r"\bexpect(s|ed|ing)? to (come|get|be|exit|leave|join|end|sign) (off|out|back|over)\b|"
    r"(coming|next few) (years|months|decades?)|soon|by 20\d\d|(in|after|since) 20(2[3-9]|[3-9]\d)|"
    r"20(2[3-9]|[3-9]\d)|going to (happen|be|get|become|sign|join|win|lose|end)|predict\w*|"
    r"forecast\w*|will (it|they|pakistan|russia|china|the us|the west|india|imran) .{0,40}\b(ever|again|"
    r"soon))\b",
    re.IGNORECASE,
)
# "did imran lose his job after this trip?" asks what came after the article (written days after the
# visit), but "how did qureshi feel after the visit?" asks a view it reports ("Qureshi was convinced…").
_AFTER_THE_VISIT = re.compile(
    r"\bafter (the|that|this|his|imran'?s?|khan'?s?) (visit|trip|meeting)\b", re.IGNORECASE
)
_HOW_THEY_FELT = re.compile(
    r"\b(feel|feels|felt|feeling|think|thinks|thought|reckon\w*|believe\w*|consider\w*|judge\w*|happy|"
    r"unhappy|regret\w*|satisfied|pleased|proud|convinced|view|right (call|decision|move|thing))\b",
    re.IGNORECASE,
)
# "did the us end up sanctioning pakistan for the visit?": what was done to it for the visit, after it (not
# "what could pakistan face for the visit?", which the article weighs).
_PUNISHED = re.compile(
    # (a claim put up for checking, "the US slapped sanctions on Pakistan over this, right?", is answered
    # with what the article does say: only a question asks what was done)
    r"^(?!.*\b(could|may|might|would|possible|possibly|risk|risks|risked)\b)"
    r"(?=\W*(and |so |but )?(did|does|has|have|had|was|were|is|are|will|what|how|which|why)\b).*"
    r"\b(sanction(s|ed|ing)?|punish(ed|ing|ment)?|penali[sz](e|ed|ing)|retaliat(e|ed|ion))\b[^?.!]{0,40}"
    r"\b(for|over|after|because of)\b",
    re.IGNORECASE,
)
# The leader's political fate, which came after the article.
_FATE = re.compile(
    r"\bno.?confidence\b|\bousted\b|\b(kicked|voted|thrown|booted|forced) out\b|"
    r"\bremoved from (office|power)\b|"
    r"\b(stay|stayed|staying|remain|remained|remaining|stays|remains)( on)?( as)? (the )?(pm|prime minister|"
    r"in power|in office)\b",
    re.IGNORECASE,
)
# "…these days, according to the article" asks about the article's own present, not ours.
_IN_THE_ARTICLE = re.compile(
    r"\b(according to|acc(\.|ording)? to|in|does|did|per|by) (the|this) (article|piece|story|analysis|author|"
    r"writer)\b|"
    r"\bthe (article|piece|author|writer) (says?|said|argues|claims|writes)\b",
    re.IGNORECASE,
)
_SENTENCES = re.compile(r"(?<=[.?!])\s+")
_OPENS_A_QUESTION = re.compile(r"\s*(what|why|how|who|whom|whose|when|where|which)('?s)?\b", re.IGNORECASE)
_OPINION = re.compile(
    r"\b(your|ur|you'?re?) (own )?(opinion|view|take|thoughts?|verdict)\b|"
    r"\b(personal|private) (opinion|views?|take|feelings?)\b|\bdo (you|u|ya) (think|reckon|"
    r"believe)\b|"
    r"\bwhat do (you|u) (think|reckon)\b|\bin (your|ur|my) (opinion|view)\b|\b(morally|ethically)\b|"
    r"\b(biased|reliable|trustworthy|hypocritical|propaganda)\b|\b(good|bad|great|weak|strong|better|best|"
    r"worse|worst) (leader|president|prime minister|pm|writer|journalist|paper|ally|choice|partner)\b|"
    r"\bwho('s| is| was) (the )?(better|best|worse|right)\b|\bis it (smart|wise|a good idea) to\b|"
    r"\b(was|is|were|are) (\w+ ){1,2}(right|wrong) to\b",
    re.IGNORECASE,
)
_WHO_SAID = re.compile(
    r"^\s*(and |but |so )?(says who|who says( so)?|who said (that|this|so|it)|who said(?=\W*$)|"
    r"according to (whom|who)|"
    r"who('s| is) saying (that|this|so)|who (claims|thinks|feels|believes) (that|this|so)|"
    r"whose (view|claim|words|opinion) is (that|this)|source( for that)?|sources?|"
    r"who (told|asked) (them|him|her|pakistan|islamabad)( (that|this|so))?|"
    # "is that in the article?", "does it actually say that?": where the last answer comes from.
    r"(is|was) (that|this|it) (really |actually )?(in the (article|piece)|from the (article|piece))|"
    r"(does|did) (the (article|piece)|it) (really |actually )?say (that|this|so))\b",
    re.IGNORECASE,
)
# Someone's judgement: "did Qureshi think it was the right call?"
_JUDGED_BY = re.compile(r"\b(think|thinks|thought|feel|feels|felt|believe|believed|convinced|said)\b", re.I)
# How someone answered what was put to them: "and what did they say back?", "how did pakistan respond?".
_REPLY = re.compile(
    r"\b(say|said|says|write|wrote) back\b|\brespon(d|ded|ds|se)\b|\brepl(y|ied|ies)\b|"
    r"\banswer(ed)? (them|back|the (us|americans|request))\b|"
    # "did they argue back or just go along with it"
    r"\b(argue|argued|hit|fire|fired|talk|talked) back\b|\bg(o|oes|oing|one|went) along\b",
    re.IGNORECASE,
)
# What something led to: "what did all those grievances add up to?", "what did it end up leading to?".
_LEADS_TO = re.compile(
    r"\b(add(s|ed)? up to|led to|lead(s|ing)? to|result(s|ed)? in|boil(s|ed)? down to|amount(s|ed)? to|"
    r"end(s|ed)? up (leading|doing|with)|what came of|"
    r"what (effect|impact|consequence)s?\b.*\b(had|have|has|on)\b)\b",
    re.IGNORECASE,
)
# "who is Qureshi?": someone the question names, asked who they are.
_WHO_IS_NAMED = re.compile(r"^\W*(and\s+)?who(\s*'s|’s| is| was)\s+[A-Z][a-z]+(\s+[A-Z][a-z]+)*\s*[?.!]")
# Which ones, by name: "which ones specifically?", "which pacts exactly?", "want to name the actual pacts".
_WHICH_ONES = re.compile(
    r"\bwhich (ones?|of them)\b|\bwhich\s+[a-z-]+\s+(specifically|exactly|in particular)\b|"
    r"\bname (the|them|those|these|any|some)\b|"
    # "which specific US-India defence pacts does the article name?", "does it name them?"
    r"\bwhich (specific|particular|exact)\b|\b(does|did) (it|the article|the piece|he|the author) "
    r"(actually )?name\b|"
    # "which defense deals did the US sign with india, got names?"
    r"^\W*which\b.*\b(got|any|have|with|need|want|give( me)?) (the )?names\b",
    re.IGNORECASE,
)
# "what does NSG stand for?", "NPT = ?", "full form of FATF": what an acronym is short for.
_STANDS_FOR = re.compile(
    r"\b([A-Za-z]{2,6})\s+(?:stands?|is short) for\b|\bfull form of (?:the\s+)?([A-Za-z]{2,6})\b|"
    r"\bwhat(?:'s|’s| is| are)\s+(?:the\s+)?([A-Za-z]{2,6})\s+short for\b|^\W*([A-Z]{2,6})\s*=\s*\?",
    re.IGNORECASE,
)
_SWAP = re.compile(
    r"^\s*(and|but|what about|how about|and what about|what of|same for|same question for)\s+(the\s+|on\s+)?"
    r"(?!(how|what|why|who|whom|when|where|which|is|are|was|were|do|does|did|has|have|had|can|could|will|"
    r"would|"
    r"should|that|this|it|they|he|she)\b)(?P<what>[a-z][\w'’.-]*(\s+[a-z][\w'’.-]*){0,2})\s*[?!.]*\s*$",
    re.IGNORECASE,
)
# "where does it say that?": the sentence behind what was just said.
_WHERE_IT_SAYS = re.compile(
    r"^\W*(and\s+|but\s+|so\s+|ok\s+|okay\s+)?where (does|did|do) (it|the article|the piece|he|the author|"
    r"the writer|they) (say|says|said|mention|write|put) (that|this|so|it)\b",
    re.IGNORECASE,
)
# "beyond reconsidering the trip, was anything else asked?", "so apart from that, what else…": what the
# asker already knows and sets aside.
# "what did the us want pakistan to do besides skip the trip": what is set aside, after the question
_BESIDES_AFTER = re.compile(
    r"\b(?:besides|apart from|aside from|other than|except for|on top of)\s+(?P<known>[^,?.;]{3,80}?)"
    r"\s*[?!.]*$",
    re.IGNORECASE,
)
_BESIDES = re.compile(
    r"^\W*(?:and\s+|so\s+|but\s+)?(?:beyond|besides|apart from|aside from|other than|except for|"
    r"in addition to)\s+(?P<known>[^,?.;]{3,80}?)\s*"
    # (the comma is often left out: "besides skipping the trip what else did washington want")
    r"(?:,|(?=\b(?:what|which|who|how|why|did|does|do|was|were|is|are|anything)\b))",
    re.IGNORECASE,
)
# "where does china sit in all this?", "where does india fit in?": what about X.
_WHERE_IT_FITS = re.compile(
    r"^\s*(and\s+|so\s+|but\s+)?where (does|do|did|is|are) (the\s+)?"
    r"(?P<what>[a-z][\w'’.-]*(\s+[a-z][\w'’.-]*)?)"
    r"\s+(sit|sits|fit|fits|stand|stands|come in|figure|belong)\b(\s+(in|into)\b)?(\s+(all\s+)?(this|that|it|"
    r"the picture|the story))?\s*[?!.]*\s*$",
    re.IGNORECASE,
)
_SOMEONE_SAID = re.compile(
    # (not what one wanted another to say: "what did the US want pakistan to say about ukraine?")
    r"\b(?:what|how)\s+(?:did|does|do|has|have|had|will|would)\s+(?P<who>[\w'’ .-]{2,60}?)(?<!\sto)\s+"
    # (not "what did the state department spokesperson say": "state" is no verb there)
    r"(?:say|said|tell|told|think|thought|feel|felt|announce|announced|state(?!\s+(?:department|dept)\b)|"
    r"stated|claim|claimed|respond|"
    r"responded|react|reacted|comment|commented|reply|replied|make of|view|see|regard|consider|take|read)\b|"
    # "How India reacted to…?" (without "did", as many write it)
    # …and inside a request: "the exact line on how pakistan sees its own position"
    # …or asked for: "tell me what he said", "give his exact wording what he said"
    r"(?:^\W*|\b(?:on|about|regarding|me|us|words|wording|exactly|mention|mentions|say|says|describe|"
    r"describes)\s+)(?:what|how)\s+(?!(?:was|were|is|are|did|does|do|has|have|had|stance|"
    r"exactly)\b)"
    # (not "what practical areas have Pakistan and Russia said…", whose speakers follow the verb "have")
    # (nor the asker asked for their reading: "how close would you say the article thinks they are")
    r"(?P<teller>(?:(?!\b(?:have|has|had|did|does|do|you|u|ya)\b)[\w'’ .-]){2,40}?)\s+"
    r"(?:said|thought|felt|announced|stated|claimed|"
    r"responded|reacted|commented|replied|says|thinks|feels|sees|views|regards|makes of)\b|"
    # "so India government how react to the trip?", topic first, as English learnt later often puts it
    r"\b(?P<topical>[a-z]+)(?:\s+(?:government|govt|side|officials?))?\s+how\s+(?:react|reacted|respond|responded|"
    r"see|saw|feel|felt|view|viewed)\b|"
    # "What has said the Indian government about…?", as it is often put in English learnt later
    r"\b(?:what|how)\s+(?:has|have|had)\s+(?:said|told|thought|answered|responded|reacted)\s+"
    r"(?P<inverted>(?:the\s+)?[\w'’.-]{2,30}(?:\s+[\w'’.-]{2,30})?)\s+(?:about|on|to|regarding)\b|"
    # "did china put out anything official on it?", "did india issue a statement?"
    r"\b(?:did|has|have|had|does|do)\s+(?P<issuer>[\w'’ .-]{2,40}?)\s+(?:put out|issue|issued|release|"
    r"released|make|made|give|gave|say|said)\s+(?:out\s+)?(?:any|a|an|some)?\s*(?:official\s+)?(?:statement|comment|"
    r"response|reaction|anything|something)|"
    # "did the state dept spokesperson comment on the trip?"
    r"\b(?:did|has|have|had|does|do)\s+(?P<commenter>[\w'’ .-]{2,40}?)\s+(?:comment|react|respond|weigh in|"
    r"speak out)\s+(?:on|to|about)\b|"
    # "does the piece include anything the Kremlin or Russian officials said about the visit?"
    r"\b(?:anything|something|whatever)\s+(?:that\s+)?(?!(?:was|were|is|are|been|has|had|it)\b)"
    r"(?P<reporter>(?:the\s+)?[\w'’.-]{2,30}(?:\s+(?:or\s+|and\s+)?[\w'’.-]{2,30}){0,3}?)\s+"
    r"(?:said|says|stated|had to say)\b|"
    # "Delhi said anything?", a question by its tone alone
    r"^\W*(?P<tone>[\w'’.-]{2,30}(?: [\w'’.-]{2,30})?)\s+(?:said|say|says)\s+(?:anything|something)\b",
    re.IGNORECASE,
)
# "what was india's official reaction?", "the un's position on…": what someone said or thinks, as a noun.
_SOMEONES_VIEW = re.compile(
    r"\b(?P<who>(?:the )?[a-z][\w.-]{1,30}(?: [a-z][\w.-]{1,30})?)['’]s\s+(?:(?:official|own|initial|first|"
    r"public|government|formal|diplomatic)\s+){0,2}(?:reaction|response|position|stance|view|take)\b|"
    # …or without the possessive, as it is often put in English learnt later: "what is India reaction on…?"
    r"(?:^\W*|\b(?:is|was|are|were)\s+)(?P<holder>(?!(?:the|a|an|any|their|his|her|its|our|your|this|that|"
    r"what|which|official|"
    r"public|initial|first|own)\b)[a-z][\w.-]{2,30})\s+(?:official\s+)?(?:reaction|response)\s+(?:on|to|about|"
    r"regarding)\b|"
    # …or in Roman Urdu, whose possessive follows the name: "india ka kya reaction tha?" (read as "india
    # reaction tha?", its grammar words set aside)
    r"^\W*(?P<owner>(?!(?:what|which|the|a|an|any|their|his|her|its|our|your|this|that|official|public|"
    r"initial|first|own|and|so|but)\b)[a-z][\w.-]{1,30})\s+(?:official\s+)?(?:reaction|response)\b",
    re.IGNORECASE,
)
# "…signed during the visit": an answer must be about that event, not just about signing.
# "…while imran was in moscow", "…while he was there": the visit, by its place.
_DURING = re.compile(
    r"\b(during|in the course of|on the sidelines of)\s+"
    r"(?!([a-z-]+ ){0,2}(war|era|years|decades?|period|times?)\b|(the )?(early |late )?\d)"  # a period
    r"(the|his|their|this|that|a)?\s*(?P<event>[a-z][a-z-]+)|"
    r"\bwhile\s+(he|they|imran|imran khan|khan|the pm|the prime minister)\s+(was|were)\s+"
    r"((in|at|visiting)\s+(?P<place>[a-z]+)|(over\s+)?there\b)",
    re.IGNORECASE,
)
_SHORT = 4  # words: a question this short leans on its thread


@dataclass(frozen=True)
class Intent:
    """The kinds of answer a question's wording asks for."""

    follow_up: bool = False  # reads as a continuation ("and how did that…", "why?")
    more: bool = False  # asks for what has not been said yet ("what else…")
    why: bool = False  # asks for a reason
    quantity: bool = False  # asks for an amount ("how many…")
    degree: bool = False  # asks how far something has gone ("how close are they?"), not why
    summary: bool = False  # asks what the whole article says
    speaker: str | None = None  # "what did <speaker> say / think"
    detail: Detail | None = None  # a specific detail the answer must contain
    exact_words: bool = False  # asks for the article's own words
    after: bool = False  # asks about what came after the article, or for a prediction
    now: bool = False  # asks about the present ("these days"): the article's present, if it is close
    opinion: bool = False  # asks for a judgement the article may not make
    source: SourceQuestion | None = None  # asks about the source itself (author, outlet, date, headline…)
    who_said: bool = False  # "says who?": who holds the thread's last claim
    swap: str | None = None  # "and china?": the thread's last question, about something else
    about: str | None = None  # "where does china sit in all this?": what the article says of it
    during: str | None = None  # the event a question is anchored to ("signed during the visit" → "visit")
    mention: str | None = (
        None  # "is energy even mentioned?", "does it talk about india": the subject asked after
    )
    effect: bool = False  # asks what something led to ("what did all these factors add up to?")
    reply: bool = False  # asks how someone answered what was put to them ("and what did they say back?")
    judges: bool = False  # asks how something turned out: "was it worth it?", "did it pay off?"
    # asks how two stood with each other before: "were pak and russia always buddies?"
    past_relation: bool = False
    allied: bool = False  # asks whose side one was on ("so who was pakistan with then")
    # asks whether something was sudden or long in the making: "a one-off or has it been cooking a while?"
    in_the_making: bool = False
    part: str | None = None  # the subject of a request for one part of the story ("the economic angle")
    focus: str | None = (
        None  # the thing a "which X / what X" question asks about ("which agreements" → "agreements")
    )
    words_of_last: bool = False  # the exact words of what was just said ("can I get the exact line?")
    which_ones: bool = False  # asks which ones, by name ("which ones specifically?", "name the pacts")
    expands: str | None = None  # the acronym a question asks the meaning of ("what does NSG stand for?")
    besides: str | None = None  # what a question sets aside ("beyond reconsidering the trip, what else…")


# What someone said they would do ("…said they'd cooperate on", "…say they will work together on"): the
# question asks what is done, not what was said.
_REPORTED_PLAN = re.compile(
    r"\s+(?:that\s+)?(?:they|it|he|she|we|both|the two)(?:['’]d|['’]ll|\s+would|\s+will|\s+were going to|"
    r"\s+are going to|\s+plan to|\s+planned to|\s+want to|\s+wanted to)\b",
    re.IGNORECASE,
)
# A question quoted whole in a message ("…cite the \"Why Pakistan and Russia are getting closer?\" piece"): a
# title or someone else's words, not what the message asks.
_QUOTED_TITLE = re.compile(r"[\"“][^\"“”]{3,120}\?[\"”]")


def read_intent(question: str) -> Intent:
    """The intent of a question from its words alone."""
    said = _SOMEONE_SAID.search(question)
    if said and is_the_article(_first_named(said)) and (within := _SOMEONE_SAID.search(question, said.end())):
        said = within  # "did the article say anything about how india reacted…": India's reaction is asked
    if said and _REPORTED_PLAN.match(question, said.end()):
        said = None  # "what areas pakistan and russia said they'd cooperate on": what they'd do is asked
    swap = _SWAP.match(question)
    fits = _WHERE_IT_FITS.match(question)
    words = bool(_WORDS.search(question))
    where_it_says = bool(_WHERE_IT_SAYS.search(question))
    return Intent(
        follow_up=bool(_FOLLOW_UP.search(question)) or len(question.split()) <= _SHORT,
        more=bool(_MORE.search(question)),
        why=bool(_WHY.search(_QUOTED_TITLE.sub("it", question))),
        quantity=bool(_QUANTITY.search(question)),
        degree=bool(_DEGREE.search(question)),
        summary=asks_summary(question),
        judges=bool(_JUDGING.search(question)),
        past_relation=bool(_PAST.search(question) and _RELATION.search(question)),
        allied=bool(_WITH_WHOM.search(question)),
        in_the_making=bool(_SUDDEN.search(question) or _IN_THE_MAKING.search(question))
        and not _WHY.search(question),
        mention=_mentioned(question),
        part=_first_named(part).strip().lower()
        if (part := _PART.search(question)) and not _SIDE_TAKEN.search(question)
        else None,
        speaker=_first_named(said) if (said := said or _SOMEONES_VIEW.search(question)) else None,
        # (what a remark after the question says is not asked: "…? need a list for the newspaper props", "…?
        # got a bet going, loser buys coffee"; a name asked for after it is: "…? need a name for the script")
        detail=_detail(question, asked := _asked_part(question)),
        exact_words=words or where_it_says,
        words_of_last=(words and asks_words_of_nothing_new(question)) or where_it_says,
        after=(
            (
                bool(_AFTER.search(question) or _OUTCOME.search(question) or _PUNISHED.search(question))
                and not _IN_THE_ARTICLE.search(question)
            )
            # "did Imran survive the motion that came after this trip? what does the piece say?": asking the
            # piece does not move an event after the visit into it
            or bool(_AFTER_THE_VISIT.search(question) and not _HOW_THEY_FELT.search(question))
            # (the leader's fate came after the article, asked of the article or not: "did the article say
            # anything about a no confidence vote after the trip?")
            or bool(_FATE.search(question))
        )
        # "after the trip did Qureshi think it was the right call?": a judgement the article reports
        and not (_JUDGING.search(question) and _JUDGED_BY.search(question)),
        now=bool(_NOW.search(question)) and not _IN_THE_ARTICLE.search(question),
        opinion=asks_opinion(question),
        # (the source only when what asks asks about it, then all that is asked of it: "ki headline kya hai?
        # aur neeche wali subheading bhi"; not "…? need a list for the fake newspaper props")
        source=source_asked(question) if source_asked(asked) else None,
        who_said=bool(_WHO_SAID.match(question)),
        swap=swap.group("what").strip() if swap and not _MORE.search(swap.group("what")) else None,
        about=fits.group("what").strip() if fits else None,
        during=(during.group("event") or during.group("place") or "visit").lower()
        if (during := _DURING.search(_asked_part(question, tags=False)))
        else None,
        focus=_focus(question),
        which_ones=bool(_WHICH_ONES.search(question)),
        effect=bool(_LEADS_TO.search(question)),
        reply=bool(_REPLY.search(question)),
        besides=aside.group("known")
        if (aside := _BESIDES.search(question) or _BESIDES_AFTER.search(question))
        else _told_before_more(question),
        expands=next((a for a in stands.groups() if a), None)
        if (stands := _STANDS_FOR.search(question))
        else None,
    )


_ASKING_WORD = re.compile(r"\b(what|why|how|who|whom|when|where|which|whether)\b", re.IGNORECASE)
_POINTS_BACK_AT = re.compile(r"\b(that|this|it)\b", re.IGNORECASE)


def _told_before_more(message: str) -> str | None:
    """What a message says before asking for more ("the US asked pak to reconsider the visit. did they ask for
    anything else too?"): what the asker knows, and sets aside."""
    sentences = [s for s in _SENTENCES.split(message.strip()) if s]
    if len(sentences) < 2 or not _MORE.search(sentences[-1]) or not sentences[-1].rstrip().endswith("?"):
        return None
    told = sentences[-2].rstrip()
    # (not a request, "please advise what they asked. the trip only or more?", nor a claim the question asks
    # about, "I heard X. is that in the article, and anything else like it?")
    if told.endswith("?") or _ASKING_WORD.search(told) or _POINTS_BACK_AT.search(sentences[-1]):
        return None
    return told


def asks_opinion(message: str) -> bool:
    """Whether any question of a message asks for an opinion the article cannot give ("what's his personal
    view", "do you think…"); a remark of the asker's own ("reads like propaganda tbh") asks for none."""
    return bool(_OPINION.search(_asked_part(message)))


def _mentioned(question: str) -> str | None:
    """The subject of a question asking whether the article mentions it: "is energy even mentioned?" →
    "energy", "does the article even talk about india" → "india"."""
    match = _MENTION_PASSIVE.search(question) or _MENTION_ACTIVE.search(question)
    if match is None:
        return None
    words = re.sub(r"-(related|wise)\b", "", _first_named(match)).split()
    subject = " ".join(w for w in words if w.lower() not in _NOT_A_SUBJECT).strip(" ?!.,")
    if not subject or _OPENS_A_QUESTION.match(subject) or subject.lower() in _POINTERS:
        return None  # "what is mentioned about china?" asks what; "is that in the piece?" asks where from
    return subject


def _first_named(match: re.Match[str]) -> str:
    """The first named group that took part in a match: patterns with several alternatives name the same
    thing in each ("who", "issuer", "teller" are all a speaker)."""
    return next((value for value in match.groupdict().values() if value), "")


def _focus(question: str) -> str | None:
    """The kind of thing a question asks to be named: "which agreements did…" → "agreements", "any specific
    energy projects tho?" → "projects" (the head of the phrase after "specific")."""
    if which := _FOCUS.search(question) or _WHICH_SPECIFICALLY.search(question):
        return which.group("noun").lower()
    if specific := _SPECIFIC.search(question):
        words = [w for w in specific.group("phrase").lower().split() if w not in _NOT_A_HEAD]
        return words[-1] if words else None
    return None


def _asked_part(message: str, *, tags: bool = True) -> str:
    """The sentences of a message that ask (end in "?"), or all of it: "isn't this just X? reads like
    propaganda tbh" asks about X; the remark after it is the asker's own view, not a request for one.
    Without `tags`, a statement asking only for agreement ("they were rivals during the cold war, no?") is
    context, not part of what is asked."""
    sentences = _SENTENCES.split(message)
    if not tags:
        sentences = [s for s in sentences if not asks_only_agreement(s)] or sentences
    asking = [s for s in sentences if s.rstrip().endswith("?") or _OPENS_A_QUESTION.match(s)]
    return " ".join(asking) or " ".join(sentences)


_NAME_OF_THE_ONE_TOLD = re.compile(
    rf"\b(his|her|their) ((full|actual|real|exact) )?names?\b|{_NAME_OF_ONE_SPOKEN_OF}", re.I
)


def asks_name_of_the_one_told(question: str) -> bool:
    return bool(_NAME_OF_THE_ONE_TOLD.search(question))


def asks_date_alone(question: str) -> bool:
    """ "date?" and nothing else: in a thread, the date of what was just said."""
    return re.match(_LONE_DATE, question.strip().lower()) is not None


def asks_summary(question: str) -> bool:
    """Whether a text asks what the whole article says ("in a nutshell?"; not "exact words, not summary")."""
    return bool(_SUMMARY.search(question)) and not _NOT_A_SUMMARY.search(question)


def asks_words_of_nothing_new(question: str) -> bool:
    """A request for exact words that names no subject of its own ("can I get the exact line?", "that word for
    word pls", "give me the exact quote"): in a thread, the words of what was just said."""
    rest = _REQUEST_NOUNS.sub(
        " ", _REQUEST.sub(" ", _FROM_THE_ARTICLE.sub(" ", _NOT_A_SUMMARY.sub(" ", question)))
    )
    return bool(_WORDS.search(question) or _REQUEST.search(question)) and not re.search(
        r"[a-z]{3,}", rest, re.I
    )


# A thing asked for by what it is called: "what's the exercise called?"
_THING_CALLED = re.compile(
    r"\bwhat(?:'?s| is| was| were| are) (?:the|that|this|those)(?: \w+)? (?P<thing>[a-z]{3,}) called\b", re.I
)


def thing_called(question: str) -> str | None:
    """What a question asks the name of by what it is called: "what's the exercise called?" → "exercise"."""
    called = _THING_CALLED.search(question)
    return called.group("thing").lower() if called else None


def without_request(question: str) -> str:
    """The subject of a request for exact words: "quote the line about the IMF pls" → "the IMF"."""
    stripped = _REQUEST.sub(" ", question)
    return " ".join(stripped.split()) or question


_POSITION = re.compile(r"\bwhat (position|level|rank|role|title|seniority)\b", re.IGNORECASE)


def _detail(question: str, asked: str) -> Detail | None:
    if _CONTACT.search(question):
        return "contact"
    if _WHO_IS_NAMED.match(question):
        return None  # "who is Qureshi? his name keeps coming up": who he is, not his name
    if (_NAME.search(question) and not _POSITION.search(question)) or _COUNTERPART.search(question):
        return "name"  # (not "who exactly reached out? like what position were they")
    if _AGE.search(question):
        return "age"
    if _DATE.search(question):
        return "date"
    if _WHEN.search(question):
        return "time"
    if _EVENT_DURATION.search(question):
        return "event_duration"
    if _DURATION.search(question):
        return "duration"
    # (a figure in a remark after the question is no number asked: "…?? need like 2-3 bullet points for a
    # slide"; words asking one are, wherever they are: "IMF bailout size? $ figure")
    if _QUANTITY.search(asked) or any(not re.search(r"\d", m.group()) for m in _QUANTITY.finditer(question)):
        return "number"
    if _AGREEMENT.search(_GRANTED.sub("", question)):
        return "agreement"
    if _MEETING.search(question) and not _WHY.match(question):  # not "why did they refuse to meet?"
        return "meeting"
    if _PURCHASE.search(asked) and not _WHY.match(question):
        return "purchase"
    return None
