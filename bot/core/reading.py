"""Reading a message the way a colleague would: Slack markup and mentions out, invisible characters out,
greetings and politeness set aside, the question found wherever it is in a long message, typos corrected,
and instructions to the bot set aside.

The result keeps two forms: `text`, what the person asked (shown back to them), and `query`, the words that
carry the question (what retrieval and intent reading see)."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from knowledge.languages import mixed_in_words

# Slack messages can be 40,000 characters; anything a person would ask fits well inside this.
MAX_INPUT_CHARS = 4000
# A message of several sentences and longer than this may hold more than its question: find the question.
LONG_MESSAGE_CHARS = 120
# A question this short ("Why?") is read with the sentence before it.
SHORT_QUESTION_WORDS = 5
# A message with this many words of Roman Urdu's grammar is written partly in Roman Urdu.
ROMAN_URDU_WORDS = 2

_MENTION = re.compile(r"<[@!#][^>]*>")  # <@U1>, <!channel>, <!subteam^S1|@team>, <#C1|general>
_LINK = re.compile(r"<(https?://[^|>]+)(?:\|([^>]+))?>")
_BARE_BROADCAST = re.compile(r"(?<!\w)@(channel|here|everyone)\b", re.IGNORECASE)
# A sentence about the asker: "i'm new here", "asking for a friend", "sorry, be gentle".
_ABOUT_THE_ASKER = re.compile(
    r"\s*(i'?m|i am|i'?ve|i have|i work|i only|i just|i was|my (boss|team|manager|lead)|sorry|be gentle|"
    r"asking for a friend|(the )?friend is me|"
    # "…? asking bc the owner wants a 2 line summary for the newsletter": why it is asked
    r"asking (bc|b/c|because|cause|cuz|coz|since|as|for)|(the|my|our) (boss|owner|manager|client|editor|"
    r"lead|team) (wants|needs|asked))\b",
    re.IGNORECASE,
)
# A remark in the asker's own voice after the question, not a request: "my students will assume…", "trying
# to explain it simply", "I vaguely remember something about…" (but "I need the date" asks).
_ASKERS_OWN = re.compile(
    # (not a request, "I need the name", "I want to know…"; but the asker's own aim is: "I want to get the
    # spelling right for the note", "I'd like to read it out")
    r"^(i|my|our|we|trying|going|gonna)\b(?!'?d like\b(?! to (?!know|find|understand|see|hear|learn|ask)\w)| "
    r"(need|want|would like|wanna)\b(?! to (?!know|find|understand|see|hear|learn|ask)\w))|"
    # the "I" left out, as in chat: "saw the headline in my feed", "heard it on the radio"
    r"^(saw|seen|read|heard|noticed|spotted|skimmed|came across)\b|"
    # an impression of the asker's, "it" left out: "seems like the elephant in the room", "sounds messy"
    r"^(seems|sounds|looks|feels)\b|"
    # a feeling of the asker's, "I'm" left out: "stoked to finally understand this stuff btw"
    r"^(so |really |super |kinda |pretty )?(stoked|glad|happy|excited|thrilled|relieved|grateful|thankful|"
    r"confused|lost|curious|intrigued|fascinated|sorry)\b",
    re.IGNORECASE,
)
# A statement, then the question it leads to: "for decades pakistan was in the US camp, so what was the
# turning point according to the writer?"
_TOLD_THEN_ASKED = re.compile(
    r"^(?P<told>[^?]{12,}?)[,;]?\s+(?:so|and so|then)\s+(?P<question>(?:what|why|how|who|when|where|which)\b"
    r"[^?]*\?*)\s*$",
    re.IGNORECASE,
)
_SLASHED = re.compile(r"(?<=[A-Za-z]{2})/(?=[A-Za-z]{2})")  # not "w/o", "b/c"
_LOWER_WORD = re.compile(r"(?<![\w'’-])[a-z]{2,}(?![\w'’-])")
# A question asked again in other words right after it: "…? like what's the turning point he means".
_REPHRASED = re.compile(
    r"^(like|i mean|as in|i\.?e\.?|or rather),?\s+(what|whats|what's|which|who|whos|who's|when|how|why)\b",
    re.IGNORECASE,
)
# A third person named only by a pronoun: the sentence before says who.
# (…or a place or time by "there" or "then": "…afghanistan in 1979. does the article explain what happened
# there?")
_POINTS_BACK = re.compile(
    r"\b(they|them|their|theirs|he|him|his|she|the two|both|that|thats|that['’]s)\b|\bhapp\w* (there|then)\b|"
    # "…what the article says about it, and why…": the thing the sentence before is about
    r"\b(about|regarding) it\b(?=\s*([,?.!;]|and\b|$))",
    re.I,
)
# A question that points at the two the base is about without naming them: "they", "these two", "both sides".
THEY = re.compile(
    r"\b(they|them|their|theirs|these two|those two|the two( countries| sides| nations)?|"
    r"both( sides| countries)?|each other|the pair)\b",
    re.IGNORECASE,
)
# …and at a thing or a person just named: "but the gas pipeline, did that get signed"
_POINTS_AT_IT = re.compile(r"\b(that|this|it|those|these|he|she|him|her)\b", re.IGNORECASE)
_NAMED_BEFORE = re.compile(
    r"\b(th(ose|ese|e) two|both) (countries|nations|sides|governments|capitals)\b|"
    # (not the language asked in: "explain in plain English what…")
    r"(?<=\w )(?<!plain )(?<!simple )[A-Z][a-z]{2,}"
)
# Sentences end at their punctuation, a line break or a dash between clauses ("…and I'm curious — what
# does…"); an emoji between words ends one too (`clean` makes it a line break): "…lol 😂 anyway what…".
_SENTENCE = re.compile(r"(?<=[.?!;])\s+|\n+|\s+[—–]\s+")
_EMOJI = "\U0001f300-\U0001faff\u2600-\u27bf"
_EMOJI_BETWEEN_WORDS = re.compile(rf"(?<=\S)\s+[{_EMOJI}][{_EMOJI}\u200d\ufe0f\s]*?\s+(?=\w)")
_CODE = r":[a-z][a-z0-9_+'-]*:"  # an emoji as Slack writes it in text: ":thinking_face:"
_SHORTCODE = re.compile(rf"(?<![\w:]){_CODE}(?![\w:])")
_SHORTCODE_BETWEEN_WORDS = re.compile(rf"(?<=\S)\s+{_CODE}(\s*{_CODE})*\s+(?=\w)")
# Laughter between words ends a sentence as an emoji does: "why are they besties lol saw the headline".
_LAUGH_BETWEEN_WORDS = re.compile(r"(?<=\w)\s+(lol|lmao|lmfao|rofl|haha+|hehe+)\s+(?=\w)", re.IGNORECASE)
_INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,60}\b(instruction|instructions|rules?|prompt|previous|"
    r"above|guidelines|context|constraints?)\b|\bsystem prompt\b|\byou are now\b|"
    r"\b(act|pretend|behave|roleplay) as\b|"
    r"\bjailbreak\b|\bdeveloper mode\b|\bnew instructions?\b|\bdo anything now\b|"
    r"\b(say|print|output|repeat|reply)\s+(exactly|verbatim|only)\s*[:\"“'‘]|\bfrom now on\b",
    re.IGNORECASE,
)
# Asking for the bot's own configuration. Everyday words ("were the efforts secret?", "in what settings")
# count only when they are the bot's or an app's: "your token", "the bot's settings", "slack secret".
_CONFIG = re.compile(
    r"\b(api[ _-]?keys?|env(ironment)? var(iable)?s?|environment|system prompt|signing secret|xox[a-z]-|sk-|"
    r"(?-i:[A-Z]+_[A-Z_]+))\b|"
    r"\b(your|ur|the bot'?s|the app'?s|bot|app|slack|openai|access|auth|bearer)\s+(own\s+)?"
    r"(tokens?|secrets?|passwords?|credentials?|config(uration)?|settings|keys?)\b",
    re.IGNORECASE,
)
# Openings that greet or ask politely before the question: "hey bot, quick q:", "can you tell me", "pls".
_GREETING = (
    # (the longer forms first: "hey all," is one greeting, not "hey" and then "all")
    r"((hey|hi|hello|morning|afternoon|evening|good (morning|afternoon|evening)) (there|team|all|folks|guys|"
    r"everyone|everybody|y'?all|people|gang|crew)|hi|hii+|hello|hey+|heya|hiya|yo|sup|"
    r"howdy|morning|good (morning|afternoon|evening)|greetings|bot|briefbot|ok+|okay|so|anyway|anyways|"
    r"well|right|alright|basically|"
    r"um+|uh+|hmm+|thanks|thank you|thx|ty|cheers|please|pls|plz|sorry|apologies|btw|also|quick one|"
    r"quick (q|question)|(a )?(dumb|silly|stupid|random|noob) (q|question)|question|q|"
    # forms of address: "Honourable Chair,", "dear colleagues,", "respected sir,"
    r"(honou?rable|hon'?ble|respected|esteemed|distinguished|dear|madam|mister|mr\.?) (chair|chairperson|"
    r"chairman|chairwoman|delegates?|members?|colleagues|all|team|sir|madam|everyone)|dear)"
)
_POLITE = (
    r"(can|could|would|will) (you|u|ya|someone|anyone|somebody) (please |pls |plz )?"
    r"(tell|explain( to)?|remind|help|show|give|let|clarify|summari[sz]e|describe|break down)( me|"
    r" us)?( on)?|"
    r"(do|does) (you|u|anyone|someone|somebody) (happen to )?know|"
    r"i (was|am|'m) (just )?wondering|i('d| would) (like|love) to know|i want to know|i wonder|"
    r"(please|pls|plz) (tell|explain|remind)( me| us)?|tell me|explain( to me)?|remind me|help me understand|"
    r"any idea|anyone know"
)
# A word of address opening a question that follows ("bruv was it…", "yaar did they…") or closing it.
_ADDRESS_BEFORE = re.compile(
    r"^\s*(?P<word>[a-z]{2,12})\s*,?\s+(?=(was|is|are|were|did|does|do|has|have|had|can|could|will|would|"
    r"should)\s+(it|this|that|they|he|she|we|you|i|there)\b|(what|why|how|who|where|when|which)\b|"
    # ("bruv did imran meet putin?": an auxiliary that opens a question, not one after a subject, "cpec was…")
    r"(did|does|do|can|could|will|would|should)\s+\w+)"
)
_ADDRESS_AFTER = re.compile(r",\s*(?P<word>[a-z]{2,12})\s*[?!.]*\s*$")
# What speech-to-text makes of a question mark, and of an acronym said letter by letter.
_SPOKEN_MARK = re.compile(r"\s*\b(question mark|questionmark)\b", re.IGNORECASE)
_SPELT_LETTERS = re.compile(r"\b[A-Z](?: [A-Z]){1,4}\b")
# …and of an acronym said half as a word: "the fat F grey list", a word and a letter making one the base
# knows ("I" and "A" are words: "am I")
_WORD_AND_LETTER = re.compile(r"\b([A-Za-z]{2,5}) ([B-HJ-Z])\b")
# An acronym spelt out letter by letter, as voice typing writes it: "i m f bailout".
_LETTER_BY_LETTER = re.compile(r"\b[A-Za-z](?: [A-Za-z]){2,4}\b")
# Shouted messages: words to lower-case, and the short common words among them (acronyms stay capitals).
_SHOUTED_WORD = re.compile(r"[A-Za-z]+")
_EMPHASISED = re.compile(r"\b[A-Z]{3}\b")  # (two letters may be a country: "US-IN")
_SHOUTED_SENTENCE = re.compile(r"[^.?!\n]+[.?!]*")
_SHORT = (
    "a i an am as at be by do go he if in is it me my no of on or so to up we ok all and any are "
    "but can did for got had has her him his how its may new nor not now off old one our out own "
    "pak say see she the too two was way who why yet you"
)
_SHORT_WORDS = frozenset(_SHORT.split())
_LABEL_WORDS = 5
_LEAD = re.compile(rf"^\s*(({_GREETING})\b[\s,!.:;-]*)+", re.IGNORECASE)
# The word a question starts with, after a lead-in set aside ("random but whats the tea on…": its apostrophe
# is often left out).
_ASKED_NEXT = (
    r"(what|whats|why|how|hows|who|whos|whom|whose|when|where|wheres|which|is|are|was|were|do|does|did|can|"
    r"could|would|will|should|has|have|had)"
)
# "like historically", "i mean in the long run": words narrowing the question before them, asking nothing new
_NARROWS = re.compile(
    rf"^(like|i mean|as in|meaning|specifically|in particular),?\s+(?!{_ASKED_NEXT}\b)(?P<rest>\w.*)$|"
    # "before imran (i mean)": a time the last question is asked of
    rf"^(?P<when>(before|after|prior to|since|until|till) (?!{_ASKED_NEXT}\b)\w[^?]*)$",
    re.IGNORECASE,
)
_EXAMPLES = re.compile(
    r"^(like|e\.?g\.?|such as|for (example|instance)),?\s+"
    # (not the asker's own question: "…together? like is there an opening for us to sell into lol")
    rf"(?!({_ASKED_NEXT}|i|we|us|my|our|you)\b)\w",
    re.IGNORECASE,
)
# Chat tags before the question itself ("tldr why did…", "fwiw, who…", "eli5 how…"): they say how to answer,
# not what is asked; the question word after them must follow, so "tldr?" alone still asks for a summary.
_TAG_LEAD = re.compile(
    # ("summary" is "tl;dr" spelt out)
    # (…and "bottom line -", "long story short,": the answer asked short)
    r"^\s*(tl;? ?dr|summary|eli5|bluf|fyi|fwiw|iirc|afaik|imo|imho|tbh|tbf|ngl|srsly|lmk|idk|real quick|"
    r"bottom line|long story short|in a nutshell|in short|short version)\b"
    r"(\s+(pls|please|plz))?[\s,!.:;-]*"
    rf"(?={_ASKED_NEXT}\b)",
    re.IGNORECASE,
)
# A short label before a colon, then the question: "gut check, one line: is…", "for my essay: how…" (not
# one naming the subject, as a pair of countries does: "US-IN: what changed?", "pakistan and russia: why?").
_LABEL_LEAD = re.compile(
    r"^\s*(?![^\s:]*\s*(what|why|how|who|whom|whose|when|where|which)\b)"
    r"(?![^:\n]*\b[A-Z]{2,3}\s*[-/–]\s*[A-Z]{2,3}\b)(?!\s*[\w.]+ (and|&) [\w.]+\s*:)"
    r"(?![^:\n]*(->|→|<>|<->|=>|↔|⇄))"  # …nor a relation drawn as an arrow: "US -> pak pressure: what…"
    # …nor the part asked of: "the nuclear bit: what…"
    r"(?![^:\n]*\b(bit|part|angle|side|section|aspect)s?\s*:)"
    r"[^:?.!\n]{1,40}?(?<!\d):\s+"
    rf"(?=({_ASKED_NEXT}|isn'?t|wasn'?t|didn'?t|doesn'?t)\b)",
    re.IGNORECASE,
)
# A question passed on for someone else: "our sales lead is asking how…", "my boss wants to know why…".
# The asker is a person (my/our/someone/the team…), not one of the article's actors ("the US was asking…").
_RELAYED = re.compile(
    r"^\s*(my|our|someone|somebody|people|folks|everyone|everybody|a|an|the(?=(?-i: [a-z])))\b"
    r"[\w\s'’-]{0,40}?"
    r"\b((is|are|was|were|keeps?|kept) (asking|wondering)( me| us)?( about)?|asked (me|us)|"
    r"(wants?|wanted|would like|'d like|needs?) (me |us )?to know)"
    # ("…was asking during huddle, what…": the occasion it was asked on)
    r"( (during|in|at|on|after|before) (the |a |our |today'?s )?[\w-]+( [\w-]+)?,?)?\s+"
    r"(?=(how|why|what|who|whom|whose|when|"
    r"where|which|whether|if|about)\b)",
    re.IGNORECASE,
)
# What a request is for, before its subject: "something from the piece about how pakistan sees its position".
_ABOUT_LEAD = re.compile(
    r"^\s*(something|anything|a line|a quote|one line|a bit|stuff|a soundbite)\s+(from|in)\s+(the|this)\s+"
    r"(piece|article|story|analysis)\s+(about|on|re|regarding)\s+|"
    # "did the article say anything about how india reacted…": what it asks is the question it frames
    r"^\s*(does|did|do)\s+(the|this)\s+(article|piece|story|analysis|writer|author)\s+(say|mention|cover|"
    r"talk about|get into|go into)\s+(anything|something|much)\s+(about|on|re|regarding|of)\s+"
    r"(?=(how|what|why|who|whom|when|whether|if)\b)|"
    # "does it say when russia's invasion of ukraine started?"
    r"^\s*(does|did)\s+(it|the article|the piece|he|the writer|the author)\s+(say|mention|tell us|give)\s+"
    r"(?=(when|where|who|how long|how many|how much|which)\b)",
    re.IGNORECASE,
)
_POLITE_LEAD = re.compile(rf"^\s*({_POLITE})\b[\s,:;-]*", re.IGNORECASE)
# A hedge before the question: "sorry if this is basic, but who…", "might be a dumb q but why…".
_HEDGE_LEAD = re.compile(
    r"^\s*(sorry|apologies|forgive me|pardon|(this|it) (might|may|could) be|(might|may|could) be|maybe|"
    r"probably|prob|not sure|i know|i reali[sz]e|if (this|that|it)('s| is| was)?|"
    r"(slightly |a bit |totally |completely )?(off[ -]topic|unrelated|random))\b"
    r"[^?.!\n]{0,60}?[\s,]+but[\s,]+"
    rf"(?={_ASKED_NEXT}\b)",
    re.IGNORECASE,
)
_TRAILER = re.compile(
    r"([\s,.;:-]*\b(thanks|thank you|thx|ty|cheers|pls|plz|please|lol|lmao|haha+|tia|in advance|"
    r"thanks in advance|or what|or nah)\b[\s!.?]*)+$",
    re.IGNORECASE,
)
# A statement asked as a question with a tag: "pk and ru werent friends historically, right?" — the tag is no
# part of the question ("right" would match "did the right thing"). Not "was the US right?", which asks.
# A question to the people in the channel, not to the bot: "anyone read that tribune piece?", "has anybody
# seen the article on…?"
_TO_THE_CHANNEL = re.compile(
    r"(^|[\s,:;–—-])\W*((has|have|did|does|do) )?(any ?one|any ?body|you guys|y'?all|everyone|people) "
    r"(here )?(read|seen|see|saw|catch|caught|spot|spotted|come across|came across)\b",
    re.IGNORECASE,
)
# A question told rather than asked: "He's asked me to explain why the two countries are getting closer",
# "I'm trying to understand how…".
_ASKS_WITHIN = re.compile(
    r"\b(explain|know|understand|wondering|wonder|figure out|find out|curious|asking|asked)\b"
    r"[^.?!]{0,40}?\b(why|how|what|who|when|where|which|whether)\b",
    re.IGNORECASE,
)
_TAG_QUESTION = re.compile(r"[\s,]+(right|yeah|yes|no|correct|true|innit|eh)\s*\?+\s*$", re.IGNORECASE)
_ASKS = re.compile(
    r"\?|^\s*(what|whats|why|how|hows|who|whos|whom|whose|when|where|wheres|which|is|are|was|were|do|does|did|can|could|would|will|"
    r"should|has|have|had|quote|tell|explain|give|list|name|describe|summari[sz]e)\b",
    re.IGNORECASE,
)
# Shorthand people type in Slack, spelt out so retrieval and intent reading see the words ("the FM" → "the
# foreign minister", "b4 going" → "before going"). Matched as whole words, case-insensitively.
_SHORTHAND = {
    "tldr": "summary",
    "tl;dr": "summary",
    "fm": "foreign minister",
    "pm": "prime minister",
    "govt": "government",
    "gov": "government",
    "admin": "administration",
    "intl": "international",
    "econ": "economy",
    "b4": "before",
    "bc": "because",
    "b/c": "because",
    "cuz": "because",
    "coz": "because",
    "bcoz": "because",
    "u": "you",
    "ur": "your",
    "r": "are",
    "n": "and",
    "w/": "with",
    "w/o": "without",
    "abt": "about",
    "tho": "though",
    "thru": "through",
    "wrt": "with regard to",
    "esp": "especially",
    "bn": "billion",
    "mn": "million",
    "pak": "pakistan",
    "pk": "pakistan",
    "ru": "russia",
    "isb": "islamabad",  # as Pakistanis abbreviate their capital ("GoP" is left alone: the GOP is not it)
    "coop": "cooperation",
    "smth": "something",
    "sth": "something",
    "yrs": "years",
    "mins": "ministers",
    # Contractions typed without their apostrophe, which the spelling corrector would otherwise "fix"
    # ("theyre" → "there"); only the unambiguous ones ("were", "its", "ill", "well" are words too).
    "theyre": "they are",
    "youre": "you are",
    "dont": "do not",
    "doesnt": "does not",
    "didnt": "did not",
    "isnt": "is not",
    "wasnt": "was not",
    "arent": "are not",
    "werent": "were not",
    "wont": "will not",
    "cant": "cannot",
    "wouldnt": "would not",
    "shouldnt": "should not",
    "couldnt": "could not",
    "mustnt": "must not",
    "havent": "have not",
    "hasnt": "has not",
    "hadnt": "had not",
    "im": "i am",
    "ive": "i have",
    "theyve": "they have",
    "weve": "we have",
    "youve": "you have",
    "itll": "it will",
    "theyll": "they will",
    # Roman Urdu question words and "and", which the reading of a question turns on ("kyun?", "aur china?")
    "kyun": "why",
    "kyu": "why",
    "kyon": "why",
    "kiyun": "why",
    "aur": "and",
    "kab": "when",
    "kaun": "who",
    "kon": "who",
    "kisne": "who",
    "kis ne": "who",
    "kis": "which",  # "kis paper mein?" (after "kis ne", which is "who")
    "konsa": "which",
    "konsi": "which",
    "kaha": "said",
    "kaise": "how",
    "kitne": "how many",
    "kitna": "how much",
    "kitni": "how much",
    "kahan": "where",
    # …and the words of time and naming such questions turn on ("kitne din?", "kis date ko?", "naam batao")
    "pehle": "before",
    "baad": "after",
    "naam": "name",
    "tareekh": "date",
    "din": "days",
    "saal": "years",
}
_SHORTHAND_WORD = re.compile(
    r"(?<![\w/])("
    + "|".join(re.escape(k) for k in sorted(_SHORTHAND, key=len, reverse=True))
    + r")(?![\w/])",
    re.IGNORECASE,
)
# Casual fillers that carry no part of a question ("what did washington actually want", "easy call or nah"),
# and asking for confirmation after a claim ("…because of china, is that what the article says?").
_FILLERS = re.compile(
    r"\s*\b((is|was) (that|this|it) (right|true|correct|so|accurate|what the (article|piece) says)|"
    r"am i (right|wrong)|or nah|or not|lol|lmao|haha+|tbh|tbf|ngl|imo|imho|fwiw|iirc|afaik|smh|fr|literally|"
    r"basically|actually|honestly|seriously|"
    # "who even wrote this", "whats this even about"
    r"even(?= (wrote|write|about|mean|means|stand|stands|say|says|said|is|was|are|do|does|did|happen|"
    r"happening|going on)"
    r"\b)|"
    r"just wondering|i guess|i mean|you know|kinda|sorta|like,|wait,?|hmm+|huh|eh|"
    # how to put it, not what: "explain in plain English what…"
    r"in (plain|simple) (english|terms|words|language)|in lay(man|person)['’]?s terms|"
    r"like(?= (what|whats|what's|why|how|who|when|is|are|was|were|did|do|does)\b)|"  # "why tho like what's…"
    # Roman Urdu and Hindi chat words, common in South Asian workplaces: "acha so how did…", "bhai…",
    # "FATF ka kya connection hai isme?" ask in English around them (and they are no one's name).
    r"yaar|yar|bhai|bhaiya|acha|accha|achha|matlab|kya|hai|hain|isme|ismein|ismai|mein|nahi|nahin|haan|arre|"
    r"arey|bas|toh|yeh|woh|kaise|kyun|kyon|sahi|theek|thik|chalo|ji|na|ka|ki|ke|ko|se|scene)\b[,!.]?",
    re.IGNORECASE,
)
_SPOKEN = {
    "gonna": "going to",
    "wanna": "want to",
    "gotta": "got to",
    "kinda": "kind of",
    "dunno": "don't know",
}
_SMALL_TALK = frozenset(
    {
        "",
        "hi",
        "hello",
        "hey",
        "help",
        "thanks",
        "thank you",
        "thx",
        "ok",
        "yo",
        "hi there",
        "hello there",
        "usage",
        # acknowledgements that ask nothing
        "ty",
        "okay",
        "k",
        "cool",
        "nice",
        "great",
        "got it",
        "lol",
        "nvm",
        "never mind",
        "nevermind",
        "found it",
        "nvm found it",
    }
)

Correct = Callable[[str], str]
Rename = Callable[[str], str]
Known = Callable[[str], bool]
Relevance = Callable[[str], float]


@dataclass(frozen=True)
class Question:
    """A message as the engine reads it."""

    text: str  # what was asked, markup and mentions removed (shown back to the person)
    query: str  # the question's own words: preamble and politeness set aside, typos corrected
    injection: bool
    asks_config: bool
    truncated: bool  # the message was longer than MAX_INPUT_CHARS and its end was not read
    aside: str = ""  # remarks after the question ("…? my students will assume X"): context, not what is asked

    @property
    def empty(self) -> bool:
        """Nothing to answer: no text, or only a greeting or a call for help."""
        return normalised(self.text) in _SMALL_TALK or not normalised(self.query)


def read_question(
    raw: str,
    *,
    correct: Correct | None = None,
    relevance: Relevance | None = None,
    known: Known | None = None,
    countries: Rename | None = None,
) -> Question:
    """Read a message: clean it, set aside instructions, find its question, and correct typos in that.

    `correct` fixes misspelt words; `relevance` scores how much a sentence is about the knowledge base, to
    pick the question out of a long message; `known` tells a word of English or of the base from one of
    Roman Urdu mixed in; `countries` names the countries it names as it does ("CN" → "china"). All come
    from the knowledge base; without them, none of it is done."""
    text = unshout(clean(raw))
    truncated = len(text) > MAX_INPUT_CHARS
    text = text[:MAX_INPUT_CHARS]
    injection = bool(_INJECTION.search(text))
    asks_config = bool(_CONFIG.search(text))
    if injection:
        text = "\n".join(s for s in _SENTENCE.split(text) if s and not _INJECTION.search(s))
    if len(text) > LONG_MESSAGE_CHARS:
        asked, aside = find_question(text, relevance)
    else:
        asked, aside = without_lead_in(text)
    text = " ".join(text.split())
    asked = " ".join(asked.split())
    told = _TOLD_THEN_ASKED.match(asked)
    if told and not _POINTS_BACK.search(told.group("question")):
        # "for decades pakistan was in the US camp, so what was the turning point?": what the asker already
        # knows is context; the question is what follows it.
        asked, aside = told.group("question"), f"{told.group('told')} {aside}".strip()
    # "Pakistán", "Moscú": the letters without their accents, as the base spells its words
    asked, aside = _unaccented(asked, known, correct), _unaccented(aside, known, correct)
    if countries is not None:
        asked = countries(asked)
    query = without_fillers(spell_out(strip_preamble(asked)))
    if correct is not None:
        query = correct(query)
        aside = correct(aside)
    if known is not None:
        query = _unaddressed(query, known)
        query = _WORD_AND_LETTER.sub(lambda m: _joined(m, known), query)
        query = _LETTER_BY_LETTER.sub(lambda m: _joined(m, known), query)
    if known is not None and (_in_roman_urdu(text) or _ACCENTED.search(text)):
        # "FATF grey list ke baare mein article kya kehta hai?": its words no dictionary knows are Urdu too
        # ("baare"), not names the article never mentions; so are those of a message with accented letters
        # or inverted marks ("¿por qué Pakistán no canceló el viaje?"), which English seldom has.
        query = _known_words(query, known)
        aside = _known_words(aside, known)
    return Question(text=text, query=query, injection=injection, asks_config=asks_config, truncated=truncated,
                    aside=without_fillers(spell_out(aside)))  # fmt: skip


def _in_roman_urdu(text: str) -> bool:
    """Whether a message is written partly in Roman Urdu, as told by its grammar's words ("ke", "mein")."""
    return sum(w in mixed_in_words() for w in re.findall(r"[a-z]+", text.lower())) >= ROMAN_URDU_WORDS


