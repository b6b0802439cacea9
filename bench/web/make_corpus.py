#!/usr/bin/env python3
"""Writes a synthetic knowledge base of N items as JSON lines (the `gezondin items import`
format), deterministic for a seed. Text is made from a Dutch word list of the field, with
realistic lengths: a title of 5-10 words, a summary of ~40 words and a body of ~300 words.
Usage: make_corpus.py N OUT.jsonl [seed]"""
import json
import random
import sys

WORDS = """gemeente gemeenten wijk wijken buurt buurten inwoner inwoners gezondheid gezondheidsverschil
gezondheidsverschillen armoede schulden bestaanszekerheid wonen woning woningen eenzaamheid ouderen jongeren
jeugd kinderen ouders school scholen sport bewegen voeding overgewicht roken alcohol stress geldzorgen
wijkteam wijkteams sleutelpersoon sleutelpersonen ervaringsdeskundige ervaringsdeskundigen huisarts huisartsen
welzijn zorg preventie aanpak plan plannen beleid samenwerking partners netwerk regio regionale landelijke
lokale integrale domeinen monitor monitoring evaluatie resultaten cijfers data indicatoren doelgroep bereik
laaggeletterdheid gezondheidsvaardigheden taal toegankelijk informatie groen speelplek schoolplein openbare
ruimte fietsen wandelen ontmoeten buurthuis buurtkamer vrijwilligers subsidie budget geld investeren
ongelijk kansen gelijke verschil verschillen leefstijl mentale weerbaarheid vitaal ouder worden energiearmoede
isolatie huur betalen werk participatie inkomen minima regeling toeslagen schuldhulp vroegsignalering""".split()
SMALL = "de het een en van in op met voor door naar over bij als dat die is zijn wordt worden".split()
TYPES = ["praktijkvoorbeeld", "instrument", "publicatie", "nieuws", "webinar", "interview", "verslag"]
THEMES = ["armoede-en-schulden", "bestaanszekerheid", "wonen", "energiearmoede", "eenzaamheid", "mentale-gezondheid",
          "gezondheidsvaardigheden", "bewegen-en-sport", "gezonde-voeding", "overgewicht", "roken-en-alcohol",
          "groen-en-openbare-ruimte", "kansrijke-start", "jeugd", "ouderen", "werk-en-participatie",
          "inwonersparticipatie", "toegankelijke-zorg", "monitoring-en-evaluatie", "integraal-werken"]
TRACKS = ["fysieke-omgeving", "gedrag-en-vaardigheden", "participatie", "preventie-en-zorg", "sociale-omgeving"]
LEVELS = ["lokaal", "regionaal", "landelijk"]
ABBREVIATIONS = ["GALA", "IZA", "SPUK", "GGD", "SES", "GIDS", "G40", "GLI", "Wmo"]


def sentence(rng, n):
    words = [rng.choice(WORDS) if rng.random() < 0.6 else rng.choice(SMALL) for _ in range(n)]
    if rng.random() < 0.15:
        words[rng.randrange(n)] = rng.choice(ABBREVIATIONS)
    return " ".join(words).capitalize() + "."


def paragraph(rng, words):
    out, count = [], 0
    while count < words:
        n = rng.randint(8, 16)
        out.append(sentence(rng, n))
        count += n
    return " ".join(out)


def item(rng, i, municipalities):
    level = rng.choice(LEVELS)
    return {
        "external_id": f"bench-{i:06d}",
        "type": rng.choice(TYPES),
        "title": sentence(rng, rng.randint(5, 10)).rstrip("."),
        "summary": paragraph(rng, 40),
        "body": "## Aanpak\n\n" + paragraph(rng, 150) + "\n\n## Resultaat\n\n" + paragraph(rng, 150),
        "date": f"{rng.randint(2015, 2026)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "themes": rng.sample(THEMES, rng.randint(1, 3)),
        "gala_goals": sorted(rng.sample(range(1, 8), rng.randint(1, 3))),
        "tracks": rng.sample(TRACKS, rng.randint(1, 2)),
        "level": level,
        "municipality": rng.choice(municipalities) if level != "landelijk" else "",
        "links": [],
    }


def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    municipalities = [f"GM99{i:02d}" for i in range(1, 7)]
    with open(out, "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(item(rng, i, municipalities), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
