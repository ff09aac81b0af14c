"""What a question asks for, and whether a passage gives it.

A question that asks for a specific detail (a time limit, a number, a place, a date, a person or
body, a list of named things, the purpose a document states for itself) is answered only when a
cited sentence contains a span of that kind; a passage on the topic without one is a near miss,
and the honest answer says the detail is not stated. Questions are classified by their wording
in both languages; spans are found by patterns in English and by patterns plus `jieba.posseg`
tags (numerals, place, person and organisation names) in Chinese. The span tests are
deliberately generous: they decide only that a detail of the right kind is present, never that
it is the right one.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache

from rag.keyword import posseg
from rag.sentences import lists
from rag.text import has_cjk, normalize
from rag.types import Lang


class Kind(StrEnum):
    DURATION = "duration"
    FREQUENCY = "frequency"
    NUMBER = "number"
    PLACE = "place"
    DATE = "date"
    PERSON = "person"
    ARTICLE = "article"
    PURPOSE = "purpose"
    LIST = "list"
    OPEN = "open"


_ZH_NUM = r"[0-9零〇一二两三四五六七八九十百千万亿半]"
_EN_NUM_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion|half|a third|a quarter"
)

# A law, regulation or other instrument, as a question names it, with its version note
# (（试行）, （九）); 法 not in 做法, 办法, 违法 …. 规定, 决定, 意见 … are also what a rule
# says or a body decides (违反规定, 作出该决定, 这个规定): an instrument only as 本规定 (a
# document speaking of itself) or at the end of a title in 《》.
_ZH_NOTE = r"(?:[（(][^（）()》]{1,10}[）)])?"
_ZH_AMBIGUOUS = r"(?:规定|办法|意见|决定|规则|细则|章程)"
_ZH_INSTRUMENT = (
    r"(?:(?:(?<![做办违执司方说看想合非守])法|法律|法规|条例|解释|公约|协定|修正案)"
    rf"|(?<=本){_ZH_AMBIGUOUS}|{_ZH_AMBIGUOUS}(?={_ZH_NOTE}》)){_ZH_NOTE}"
)
# An English title's words before the instrument ("the Labour Contract Law", "China's Product
# Quality Law", "the stamp duty law", "these guiding opinions"): a preposition or an article
# ends it ("the deposit in an auction under the Auction Law" names a deposit, not a law), and
# so does an article's number ("Article 5 of the Law" is one article).
_EN_TITLE = (
    r"(?:(?!(?:in|under|at|by|with|from|to|about|regarding|concerning|a|an|its|their|whose|which"
    r"|that|this|these|articles?|items?|paragraphs?|sections?|clauses?|chapters?)\b)"
    r"[\w'’.-]+\s+){0,6}"
)
# Instruments named in lower case too, and those named only as a title, capitalised ("the
# Provisions on …", "the Anti-Monopoly Act"): "the penalty provisions" are articles of one, "the
# arbitration agreement" or "the statute of limitations" no instrument.
_EN_INSTRUMENT = (
    r"law|laws|regulations?|opinions|interpretation|constitution|ordinance|legislation"
    r"|(?-i:Rules|Provisions|Measures|Act|Code|Decision|Statute|Convention|Agreement)"
)

_LAW = rf"(?:the |this |these |that |a |an )?{_EN_TITLE}(?:{_EN_INSTRUMENT})\b"
# … and the rest of its title: "the Law on the Protection of the Rights and Interests of …"
_TITLED = rf"{_LAW}(?:\s+(?:of|on|for|against|in)\s+[^?]{{1,80}}?)??"
_PURPOSE_ASKED = (
    rf"(?:{_ZH_INSTRUMENT})》?的?(?:立法|制定|设立|颁布|出台)?的?(?:目的|宗旨|初衷)",
    r"(?:立法|制定)的?(?:目的|宗旨|初衷)",
    # 为什么要(专门)制定一部…法
    rf"为(?:什么|何|啥)(?:要|会)?[^，。？?]{{0,3}}?(?:制定|颁布|出台|设立|有)[^，。？?]{{0,20}}?"
    rf"(?:{_ZH_INSTRUMENT})",
    # "妇女权益保障法为什么要制定？", not "公司法为什么要设立监事会？"
    rf"(?:{_ZH_INSTRUMENT})》?[^，。？?]{{0,6}}?为(?:什么|何|啥)(?:要|会)?(?:制定|颁布|出台|设立)"
    r"(?=的?(?:呢|吗)?\s*(?:[？?]|$))",
    r"(?:制定|颁布|出台)[^，。？?]{0,20}?是?为了(?:什么|啥)",
    r"为(?!什么|何|啥)了?[^，。？?]{0,12}?(?:什么|啥)[^，。？?]{0,8}?而(?:制定|颁布|出台)",
    r"出于(?:什么|何种)(?:考虑|目的)[^，。？?]{0,6}?(?:制定|颁布|出台)",
    rf"(?:{_ZH_INSTRUMENT})》?[^，。？?]{{0,4}}?是(?:干|做)什么(?:用)?的",
    rf"(?:{_ZH_INSTRUMENT})》?[^，。？?]{{0,4}}?(?:旨在|是为了(?:解决)?(?:什么|啥|哪些))",
    r"(?<!\bfor the )(?<!\bfor )\b(?:purposes?|aims?|objectives?|goals?|intent|intentions?"
    rf"|rationale|point) (?:of|behind) {_LAW}",
    rf"{_LAW}['’]s? (?:purposes?|aims?|objectives?|goals?|rationale)\b",
    rf"\bwhy (?:was|were|did|has|have) {_TITLED}[^?]{{0,40}}?\b(?:enacted|formulated|adopted|"
    r"promulgated|issued|passed|made|introduced|drawn up)\b",
    r"\bwhy (?:did|does|do) [^?]{0,40}?\b(?:enact|formulate|adopt|promulgate|issue|pass|make|"
    rf"introduce|have) {_LAW}",
    rf"\bfor what purposes? (?:was|were|is|are) {_LAW}",
    rf"\bwhat purposes? (?:does|do|did) {_TITLED} (?:serve|have)\b",
    # "what is the Auction Law for?", not "what is the law for drunk driving?"
    rf"\bwhat(?:'s|’s| is| are| was| were) {_TITLED} (?:for\s*(?:\?|$)|meant to (?:do|achieve))",
    rf"\bwhat (?:does|do|did) {_TITLED} (?:aim|seek|set out|intend|try) to\b",
    rf"{_TITLED}[^?]{{0,30}}?\b(?:designed|intended|meant|supposed) to (?:accomplish|achieve|do|"
    r"serve|address|solve|safeguard|protect|promote|ensure|prevent|regulate)\b",
    r"\bwhat (?:[a-z-]+ )?(?:goals|aims|objectives|purposes) (?:does|do|did) "
    rf"{_TITLED} (?:pursue|serve|have|seek)\b",
)
_PURPOSE_CHARS = 400  # of the asking part: the patterns above are costly on long text
# Words without which a question asks for no purpose (a cheap test before the patterns above).
_PURPOSE_CUE = re.compile(
    r"目的|宗旨|初衷|为什么|为何|为啥|为了|干什么|做什么|旨在|考虑|而制定|而颁布|而出台"
    r"|purpose|aim|objective|goal|intent|intend|rationale|point|why|for|meant|designed|supposed"
    r"|achiev|accomplish|serve|seek|set out|try",
    re.I,
)

# Named things a list question asks for, and the words that may stand before them (哪些国际组织).
_LIST_NOUNS = (
    "(国家|组织|地区|城市|省份|机构|机关|部门|企业|公司|语言|语文|民族|委员会|公约|条约|协定)"
)
# Before a closing 有哪些, only things named by proper names (公司的组织机构有哪些 asks for organs).
_NAMED_NOUNS = "(国家|国际组织|地区|城市|省份|语言|语文|民族|公约|条约|协定)"
_LIST_MODIFIER = "(国际|专门|外国|境外|境内|主要|具体|地方|政府|官方|法定)"

# A few years or months told, not asked: 这几天, 那几年, 近几年 (not 附近几家), 好几年 (not 最好
# 几天内), 头几个月, 过去几个月.
_TOLD = r"(?<![这那头])(?<!(?<!附)近)(?<!(?<!最)好)(?<!过去)"

# Question wording, most specific first: "how many days" asks for a duration, not a number.
_QUESTION_PATTERNS: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    (
        Kind.ARTICLE,
        re.compile(
            r"哪一?条|第几条|哪个条款|哪一款|哪项规定"
            r"|\bwhich (article|provision|item|section|clause)s?\b"
            r"|\bwhat (article|provision|item|section)\b",
            re.I,
        ),
    ),
    (
        # The purpose of a law, regulation or other instrument (what its first article or
        # preamble states: "为了……，制定本法" / "This Law is formulated for the purpose of …"),
        # not of a rule inside it ("保证金的目的", "the purpose of the deposit"); "以营利为目的"
        # and "for the purposes of this Law" ask for none.
        Kind.PURPOSE,
        re.compile("|".join(_PURPOSE_ASKED), re.I),
    ),
    (
        Kind.FREQUENCY,
        re.compile(
            r"多久一次|每隔多久|多长时间一次|隔多久|频率|频次|每(隔)?几(年|个月|月|周|天|日)"
            r"|(?:多久|多长时间)(?:(?!再|重新)[^，。；？?]){0,12}?(?<!第)一次(?!性)"
            # each period, then what is done: at most 8 characters, more to go to or report to
            # a body (每个月要到社区矫正机构报到几次; not 每季度申报缴纳税款时可以延期几次)
            r"|每(?:个)?(?:年|月|季度|周|星期)"
            r"(?:[^，。；？?]{0,8}?|[^，。；？?]{0,4}?[到向去][^，。；？?]{0,10}?)(?:几|多少)次"
            r"|\bhow (often|frequently)\b|\bat what (intervals?|frequency)\b"
            r"|\bhow many times (?:a|an|each|per|every)\b",
            re.I,
        ),
    ),
    (
        Kind.DURATION,
        re.compile(
            r"多久|多长时间|多长的?期限|(期|限|时效|时间|年限)[^，。；？?]{0,6}?多长|什么期限|期限(是|为)?多|"
            # not 这几天, 近几年, 好几年, 过去几个月, or 前几天 opening a clause ("a few days ago");
            # 提前几天 asks
            rf"{_TOLD}(?<!^前)(?<![，。？！；,?!;\s]前)"
            r"(?:几(个)?(工作日|天|日|周(?!岁)|星期|年|小时)"
            r"|几个月)|"
            r"多少(个)?(天|日|周(?!岁)|月|年|小时|工作日)|(在|于)?什么时间之?内|多少时间"
            r"|\bhow long\b|\bhow many (working |calendar )?(days|weeks|months|years|hours)\b"
            r"|\bhow far (in advance|ahead|beforehand|back)\b"
            # before a moment, not a place: "how far before the permit expires", not "how far
            # before an intersection"
            r"|\bhow far (before|prior to)\b(?=[^?.]{0,40}?\b(expir|lapse|ends?\b|due\b|"
            r"starts?\b|begins?\b|deadline|hearing|meeting|trial|arriv|depart|the date\b))"
            r"|\bwithin (how|what)\b"
            r"(?! (distance|radius|range|area|scope|extent|sphere|limits|"
            r"many (met|kilomet|km|mile|feet|yard|square)))"
            r"|\bdeadline\b|\bhow much notice\b"
            # "the longest a suspect can be held", not "the shortest procedure", "longest-serving"
            r"|\bthe (longest|shortest)(?: (?:time|period|term|duration))?(?= (?:a|an|the|that|one|"
            r"someone|somebody|you|i|we|they|he|she|it|can|may|must|for)\b)"
            r"|\btime limits?\b|\bhow soon\b|\bby when\b"
            r"|\bwhat(?:'s| is| are)? (?:the )?(?:[a-z-]+ ){0,2}statute of limitations?\b"
            r"|\bwhat(?:'s| is| are)? (?:the )?(?:[a-z-]+ ){0,3}(period|term|duration)s?\b"
            r"|\bhow much time\b",
            re.I,
        ),
    ),
    (
        Kind.DATE,
        re.compile(
            r"何时|(什么|啥)时候(生效|施行|开始|起|实施|通过|公布)|哪一?年|哪一?天|几月(?!内)"
            r"|(?<![哪有第])几点(?=钟|到|至|前|后|以前|之前|以后|之后|开始|结束|上班|下班|开门|关门)"
            # a clock time a span starts or ends at: 从几点营业到几点, 开到几点, 截至几点 (not
            # how many points: 注意到几点, 做到几点要求, 从几点方面考虑)
            r"|(?<=[从到至])(?<![做提说讲谈达意想注]到)几点"
            r"(?!要求|问题|方面|意见|事项|内容|原则|入手|建议)"
            r"|(?<!第)几号(?![令线文楼])|(生效|施行|实施)(日期|时间)|什么日期|哪个日期"
            r"|什么时间(?!之?内|都|也|段内)"
            r"|\bwhat (date|year|day|time|hours)\b|\bat what time\b|\bwhich (date|year|day)\b"
            r"|\bin what year\b"
            r"|\bsince when\b|\bwhen (did|was|were|will|is|does)\b.*\b("
            r"(take|took|taken|come|came|enter|entered|go|went) (into )?(effect|force)"
            r"|adopted|promulgated|effective|start|begin|established|founded)"
            r"|\beffective date\b",
            re.I,
        ),
    ),
    (
        Kind.LIST,
        re.compile(
            # 哪些国家, 哪些专门委员会, 哪些保护知识产权的国际公约 (a clause ending in 的 before
            # it, not a kind: 哪些类型的企业), 负责监管的部门有哪些
            rf"哪些(?:(?:(?!类|种|样|是|属|条件|资质|资格|要求|情形|情况|行为|标准|方面)[\u4e00-\u9fff]){{1,8}}的)?"
            rf"{_LIST_MODIFIER}?{_LIST_NOUNS}"
            # not a modifier of another noun: 哪些企业的职工, 哪些国家机关, 哪些国家安全
            r"(?!的(?:职工|员工|工作人员|人员|职员|负责人|股东|成员|行为)"
            r"|[\u4e00-\u9fff]{0,2}?(战略|政策|标准|规定|法律|制度|措施|利益|安全|权利|义务|职责"
            r"|机关|工作人员|秘密))"
            rf"|{_NAMED_NOUNS}(都)?有哪些(?=[？?。，,；;]|$)"
            # "which kinds of organisations" asks for categories, not names
            r"|\bwhich (?!(?:kinds?|types?|sorts?|categor(?:y|ies)|class(?:es)?) of\b)"
            r"(?:[a-z-]+ ){0,2}(countries|organi[sz]ations|cities|regions|provinces|"
            r"states|bodies|authorities|institutions|companies|languages|nations)\b"
            r"|\bwhat (countries|organi[sz]ations|cities|regions|languages)\b|\blist of\b",
            re.I,
        ),
    ),
    (
        Kind.PERSON,
        re.compile(
            r"谁|哪个(机关|部门|机构|单位|法院|组织|人|官员)|哪一(机关|部门|机构|级)"
            # with what it is in between: 哪个政府部门, 哪一级人民政府, 哪家鉴定机构
            # (not across a verb or a time: 在哪个阶段向法院提出, 在哪个期限内向法院起诉; nor
            # a place's: 哪个地方的法院 asks where, 哪个国家机关 who)
            r"|哪(?:个|一级?|家)(?!个?(?:(?:城市|国家|地方|省|地区)的|地方法院))"
            r"(?:(?![向在到去由对给把被期时段内])[\u4e00-\u9fff]){1,4}?"
            r"(机关|部门|机构|法院|政府)"
            r"|什么(机关|部门|机构)|由哪|何人|何种机关"
            # English "who" and "which … court": `_asks_who`
            r"|\bwhich (?:is|are) the (?:[a-z-]+ ){0,2}(?:authorit(?:y|ies)|bod(?:y|ies)|courts?|"
            r"departments?|agenc(?:y|ies)|organs?)\b"
            r"|\bwhat (authorit(?:y|ies)|bod(?:y|ies)|organs?|agenc(?:y|ies)|courts?|departments?|"
            r"institutions?)\b",
            re.I,
        ),
    ),
    (
        Kind.PLACE,
        re.compile(
            # not 如何处理, 任何处罚, 为何处罚, nor 在哪些情形下 / 在哪种情况下 (cases, not places)
            r"哪里|哪儿|何地|(?<![如任为])何处(?![罚理置分])|在哪(?![些种类])"
            r"|哪一?个(城市|国家|地方|省|地区)|什么地方|地点(是|在)"
            # "where" asks when a verb follows it; legal English's "where a person has …" is "if"
            r"|\bwhere(?:'s|\s+(?:exactly\s+|else\s+|(?:in|on|at|within|near)\s+"
            r"(?![^?]*,\s*(?:what|how|which|who|when|is|are|can|must|may|shall|does|do)\b)"
            r"[^,?]{1,40}?\s+)?"
            r"(?:is|are|was|were|do|does|did|can|could|"
            r"should|must|may|might|will|would|shall|has|have|to)\b)"
            r"|\bwhich (city|country|place|province|location|region)\b"
            r"|\bwhat (city|country|place|location)\b|\bin which (city|country|place)\b",
            re.I,
        ),
    ),
    (
        Kind.NUMBER,
        re.compile(
            rf"多少|(?<!哪){_TOLD}"
            r"几(个|名|人|岁|周岁|次|倍|成|折|级|位|项|届|份|张|本|家|亩|公顷|平方米|平米)"
            r"|比例|税率|费率|[百千万]分之几|几分之[一几]|多大"
            r"|几岁"
            r"|罚款(是|为)?多|上限|下限|最低|最高(?!人民|院|检)|起征点"
            r"|多远|距离(是|有)?多|多长的?距离|多少(米|公里|千米)"
            r"|\bhow (many|much|old|far|big|large)\b|\bwhat multiple\b"
            r"|\b(what|which) (distance|radius)\b"
            r"|\bwhat(?:'s| is| are| was)? (?:the )?(?:[a-z'-]+ ){0,4}(percentage|percent|rate|fee|"
            r"amount|age|proportion|share|fine|surcharge|number|sum|ratio|threshold|quorum|ceiling|"
            r"cap(?!\.?\s*\d))s?\b"
            # words for an amount that are asked only as "what is the (monthly) …": not "what
            # counts as a majority shareholder", "what are the conditions for a deduction"
            r"|\bwhat(?:'s|’s| is| are| was)? (?:the )?(?:(?!(?:considered|counts?|happens?|means?|"
            r"as|for|of|to) )[a-z-]+ ){0,2}"
            r"(?:deduction|allowance|subsidy|price|cost|majority)s?\b"
            r"(?=\s*(?:[?,.;:]|$|(?:of|for|in|on|to|that|under|per|payable|paid|granted|given|"
            r"awarded|required|i|we|you|must|can|does|do|is|are|when|if|or|and)\b))"
            r"|\b(minimum|maximum) (age|amount|number|fine|penalty|sentence)\b"
            # "Is there a fixed percentage …?" asks for one as "what percentage" does; "Is there
            # a fee?" may be answered "free of charge"
            r"|\b(?:is|are) there (?:a |an |any )?(?:fixed|specific|set|statutory|maximum|"
            r"minimum) (percentage|rate|amount|fee|fine)s?\b"
            # a cap or ceiling is an amount whatever stands before it ("Is there a legal cap on
            # the daily penalty?", "Is there a cap, as a percentage of the price, …")
            r"|\b(?:is|are) there (?:a |an |any )?(?:[a-z-]+ ){0,2}(?:cap|ceiling)s?\b"
            r"(?![-\s]and[-\s]trade)"
            r"|\bat (least|most) how\b"
            r"|\bwhat(?:'s|’s| is| are)?(?: the)? (minimum|maximum|highest|lowest)\b"
            r"(?! (?:qualifications?|conditions?|requirements?|standards?|criteria)\b)"
            r"|\b(speed|weight|height|income|alcohol) limits?\b|\bconcentration\b"
            # a limit is a number ("the tax-free limit", "the carrier's limit of liability", "the
            # upper and lower limits"); the limits of a power or a defence, and "limits on", are
            # rules, and "what … can limit" asks what is limited
            r"|\bwhat(?:'s|’s| is| was) the "
            r"(?:(?!(?:of|for|and|or|to|on|in|reason|purpose|scope)\b)[a-z'-]+ ){0,3}"
            r"limit\b(?!s)(?! of (?!liability\b|compensation\b))"
            r"|\b(upper|lower)(?: and (?:upper|lower))? limits?\b",
            re.I,
        ),
    ),
)


_NAMED_LIST = dict(_QUESTION_PATTERNS)[Kind.LIST]

# A question asking which things, specifically, of a kind no proper name gives ("Which specific
# documents do I have to bring?", 高级管理人员具体包括哪些职位): only a list of them answers it
# (numbered items, a series: `_series`), not a passage that names the kind alone (提供真实、
# 合法、充分的证明材料). Asked as a list of names (哪些国家), it is read as one (`_NAMED_LIST`).
_ITEMS = "items"
# A plural noun (not "process", "basis", "status"), other than one a kind of its own asks for
# ("Which specific places …", "What specific fines …").
_EN_PLURAL = (
    r"(?!(?:places|locations|cities|countries|regions|fines|penalties|fees|amounts|dates|days|"
    r"deadlines|periods|courts|authorities|bodies|departments|agencies)\b)[a-z-]{2,}[^siu\W]s\b"
)
_ENUMERATION_ASKED = re.compile(
    rf"\b(?:which|what)(?: are the| were the)? (?:specific|particular|exact|precise) {_EN_PLURAL}"
    rf"|\bexactly which {_EN_PLURAL}|\bwhich {_EN_PLURAL} (?:specifically|exactly)\b"
    # not the provisions or content on a matter (有哪些具体规定 asks what the law says), nor a
    # place (具体在哪些地方)
    r"|具体[^，,。？?；;！!]{0,8}?哪些(?!地方|地区|城市|场所)|哪些具体(?!规定|内容)",
    re.I,
)

# Where a question's sentences end (after NFKC, Chinese ？！ are ? !): after 。, at . ? ! before a
# Chinese character (spaces between), or at . ? ! before a space and a capital, unless the word
# before the full stop is an abbreviation or an initial ("Mr. Wang", "ABC Co. Ltd.", "P.R.C.").
_SENTENCE_END = re.compile(r"(?<=。)\s*|(?<=[.?!])\s*(?=[\u4e00-\u9fff])|(?<=[.?!])\s+(?=[A-Z])")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Za-z]|\b(?:Mr|Mrs|Ms|Dr|Prof|Co|Ltd|Inc|Corp|No|Nos|Art|Arts|Cap|Sec|Para|St|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|e\.g|i\.e|etc|vs))\.$"
)
# A sentence that asks without a question mark: "Please state the time limit." / "请告诉我期限。"
_REQUEST = re.compile(
    r"^(?:please|kindly|tell me|could you|can you"
    r"|i(?: want| would like|['’]d like| need) to know)\b"
    r"|^我?(?:请问|请告诉|请说明|请列出|想知道|想问|想了解|问一下)",
    re.I,
)


def _sentences(text: str) -> list[str]:
    pieces: list[str] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        piece = text[start : match.start()]
        if piece.endswith(".") and _ABBREVIATION.search(piece):
            continue
        pieces.append(piece)
        start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if p.strip()]


def asking_part(question: str) -> str:
    """The sentences that ask (those ending in a question mark, and requests: "Please state …",
    "请告诉我…"), or the whole text when none does. A client's context says what happened, not
    what is asked: in "They never told me how much was paid in. Aren't they supposed to tell
    me?" the "how much" asks for no number."""
    text = normalize(question)
    return " ".join(_asking(_sentences(text))) or text