def _joined(match: re.Match[str], known: Known) -> str:
    """Pieces of one acronym as it, when the base knows it: a word and a letter ("fat F" → "FATF"), letters
    spelt out ("i m f" → "IMF"); else as they were."""
    word = match.group().replace(" ", "")
    return word.upper() if known(word) else match.group()


def _unaddressed(text: str, known: Known) -> str:
    """A question without a word of address no dictionary knows, before or after it ("bruv was it an easy
    call?", "why did they go, fam?"): the person spoken to, not a name the question asks about."""
    for pattern in (_ADDRESS_BEFORE, _ADDRESS_AFTER):
        match = pattern.search(text)
        if match and not known(match.group("word")):
            text = text[: match.start("word")] + text[match.end("word") :]
    return " ".join(text.split()).lstrip(", ")


def _known_words(text: str, known: Known) -> str:
    """Text without its lowercase words that are neither English nor the base's ("baare", "zikr"), but for
    English shorthand with its vowels dropped ("pls", "govt")."""
    kept = _LOWER_WORD.sub(
        lambda m: m.group() if known(m.group()) or not re.search("[aeiouy]", m.group()) else "", text
    )
    return " ".join(kept.split())


def unshout(text: str) -> str:
    """A message typed in capitals, read as if it were not: "WHO IS PLAYING MATCHMAKER" names no one called
    Matchmaker. Short capitalised tokens stay as typed (US, IMF, NPT), unless they are common short words.
    Sentence by sentence: "PRAY TELL, WHO APPROACHED ISLAMABAD? Do forgive the capitals." shouts only once."""
    return _SHOUTED_SENTENCE.sub(lambda m: _unshouted_sentence(m.group(0)), text)


