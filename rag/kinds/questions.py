"""What a question asks for: its kind, the units and bound it asks in, the names it gives
itself, and whether it asks a document's commencement or a sanction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rag.kinds.parts import CLAUSE_END, ZH_ASKING, asking_part, asks_who, main_clauses
from rag.kinds.spans import DURATION_WORDS, given_names, has_span
from rag.kinds.vocabulary import (
    DURATION_UNITS,
    FEE,
    ITEMS,
    MAXIMUM,
    MEASURES,
    MINIMUM,
    UNITS,
    ZH_AMBIGUOUS,
    Kind,
)
from rag.text import normalize
from rag.types import Lang

# A law, regulation or other instrument, as a question names it, with its version note
# (（试行）, （九）); 法 not in 做法, 办法, 违法 …. 规定, 决定, 意见 … are also what a rule
# says or a body decides (违反规定, 作出该决定, 这个规定): an instrument only as 本规定 (a
# document speaking of itself) or at the end of a title in 《》.
_ZH_NOTE = r"(?:[（(][^（）()》]{1,10}[）)])?"
_ZH_INSTRUMENT = (
    r"(?:(?:(?<![做办违执司方说看想合非守])法|法律|法规|条例|解释|公约|协定|修正案)"
    rf"|(?<=本){ZH_AMBIGUOUS}|{ZH_AMBIGUOUS}(?={_ZH_NOTE}》)){_ZH_NOTE}"
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

# How fast a vehicle, an aircraft or a person moves (开多快, "how fast may a drone fly"), not how
# soon a thing is done ("How fast must the court decide?": a time limit).
_ZH_HOW_FAST = r"(?:开|行驶|飞|骑|跑|驶)[^，,?]{0,3}多快|多快[^，,?]{0,3}(?:开|行驶|飞|骑|跑)"
_EN_HOW_FAST = (
    r"\bhow fast\b[^?]*\b(?:drive|driven|go|fly|flown|travel|taxi|ride|ridden|run|move|sail)\b"
)

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
            # English "who" and "which … court": `asks_who`
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
            r"几(个|名|人|岁|周岁|次|倍|成|折|级|位|项|届|份|张|本|家|亩|公顷|平方米|平米|公斤|千克|克|吨"
            r"|分贝|公里|千米|米|度|升)"
            r"|比例|税率|费率|[百千万]分之几|几分之[一几]|多大"
            r"|几岁"
            r"|罚款(是|为)?多|上限|下限|最低|最高(?!人民|院|检)|起征点"
            r"|多远|距离(是|有)?多|多长的?距离|多少(米|公里|千米)|多重(?=的|[吗呢?]|$)"
            r"|\bhow (many|much|old|far|big|large|heavy|loud|hot|cold)\b|\bwhat multiple\b"
            rf"|{_ZH_HOW_FAST}|{_EN_HOW_FAST}"
            r"|\b(what|which) (distance|radius)\b"
            r"|\bwhat(?:'s| is| are| was)? (?:the )?(?:[a-z'-]+ ){0,4}(percentage|percent|rate|fee|"
            r"postage|amount|age|proportion|share|fine|surcharge|number|sum|ratio|threshold|"
            r"quorum|ceiling|cap(?!\.?\s*\d))s?\b"
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


# Chinese words naming an amount, which ask for one only in a clause that asks what ("补偿金额按
# 什么标准计算？", "收养人需要满足什么年龄？"), or that asks whether there is a limit on it ("股东
# 人数有没有限制？"); not in a clause that asks only whether ("金额的中文大写和阿拉伯数字写得不一
# 样，这张汇票还有效吗？", "汇票金额大小写不一致是否有效？"), nor in one that says what happened
# ("造成损失数额不大的，是否构成犯罪？"). Where no clause asks, every clause counts ("罚款金额？").
_AMOUNT_NAMED = re.compile(r"金额|数额|人数|年龄")
_ZH_ASKS_WHAT = re.compile(rf"{ZH_ASKING}|怎么|如何")
_ZH_WHETHER = re.compile(r"是否|能否|可否|有没有|能不能|可不可以|会不会|要不要|吗")
_ZH_LIMIT = re.compile(
    r"(?:有没有|是否有|有无|有)[^，,]{0,3}(?:限制|要求|上限|下限|标准|范围|门槛|限额|规定)"
    r"|(?:限制|要求|上限|下限|标准|范围|门槛|限额|规定)吗"
)


def _names_amount_asked(text: str) -> bool:
    clauses = [c.strip() for c in CLAUSE_END.split(text) if c.strip()]
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
            or (kind == Kind.PERSON and asks_who(text))
            or (kind == Kind.NUMBER and _names_amount_asked(text))
        ):
            return kind
    if _ENUMERATION_ASKED.search(text):
        return Kind.LIST
    return Kind.OPEN


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
    (re.compile(r"(几|多少)分(?!之|贝)"), "point"),
    (re.compile(r"(几|多少)倍"), "times"),
    (re.compile(r"多远|距离|(几|多少)(米|公里|千米)"), "distance"),
    (
        re.compile(
            rf"(几|多少)(?:{UNITS['area'][0]})"
            r"|面积[^，。？?]{0,4}(?:多少|多大|几)|多大(?:的)?面积"
        ),
        "area",
    ),
    (re.compile(r"浓度|含量"), "concentration"),
    # a measure the question names as what it asks (限速多少, 重量是多少): a number of years or of
    # times does not give it (not 加快速度, nor 多重国籍 or 多重劳动关系)
    (re.compile(rf"时速|(?<!加快|提高)速度|车速|限速|{_ZH_HOW_FAST}"), "speed"),
    (
        re.compile(r"重量|(?:总|载|整备)质量|多重(?=的|[吗呢?]|$)|(几|多少)(千克|公斤|克|吨)"),
        "weight",
    ),
    (re.compile(r"分贝"), "sound"),
    (re.compile(r"血压|收缩压|舒张压"), "blood pressure"),
    # not 每月用电多少度 (kilowatt-hours)
    (
        re.compile(r"温度|气温|体温|摄氏|^(?!.*(?:用电|电量|电费|电价|度电)).*(几|多少)度"),
        "temperature",
    ),
    (re.compile(r"排气量|排量|容积|体积|(几|多少)(毫升|升|立方米)"), "volume"),
    (re.compile(r"(几|多少)次"), "occasions"),
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
            r"\bhow much (money|does it cost)\b"
            r"|\b(fee|fine|cost|price|charge|surcharge|postage)s?\b"
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
    # not "a drone weighing under 250 grams", which names the thing, not what is asked of it, nor
    # "how much weight does the court give"
    (re.compile(rf"\bspeeds?\b|{_EN_HOW_FAST}"), "speed"),
    (
        re.compile(
            r"\bweights?\b(?! (?:to|given|attached|does|do|is|was|should)\b)|\bhow heavy\b"
            r"|\bhow many (?:tonnes|tons|kilograms|kilos|grams)\b"
        ),
        "weight",
    ),
    (re.compile(r"\bdecibels?\b|\bnoise levels?\b|\bhow loud\b"), "sound"),
    (re.compile(r"\bblood pressure\b"), "blood pressure"),
    (re.compile(r"\btemperatures?\b|\bhow (?:hot|cold)\b"), "temperature"),
    # not "a reasonable volume" of requests
    (
        re.compile(
            r"\b(?:engine|cylinder) (?:displacement|capacity)\b"
            r"|\bhow many (?:lit(?:re|er)s|millilit(?:re|er)s|cubic)\b"
        ),
        "volume",
    ),
)


# An age asked by name (多大 asks an age only where no measure is named: 载重量多大).
_AGE_NAMED = re.compile(r"岁|年龄|\bhow old\b|\bage\b")

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


# A fine is an amount, or a multiple or share of another: 处瞒报工资数额1倍以上3倍以下的罚款,
# 处上一年年收入百分之四十的罚款.
_FINE_ASKED = re.compile(r"罚款|罚金|罚多少|\bfine[sd]?\b")
_FEE_ASKED = re.compile(
    r"费用|收费|(?<![消浪免])费(?!者|率)"
    r"|\b(?:fees?|charges?|costs?|prices?|postage)\b(?! (?:him|her|them|with))"
)
# a penalty asked of a fee (没交社保费被罚了多少钱, "the penalty for charging unapproved fees") is a
# fine
_SANCTION_ASKED = re.compile(r"罚|处分|\bpenalt(?:y|ies)\b|\bsanctions?\b|\bpunish", re.I)
# (not names with a bound in them: 最低工资, 最高人民法院, 最高额抵押, "the highest court")
_BOUND_ASKED = {
    MINIMUM: re.compile(
        r"最少|至少|最低(?!工资|生活)|最短|下限|起码"
        r"|\b(?:minimum(?! wage)|least|lowest|shortest)\b",
        re.I,
    ),
    MAXIMUM: re.compile(
        r"最多|至多|最高(?!人民|院|检|法|额|国家)|最长|上限|封顶"
        r"|\b(?:maximum|at most|highest(?! court)|longest|cap|ceiling|upper limit)\b",
        re.I,
    ),
}
_BOTH_BOUNDS = re.compile(
    r"上下限|最高和最低|最低和最高|\bupper and lower\b|\blower and upper\b", re.I
)

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
        return frozenset() if named else frozenset({ITEMS})
    if kind not in (Kind.NUMBER, Kind.DURATION):
        return frozenset()
    text = asking_part(question).lower()
    found = {unit for pattern, unit in _ZH_ASKED_UNIT + _EN_ASKED_UNIT if pattern.search(text)}
    if "speed" in found:
        found.discard("distance")  # 限速多少公里: the length of a speed
    if found & MEASURES and not _AGE_NAMED.search(text):
        found.discard("age")  # 载重量多大 asks a weight
    if found - MEASURES:
        found -= MEASURES  # 超过规定时速百分之五十的，罚款多少？ asks the fine
    if kind == Kind.DURATION:
        # a time in any unit, or a share of one ("What share of the term may the extension be?")
        found = ((found & DURATION_UNITS) or set(DURATION_UNITS)) | (found & {"percent"})
    elif "money" in found and _FINE_ASKED.search(text):
        found |= {"times", "percent"}
    elif "money" in found and _FEE_ASKED.search(text) and not _SANCTION_ASKED.search(text):
        found.add(FEE)
    return frozenset(found) | _bound_asked(text)


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
        if worded and self.kind == Kind.DURATION and DURATION_WORDS[lang].search(text):
            return True
        return has_span(self.kind, text, lang, self.units, self.given)


@lru_cache(maxsize=1024)
def _asked(question: str) -> Asked:
    kind = question_kind(question)
    units = asked_units(question, kind)
    named = kind == Kind.PLACE or (kind == Kind.LIST and ITEMS not in units)
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


def asks_fine(question: str) -> bool:
    """Whether a question asks a number and its asking sentence names a fine (罚款多少, "What
    fine can …", "How much will I be fined?"; also "How many people must sign off on a fine?"):
    mostly the fine's amount, the detail asked rather than the topic."""
    return Asked.of(question).kind == Kind.NUMBER and bool(
        _FINE_ASKED.search(asking_part(question).lower())
    )


def asks_sanction(question: str) -> bool:
    """Whether a question asks the sanction for a conduct (罚多少钱, 承担什么法律责任, "what fine",
    "what penalty")."""
    return bool(_SANCTION.search(normalize(question)))
