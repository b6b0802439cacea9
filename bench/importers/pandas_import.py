#!/usr/bin/env python3
"""The pandas side of bench/importers: the same import as importers_bench, timed.

Reads the widened StatLine export (';', decimal commas, '.' for secret values), normalises the
region codes (strip padding, NL00 -> NL01), derives level and parent code, checks that codes
are unique and that every indicator column is numeric. Prints the median wall time in seconds
of REPEATS runs as the last line: "pandas_seconds <median>".

    python3 pandas_import.py FILE [REPEATS]
"""
import statistics
import sys
import time

import pandas as pd

CODE = "Regioaanduiding/Codering (code)"
TEXT = ["Wijken en buurten", "Regioaanduiding/Gemeentenaam (naam)", "Regioaanduiding/Soort regio (omschrijving)",
        CODE, "Regioaanduiding/Indelingswijziging gemeente, wijk, buurt (code)"]


def import_once(path):
    df = pd.read_csv(path, sep=";", decimal=",", na_values=["."], keep_default_na=False,
                     encoding="utf-8-sig", dtype={c: str for c in TEXT})
    codes = df[CODE].str.strip().str.upper().replace({"NL00": "NL01"})
    if codes.duplicated().any():
        raise ValueError("duplicate region codes")
    prefix = codes.str[:2]
    level = prefix.map({"NL": 0, "GM": 1, "WK": 2, "BU": 3})
    if level.isna().any():
        raise ValueError("unknown region codes")
    parent = pd.Series("", index=codes.index)
    parent[prefix == "GM"] = "NL01"
    parent[prefix == "WK"] = "GM" + codes.str[2:6]
    parent[prefix == "BU"] = "WK" + codes.str[2:8]
    values = df.drop(columns=TEXT)
    for column in values.columns:
        if not pd.api.types.is_numeric_dtype(values[column]):
            raise ValueError(f"text in number column {column}")
    values.index = codes
    return len(values), values.shape[1], level, parent


def main():
    path = sys.argv[1]
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        rows, columns, _, _ = import_once(path)
        times.append(time.perf_counter() - start)
    print(f"rows {rows} indicators {columns} pandas {pd.__version__}")
    print(f"pandas_seconds {statistics.median(times):.6f}")


if __name__ == "__main__":
    main()