def _unshouted_sentence(sentence: str) -> str:
    letters = [c for c in sentence if c.isalpha()]
    if len(letters) < 12 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        # (a common short word stressed in capitals is no acronym: "whats the ONE main reason", "WHO from…")
        return _EMPHASISED.sub(_unstressed, sentence)
    return _SHOUTED_WORD.sub(lambda m: _unshouted(m.group(0)), sentence)


def _unstressed(match: re.Match[str]) -> str:
    word = match.group(0)
    return word.lower() if word.lower() in _SHORT_WORDS else word


def _unshouted(word: str) -> str:
    return word if len(word) <= 3 and word.lower() not in _SHORT_WORDS else word.lower()


_ACCENTED = re.compile(r"[À-ÖØ-öø-ɏ¿¡]")
_ACCENTED_WORD = re.compile(r"\b\w*[À-ÖØ-öø-ɏ]\w*\b")


def _unaccented(text: str, known: Known | None, correct: Correct | None) -> str:
    """Words with accented Latin letters as the base spells them ("Pakistán" → "Pakistan", "Moscú" →
    "Moscow"), or left out when neither English nor the base has them ("según": another language's word, no
    name); no inverted marks ("¿por qué?"). Other scripts as they are."""
    if not _ACCENTED.search(text):
        return " ".join(text.split())
    text = text.replace("¿", " ").replace("¡", " ")
    if known is None:
        return text.strip()

    def plain(match: re.Match[str]) -> str:
        decomposed = unicodedata.normalize("NFD", match.group())
        word = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
        if known(word.lower()):
            return word
        fixed = correct(word.lower()) if correct is not None else word
        return fixed if fixed != word.lower() and known(fixed) else ""

    return " ".join(_ACCENTED_WORD.sub(plain, text).split())


