"""Whether a passage gives a detail of a kind: its spans in English (patterns) and in Chinese
(patterns and `jieba.posseg` tags); the drafting that states a document's commencement, and that
only hands a matter on to another instrument or body."""

from __future__ import annotations

import hashlib
import re
import threading
from collections import OrderedDict
from functools import cache, lru_cache

from rag.keyword import posseg
from rag.kinds.parts import AUXILIARIES, CLAUSE_END
from rag.kinds.vocabulary import (
    BOUNDS,
    COUNTED_YEAR,
    DURATION_UNITS,
    EN_NUM_WORDS,
    FEE,
    ITEMS,
    MAXIMUM,
    MEASURES,
    MINIMUM,
    UNITS,
    ZH_AMBIGUOUS,
    ZH_NUM,
    Kind,
)
from rag.sentences import lists
from rag.text import has_cjk, normalize
from rag.types import Lang

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
# the clause of a fine, as normalised (，→ ,), with the commas and points of its numbers (10,000)
_CLAUSE_PART = r"(?:[^,.;:，。；：]|(?<=\d)[,.](?=\d))*"
_FINE_STATED = {
    "zh": re.compile(rf"{_CLAUSE_PART}(?:罚款|罚金){_CLAUSE_PART}"),
    "en": re.compile(rf"{_CLAUSE_PART}\bfine[sd]?\b{_CLAUSE_PART}", re.I),
}
_ZH_BOUNDED = rf"(?:百分之)?(?:\d+(?:[.,]\d+)*{ZH_NUM}*|{ZH_NUM}+)(?:分之{ZH_NUM}+)?"
_EN_BOUNDED = rf"(?:\d[\d,.]*|(?:{EN_NUM_WORDS})\b)"
# Each bound as a passage states it, with its number: set aside when the other bound is asked.
_BOUND_STATED = {
    ("zh", MAXIMUM): re.compile(
        rf"(?:不得|不能|不应|不|未)(?:超过|高于|多于|长于)[^，。；：,;:]{{0,12}}?{_ZH_BOUNDED}"
        rf"|(?:最多|至多|最高(?!人民|院|检)|最长|上限为?|封顶)[^，。；：,;:]{{0,6}}?{_ZH_BOUNDED}"
        rf"|{_ZH_BOUNDED}[^\s，。；、,;:\d]{{0,3}}?(?:以下|以内|之内)"
    ),
    ("zh", MINIMUM): re.compile(
        rf"(?:不得|不能|不应|不)(?:少于|低于|短于)[^，。；：,;:]{{0,12}}?{_ZH_BOUNDED}"
        rf"|(?:至少|最少|最低|最短|下限为?|起码)[^，。；：,;:]{{0,6}}?{_ZH_BOUNDED}"
        rf"|{_ZH_BOUNDED}[^\s，。；、,;:\d]{{0,3}}?以上"
    ),
    ("en", MAXIMUM): re.compile(
        rf"\b(?:not|no)\b(?: [a-z]+){{0,2}}? (?:more|greater|higher|longer) than\b[^.;,]{{0,30}}?"
        rf"{_EN_BOUNDED}"
        rf"|\bnot (?:to )?exceed(?:ing)?\b[^.;,]{{0,30}}?{_EN_BOUNDED}"
        rf"|\b(?:up to|at most|a maximum of|maximum of)\b[^.;,]{{0,20}}?{_EN_BOUNDED}"
        rf"|{_EN_BOUNDED}[^.;,]{{0,20}}?\bor (?:less|fewer|below|under)\b",
        re.I,
    ),
    ("en", MINIMUM): re.compile(
        rf"\b(?:not|no) (?:less|fewer|lower|shorter) than\b[^.;,]{{0,30}}?{_EN_BOUNDED}"
        rf"|\b(?:at least|a minimum of|minimum of)\b[^.;,]{{0,20}}?{_EN_BOUNDED}"
        rf"|{_EN_BOUNDED}[^.;,]{{0,20}}?\bor (?:more|above|over|longer)\b",
        re.I,
    ),
}