def _asking(sentences: list[str]) -> list[str]:
    return [s for s in sentences if s.endswith("?") or _REQUEST.search(s)]


# The words that ask, in each language; an English question's auxiliaries, which open it; and a
# leading phrase before its asking word ("Under the Nationality Law, does …").
_EN_ASKING = r"(?:what|which|how|who|whom|whose|when|where|why)"
_ZH_ASKING = r"(?:多少|多久|多长|几(?!乎)|哪|谁|什么|何(?:时|地|处|人|种))"
_AUXILIARIES = (
    r"(?:can|could|may|might|must|shall|should|will|would|is|are|was|were|do|does|did|has|have|"
    r"had|am)"
)
_LEADING_PHRASE = r"^\W*(?:(?:under|in|for|according to|pursuant to|as to)\b[^,?]{0,80},\s*)?"


# A sentence that asks two things, one after the other: "How long does the order stay in effect,
# and can it be extended?", "保护令有效期多长，能否延长？". Only after a comma, and only where the
# clause before it asks on its own (`_asks_alone`): "What is the fine for a company that pollutes
# and does not report it?" and "如果公司拖欠工资，是否可以申请仲裁？" ask one thing. (A question is
# normalised first, so its ， is ",".)
_COORDINATED = re.compile(
    r",\s+and\s+(?=(?:how|what|which|who|whom|when|where|why|can|could|may|might|must|shall|"
    r"should|will|would|is|are|do|does|did|has|have)\b)"
    r"|,\s*(?=能否|可否|是否|能不能|可不可以|还能|还可以|要不要|需不需要)",
    re.I,
)
# A Chinese clause asks with a question word, unless it ends in a condition (拖欠工资多长时间的，
# 能否解除合同？ asks whether, once).
_ZH_ASKS = re.compile(rf"{_ZH_ASKING}|怎么|如何|吗|呢")
_ZH_CONDITION_END = re.compile(r"(?:的|时|后|前|下|以上|以下)$")
# An English clause asks when it opens with a question word (after a leading phrase: "Under the
# law, how long …"), not with a condition ("If I am injured, and can't work, who pays?").
_EN_ASKS = re.compile(rf"{_LEADING_PHRASE}(?:{_EN_ASKING}|{_AUXILIARIES})\b", re.I)