def clean(raw: str) -> str:
    """Slack links to their text; mentions, broadcasts, invisible and control characters and emoji removed."""
    text = _LINK.sub(lambda m: m.group(2) or m.group(1), raw or "")
    text = _MENTION.sub(" ", text)
    text = html.unescape(text)
    text = _MENTION.sub(" ", text)  # once more: escaped markup becomes markup after unescaping
    text = _BARE_BROADCAST.sub(" ", text)
    text = unicodedata.normalize("NFKC", text)
    # Slack sends emoji as shortcodes (":thinking_face:"): between words they end a sentence as emoji do
    text = _SHORTCODE.sub(" ", _SHORTCODE_BETWEEN_WORDS.sub("\n", text))
    text = _LAUGH_BETWEEN_WORDS.sub("\n", _EMOJI_BETWEEN_WORDS.sub("\n", text))
    text = _SPOKEN_MARK.sub("?", text)  # dictated: "…published question mark"
    text = _SPELT_LETTERS.sub(lambda m: m.group().replace(" ", ""), text)  # dictated: "I M F" → "IMF"
    return "".join(_visible(ch) for ch in text)


def strip_preamble(text: str) -> str:
    """The question without greetings, politeness or sign-off: "hey! can you tell me why X?" → "why X?"."""
    previous = None
    while previous != text:
        previous = text
        text = _LEAD.sub("", text)
        text = _TAG_LEAD.sub("", text)
        text = _LABEL_LEAD.sub("", text) if len(text.split(":", 1)[0].split()) <= _LABEL_WORDS else text
        text = _POLITE_LEAD.sub("", text)
        text = _ABOUT_LEAD.sub("", text)
        text = _HEDGE_LEAD.sub("", text)
        text = _RELAYED.sub("", text)
    stripped = _TRAILER.sub("", text).strip()
    if not _ASKS.match(stripped.replace("?", "")):
        stripped = _TAG_QUESTION.sub("?", stripped)
    return stripped or text.strip()