@cache
def _unit_pattern(lang: Lang, units: frozenset[str]) -> re.Pattern[str]:
    """A number followed by one of the units (or, for money, preceded by a currency sign); a
    share (百分之二十, 20%) too, unless only a time or a physical measure (`MEASURES`) is asked: a
    fine may be a share of the price, a time limit or a speed is no share (a share of a term is
    asked as a share: "percent")."""
    share = not units <= DURATION_UNITS | MEASURES
    if lang == "zh":
        measures = "|".join(UNITS[u][0] for u in units)
        shares = rf"|(?:百分之){ZH_NUM}+|\d\s*%" if share else ""
        return re.compile(rf"{ZH_NUM}+\s*(?:{measures}){shares}")
    words = "|".join(UNITS[u][1] for u in units)
    number = rf"(?:\d[\d,.]*|{EN_NUM_WORDS})"
    shares = rf"|{number}\s*(?:%|percent\b|per cent\b)" if share else ""
    return re.compile(
        rf"\b{number}\b(?:\s*\(\d+\))?(?:[\s-]+[a-z-]+){{0,2}}?[\s-]*(?:{words})\b"
        rf"|\b\d[\d,.]*(?:{words})\b"  # written against the number: 10kg, 55dB
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
    rf"|第\s*{ZH_NUM}+\s*(?:个工作)?[日天](?!内)"  # a day counted: 自第6日起
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
    rf"(?<!第){ZH_NUM}+\s*(个)?\s*{COUNTED_YEAR}(工作日|日|天|周|星期|月|年|小时|分钟|周岁)"
)
_EN_DURATION = re.compile(
    rf"\b(\d+|{EN_NUM_WORDS})\b(\s*\(\d+\))?([\s-]+(working|calendar|consecutive|full|"
    r"clear|tax|fiscal|financial|accounting)){0,2}"
    r"[\s-]+(days?|weeks?|months?|years?|hours?|minutes?)\b",
    re.I,
)
# A rate, a deposit or a bond named by its term is no time limit, whatever unit is asked:
# 一年期贷款市场报价利率 (the one-year loan prime rate), 三年期定期存款, 1年期人民币整存整取.
_TERM_NAMED = {
    "zh": re.compile(
        rf"{ZH_NUM}+\s*(?:个)?\s*(?:年|月)期(?=贷款|存款|定期|国债|债券|利率|LPR|人民币|基准)"
    ),
    "en": re.compile(
        rf"\b(?:\d+|{EN_NUM_WORDS})[\s-]+(?:years?|months?)\b"
        r"(?=[\s-]+(?:loan prime|LPR|deposit|treasury|bond|benchmark))",
        re.I,
    ),
}
# A time limit stated without a number (`Asked.given_by`).
DURATION_WORDS = {
    "zh": re.compile(r"立即|立刻|即时(?!通讯|通信)|当即|半年|半个月"),
    "en": re.compile(
        r"\bimmediately\b|\bwithout delay\b|\bpromptly\b|\bforthwith\b"
        r"|\bfortnight\b|\bhalf an? (year|month|day|hour)\b",
        re.I,
    ),
}
_ZH_FREQUENCY = re.compile(
    rf"每(隔)?{ZH_NUM}*\s*(个)?\s*(年|月|季度|半年|周|星期|日|天)|{ZH_NUM}+\s*(年|个月|月)\s*一次"
    # 按月支付, 分季预缴, 逐年, 检验周期为六个月
    rf"|按(月|季|年|周|日|天)(?![岁限龄期份薪资息利数工化])|分(月|季度?)(?!份)|逐(月|年|日)(?!期)"
    rf"|周期[^，。；;]{{0,4}}{ZH_NUM}+\s*(个)?(年|月|日|天|周)"
)
_EN_FREQUENCY = re.compile(
    rf"\b(annually|yearly|monthly|quarterly|weekly|daily|biennially)\b"
    rf"|\b({EN_NUM_WORDS}|\d+) times (a|per|each|every)\b|\b(once|twice) (a|per|each|every)\b"
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
    rf"第{ZH_NUM}+(?:[、和及或至]{ZH_NUM}+)*(条|款|项|章|节|编|目|号|次|届)"
    rf"|第\({ZH_NUM}+\)(?:[、和及或至]\({ZH_NUM}+\))*项|〔\d+〕\d+号|\[\d+\]\d+号"
    # an item's own number opening its line: (四), 四、, 4.
    rf"|(?m:^\s*(?:\(\s*{ZH_NUM}+\s*\)|{ZH_NUM}+、|\d+(?:[.、](?!\d)|\))))"
)
_EN_NUMBER = re.compile(
    rf"\d|\b({EN_NUM_WORDS}|twice|double|triple|percent|per cent|majority|two-thirds|"
    r"one-third|one-half)\b",
    re.I,
)
_ZH_NUMBER = re.compile(
    r"(?<![第万])[0-9两二三四五六七八九十百千亿]+(?!分(?![之钟]))|"
    rf"百分之{ZH_NUM}+|\d+(\.\d+)?\s*%|{ZH_NUM}+\s*(元|万元|亿元|倍|岁|周岁|人|名|个|次|项|级|届|件|份|"
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
_EN_INSERTED = re.compile(rf"\b({AUXILIARIES})( not)?, [^,;.]{{1,60}}, ", re.I)
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
    for bound in units & BOUNDS:
        other = MAXIMUM if bound == MINIMUM else MINIMUM
        plain = _BOUND_STATED[lang, other].sub(" ", plain)
    if FEE in units:
        plain = _FINE_STATED[lang].sub(" ", plain)
    units -= BOUNDS | {FEE}
    if kind == Kind.PERSON and "level" in units:
        return bool(_LEVEL[lang].search(plain))
    if kind == Kind.LIST and ITEMS in units:
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
    rf"(?:{ZH_NUM}+|\d+(?:[.,]\d+)*)\s*个?(?:{_MEASURES})?"
    rf"|(?:几|多少){ZH_NUM}*个?(?:{_MEASURES}|级|条|项|届|件|份)?"
)


def is_quantity(word: str) -> bool:
    """Whether a question's word is a number, with or without a measure of `UNITS` (三年, 19,
    五千克, 三个), or asks one (几次, 几成, 几级, 几千元): a fact the question gives or the detail
    it asks, not what it is about."""
    return _QUANTITY.fullmatch(word) is not None


_ZH_COMMENCES = re.compile(
    rf"(?:本(?:法|法律|条例|解释|基本法|通知|安排|{ZH_AMBIGUOUS})|现予公布|予以公布|现予发布|予以发布)"
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
# conditions end otherwise: `parts._ZH_CONDITION_END`).
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
        *before, last = CLAUSE_END.split(stripped)
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