def _asks_alone(clause: str) -> bool:
    if has_cjk(clause):
        return bool(_ZH_ASKS.search(clause)) and not _ZH_CONDITION_END.search(clause)
    return bool(_EN_ASKS.search(clause))


_CLAUSE_END = re.compile(r"[，,；;]")


def asking_clauses(question: str) -> str:
    """The clauses of a Chinese question's asking sentences that ask (`_asks_alone`), without
    those before them that say what happened or set a condition (一家银行出了信用危机被监管部门
    接管了，这个接管最长能持续多久？ asks of 接管); the asking sentences when no clause asks
    alone, and in English, where a clause asks without opening with its asking word ("When a
    trust terminates, within how many days must …")."""
    text = asking_part(question)
    if not has_cjk(text):
        return text
    clauses = [c.strip() for c in _CLAUSE_END.split(text)]
    return " ".join(c for c in clauses if c and _asks_alone(c)) or text


def _clauses(sentence: str) -> list[str]:
    """An asking sentence's clauses that each ask (`_COORDINATED`), each ending in a question
    mark and opening with a capital, as it would be asked alone (`asking_part` reads it so)."""
    found: list[str] = []
    start = 0
    for match in _COORDINATED.finditer(sentence):
        before = sentence[start : match.start()].strip()
        if _asks_alone(before):
            found.append(before)
            start = match.end()
    found.append(sentence[start:].strip())
    return [
        (clause if i == 0 else clause[:1].upper() + clause[1:])
        + ("" if clause.endswith("?") else "?")
        for i, clause in enumerate(found)
    ]


def question_parts(question: str) -> list[tuple[str, str]]:
    """A question that asks in more than one sentence, or in clauses of one (`_COORDINATED`), as
    one question per asking sentence or clause: what the part asks (its sentence or clause, with
    the sentences that say what happened: "I want to sell my stake. Do the others have a right to
    buy first? How long do they have to answer?"), and what it is about (the same with the asking
    sentences and clauses before it, which may name what it refers back to: "董事能连任吗？任期最
    多多少年？" asks the term of a director; not those after it, which may name what another part
    asks: "…, and can it be extended?"); none for a question asked once."""
    sentences = _sentences(normalize(question))
    asking = _asking(sentences)
    told = [s for s in sentences if s not in asking]
    parts = [clause for sentence in asking for clause in _clauses(sentence)]
    if len(parts) < 2:
        return []
    return [
        (" ".join([*told, part]), " ".join([*told, *parts[: i + 1]]))
        for i, part in enumerate(parts)
    ]


# "who" / "which … court" in English, and what tells a question's own "who" from a relative
# clause: a sentence that opens by asking something else ("What is the fine for a driver who …",
# "Can the party against whom …", "Under what conditions can a person who …"), unless a verb
# that embeds a question ("does the law state who …", "can you tell me who …") or a coordinator
# ("…, and who pays?") stands just before it. A sentence opening with a condition ("If my
# employer has gone bankrupt who pays …") or a statement ("My question is who …") asks its own.
_WHO = re.compile(
    r"\bwho(?:m|se)?\b"
    r"|\bwhich (?:(?!(?:a|an|the|this|that|these|those|it|its|his|her|their|my|our|your|they|he|"
    r"she|we|i|you|can|could|may|might|must|shall|should|will|would|do|does|did|is|are|was|"
    r"were|has|have|had) )[a-z'-]+ ){0,3}"
    r"(?:authorit(?:y|ies)|bod(?:y|ies)|organs?|courts?|departments?|agenc(?:y|ies)|"
    r"ministr(?:y|ies)|officials?|persons?|entit(?:y|ies)|institutions?|officers?|governments?|"
    r"committees?|organi[sz]ations?)\b",
    re.I,
)
_OPENS_ASKING = re.compile(
    # "Under the Nationality Law, does a citizen who …": a leading phrase, then the asking word
    rf"{_LEADING_PHRASE}(?:(?:under|in|for|to|at|by|from|with|on) (?:what|which)\b"
    rf"|(?:what|which|how|why|{_AUXILIARIES})\b)",
    re.I,
)
_EMBEDDING = re.compile(
    r"\b(?:and|or|but|then|so|state|explains?|says?|know|knows|decides?|determines?|"
    r"specif(?:y|ies)|indicates?|clarify|clarifies|find out|clear|sure|certain|"
    r"(?:tells?|asks?|shows?|informs?)(?: (?:me|us|him|her|them))?|provides?|stipulates?|"
    r"sets? out)\s*$",
    re.I,
)


def _asks_who(text: str) -> bool:
    for sentence in _sentences(text):
        for match in _WHO.finditer(sentence):
            before = sentence[: match.start()]
            if not _OPENS_ASKING.search(before) or _EMBEDDING.search(before):
                return True
    return False


# A condition or circumstance that opens an asking sentence, up to its comma: it says when the
# question applies, not what it asks ("If a company misses the deadline to pay a fine, how much
# extra can be added each day?" asks an amount; "If I miss the deadline, can I still appeal?"
# asks no detail). Never a condition that itself asks ("If the fine exceeds what amount, must a
# hearing be held?", "如果罚款超过多少元，…"), and in English only where the rest opens as a
# question does ("Where in the city may an assembly be held, if at all?" keeps its "where"). A
# comma inside a number (50,000) does not end it; a Chinese condition (如果…, 当…时, 在…情况下)
# runs on over clauses that open with 而且/并且/或者; a sentence that is nothing but a condition
# keeps it.
# A character of a clause: anything but a clause's end, and a comma only inside a number.
_EN_CLAUSE = r"(?:[^,?;]|,(?=\d))"
_ZH_CLAUSE = r"(?:[^，,？?；;]|,(?=\d))"
_OPENING_CONDITION = re.compile(
    r"^(?:(?:but|and|so|then)\s+)?(?:(?:under|according to|pursuant to)\b[^,?;]{1,80},\s*)?"
    r"(?:if|once|after|before|unless|although|though|because|since|while|in case|suppose|"
    r"supposing|(?:when|whenever|where)(?!\s+(?:do|does|did|is|are|was|were|will|would|can|"
    r"could|should|must|may|might|shall|has|have|had|and|or|else|exactly|precisely|to)\b))\b"
    rf"(?!{_EN_CLAUSE}*\b{_EN_ASKING}\b){_EN_CLAUSE}{{2,160}},\s*"
    rf"(?=(?:and |then |so )?(?:(?:to|under|within|in|at|by|for|from|with|on) )?{_EN_ASKING}\b"
    r"|(?:can|could|may|might|must|shall|should|will|would|is|are|was|were|do|does|did|has|"
    r"have|had)\b)"
    r"|^(?:(?:请问|我想问一下|我想问|想问一下)[，,]?\s*)?"
    r"(?:如果|假如|假设|要是|倘若|万一|一旦|若(?!干)"
    rf"|当(?={_ZH_CLAUSE}{{1,60}}时[，,])|在(?={_ZH_CLAUSE}{{1,60}}情况下[，,]))"
    rf"(?!{_ZH_CLAUSE}*{_ZH_ASKING}){_ZH_CLAUSE}{{1,60}}[，,]"
    rf"(?:\s*(?:而且|并且|或者|且){_ZH_CLAUSE}{{1,60}}[，,])*\s*(?=\S)",
    re.I,
)


def main_clauses(text: str) -> str:
    """The asking sentences without the conditions that open them."""
    return " ".join(_OPENING_CONDITION.sub("", s, count=1) for s in _sentences(text))


# Chinese words naming an amount, which ask for one only in a clause that asks what ("补偿金额按
# 什么标准计算？", "收养人需要满足什么年龄？"), or that asks whether there is a limit on it ("股东
# 人数有没有限制？"); not in a clause that asks only whether ("金额的中文大写和阿拉伯数字写得不一
# 样，这张汇票还有效吗？", "汇票金额大小写不一致是否有效？"), nor in one that says what happened
# ("造成损失数额不大的，是否构成犯罪？"). Where no clause asks, every clause counts ("罚款金额？").
_AMOUNT_NAMED = re.compile(r"金额|数额|人数|年龄")
_ZH_ASKS_WHAT = re.compile(rf"{_ZH_ASKING}|怎么|如何")
_ZH_WHETHER = re.compile(r"是否|能否|可否|有没有|能不能|可不可以|会不会|要不要|吗")
_ZH_LIMIT = re.compile(
    r"(?:有没有|是否有|有无|有)[^，,]{0,3}(?:限制|要求|上限|下限|标准|范围|门槛|限额|规定)"
    r"|(?:限制|要求|上限|下限|标准|范围|门槛|限额|规定)吗"
)


def _names_amount_asked(text: str) -> bool:
    clauses = [c.strip() for c in _CLAUSE_END.split(text) if c.strip()]
    what = [c for c in clauses if _ZH_ASKS_WHAT.search(c)]
    whether = [c for c in clauses if c not in what and _ZH_WHETHER.search(c)]
    if not what and not whether:
        return any(_AMOUNT_NAMED.search(c) for c in clauses)
    return any(_AMOUNT_NAMED.search(c) for c in what) or any(
        _AMOUNT_NAMED.search(c) and _ZH_LIMIT.search(c) for c in whether
    )


# A deadline missed or passed asks what follows, not how long: "What happens if I missed the filing
# deadline?", "How many penalty points … if I miss the deadline to register?"
_DEADLINE_PASSED = re.compile(
    r"\b(?:miss(?:ed|es|ing)?|past|after)\s+(?:the|my|a|an|its|their|his|her|our|your)\s+"
    r"(?:[a-z-]+\s+){0,2}?deadlines?\b"
    r"|\bdeadlines?\s+(?:(?:has|had|is|was)\s+)?(?:passed|passes|missed|expired|expires|over)\b",
    re.I,
)