def asks_only_agreement(sentence: str) -> bool:
    """A statement with a tag ("they were rivals in the cold war, no?"): it asks only to be agreed with."""
    return bool(_TAG_QUESTION.search(sentence))


def without_fillers(text: str) -> str:
    """The question without casual fillers ("actually", "basically", "or nah"), with spoken forms written
    out."""
    text = re.sub(r"\b(gonna|wanna|gotta|dunno)\b", lambda m: _SPOKEN[m.group(1).lower()], text, flags=re.I)
    # ("…the whole thing lol. whats the short version…": a filler's full stop still ends its sentence)
    stripped = " ".join(_FILLERS.sub(_filler_gone, text).split())
    stripped = re.sub(r"\s+(?=[.!,])", "", stripped)
    stripped = re.sub(r"^[\s.!,]+|(?<=[.!?,])[.!,]+", "", stripped)
    return stripped if re.search(r"\w", stripped) else text


def _filler_gone(match: re.Match[str]) -> str:
    return f"{match.group(0)[-1]} " if match.group(0)[-1] in ".!," else " "


def spell_out(text: str) -> str:
    """Slack shorthand spelt out: "did the FM justify it b4 going" → "did the foreign minister justify it
    before going"; words joined by a slash are two ("the RU/West standoff" → "the russia / West standoff").
    Capitals are kept as typed for everything else (a name stays a name)."""
    text = _SLASHED.sub(" / ", text)
    return _SHORTHAND_WORD.sub(lambda m: _SHORTHAND[m.group(1).lower()], text)


