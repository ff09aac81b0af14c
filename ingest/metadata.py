"""Document metadata from delivery headers, metadata blocks and LawRefBook front matter."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.numbering import chinese_to_int

# Westlaw China and similar deliveries label their metadata; one line may hold several fields in
# both languages ("文 号: 法发[2020]37号 Document Number: Fa Fa [2020] No. 37").
_FIELDS: dict[str, str] = {
    r"颁\s*布\s*机\s*关|发\s*布\s*机\s*关|制\s*定\s*机\s*关|发\s*文\s*机\s*关": "issuer_zh",
    r"Promulgating Institution|Issuing (?:Authority|Body|Institution)": "issuer_en",
    r"文\s*号|发\s*文\s*字\s*号": "doc_number_zh",
    r"Document (?:Number|No\.)": "doc_number_en",
    r"颁\s*布\s*时\s*间|颁\s*布\s*日\s*期|发\s*布\s*日\s*期|公\s*布\s*日\s*期": "promulgated",
    r"Promulgat(?:ing|ion) Date|Date (?:of )?(?:Issue|Promulgation)": "promulgated",
    r"实\s*施\s*时\s*间|施\s*行\s*日\s*期|实\s*施\s*日\s*期|生\s*效\s*日\s*期": "effective",
    r"Effective Date|Implementation Date": "effective",
    r"效\s*力\s*状\s*态|时\s*效\s*性": "validity_zh",
    r"Validity Status|Validity": "validity_en",
}
_FIELD_KEY = re.compile("(" + "|".join(f"(?:{k})" for k in _FIELDS) + r")\s*[:：]\s*", re.I)
_FIELD_NAMES = [(re.compile(k, re.I), name) for k, name in _FIELDS.items()]

_DELIVERY_START = re.compile(r"^Westlaw China Delivery Summary", re.I)
_DELIVERY_END = re.compile(r"^©.*(?:Thomson Reuters|all rights reserved)", re.I)

_ZH_DATE = re.compile(
    r"([12]\d{3}|[一二〇○零九八七六五四三]{4})\s*年\s*(\d{1,2}|[一二三四五六七八九十]{1,3})"
    r"\s*月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日"
)
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/([12]\d{3})\b")
_ISO_DATE = re.compile(r"\b([12]\d{3})[-./](\d{1,2})[-./](\d{1,2})\b")
_MONTH_NAMES = (
    "january february march april may june july august september october november december"
)
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES.split(), start=1)}
_EN_DATE = re.compile(
    r"\b(\d{1,2})\s+([A-Za-z]+)\s*,?\s+([12]\d{3})\b|\b([A-Za-z]+)\s+(\d{1,2}),?\s+"
    r"([12]\d{3})\b"
)


@dataclass
class MetaFields:
    values: dict[str, str] = field(default_factory=dict)

    def set(self, name: str, value: str) -> None:
        value = value.strip().strip("，,;；")
        if value and not self.values.get(name):
            self.values[name] = value


def parse_date(text: str) -> str:
    """The first date in `text` as ISO `YYYY-MM-DD`, or ''. US `09/25/2020` is month first."""
    if m := _ZH_DATE.search(text):
        year, month, day = (chinese_to_int(g) for g in m.groups())
        return _iso(year, month, day)
    if m := _ISO_DATE.search(text):
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if m := _US_DATE.search(text):
        return _iso(int(m.group(3)), int(m.group(1)), int(m.group(2)))
    if m := _EN_DATE.search(text):
        if m.group(1):
            day_text, month_name, year_text = m.group(1), m.group(2), m.group(3)
        else:
            month_name, day_text, year_text = m.group(4), m.group(5), m.group(6)
        month_number = _MONTHS.get(month_name.lower())
        if month_number:
            return _iso(int(year_text), month_number, int(day_text))
    return ""


def _iso(year: int, month: int, day: int) -> str:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return ""
    return f"{year:04d}-{month:02d}-{day:02d}"


def is_delivery_start(text: str) -> bool:
    return bool(_DELIVERY_START.match(text))


def is_delivery_end(text: str) -> bool:
    return bool(_DELIVERY_END.match(text))


def metadata_fields(text: str) -> dict[str, str] | None:
    """The labelled metadata fields of one line, or None when it is not a metadata line."""
    keys = list(_FIELD_KEY.finditer(text))
    if not keys or keys[0].start() > 2:
        return None
    found: dict[str, str] = {}
    for i, key in enumerate(keys):
        value_end = keys[i + 1].start() if i + 1 < len(keys) else len(text)
        value = text[key.end() : value_end].strip()
        name = next(n for pattern, n in _FIELD_NAMES if pattern.fullmatch(key.group(1).strip()))
        if name in ("promulgated", "effective"):
            value = parse_date(value) or value
        found.setdefault(name, value)
    return found


_DATE_LINE = re.compile(r"^\s*(?:[（(])?\s*" + _ZH_DATE.pattern)


def front_matter_dates(lines: list[str]) -> dict[str, str]:
    """Promulgation and effective dates from date lines ("2021年1月1日 施行").

    The effective date is the one whose event says 施行/实施/生效; the promulgation date is the
    latest adoption, amendment or publication, which dates the version in force.
    """
    dates: dict[str, str] = {}
    promulgated: list[str] = []
    for line in lines:
        if not _DATE_LINE.match(line):
            continue
        for m in _ZH_DATE.finditer(line):
            iso = parse_date(m.group(0))
            event = line[m.end() : m.end() + 40]
            if re.match(r"^\s*(?:起)?(?:施行|实施|生效)", event) or "起施行" in event[:12]:
                dates.setdefault("effective", iso)
            if re.search(r"通过|公布|修正|修订|发布|修改|批准", event):
                promulgated.append(iso)
            if re.match(r"^\s*\S*公布施行|^\s*发布施行", event):
                dates.setdefault("effective", iso)
    if promulgated:
        dates["promulgated"] = max(promulgated)
    return dates