def question_kind(question: str) -> Kind:
    """The kind of answer a question needs (by the main clauses of its asking sentences); OPEN
    when it asks for no specific detail."""
    text = _DEADLINE_PASSED.sub(" ", main_clauses(asking_part(question)))
    for kind, pattern in _QUESTION_PATTERNS:
        if kind == Kind.PURPOSE:  # its patterns are costly on long text: its start only
            if _PURPOSE_CUE.search(text) and pattern.search(text[:_PURPOSE_CHARS]):
                return kind
        elif (
            pattern.search(text)
            or (kind == Kind.PERSON and _asks_who(text))
            or (kind == Kind.NUMBER and _names_amount_asked(text))
        ):
            return kind
    if _ENUMERATION_ASKED.search(text):
        return Kind.LIST
    return Kind.OPEN


# What a year counted may be (五个年度, 三个纳税年度: a tax or accounting year).
_COUNTED_YEAR = "(?:纳税|会计|自然)?"
# Units a number or duration can be asked in: (Chinese measure words, English words). A question
# asking "how many days" is answered by "15 days" / "十五日", not by "one director".
UNITS: dict[str, tuple[str, str]] = {
    "day": (r"个?工作日|日|天", r"(?:working |calendar |clear )?days?"),
    "week": (r"周|星期", r"weeks?"),
    "month": (r"个月|月", r"months?"),
    "year": (rf"个?{_COUNTED_YEAR}年", r"years?"),
    "hour": (r"小时", r"hours?"),
    "person": (
        r"人|名|位",
        r"persons?|people|members?|judges?|deputies|representatives?|arbitrators?|directors?|"
        r"partners?|seats?|candidates?|employees?|workers?|officials?|pilots?|citizens?",
    ),
    "money": (r"元|万元|亿元|港元|美元", r"yuan|rmb|dollars?|hk\$|\$|renminbi"),
    "percent": (r"%|百分之|分之|成", r"%|percent|per cent|per ?mille"),
    "age": (r"周岁|岁", r"years?(?: of age| old)?|age of"),
    "point": (r"分", r"points?"),
    "times": (r"倍", r"times|twice|double|triple"),
    "occasions": (r"次|回", r"times|occasions"),
    "concentration": (
        r"毫克|微克|克|mg|%|百分之|‰",
        r"mg|milligrams?|micrograms?|grams?|%|percent|per cent",
    ),
    "distance": (
        r"米|公里|千米|里",
        r"met(?:re|er)s?|kilomet(?:re|er)s?|km|miles?|feet|foot|yards?",
    ),
    "area": (
        r"平方米|平米|平方公里|平方千米|亩|公顷",
        r"square (?:met(?:re|er)s?|kilomet(?:re|er)s?|feet|foot)|sq\.? ?m|m2|hectares?|acres?",
    ),
}
_DURATION_UNITS = frozenset({"day", "week", "month", "year", "hour"})
_ZH_ASKED_UNIT = (
    (re.compile(r"(几|多少)个?(天|日|工作日)"), "day"),
    (re.compile(r"(几|多少)个?(周(?!岁)|星期)"), "week"),
    (re.compile(rf"({_TOLD}几|多少)个月"), "month"),
    (re.compile(rf"({_TOLD}几|多少)年"), "year"),
    (re.compile(r"(几|多少)个?小时"), "hour"),
    (re.compile(r"(几|多少)(个人|人|名|位)"), "person"),
    (
        re.compile(
            # not 工资 or 赔偿金: often a share or a multiple of another (百分之八十, 三倍); capital
            # and deposits only as what is asked (not 增加注册资本需要多少表决权)
            r"多少钱|多少元|金额|罚款|滞纳金|费用|收费|价格|数额"
            r"|(?:多少|几)[^，。？?]{0,6}(?:注册资本|资金|保证金|押金|定金|出资额)"
            # a fee (多少行政审批费, 多少诉讼费), not those who pay one (消费者)
            r"|(?:多少|几)[^，。？?]{0,6}费(?!者)"
        ),
        "money",
    ),
    # a late-payment surcharge is an amount or a daily rate (按日加收万分之五的滞纳金)
    (
        re.compile(r"比例|税率|费率|比率|百分之(?:几|多少)|几分之[一几]|百分比|多少成|滞纳金"),
        "percent",
    ),
    (re.compile(r"几周?岁|多少周?岁|年龄|多大"), "age"),
    (re.compile(r"(几|多少)分(?!之)"), "point"),
    (re.compile(r"(几|多少)倍"), "times"),
    (re.compile(r"多远|距离|多少(米|公里|千米)"), "distance"),
    (
        re.compile(
            rf"(几|多少)(?:{UNITS['area'][0]})"
            r"|面积[^，。？?]{0,4}(?:多少|多大|几)|多大(?:的)?面积"
        ),
        "area",
    ),
    (re.compile(r"浓度|含量"), "concentration"),
)
# "how many" and the unit counted, with a word describing it between ("how many working days",
# "how many penalty points"; not "how many drivers lose points").
_HOW_MANY = r"\bhow many (?:(?!(?:days|weeks|months|years|hours|points|times)\b)[a-z'-]+ )?"
_EN_ASKED_UNIT = (
    (re.compile(rf"{_HOW_MANY}days\b"), "day"),
    (re.compile(rf"{_HOW_MANY}weeks\b"), "week"),
    (re.compile(rf"{_HOW_MANY}months\b"), "month"),
    (re.compile(rf"{_HOW_MANY}years\b"), "year"),
    (re.compile(rf"{_HOW_MANY}hours\b"), "hour"),
    (re.compile(rf"\bhow many (?:[a-z-]+ )?(?:{UNITS['person'][1]})\b"), "person"),
    (
        re.compile(
            r"\bhow much (money|does it cost)\b|\b(fee|fine|cost|price|charge|surcharge)s?\b"
            r"|\b(how much|minimum|maximum|amount of)\b[^?]{0,25}\b(capital|deposits?)\b"
        ),
        "money",
    ),
    (re.compile(r"\bconcentrations?\b|\bcontent of\b"), "concentration"),
    (re.compile(r"\b(percentage|percent|rate|proportion|ratio|share|surcharges?)\b"), "percent"),
    (re.compile(r"\bhow old\b|\bage\b"), "age"),
    (re.compile(rf"{_HOW_MANY}points\b"), "point"),
    # how many times a thing is done (三次) or a multiple of an amount (二倍); only the multiple
    # before what it multiplies ("how many times the price", "how many times my monthly wage")
    (re.compile(rf"{_HOW_MANY}times\b"), "times"),
    (re.compile(r"\bhow many times\b(?! (?:the|my|your|his|her|its|their|our)\b)"), "occasions"),
    (re.compile(r"\bhow far\b|\bdistance\b|\bradius\b"), "distance"),
    (
        re.compile(
            r"\bsquare (?:met|kilomet|feet|foot)|\bhectares?\b|\bacres?\b"
            r"|\b(?:floor|land|site|building|usable|construction) area\b"
        ),
        "area",
    ),
)


_LEVEL_ASKED = re.compile(r"哪一?级|\bwhich levels?\b", re.I)
# Where to apply, complain, appeal or register is answered by the body it is done at as much as by
# a place: 去哪里申请鉴定 by 向……卫生行政部门申请鉴定, 到什么地方投诉 and "where can the union turn
# to" by 向当地人民法院申请支付令. Not where to sue: any suit is brought in a court, and the
# question asks which court's place; nor 向哪个地方的登记机关申请, which names the body and asks
# its place (向迁入地登记机关申请, not 向登记机关申请).
_WHERE_TO_ACT = re.compile(
    r"(?:哪里|哪儿|何处|(?:向|到|去|在)(?:哪个|什么)地方)(?:可以|能|才能|应当|应该|要)?去?"
    r"(?:申请|投诉|举报|申诉|登记|申报|办理|报案|反映|备案|复议|上诉|提出|提交|递交|求助|维权|信访)"
    # not where a law applies, nor where to file a suit
    r"|\bwhere\b[^?.]{0,40}?\b(?:apply (?:for|to)|applied for|(?:I|we|you|they) apply|"
    r"file[ds]?(?!\s+(?:a\s+|an\s+)?(?:law)?suit)|complain(?:ed|s)?|lodge[ds]?|report(?:ed|s)?|"
    r"register(?:ed|s)?|appeal(?:ed|s)?|submit(?:ted|s)?|petition(?:ed|s)?|"
    # someone turning to a body, not a vehicle's turn to the left
    r"(?:can|could|should|may|might|must|do|does|did|to)\s+(?:\w+\s+){0,3}?turn(?:ed)? to|"
    r"(?:seek|seeks|seeking|sought) (?:help|redress|relief|a remedy|remedies|compensation|"
    r"assistance|legal aid))\b",
    re.I,
)
# The level of a court or government, with the body it is a level of: 中级以上的人民法院,
# 县级以上地方人民政府, 上一级人民法院, 设区的市级负责药品监督管理的部门 (a level's department),
# "intermediate people's court" (not 高级管理人员, 各级人民政府, 基层群众性自治组织)
_LEVEL = {
    "zh": re.compile(
        r"(?:基层|中级|高级|最高)(?:以上的?)?人民(?:法院|检察院)"
        r"|(?:[县市省乡]级|地级|设区的市级?|省、自治区、直辖市)(?:以上的?)?(?:地方)?(?:人民)?"
        r"(?:政府|法院|检察院)"
        r"|(?:上一?级|同级|本级)(?:人民)?(?:法院|检察院|政府|机关|行政机关|主管部门)|国务院"
        # a level's department, not across 由 or 向 to another body's (省级重点龙头企业由农业农村
        # 部门认定 names an enterprise's grade)
        r"|(?:[县市省]级|设区的市级)(?:以上的?)?(?:地方)?(?:人民政府)?[^，。；、由向和与应对在]{0,12}?"
        r"(?:部门|机关|机构)"
    ),
    "en": re.compile(
        r"\b(?:basic|intermediate|higher|high|supreme)(?:-level)? people's "
        r"(?:courts?|procuratorates?)"
        r"|\b(?:county|municipal|provincial|prefecture|township)[- ]level\b"
        r"|\b(?:county|municipal|provincial) (?:people's )?governments?\b"
        r"|\bat (?:or above )?the [a-z-]+ level\b|\bat the same level\b|\bnext higher\b"
        r"|\bhigher-level (?:courts?|authorit(?:y|ies)|organs?|departments?)|\bstate council\b",
        re.I,
    ),
}


# A fine is an amount, or a multiple or share of another: 处瞒报工资数额1倍以上3倍以下的罚款,
# 处上一年年收入百分之四十的罚款.
_FINE_ASKED = re.compile(r"罚款|罚金|罚多少|\bfine[sd]?\b")
# A fee or charge asked (备案费用, 工本费, 收费, "filing fee", "what does it cost"), not a fine:
# the amount of a fine (处1万元以上5万元以下的罚款) is no fee, so the clauses imposing one are set
# aside.
_FEE = "fee"
_FEE_ASKED = re.compile(
    r"费用|收费|(?<![消浪免])费(?!者|率)"
    r"|\b(?:fees?|charges?|costs?|prices?)\b(?! (?:him|her|them|with))"
)
# a penalty asked of a fee (没交社保费被罚了多少钱, "the penalty for charging unapproved fees") is a
# fine
_SANCTION_ASKED = re.compile(r"罚|处分|\bpenalt(?:y|ies)\b|\bsanctions?\b|\bpunish", re.I)
# the clause of a fine, as normalised (，→ ,), with the commas and points of its numbers (10,000)
_CLAUSE_PART = r"(?:[^,.;:，。；：]|(?<=\d)[,.](?=\d))*"
_FINE_STATED = {
    "zh": re.compile(rf"{_CLAUSE_PART}(?:罚款|罚金){_CLAUSE_PART}"),
    "en": re.compile(rf"{_CLAUSE_PART}\bfine[sd]?\b{_CLAUSE_PART}", re.I),
}