def questions_in(query: str) -> list[str]:
    """The questions of a message that asks more than one ("why did X? what was the goal"); none otherwise."""
    parts = [p.strip() for p in re.split(r"(?<=\?)\s+", query)]
    # ("pls tell me we didn't just fold": a request after its greeting or "pls")
    parts = [p for p in parts if len(p.split()) >= 3 and _ASKS.search(_LEAD.sub("", p))]
    return parts if len(parts) > 1 else []


def last_asking(query: str) -> tuple[str, str] | None:
    """In a question read with the sentence before it ("my boss has the piece on pakistan and russia. why are
    the two getting closer?"), its last sentence that asks, and what comes before that; None for one
    sentence."""
    sentences = [s.strip() for s in _SENTENCE.split(query) if s and s.strip()]
    asking = [i for i, s in enumerate(sentences) if i > 0 and _ASKS.search(strip_preamble(s))]
    if not asking:
        return None
    return " ".join(sentences[asking[-1] :]), " ".join(sentences[: asking[-1]])


def narrowing(follow_up: str) -> str | None:
    """What a follow-up narrows the last question by ("like historically" → "historically"); None when it
    asks something of its own ("like what's the turning point")."""
    match = _NARROWS.match(follow_up)
    return (match.group("rest") or match.group("when")) if match else None


