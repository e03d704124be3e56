#!/usr/bin/env python3
"""Derive the Sino-Korean syllable set of crates/names/src/sino_korean.rs (`SYLLABLES`) from the
Unicode Han Database (Unihan): every Hangul syllable that is the Korean reading (kHangul) of a CJK
Unified Ideograph (U+4E00-U+9FFF) from KS X 1001 or KS X 1002 (sources 0, 1) or the educational
Hanja list (E), with the initial-sound law's forms of those readings (리 → 이, 량 → 양, 녀 → 여,
로 → 노) and 김, the family-name reading of 金.

Usage: scripts/sino-korean-syllables.py PATH/TO/Unihan_Readings.txt  (prints the string)

Unihan_Readings.txt: see scripts/sino-korean-mandarin.py (Unicode License).
"""
import sys

# Vowels that drop a initial ㄴ (and turn ㄹ into ㅇ) at the start of a word: ㅑ ㅒ ㅕ ㅖ ㅛ ㅠ ㅣ.
Y_VOWELS = {2, 3, 6, 7, 12, 17, 20}


def initial_law(syllable):
    """The forms the initial-sound law gives a reading at the start of a word."""
    code = ord(syllable) - 0xAC00
    initial, vowel, final = code // 588, (code % 588) // 28, code % 28
    out = []
    if initial == 5:  # ㄹ → ㅇ before i/y, else ㄴ
        out.append(chr(0xAC00 + (11 if vowel in Y_VOWELS else 2) * 588 + vowel * 28 + final))
    if initial == 2 and vowel in Y_VOWELS:  # ㄴ → ㅇ before i/y
        out.append(chr(0xAC00 + 11 * 588 + vowel * 28 + final))
    return out


def main(path):
    readings = set()
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or "\tkHangul\t" not in line:
                continue
            code, _, value = line.rstrip("\n").split("\t")
            if not 0x4E00 <= int(code[2:], 16) <= 0x9FFF:
                continue
            for reading in value.split():
                syllable, _, sources = reading.partition(":")
                if any(s in sources for s in "01E"):
                    readings.add(syllable)
    for syllable in list(readings):
        readings.update(initial_law(syllable))
    readings.add("김")
    print("".join(sorted(readings)))


if __name__ == "__main__":
    main(sys.argv[1])