# A number or time limit asked as a bound ("最少要有几个成员", "what is the maximum term"): a bound
# the other way is no answer (成员不得超过九人 does not say how few; "at least 3 years" does not say
# how long at most); an exact number or a range answers either.
_MINIMUM, _MAXIMUM = "minimum", "maximum"
_BOUNDS = frozenset({_MINIMUM, _MAXIMUM})
# (not names with a bound in them: 最低工资, 最高人民法院, 最高额抵押, "the highest court")
_BOUND_ASKED = {
    _MINIMUM: re.compile(
        r"最少|至少|最低(?!工资|生活)|最短|下限|起码"
        r"|\b(?:minimum(?! wage)|least|lowest|shortest)\b",
        re.I,
    ),
    _MAXIMUM: re.compile(
        r"最多|至多|最高(?!人民|院|检|法|额|国家)|最长|上限|封顶"
        r"|\b(?:maximum|at most|highest(?! court)|longest|cap|ceiling|upper limit)\b",
        re.I,
    ),
}
_BOTH_BOUNDS = re.compile(
    r"上下限|最高和最低|最低和最高|\bupper and lower\b|\blower and upper\b", re.I
)
_ZH_BOUNDED = rf"(?:百分之)?(?:\d+(?:[.,]\d+)*{_ZH_NUM}*|{_ZH_NUM}+)(?:分之{_ZH_NUM}+)?"
_EN_BOUNDED = rf"(?:\d[\d,.]*|(?:{_EN_NUM_WORDS})\b)"
# Each bound as a passage states it, with its number: set aside when the other bound is asked.
_BOUND_STATED = {
    ("zh", _MAXIMUM): re.compile(
        rf"(?:不得|不能|不应|不|未)(?:超过|高于|多于|长于)[^，。；：,;:]{{0,12}}?{_ZH_BOUNDED}"
        rf"|(?:最多|至多|最高(?!人民|院|检)|最长|上限为?|封顶)[^，。；：,;:]{{0,6}}?{_ZH_BOUNDED}"
        rf"|{_ZH_BOUNDED}[^\s，。；、,;:\d]{{0,3}}?(?:以下|以内|之内)"
    ),
    ("zh", _MINIMUM): re.compile(
        rf"(?:不得|不能|不应|不)(?:少于|低于|短于)[^，。；：,;:]{{0,12}}?{_ZH_BOUNDED}"
        rf"|(?:至少|最少|最低|最短|下限为?|起码)[^，。；：,;:]{{0,6}}?{_ZH_BOUNDED}"
        rf"|{_ZH_BOUNDED}[^\s，。；、,;:\d]{{0,3}}?以上"
    ),
    ("en", _MAXIMUM): re.compile(
        rf"\b(?:not|no)\b(?: [a-z]+){{0,2}}? (?:more|greater|higher|longer) than\b[^.;,]{{0,30}}?"
        rf"{_EN_BOUNDED}"
        rf"|\bnot (?:to )?exceed(?:ing)?\b[^.;,]{{0,30}}?{_EN_BOUNDED}"
        rf"|\b(?:up to|at most|a maximum of|maximum of)\b[^.;,]{{0,20}}?{_EN_BOUNDED}"
        rf"|{_EN_BOUNDED}[^.;,]{{0,20}}?\bor (?:less|fewer|below|under)\b",
        re.I,
    ),
    ("en", _MINIMUM): re.compile(
        rf"\b(?:not|no) (?:less|fewer|lower|shorter) than\b[^.;,]{{0,30}}?{_EN_BOUNDED}"
        rf"|\b(?:at least|a minimum of|minimum of)\b[^.;,]{{0,20}}?{_EN_BOUNDED}"
        rf"|{_EN_BOUNDED}[^.;,]{{0,20}}?\bor (?:more|above|over|longer)\b",
        re.I,
    ),
}

# The clauses of a question (between commas, and between its sentences), those that ask how much
# or how long (`_ASKS_AMOUNT`, or with "what", "which", 上限, 封顶 too if they name a bound: not
# a condition before them, 造成至少三人死亡的，应当在多少小时内报告？).
_CLAUSE = re.compile(r"[，,；;：:？?！!。]")
_ASKS_AMOUNT = re.compile(
    r"多少|(?<![好这那])几|多久|多长|多大|多高|多远|\bhow (?:many|much|long|far|old|big|large)\b",
    re.I,
)
_ASKS_NAMED_BOUND = re.compile(r"上限|下限|封顶|\b(?:what|which)\b", re.I)


def _bound_asked(question: str) -> frozenset[str]:
    """The bound a question asks for ("minimum" or "maximum"), as the clauses asking how much or
    how long name it. None when it asks both, or when a clause asks how much naming no bound
    ("What's the minimum capital adequacy ratio, and how much can a bank lend to one borrower?":
    a maximum answers the second; each part is read on its own too, `question_parts`)."""
    if _BOTH_BOUNDS.search(question):
        return frozenset()
    named: set[str] = set()
    for clause in _CLAUSE.split(question):
        bounds = {bound for bound, pattern in _BOUND_ASKED.items() if pattern.search(clause)}
        asks_amount = bool(_ASKS_AMOUNT.search(clause))
        if asks_amount and not bounds:
            return frozenset()
        if asks_amount or _ASKS_NAMED_BOUND.search(clause):
            named |= bounds
    return frozenset(named) if len(named) == 1 else frozenset()


def asked_units(question: str, kind: Kind) -> frozenset[str]:
    """The units a number or duration question asks in, empty when any number would do; for a
    question asking which level of court or government, "level" (any court is no answer); for
    one asking where to apply, complain or register, "body" (the body answers it as a place does);
    for one asking which things, specifically, of a kind no name gives, "items" (a list of them
    answers it, `_ENUMERATION_ASKED`); for a number or duration asked as one bound, "minimum" or
    "maximum" as well; for an amount asked as a fee, not a fine, "fee" (a fine's amount is no
    answer)."""
    if kind == Kind.PERSON:
        return frozenset({"level"}) if _LEVEL_ASKED.search(asking_part(question)) else frozenset()
    if kind == Kind.PLACE:
        return frozenset({"body"}) if _WHERE_TO_ACT.search(asking_part(question)) else frozenset()
    if kind == Kind.LIST:
        named = _NAMED_LIST.search(main_clauses(asking_part(question)))
        return frozenset() if named else frozenset({_ITEMS})
    if kind not in (Kind.NUMBER, Kind.DURATION):
        return frozenset()
    text = asking_part(question).lower()
    found = {unit for pattern, unit in _ZH_ASKED_UNIT + _EN_ASKED_UNIT if pattern.search(text)}
    if kind == Kind.DURATION:
        # a time in any unit, or a share of one ("What share of the term may the extension be?")
        found = ((found & _DURATION_UNITS) or set(_DURATION_UNITS)) | (found & {"percent"})
    elif "money" in found and _FINE_ASKED.search(text):
        found |= {"times", "percent"}
    elif "money" in found and _FEE_ASKED.search(text) and not _SANCTION_ASKED.search(text):
        found.add(_FEE)
    return frozenset(found) | _bound_asked(text)


@cache
def _unit_pattern(lang: Lang, units: frozenset[str]) -> re.Pattern[str]:
    """A number followed by one of the units (or, for money, preceded by a currency sign); a
    share (百分之二十, 20%) too, unless only a time is asked: a fine may be a share of the price,
    a time limit is no share (a share of a term is asked as a share: "percent")."""
    share = not units <= _DURATION_UNITS
    if lang == "zh":
        measures = "|".join(UNITS[u][0] for u in units)
        shares = rf"|(?:百分之){_ZH_NUM}+|\d\s*%" if share else ""
        return re.compile(rf"{_ZH_NUM}+\s*(?:{measures}){shares}")
    words = "|".join(UNITS[u][1] for u in units)
    number = rf"(?:\d[\d,.]*|{_EN_NUM_WORDS})"
    shares = rf"|{number}\s*(?:%|percent\b|per cent\b)" if share else ""
    return re.compile(
        rf"\b{number}\b(?:\s*\(\d+\))?(?:[\s-]+[a-z-]+){{0,2}}?[\s-]*(?:{words})\b"
        rf"|(?:rmb|hk\$|\$|us\$)\s*{number}{shares}",
        re.I,
    )


# --------------------------------------------------------------------------- spans in passages

