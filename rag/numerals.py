"""Chinese numerals as numbers: article numbers for the parser, shared numbers for the aligners
(a unit's pair check at ingest, its sentences at question time); and small numbers as Chinese
numerals, as citations write them (之一)."""

from __future__ import annotations

ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "Ｏ": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_NUM = "零〇○一二两兩三四五六七八九十百千"
_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def chinese_to_int(text: str) -> int:
    """`一百二十` → 120, `十二` → 12, `二〇二〇` → 2020, `1３` → 13. Raises ValueError."""
    text = text.strip().translate(_FULL_WIDTH_DIGITS)
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    if all(c in ZH_DIGITS for c in text):
        return int("".join(str(ZH_DIGITS[c]) for c in text))
    total, current = 0, 0
    for char in text:
        if char in ZH_DIGITS:
            current = ZH_DIGITS[char]
        elif char in ZH_UNITS:
            total += (current or 1) * ZH_UNITS[char]
            current = 0
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current


def roman_to_int(text: str) -> int:
    """`XIV` → 14 (either case)."""
    values = [_ROMAN[c] for c in text.upper()]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def small_chinese_numeral(number: int) -> str:
    """1..99 as written in 第一百二十条之一 / 之十二; other numbers stay Arabic."""
    digits = "零一二三四五六七八九"
    if not 0 < number < 100:
        return str(number)
    tens, ones = divmod(number, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else digits[tens] + "十")
    return head + (digits[ones] if ones else "")
