"""The kinds of detail a question may ask for, and the words a question and a passage share
when one asks and the other gives it: numerals, the units of amounts and times, bounds, fees."""

from __future__ import annotations

from enum import StrEnum

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


ZH_NUM = r"[0-9零〇一二两三四五六七八九十百千万亿半]"
EN_NUM_WORDS = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|"
    r"hundred|thousand|million|billion|half|a third|a quarter"
)
ZH_AMBIGUOUS = r"(?:规定|办法|意见|决定|规则|细则|章程)"

# A question asking which things, specifically, of a kind no proper name gives ("Which specific
# documents do I have to bring?", 高级管理人员具体包括哪些职位): only a list of them answers it
# (numbered items, a series: `spans._series`), not a passage that names the kind alone (提供真实、
# 合法、充分的证明材料). Asked as a list of names (哪些国家), it is read as one
# (`questions._NAMED_LIST`).
ITEMS = "items"


# What a year counted may be (五个年度, 三个纳税年度: a tax or accounting year).
COUNTED_YEAR = "(?:纳税|会计|自然)?"
# Units a number or duration can be asked in: (Chinese measure words, English words). A question
# asking "how many days" is answered by "15 days" / "十五日", not by "one director".
UNITS: dict[str, tuple[str, str]] = {
    "day": (r"个?工作日|日|天", r"(?:working |calendar |clear )?days?"),
    "week": (r"周|星期", r"weeks?"),
    "month": (r"个月|月", r"months?"),
    "year": (rf"个?{COUNTED_YEAR}年", r"years?"),
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
    # a speed is stated in a length an hour, often as 时速……公里 (a distance answers it too: a
    # time or a count does not)
    "speed": (
        r"公里|千米|米/秒|(?i:km/h|km)",
        r"km/h|kph|mph|km|kilomet(?:re|er)s?|miles? (?:per|an|a) hour",
    ),
    "weight": (r"千克|公斤|克|吨|(?i:kg)", r"kg|kilograms?|grams?|tonnes?|tons?"),
    "sound": (r"分贝|(?i:db)", r"decibels?|db"),
    "temperature": (r"摄氏度|度|(?i:°c)", r"degrees?|°c|celsius"),  # ℃ is read as °C
    "volume": (
        r"毫升|升|立方米|立方厘米|(?i:ml|cc)",
        r"millilit(?:re|er)s?|lit(?:re|er)s?|ml|cubic (?:met(?:re|er)s?|centimet(?:re|er)s?)|cc",
    ),
    "blood pressure": (
        r"毫米汞柱|千帕|(?i:mm ?hg|kpa)",
        r"mm ?hg|kpa|millimet(?:re|er)s? of mercury",
    ),
}
DURATION_UNITS = frozenset({"day", "week", "month", "year", "hour"})
# Measures of a physical quantity read only when a question asks nothing else countable (the
# fine for exceeding 时速 asks money); a share (百分之二十) states none of them.
MEASURES = frozenset({"speed", "weight", "sound", "blood pressure", "temperature", "volume"})
# A fee or charge asked (备案费用, 工本费, 收费, "filing fee", "what does it cost"), not a fine:
# the amount of a fine (处1万元以上5万元以下的罚款) is no fee, so the clauses imposing one are set
# aside.
FEE = "fee"


# A number or time limit asked as a bound ("最少要有几个成员", "what is the maximum term"): a bound
# the other way is no answer (成员不得超过九人 does not say how few; "at least 3 years" does not say
# how long at most); an exact number or a range answers either.
MINIMUM, MAXIMUM = "minimum", "maximum"
BOUNDS = frozenset({MINIMUM, MAXIMUM})


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