_ZH_DATE = re.compile(
    r"\d{4}\s*年(\s*\d{1,2}\s*月(\s*\d{1,2}\s*日)?)?|[〇零一二三四五六七八九]{4}年"
    r"|\d{1,2}\s*月\s*\d{1,2}\s*[日号]|[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}[日号]"
    r"|[正一二三四五六七八九十腊冬]{1,2}月(?:初[一二三四五六七八九十]|十[一二三四五六七八九]"
    r"|二十[一二三四五六七八九]?|廿[一二三四五六七八九]|三十)"  # a lunar date: 九月初九, 正月十五
    # the day of an event: 公布之日, 房屋征收决定公告之日 (the market price as of it), 之日起
    r"|之日|起施行|上午|下午|晚上|凌晨|\d{1,2}\s*时|[一二三四五六七八九十]{1,3}时"
    # a moment an event marks: 自收到人民法院通知时起
    r"|(?:自|从)[^，。；;]{1,40}?(?<![及同临])时起"
    r"|次日起"  # the day after an event: 自作出责令改正之日的次日起
    rf"|第\s*{_ZH_NUM}+\s*(?:个工作)?[日天](?!内)"  # a day counted: 自第6日起
)
# A year named, not counted: 上一年度, 每一年度, 同一年 (a report on the previous year states no
# time limit); not 以上 or 以下 before a count (六个月以上一年以下, 连续两个以上年度).
_ZH_YEAR_NAMED = re.compile(r"(?:(?<!以)[上下]|[本每同])一?个?(?:纳税|会计|自然|财政)?年度?")
# A payment made at once, not a count: 一次性退役金, 一次性抚恤金 (a lump sum; "how much is it"
# is not answered by its name).
_ZH_LUMP_SUM = re.compile(r"一次性(?!行为|关系|侵)")
_EN_DATE = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\b|\b(1[89]|20)\d{2}\b|\d\s*[ap]\.\s*m\.?|\bo'clock\b|\bnoon\b|\bmidnight\b"
    # the date of the announcement, not a date of birth
    r"|\bdate (?:of (?!birth\b)|on which\b)|\bday of\b|\bas from\b"
    r"|\b(?:day|date) (?:following|after)\b"
    r"|\bfrom the (?:time|moment) (?:when|of|it|he|she|they|the)\b"
    r"|\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth)"
    r"(?: working)? day\b"  # a day counted: from the sixth day
)
# A document's statement of its own purpose: "为了……，制定本法。", "为……，结合……，制定如下
# 意见。", "……特制定本法……，以保障……"; "This Law is formulated in order to …", "With a view to
# …, these Opinions are formulated", "The purpose of this Law is to …".
_ZH_PURPOSE = re.compile(
    r"(?<![认行作成因以称])为了?[^。；;]{2,400}?"
    r"(?:(?:特|现)?(?:制定|制订|订立)|(?:特|现)(?:作出|作|提出)|提出(?=如下|以下)"
    r"|作出?(?=如下(?:解释|规定|决定|意见)))"
    r"(?:本|如下|以下|下列|此)"
    r"|(?:制定|制订)[^。；;]{0,80}?[，,]以(?:保障|保证|确保|维护|促进|保护|规范)"
    r"|(?:立法|制定)(?:目的|宗旨)"
)
_EN_SELF = r"(?:this|these|the present) (?:law|regulations|rules|provisions|measures|opinions|"
_EN_SELF += r"interpretation|decision|code|constitution|ordinance|guidelines)"
_EN_MADE = r"(?:formulated|enacted|adopted|promulgated|developed|issued|drawn up|laid down)"
_EN_TO = r"(?:in order to|for the purposes? of|with a view to|with the aims? of|so as to)"
_EN_PURPOSE = re.compile(
    rf"\b(?:in order to|with a view to|with the aims? of|so as to)\b[^.;]{{0,600}}?\b{_EN_SELF}"
    rf"\b[^.;]{{0,40}}?\b(?:is|are) (?:hereby )?{_EN_MADE}\b"
    rf"|\b{_EN_SELF}\b[^.;]{{0,40}}?\b(?:is|are) (?:hereby )?{_EN_MADE}\b"
    # "formulated to regulate …", not "formulated pursuant to the Law"
    rf"(?:[^.;]{{0,300}}?\b{_EN_TO}\b| to (?!the |this |these |a |an |its )[a-z]+)"
    rf"|\bhereby (?:enacts|adopts|formulates|promulgates)\b[^.;]{{0,400}}?\b{_EN_TO}\b"
    rf"|\b(?:purposes?|aims?|objectives?) of {_EN_SELF}\b[^.;]{{0,60}}?\b(?:is|are) to\b",
    re.I,
)
_ZH_DURATION = re.compile(
    rf"(?<!第){_ZH_NUM}+\s*(个)?\s*{_COUNTED_YEAR}(工作日|日|天|周|星期|月|年|小时|分钟|周岁)"
)
_EN_DURATION = re.compile(
    rf"\b(\d+|{_EN_NUM_WORDS})\b(\s*\(\d+\))?([\s-]+(working|calendar|consecutive|full|"
    r"clear|tax|fiscal|financial|accounting)){0,2}"
    r"[\s-]+(days?|weeks?|months?|years?|hours?|minutes?)\b",
    re.I,
)
# A rate, a deposit or a bond named by its term is no time limit, whatever unit is asked:
# 一年期贷款市场报价利率 (the one-year loan prime rate), 三年期定期存款, 1年期人民币整存整取.
_TERM_NAMED = {
    "zh": re.compile(
        rf"{_ZH_NUM}+\s*(?:个)?\s*(?:年|月)期(?=贷款|存款|定期|国债|债券|利率|LPR|人民币|基准)"
    ),
    "en": re.compile(
        rf"\b(?:\d+|{_EN_NUM_WORDS})[\s-]+(?:years?|months?)\b"
        r"(?=[\s-]+(?:loan prime|LPR|deposit|treasury|bond|benchmark))",
        re.I,
    ),
}
# A time limit stated without a number (`Asked.given_by`).
_DURATION_WORDS = {
    "zh": re.compile(r"立即|立刻|即时(?!通讯|通信)|当即|半年|半个月"),
    "en": re.compile(
        r"\bimmediately\b|\bwithout delay\b|\bpromptly\b|\bforthwith\b"
        r"|\bfortnight\b|\bhalf an? (year|month|day|hour)\b",
        re.I,
    ),
}
_ZH_FREQUENCY = re.compile(
    rf"每(隔)?{_ZH_NUM}*\s*(个)?\s*(年|月|季度|半年|周|星期|日|天)|{_ZH_NUM}+\s*(年|个月|月)\s*一次"
    # 按月支付, 分季预缴, 逐年, 检验周期为六个月
    rf"|按(月|季|年|周|日|天)(?![岁限龄期份薪资息利数工化])|分(月|季度?)(?!份)|逐(月|年|日)(?!期)"
    rf"|周期[^，。；;]{{0,4}}{_ZH_NUM}+\s*(个)?(年|月|日|天|周)"
)
_EN_FREQUENCY = re.compile(
    rf"\b(annually|yearly|monthly|quarterly|weekly|daily|biennially)\b"
    rf"|\b({_EN_NUM_WORDS}|\d+) times (a|per|each|every)\b|\b(once|twice) (a|per|each|every)\b"
    r"|\bper (year|annum|month|quarter|week|day)\b"
    r"|\b(every|each) (\w+ )?(years?|months?|quarters?|weeks?|days?)\b",
    re.I,
)
_EN_REFERENCE = re.compile(
    r"\b(Articles?|Items?|Paragraphs?|Chapters?|Sections?|Annex(es)?|Parts?|No\.|Nos\.|Clauses?"
    r"|Subparagraphs?|Points?)\s*\(?\d+\)?"
    # an item's own number opening its line: (4), (d), (iv), 4.
    r"|(?m:^\s*(?:\(\s*(?:\d+|[a-z]|[ivx]+)\s*\)|\d+(?:\.(?!\d)|\))))",
    re.I,
)
_ZH_REFERENCE = re.compile(
    # 第三条, 第二、三项, 第(二)、(三)、(四)项
    rf"第{_ZH_NUM}+(?:[、和及或至]{_ZH_NUM}+)*(条|款|项|章|节|编|目|号|次|届)"
    rf"|第\({_ZH_NUM}+\)(?:[、和及或至]\({_ZH_NUM}+\))*项|〔\d+〕\d+号|\[\d+\]\d+号"
    # an item's own number opening its line: (四), 四、, 4.
    rf"|(?m:^\s*(?:\(\s*{_ZH_NUM}+\s*\)|{_ZH_NUM}+、|\d+(?:[.、](?!\d)|\))))"
)
_EN_NUMBER = re.compile(
    rf"\d|\b({_EN_NUM_WORDS}|twice|double|triple|percent|per cent|majority|two-thirds|"
    r"one-third|one-half)\b",
    re.I,
)
_ZH_NUMBER = re.compile(
    r"(?<![第万])[0-9两二三四五六七八九十百千亿]+(?!分(?![之钟]))|"
    rf"百分之{_ZH_NUM}+|\d+(\.\d+)?\s*%|{_ZH_NUM}+\s*(元|万元|亿元|倍|岁|周岁|人|名|个|次|项|级|届|件|份|"
    r"席|位|成|分之|日|天|月|年|小时|以上|以下|以内)|过半数|半数|多数|三分之二|二分之一|三分之一|四分之三|\d"
)
# Bodies a person applies, complains or appeals to (`_DIRECTED_TO`); `_ZH_BODY` and `_EN_BODY`
# add the people and parties that act.
_ZH_INSTITUTION = (
    r"机关|部门|政府|法院|检察院|委员会|机构|局|厅|署|协会|中心|人民代表大会|国务院|公安|海关|"
    r"仲裁庭"
)
_EN_INSTITUTION = (
    r"courts?|government|departments?|authorit(?:y|ies)|council|committee|commission|bureau|"
    r"organs?|procuratorates?|congress|ministry|office|agency|tribunals?|administration|police|"
    r"customs"
)
_ZH_BODY = re.compile(
    rf"{_ZH_INSTITUTION}|行政长官|主席|总理|"
    r"当事人|监护人|负责人|主管|组织|单位|议员|法官|公民|居民|个人|企业|用人|劳动者|消费者|经营者|"
    r"纳税人|扣缴义务人|所有人|权利人|申请人|著作权人|股东|董事|公司|一方|双方|各方|保险人|投保人|"
    r"行为人|责任人|侵权人|出卖人|买受人|承运人|雇主|用人单位"
)
_EN_BODY = re.compile(
    rf"\b({_EN_INSTITUTION}|chief executive|president|premier|"
    r"officers?|officials?|legislature|party|parties|"
    r"persons?|citizens?|residents?|employers?|employees?|workers?|consumers?|operators?|"
    r"taxpayers?|owners?|holders?|applicants?|shareholders?|directors?|members?|judges?|"
    r"guardians?|individuals?|enterprises?|companies|company|organi[sz]ations?|units?)\b",
    re.I,
)
# A body named as the one an application, complaint or appeal goes to: 向……卫生行政部门申请,
# 到婚姻登记机关, "complain to the market regulation department", "lodged with the tribunal".
_DIRECTED_TO = {
    "zh": re.compile(rf"(?:向|到|找)[^，。；,;]{{0,30}}?(?:{_ZH_INSTITUTION})"),
    "en": re.compile(rf"\b(?:to|with|at|before)\b[^.;,]{{0,40}}?\b(?:{_EN_INSTITUTION})\b", re.I),
}
_EN_PLACE_STOP = set(
    "Article Articles Chapter Section Item Paragraph Law Laws State Council People Peoples "
    "Court Courts Republic Congress Committee Region Government Ordinance Annex Part This The "
    "Such Any Where When If Unless Provided However Except In At On By To From Within For".split()
)
_EN_PLACE = re.compile(
    r"\b(?:in|at|to|from|within|outside|inside)\s+(?:the\s+)?([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)"
)
# A place named by what happens there: "the place where the contract is performed", 住所地, 迁入地,
# the court's own (法院地, "the law of the forum"), a country named by nationality (国籍国).
_EN_PLACE_WHERE = re.compile(
    # not "in place of the old rules", "take the place of a judgment"
    r"\bplace where\b|(?<!\bin )(?<!\btake the )(?<!\btakes the )(?<!\btook the )"
    r"(?<!\btaking the )\bplace of\b|\bdomicile\b|\bhabitual residence\b|"
    r"\blaw of the forum\b|\blex fori\b|\bcountry of (?:his |her |its |their )?nationality\b",
    re.I,
)
_ZH_PLACE_WHERE = re.compile(
    r"(?:住所|居所|履行|所在|发生|经营|营业|工作|居住|户籍|登记|注册|签订|缔结|设立|侵权行为|行为|迁入|迁出|"
    r"结果|出生|死亡|财产|标的物|法院|仲裁|(?<!有)目的|原产|出发)地(?![震质区方面位])|国籍国"
)
# A list of things: numbered items or the sentence introducing them (`rag.sentences.lists`), or
# a series (`_series`).
_ZH_CHAIN = re.compile(r"[\u4e00-\u9fff]+(?:、[\u4e00-\u9fff]+)+")
_ZH_ETC = re.compile(r"(?<![平同相对均])等(?![于同级待])")  # 等 closing a series, not 平等, 等于
_ZH_MODIFIER_END = re.compile(r"[\u4e00-\u9fff]{1,2}[的地]")
_ZH_INCLUDES = re.compile(r"包括[^，,。；;：:]{0,30}、")
_EN_INCLUDES = re.compile(r"\b(?:including|such as|namely)\b", re.I)
_EN_CONJUNCTION = re.compile(r",? (?:and|or|as well as) ", re.I)
# a phrase set off by commas after a modal or auxiliary ("shall, without delay, notify"): no series
_EN_INSERTED = re.compile(rf"\b({_AUXILIARIES})( not)?, [^,;.]{{1,60}}, ", re.I)
_EN_CLAUSE_END = re.compile(r"[.;:?!]")
# a clause setting a condition before the comma ("Where a party fails to perform, …"): no element
_EN_CONDITION = re.compile(
    r"(?:where|if|when|whenever|unless|although|though|after|before|once|since|while)\b", re.I
)
_EN_ITEM_WORDS = 6  # the words of an element next to "and"
_EN_FIRST_WORDS = 8  # of the one before it, from the clause's start (the verb before a list)