def last_asking_clause(query: str) -> tuple[str, str] | None:
    """In a sentence that asks only in its last clause ("the tv had something on pakistan and russia and now
    im curious, why are they getting closer?"), that clause and what comes before it; None otherwise, and
    for a clause pointing back at the thing the one before names ("but the gas pipeline, did that get
    signed": the pipeline is asked about)."""
    clauses = [c.strip() for c in re.split(r",\s+|\s+[—–-]\s+", query) if c.strip()]
    asking = [i for i, c in enumerate(clauses) if i > 0 and _ASKS.match(strip_preamble(c).replace("?", ""))]
    if not asking or _ASKS.match(strip_preamble(clauses[0]).replace("?", "")):
        return None
    clause = ", ".join(clauses[asking[-1] :])
    if _POINTS_AT_IT.search(clause) and not THEY.search(clause):
        return None
    return clause, ", ".join(clauses[: asking[-1]])


def told_question(text: str) -> tuple[str, str] | None:
    """A question told, not asked, in a message ("He's asked me to explain in really simple terms why the two
    countries are getting closer"): from its question word on, and the sentences before it; None when there
    is none, or when that sentence asks for itself."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    told = [
        i for i, s in enumerate(sentences) if _ASKS_WITHIN.search(s) and not _ASKS.search(strip_preamble(s))
    ]
    if not told:
        return None
    match = _ASKS_WITHIN.search(sentences[told[-1]])
    assert match is not None
    return sentences[told[-1]][match.start(2) :], " ".join(sentences[: told[-1]])


def asking_clause(query: str) -> str | None:
    """Of a question followed by a remark in clauses of its own ("which pm went to moscow, on site cant read
    the whole thing"), the question; None when any other clause asks or has its question mark ("which
    agreements tho, like names?" asks names) or when the clause that asks is not the first ("but the gas
    pipeline, did that get signed": the pipeline is asked about)."""
    clauses = [c.strip() for c in re.split(r",\s+|\s+[—–-]\s+", query) if c.strip()]
    if len(clauses) < 2 or len(clauses[0].split()) < 3 or not _ASKS.search(strip_preamble(clauses[0])):
        return None
    return None if any("?" in c or _ASKS.search(strip_preamble(c)) for c in clauses[1:]) else clauses[0]


# "…does it give an exact number? 23 or 25?": the answers the asker has in mind, part of the question
_OFFERED = re.compile(r"^\W*[\w'’-]+( [\w'’-]+)? or [\w'’-]+( [\w'’-]+)?\W*\?\W*$")


def find_question(text: str, relevance: Relevance | None) -> tuple[str, str]:
    """In a long message, the sentence that asks (the most relevant one, or the last one that asks), and the
    sentence before it as its context."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    asking = [i for i, s in enumerate(sentences) if _ASKS.search(strip_preamble(s))]
    if len(sentences) < 2:
        return text, ""
    if not asking:
        if relevance is None:
            return text, ""
        # "need a soundbite for the trailer — something about how pakistan sees its own position. one line":
        # no sentence asks, so the request is the one most about the article.
        asking = list(range(len(sentences)))
    # "they were rivals in the cold war, no? so what's driving them now": the tag asks only for agreement;
    # "anyone read this pakistan/russia piece…? tl;dr why are they…": the channel is asked first.
    asking = [i for i in asking if not asks_only_agreement(sentences[i])] or asking
    asking = [i for i in asking if not _TO_THE_CHANNEL.search(sentences[i])] or asking
    if relevance is None or len(asking) == 1:
        chosen = asking[-1]
    else:
        scores = [relevance(sentences[i]) for i in asking]
        best = max(scores)
        # Ties (and near-ties) go to the later sentence: people ask at the end of a long message.
        chosen = next(
            i for i, score in reversed(list(zip(asking, scores, strict=True))) if score >= best - 0.02
        )
    question = sentences[chosen]
    if chosen + 1 < len(sentences) and (
        _REPHRASED.match(sentences[chosen + 1])
        or _EXAMPLES.match(sentences[chosen + 1])
        or _OFFERED.match(sentences[chosen + 1])
    ):
        # "…going downhill? like what's the turning point", "…the older history at all? like 1979, soviets…"
        question = f"{question} {sentences[chosen + 1]}"
    if chosen > 0 and _leans_back(sentences[chosen]) and not _names_its_own(sentences[chosen]):
        if _TO_THE_CHANNEL.search(sentences[chosen - 1]):
            return question, sentences[chosen - 1]  # whom "they" are, in a question not to the bot
        return f"{sentences[chosen - 1]} {question}", ""
    # "The article frames the visit as part of a longer process. What kind of efforts preceded it?": the
    # sentence before the question is its context.
    return question, sentences[chosen - 1] if chosen > 0 else ""


def without_lead_in(text: str) -> tuple[str, str]:
    """A short message from its first sentence that asks: "PM here, prepping a briefing. In a nutshell, what
    is driving…?" → "In a nutshell, what is driving…?". What follows that sentence stays ("…? like
    concretely"), and a short question keeps the sentence before it ("Pakistan went anyway. Why?")."""
    sentences = [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]
    asking = [i for i, s in enumerate(sentences) if _ASKS.search(strip_preamble(s))]
    # "anyone read that tribune piece on pakistan n russia? why are they…": the channel is asked first
    asking = [i for i in asking if not _TO_THE_CHANNEL.search(sentences[i])] or asking
    first = asking[0] if asking else 0
    told = ""
    if first > 0 and _leans_back(sentences[first]):
        if _TO_THE_CHANNEL.search(sentences[first - 1]):
            told = sentences[first - 1]  # whom "they" are, in a question not to the bot: its context
        else:
            first -= 1
    # "…? i'm the new person on the desk, sorry": what follows about the asker is not part of the question.
    last = len(sentences)
    while last > first + 1 and _ABOUT_THE_ASKER.match(sentences[last - 1]):
        last -= 1
    # "…? my students will assume pakistan shrugged off the US": a remark after the question is its context.
    end = first + 1
    while end < last and not _ASKERS_OWN.match(sentences[end]):
        end += 1
    # ("why are they besties lol saw the headline in my feed": the remark, with or without a "?" before it)
    if end < last:
        return " ".join(sentences[first:end]), " ".join([told, *sentences[end:last]]).strip()
    return (" ".join(sentences[first:last]) if first > 0 or last < len(sentences) else text), told


def _names_its_own(question: str) -> bool:
    """Whether a long sentence names whom its pronoun stands for before it ("…that piece by Kamran Yousaf:
    what does he say…", "how close those two countries are - are they allies?")."""
    # ("that Express Tribune piece": "that" before a name points at it, not back)
    pronoun = next(
        (m for m in _POINTS_BACK.finditer(question) if not re.match(r"\s+[A-Z]", question[m.end() :])), None
    )
    return len(question.split()) > SHORT_QUESTION_WORDS and bool(
        pronoun and _NAMED_BEFORE.search(question[: pronoun.start()])
    )


def _leans_back(question: str) -> bool:
    """A question that needs the sentence before it: a short one ("Why?"), or one that names its subject
    only by a pronoun ("pak and russia were rivals. so what's driving them to patch things up?")."""
    return len(question.split()) <= SHORT_QUESTION_WORDS or bool(_POINTS_BACK.search(question))


def normalised(text: str) -> str:
    """The cache's form of a question: case, punctuation and spacing do not matter."""
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def _visible(ch: str) -> str:
    """The character, a space for a tab, or nothing for what a reader cannot see (line breaks stay)."""
    if ch in "\n\t":
        return "\n" if ch == "\n" else " "
    category = unicodedata.category(ch)
    if category in ("Cc", "Cf", "Co", "Cs", "Cn"):  # control, format (zero-width), private, surrogates
        return ""
    if category == "So" or category == "Sk":  # emoji and other symbols
        return " "
    return ch
