"""sacreBLEU 2.4.3's sentence chrF (defaults: char order 6, beta 2, effective order) on English and
Russian sentence pairs like svodka's back-translation checks, written to
models/fixtures/chrf/expected.json for crates/engine/src/compare/chrf.rs.

    python3 -m venv /tmp/sb && /tmp/sb/bin/pip install sacrebleu==2.4.3
    /tmp/sb/bin/python models/tools/make_chrf_expected.py
"""
import json
import random
from pathlib import Path

from sacrebleu.metrics import CHRF

PAIRS = [
    ("Gazprom halted gas exports to Europe on Monday.", "Gazprom stopped gas exports to Europe on Monday."),
    ("Vladimir Putin said the sanctions had left no choice.", "Putin said sanctions left Russia no choice."),
    ("Container traffic fell by 4 per cent in the third quarter.", "In the third quarter, container traffic dropped 4%."),
    ("The port said the decline was the steepest since the pandemic.", "The port said the fall was the sharpest since the pandemic."),
    ("Analysts expect prices to rise.", "Prices are expected to rise, analysts say."),
    ("Правительство Москвы утвердило программу обновления транспорта.", "Московское правительство одобрило программу обновления транспорта."),
    ("Мэр Москвы Сергей Собянин открыл новую станцию метро.", "Сергей Собянин, мэр Москвы, открыл новую станцию метрополитена."),
    ("Город закупит более 1,5 тыс. электробусов.", "Город купит свыше 1500 электробусов."),
    ("Путин обвинил санкции.", "Путин возложил вину на санкции."),
    ("Ёлка стоит на площади.", "Елка стоит на площади."),
    ("same", "same"),
    ("", ""),
    ("", "reference"),
    ("hypothesis", ""),
    ("a", "a"),
    ("ab", "ba"),
    ("   spaced   out   ", "spacedout"),
    ("tab\tand\nnewline", "tabandnewline"),
    ("sep\x1carated", "separated"),
    ("🙂 emoji first", "emoji first 🙂"),
    ("Combining e\u0301 accent", "Combining é accent"),
    ("UPPER case", "upper CASE"),
    ("Цены выросли на 5%.", "Prices rose by 5%."),
    ("«Газпром» заявил, что…", "\"Газпром\" заявил, что..."),
]


def random_pairs(n, seed=7):
    rng = random.Random(seed)
    words_en = "the a port gas prices rose fell Moscow Europe said on in of and to by market".split()
    words_ru = "в и на порт газ цены выросли упали Москва Европа заявил рынок по из".split()
    out = []
    for i in range(n):
        words = words_en if i % 2 == 0 else words_ru
        a = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        b = " ".join(rng.choice(words) for _ in range(rng.randint(0, 14)))
        out.append((a, b))
    return out


def main():
    chrf = CHRF()
    cases = [(h, r, chrf.sentence_score(h, [r]).score) for h, r in PAIRS + random_pairs(40)]
    out = Path(__file__).resolve().parents[1] / "fixtures" / "chrf" / "expected.json"
    out.write_text(json.dumps(cases, ensure_ascii=False, indent=1) + "\n")
    print(f"{len(cases)} pairs -> {out}")


if __name__ == "__main__":
    main()