def _series(text: str, lang: Lang) -> bool:
    """Whether a text holds a series of things. In Chinese: three or more joined by 、 (工商、价格、
    商务、外汇等有关部门), two closed by 等 (身份证、户口簿等证件), or what 包括 introduces
    (应当包括……的简历、业绩和……机械设备等); not words of one or two characters before 的 or 地,
    which modify a noun or a verb (提供真实、合法、充分的证明材料, 依法、及时、公正地处理; a list
    of such nouns before 的 is missed: 载明姓名、性别、年龄的信息). In English: two elements or
    more before "and" or "or", each short and none a condition ("the names, addresses and
    telephone numbers"; not "Where a party fails to perform, the other party may request
    performance or claim damages"), or what "including" introduces. Read chain by chain,
    conjunction by conjunction: a long passage is read once."""
    if lang == "zh":
        if _ZH_INCLUDES.search(text):
            return True
        for chain in _ZH_CHAIN.finditer(text):
            elements = chain.group().split("、")
            if _ZH_ETC.search(elements[-1]):
                return True
            modifiers = all(len(e) <= 2 for e in elements[1:-1]) and _ZH_MODIFIER_END.match(
                elements[-1]
            )
            if len(elements) >= 3 and not modifiers:
                return True
        return False
    if _EN_INCLUDES.search(text):
        return True
    text = _EN_INSERTED.sub(r"\1\2 ", text)
    for conjunction in _EN_CONJUNCTION.finditer(text):
        clause = _EN_CLAUSE_END.split(text[max(0, conjunction.start() - 300) : conjunction.start()])
        elements = clause[-1].split(",")
        if (
            len(elements) >= 2
            and 0 < len(elements[-1].split()) <= _EN_ITEM_WORDS
            and 0 < len(elements[-2].split()) <= _EN_FIRST_WORDS
            and not _EN_CONDITION.match(elements[-2].strip())
        ):
            return True
    return False


# A list of named things: two or more names (place, organisation, other proper names; in English,
# capitalised words after the sentence's first).
_NAMES = {"ns", "nt", "nz", "nr"}
# Words jieba tags as names that name nothing: 外国, 城市, 人民法院, 国家赔偿.
_ZH_GENERIC = frozenset(
    "外国 本国 该国 各国 他国 其他国家 境外 境内 国外 国内 全国 城市 地方 本市 本省 当地 各地 "
    "人民法院 人民政府 人民检察院 国家赔偿 行政复议 行政诉讼".split()
)
_EN_NAME = re.compile(
    r"(?<=[\s,(])(?:the\s+)?[A-Z][a-z'-]+(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][a-z'-]+)*"
)


# The jurisdictions nearly every document of Chinese law names, each under all its names: a
# question naming one gives them all ("Which countries have consulates in Hong Kong?" is not
# answered by a sentence naming 香港 and 中华人民共和国).
_JURISDICTIONS = (
    frozenset(
        "china|chinese|prc|p.r.c.|people's republic of china|中国|中华人民共和国|中華人民共和國"
        "|我国|我國|国家|國家".split("|")
    ),
    frozenset(
        "hong kong|hksar|hk|hong kong sar|hong kong special administrative region|香港|中国香港"
        "|香港特别行政区|香港特別行政區|香港特区".split("|")
    ),
    frozenset(
        "macao|macau|macao sar|macao special administrative region|澳门|澳門|澳门特别行政区"
        "|澳門特別行政區|澳门特区".split("|")
    ),
    frozenset("taiwan|台湾|臺灣|台灣".split("|")),
    frozenset("mainland|the mainland|内地|內地|大陆|大陸".split("|")),
)
_JURISDICTION_WORD = re.compile(
    "|".join(
        rf"\b{re.escape(name)}\b" if not has_cjk(name) else re.escape(name)
        for group in _JURISDICTIONS
        for name in sorted(group, key=len, reverse=True)
        if name not in ("国家", "國家", "chinese")
    ),
    re.I,
)


def _is_given(name: str, given: frozenset[str]) -> bool:
    """Whether a name is one the question gives, whole: 香港金融管理局 is not 香港."""
    return name.lower().removeprefix("the ").strip() in given


def given_names(question: str) -> frozenset[str]:
    """The names a question itself gives (places, organisations, other proper names, in
    lower case), with every name of each jurisdiction it names anywhere ("I live in Hong Kong.
    Which countries have consulates here?"): they answer no "which" or "where" of it."""
    text = normalize(question)
    names = {pair.word for pair in posseg().cut(text) if pair.flag in _NAMES and has_cjk(pair.word)}
    names |= set(_EN_NAME.findall(text))
    found = {n.lower().removeprefix("the ").strip() for n in names} - {""}
    named = {m.group(0).lower() for m in _JURISDICTION_WORD.finditer(text)} | found
    for group in _JURISDICTIONS:
        if named & group:
            found |= group
    return frozenset(found)


def _zh_tagged(
    text: str,
    flags: set[str],
    at_least: int = 1,
    given: frozenset[str] = frozenset(),
    generic: frozenset[str] = frozenset(),
) -> bool:
    """Whether a Chinese text has `at_least` words tagged with one of `flags`, besides the names
    `given` (or holding one) and the `generic` words. Tagging is lazy and stops there: a long
    passage is seldom tagged to its end."""
    found = 0
    for pair in posseg().cut(text):
        if (
            pair.flag in flags
            and pair.word not in generic
            and not (given and _is_given(pair.word, given))
        ):
            found += 1
            if found >= at_least:
                return True
    return False


def has_span(
    kind: Kind,
    text: str,
    lang: Lang,
    units: frozenset[str] = frozenset(),
    given: frozenset[str] = frozenset(),
) -> bool:
    """Whether a passage contains a span of the kind a question asks for: a number or duration
    in one of `units` when the question names them, and not a bound the other way than the one
    asked ("minimum", "maximum"); a level when "level" is asked; a place, or with "body" the body
    applied to; a place or list of names other than those `given` by the question; with "items",
    a list of things (numbered items, a series: `_series`); with "fee", an amount outside the
    clauses imposing a fine. Remembered:
    retrieval tests whole units, the decision their sentences, question after question; a long
    passage (an annex of 100,000 characters, whose tagging takes a third of a second) by a
    digest of its text, so that the memory keeps no copy of it."""
    if kind not in (Kind.PLACE, Kind.LIST):
        given = frozenset()
    if len(text) <= _KEPT_CHARS:
        return _remembered_span(kind, text, lang, units, given)
    key = (kind, hashlib.blake2b(text.encode(), digest_size=16).digest(), lang, units, given)
    with _long_lock:
        found = _long_spans.get(key)
        if found is not None:
            _long_spans.move_to_end(key)
            return found
    found = _has_span(kind, text, lang, units, given)
    with _long_lock:
        _long_spans[key] = found
        if len(_long_spans) > _LONG_KEPT:
            _long_spans.popitem(last=False)
    return found


_KEPT_CHARS = 4000  # a passage this long or shorter is its own key
_LONG_KEPT = 4096
_long_spans: OrderedDict[tuple[Kind, bytes, Lang, frozenset[str], frozenset[str]], bool] = (
    OrderedDict()
)
_long_lock = threading.Lock()


def _has_span(
    kind: Kind, text: str, lang: Lang, units: frozenset[str], given: frozenset[str]
) -> bool:
    if kind in (Kind.OPEN, Kind.ARTICLE):
        return True
    references = _ZH_REFERENCE if lang == "zh" else _EN_REFERENCE
    plain = references.sub(" ", normalize(text))
    if kind == Kind.DURATION and lang == "zh":
        plain = _ZH_DATE.sub(" ", plain)  # 10月26日 is a date, not a month
    if kind in (Kind.DURATION, Kind.NUMBER):
        plain = _TERM_NAMED[lang].sub(" ", plain)
    if kind in (Kind.DURATION, Kind.NUMBER) and lang == "zh":
        plain = _ZH_LUMP_SUM.sub(" ", _ZH_YEAR_NAMED.sub(" ", plain))
    for bound in units & _BOUNDS:
        other = _MAXIMUM if bound == _MINIMUM else _MINIMUM
        plain = _BOUND_STATED[lang, other].sub(" ", plain)
    if _FEE in units:
        plain = _FINE_STATED[lang].sub(" ", plain)
    units -= _BOUNDS | {_FEE}
    if kind == Kind.PERSON and "level" in units:
        return bool(_LEVEL[lang].search(plain))
    if kind == Kind.LIST and _ITEMS in units:
        return lists(text) or _series(plain, lang)
    if kind == Kind.PLACE and "body" in units:
        return _has_span(Kind.PLACE, text, lang, frozenset(), given) or bool(
            _DIRECTED_TO[lang].search(plain)
        )
    if units:
        return _unit_pattern(lang, units).search(plain) is not None
    if kind == Kind.FREQUENCY:
        return bool((_ZH_FREQUENCY if lang == "zh" else _EN_FREQUENCY).search(plain))
    if kind == Kind.PURPOSE:
        return bool((_ZH_PURPOSE if lang == "zh" else _EN_PURPOSE).search(plain))
    if lang == "zh":
        if kind == Kind.DURATION:
            return bool(_ZH_DURATION.search(plain))
        if kind == Kind.DATE:
            return bool(_ZH_DATE.search(plain))
        if kind == Kind.NUMBER:
            return bool(_ZH_NUMBER.search(plain))
        if kind == Kind.PERSON:
            return bool(_ZH_BODY.search(plain)) or _zh_tagged(plain, {"nr", "nt"})
        if kind == Kind.PLACE:
            return bool(_ZH_PLACE_WHERE.search(plain)) or _zh_tagged(plain, {"ns"}, given=given)
        return _zh_tagged(plain, _NAMES, at_least=2, given=given, generic=_ZH_GENERIC)
    if kind == Kind.DURATION:
        return bool(_EN_DURATION.search(plain))
    if kind == Kind.DATE:
        return bool(_EN_DATE.search(plain))
    if kind == Kind.NUMBER:
        return bool(_EN_NUMBER.search(plain))
    if kind == Kind.PERSON:
        return bool(_EN_BODY.search(plain))
    if kind == Kind.PLACE:
        return bool(_EN_PLACE_WHERE.search(plain)) or any(
            not set(m.group(1).split()) <= _EN_PLACE_STOP and not _is_given(m.group(1), given)
            for m in _EN_PLACE.finditer(plain)
        )
    return sum(1 for name in _EN_NAME.findall(plain) if not _is_given(name, given)) >= 2


_remembered_span = lru_cache(maxsize=16384)(_has_span)

_MEASURES = "|".join(zh for zh, _ in UNITS.values())
_QUANTITY = re.compile(
    rf"(?:{_ZH_NUM}+|\d+(?:[.,]\d+)*)\s*个?(?:{_MEASURES})?"
    rf"|(?:几|多少){_ZH_NUM}*个?(?:{_MEASURES}|级|条|项|届|件|份)?"
)


def is_quantity(word: str) -> bool:
    """Whether a question's word is a number, with or without a measure of `UNITS` (三年, 19,
    五千克, 三个), or asks one (几次, 几成, 几级, 几千元): a fact the question gives or the detail
    it asks, not what it is about."""
    return _QUANTITY.fullmatch(word) is not None


@dataclass(frozen=True)
class Asked:
    """What a question asks for: its kind, for a number or duration the units it names and the
    bound it asks ("minimum", "maximum"), for a court or government "level", for where to apply
    "body", for a list of things no name gives "items", for a place or a list of names the names
    it gives itself."""

    kind: Kind
    units: frozenset[str] = frozenset()
    given: frozenset[str] = frozenset()  # names the question gives (for a place or a list)

    @classmethod
    def of(cls, question: str) -> Asked:
        """Read once per question: retrieval, the decision and the answer each ask."""
        return _asked(question)

    def given_by(self, text: str, lang: Lang, worded: bool = True) -> bool:
        """Whether a passage gives what is asked (a span of the kind, in the units named, of
        names other than the question's own). A time limit stated in words ("immediately",
        立即, "a fortnight") answers whatever unit is asked, when `worded`: ranking leaves it out,
        as 立即 is in too many provisions to tell which states the time asked."""
        if worded and self.kind == Kind.DURATION and _DURATION_WORDS[lang].search(text):
            return True
        return has_span(self.kind, text, lang, self.units, self.given)


@lru_cache(maxsize=1024)
def _asked(question: str) -> Asked:
    kind = question_kind(question)
    units = asked_units(question, kind)
    named = kind == Kind.PLACE or (kind == Kind.LIST and _ITEMS not in units)
    return Asked(kind, units, given_names(question) if named else frozenset())


ANYTHING = Asked(Kind.OPEN)

# When a document itself takes effect: asked of a law, regulation or other instrument
# ("印花税法从哪一天开始施行？", "When did the Foreign Investment Law come into force?"), not of a
# contract or a decision under it ("When does a sales contract take effect?"), and answered by its
# own commencement clause ("本法自2022年7月1日起施行。", a decree's "现予公布，自公布之日起施行",
# "This Law shall enter into force on the date of promulgation").
_COMMENCEMENT_ASKED = re.compile(
    rf"{_ZH_INSTRUMENT}[^。]{{0,30}}?"
    r"(?:什么时候|何时|哪一?天|哪一?年|哪个日期|什么日期|几月几[日号])[^，。？?]{0,6}?"
    r"(?:施行|生效|实施)"
    rf"|{_ZH_INSTRUMENT}[^，。？?]{{0,24}}?(?:施行|生效|实施)(?:日期|时间)"
    rf"|\b(?:{_EN_INSTRUMENT}|act|code|rules|measures|provisions)\b[^?]{{0,80}}?"
    r"\b(?:take|takes|took|taken|come|comes|came|go|goes|went|"
    r"enter|enters|entered|put)\s+(?:into\s+)?(?:effect|force)\b"
    rf"|\b(?:effective|commencement) date of {_LAW}"
    # "From what date has the Employment Promotion Law been in force?" (not whether it still is)
    r"|\b(?:since when|(?:what|which) (?:date|day)|when (?:is|are|was|were|has|have|had))\b"
    rf"[^?]{{0,60}}?\b(?:{_EN_INSTRUMENT}|act|code|rules|measures|provisions)\b[^?]{{0,40}}?"
    r"\b(?:(?:been|is|was|are|were)\s+)?in\s+(?:force|effect)\b",
    re.I,
)
_ZH_COMMENCES = re.compile(
    rf"(?:本(?:法|法律|条例|解释|基本法|通知|安排|{_ZH_AMBIGUOUS})|现予公布|予以公布|现予发布|予以发布)"
    r"[^。；]{0,8}?"
    r"自[^，。；]{1,40}?起(?:施行|实施|生效)"
)
_EN_COMMENCES = re.compile(
    r"\b(?:this|these|the present) (?:law|basic law|regulations?|rules|provisions|measures|"
    r"interpretation|decision|opinions|ordinance|act|code)\b[^.;]{0,80}?\b(?:shall|will)\s+"
    r"(?:(?:go|come|enter|be put)\s+into\s+(?:force|effect)|take effect|be (?:effective|"
    r"implemented))",
    re.I,
)


def asks_commencement(question: str) -> bool:
    """Whether a question asks when a document itself takes effect."""
    return bool(_COMMENCEMENT_ASKED.search(normalize(question)))


# a question asking the sanction for a conduct: a fine, a penalty, the legal liability ("fine"
# as a noun: "Is it fine for my employer to …" asks none)
_SANCTION = re.compile(
    rf"{_SANCTION_ASKED.pattern}|法律责任|\bfine[ds]\b|\bfine of\b"
    r"|\b(?:a|the|what|which|any|maximum|minimum|highest|lowest)\s+fine\b"
    r"(?=\s*(?:[?.,;:)]|$|(?:for|of|is|was|will|would|can|could|may|might|imposed|amount|range"
    r"|under|if|when|that|be|on|do|does|did|apply|applies|are)\b))"
    r"|\blegal liabilit(?:y|ies)\b",
    re.I,
)


def asks_sanction(question: str) -> bool:
    """Whether a question asks the sanction for a conduct (罚多少钱, 承担什么法律责任, "what fine",
    "what penalty")."""
    return bool(_SANCTION.search(normalize(question)))


def states_commencement(text: str, lang: Lang) -> bool:
    """Whether a passage is a document's own commencement clause."""
    return bool((_ZH_COMMENCES if lang == "zh" else _EN_COMMENCES).search(normalize(text)))


# A sentence that only leaves its matter to another instrument or body, the drafting that most
# often stands where a detail is asked and not given: what it is about (a topic, or conditions
# ending in 的), then who will rule on it ("普通签证的类别和签发办法由国务院规定。", "……转让的问题，
# 由国务院规定。", "……的，由人民法院依照有关规定处理。", "The measures … shall be formulated by the
# State Council."). Not a sentence that states a rule or a detail before handing on the rest
# ("永久基本农田一般应当占……耕地的百分之八十以上，具体比例由国务院……规定", "……应当遵守国家有关规
# 定", "上市公司设独立董事，具体办法由国务院规定": the 具体 of what is handed on refers back to a
# statement): its clauses hold no modal or defining verb and no number. In Chinese, only
# rule-making bodies handed the matter, and not by agreement: a court's, an employer's or the
# parties' determination (由人民法院确定, 由用人单位依照国家有关规定确定, 协商确定) rules on the
# case, a procedure stated before "按照有关规定办理" is stated, and publishing (公布) hands on
# nothing; in English, a rule noun handed on with no second modal, number or agreement beside it.
_RULE_MAKER = (
    r"国务院|部门|人民政府|委员会|机关|机构|国家|中央|最高人民法院|最高人民检察院|人民代表大会"
)
_ZH_RULES = re.compile(
    r"应当|应该|可以|不得|须|(?<![相供反适响对感呼照])应(?![急用对变])|有权|禁止|实行|是指|享有"
    r"|承担|负责|[0-9]"
    r"|[零〇一二两三四五六七八九十百千万]+(?:日|天|个|月|年|周|小时|元|人|倍|名|次|项)|百分之"
)
# What a rule-making body determines when it rules rather than decides a case: "具体标准由……确
# 定", not "对渔港认定有不同意见的，……由县级以上人民政府确定" (who settles a dispute).
_ZH_RULE_NOUNS = re.compile(
    r"(?:办法|标准|规定|细则|规则|范围|程序|格式|式样|目录|名录|条件|数额|金额|期限|比例|类别|种类"
    r"|问题|事项|方式|规范|要求)[，,]?$"
)
_ZH_DELEGATION = re.compile(
    rf"由(?:(?!依照|按照|根据|参照|依据)[^由]){{0,30}}?(?:{_RULE_MAKER})[^，,；;]{{0,30}}?"
    r"(?<!协商)(?<!一致)(?<!协商后)(?:另行)?(?<![的该])"
    r"(?:规定|制定|制订|(?P<determined>确定))(?:(?:具体|实施|管理)?(?:办法|细则|标准))?$"
    r"|(?P<handled>(?:按照|依照)(?:国家|国务院)?的?有关规定(?:执行|办理|确定|(?:予以)?处理))$"
    r"|另行(?:规定|制定|制订)$"
)
# Who handles a matter by the relevant provisions, when nothing else is said of it ("……的，由人民
# 法院依照有关规定处理"), not a procedure ("由收养人持收养登记证到户口登记机关按照……办理").
_ZH_HANDLER = re.compile(rf"由(?:(?!持|到|向|在|经)[^，,；;]){{0,12}}(?:{_RULE_MAKER}|法院)")
# A statute's clause that sets when the rest applies, not a statement of its own (a question's
# conditions end otherwise: `_ZH_CONDITION_END`).
_ZH_CONDITION = re.compile(r"(?:的|时|后|前|外|下|中|内)$")
# A filing that may follow it: "……由省、自治区、直辖市人民政府规定，报国务院备案。"
_ZH_FILED = re.compile(r"[，,]\s*(?:并)?报[^，,；;]{1,30}备案$")
_EN_DELEGATION = re.compile(
    r"^(?:(?:where|if|when)\b[^;]*?,\s*)?(?:the )?(?:[a-z'-]+ ){0,3}"
    r"(?:measures|rules|regulations|standards|scope|categories|procedures|lists?|catalogues?|"
    r"conditions|methods|issues?|matters?)\b[^;]*?\b(?:shall|is to|are to|will) be "
    r"(?:(?:separately )?(?:formulated|prescribed|stipulated|laid down|specified|drawn up|"
    r"worked out)(?: separately)?(?:\s*by\b[^;]*)?"
    r"|(?:handled|dealt with|implemented|governed) in accordance with (?:the )?relevant "
    r"(?:provisions|regulations)\b[^;]*)$",
    re.I,
)
# A rule stated beside it (a second modal, a number) or a matter settled by agreement.
_EN_RULES = re.compile(
    r"\d|;|\b(?:not (?:less|more) than|consultation|agreement|negotiation|contract)\b", re.I
)
_EN_MODALS = re.compile(r"\b(?:shall|must|may|is to|are to|will)\b", re.I)
# Criminal liability left to the Criminal Law, with nothing of this law's own: the closing
# article of most statutes (违反本法规定，构成犯罪的，依法追究刑事责任), which names no crime and
# no sentence.
_CRIMINAL_REFERRAL = {
    "zh": re.compile(
        r"(?:违反本(?:法|条例|规定|办法|细则)(?:的?(?:有关)?规定)?[，,]\s*)?构成犯罪的[，,]\s*"
        r"依法追究刑事责任"
    ),
    "en": re.compile(
        r"(?:(?:where|if) (?:a|any) violation of (?:the provisions of )?this "
        r"(?:law|regulations?|provisions|measures)|(?:where|if) (?:such )?(?:a|an|the) "
        r"(?:violation|act)) constitutes a crime,\s*(?:the )?criminal (?:liability|responsibility) "
        r"shall be (?:investigated|pursued|affixed|prosecuted)(?: for)?(?: in accordance with "
        r"(?:the )?law)?",
        re.I,
    ),
}


@lru_cache(maxsize=65536)
def delegates(text: str, lang: Lang) -> bool:
    """Whether a sentence only leaves what it is about to another instrument or body, and so
    states no detail of it (remembered: units recur across questions)."""
    stripped = normalize(text).strip().rstrip("。；;.").rstrip()
    if _CRIMINAL_REFERRAL[lang].fullmatch(stripped):
        return True
    if lang == "zh":
        stripped = _ZH_FILED.sub("", stripped)
        *before, last = _CLAUSE_END.split(stripped)
        delegation = _ZH_DELEGATION.search(last)
        if not delegation:
            return False
        own = last[: delegation.start()]
        topic = own or (before[-1] if before else "")
        earlier = before if own else before[:-1]
        if delegation.group("determined") and not _ZH_RULE_NOUNS.search(topic):
            return False
        if (
            delegation.group("handled")
            and own
            and not (_ZH_RULE_NOUNS.search(own) or _ZH_HANDLER.fullmatch(own))
        ):
            return False
        if topic.startswith(("具体", "其具体")) and any(
            not _ZH_CONDITION.search(clause) and not _ZH_DELEGATION.search(clause)
            for clause in earlier
        ):
            return False
        return not any(_ZH_RULES.search(clause) for clause in (*before, topic))
    return (
        bool(_EN_DELEGATION.search(stripped))
        and not _EN_RULES.search(stripped)
        and len(_EN_MODALS.findall(stripped)) == 1
    )


# What a not-stated answer names as missing, per kind and language.
MISSING: dict[Kind, dict[Lang, str]] = {
    Kind.DURATION: {"en": "the time limit or duration", "zh": "具体期限"},
    Kind.FREQUENCY: {"en": "how often", "zh": "具体频率"},
    Kind.NUMBER: {"en": "the number or amount", "zh": "具体数额或数量"},
    Kind.PLACE: {"en": "the place", "zh": "具体地点"},
    Kind.DATE: {"en": "the date or time", "zh": "具体日期或时间"},
    Kind.PERSON: {"en": "who (which person or body)", "zh": "具体由谁（哪个人或机关）"},
    Kind.LIST: {"en": "which ones (a list)", "zh": "具体有哪些"},
    Kind.ARTICLE: {"en": "the article", "zh": "具体条文"},
    Kind.PURPOSE: {"en": "the purpose", "zh": "制定目的"},
    Kind.OPEN: {"en": "the answer", "zh": "该问题的答案"},
}
