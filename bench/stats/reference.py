#!/usr/bin/python3
"""NumPy/pandas reference for the stats engine benchmark.

Usage: build/bench/stats/stats_bench --export=DIR && /usr/bin/python3 reference.py DIR

Reads the inputs the C++ bench wrote (buurten with population and 10 synthetic indicators;
decile rows per gemeente), recomputes the need index (population-unweighted z-scores,
oriented, weighted arithmetic mean), the allocation (universal share 0.4, proportionality 1,
need = min-max of the score, largest-remainder cents) and the SII point values (population
weighted least squares on cumulative-midpoint ranks), compares them with the C++ outputs
and prints the speed ratio. Exit code 1 when the numbers differ.
"""
import sys
import time

import numpy as np
import pandas as pd

BUDGET_CENTS = 100_000_000_00
UNIVERSAL = 0.4


def need_index(inputs):
    cols = [c for c in inputs.columns if c.startswith("ind")]
    weights = np.array([float(c.rsplit("_w", 1)[1]) for c in cols])
    x = inputs[cols].to_numpy()
    z = (x - x.mean(axis=0)) / x.std(axis=0)
    better = np.array(["_better_" in c for c in cols])
    z[:, better] *= -1
    score = z @ weights / weights.sum()
    rank = pd.Series(score).rank(ascending=False, method="min").astype(int).to_numpy()
    decile = (rank - 1) * 10 // len(rank) + 1
    return score, rank, decile


def allocate(population, score):
    need = (score - score.min()) / (score.max() - score.min())
    people = np.where(population > 0, population, 0.0)
    budget = BUDGET_CENTS / 100
    weight = people * need
    euros = UNIVERSAL * budget * people / people.sum() + (1 - UNIVERSAL) * budget * weight / weight.sum()
    exact = euros * 100
    cents = np.floor(exact).astype(np.int64)
    left = BUDGET_CENTS - cents.sum()
    order = np.argsort(-(exact - cents), kind="stable")
    eligible = order[euros[order] > 0]
    cents[eligible[:left]] += 1
    return cents


def sii_points(rows):
    out = []
    for gemeente, g in rows.groupby("gemeente", sort=False):
        g = g.sort_values("quantile")
        w = g["population"].to_numpy()
        y = g["value"].to_numpy()
        rank = (np.cumsum(w) - w / 2) / w.sum()
        xm = np.average(rank, weights=w)
        ym = np.average(y, weights=w)
        b = np.sum(w * (rank - xm) * (y - ym)) / np.sum(w * (rank - xm) ** 2)
        a = ym - b * xm
        out.append((gemeente, b, (a + b) / a, a))
    return pd.DataFrame(out, columns=["gemeente", "sii", "rii", "intercept"])


def timed(f, runs=11):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = f()
        times.append((time.perf_counter() - start) * 1000)
    return result, sorted(times)[len(times) // 2]


def main(folder):
    inputs = pd.read_csv(f"{folder}/buurt_inputs.csv")
    expected = pd.read_csv(f"{folder}/buurt_outputs.csv")
    sii_in = pd.read_csv(f"{folder}/sii_inputs.csv")
    sii_expected = pd.read_csv(f"{folder}/sii_outputs.csv")
    cpp = pd.read_csv(f"{folder}/cpp_timings.csv").set_index("task")["ms"]

    def need_and_allocation():
        score, rank, decile = need_index(inputs)
        return score, rank, decile, allocate(inputs["population"].to_numpy(), score)

    (score, rank, decile, cents), need_ms = timed(need_and_allocation)
    sii, sii_ms = timed(lambda: sii_points(sii_in))

    checks = {
        "score max abs diff": np.abs(score - expected["score"]).max(),
        "rank mismatches": int((rank != expected["rank"]).sum()),
        "decile mismatches": int((decile != expected["decile"]).sum()),
        "cents max abs diff": int(np.abs(cents - expected["cents"]).max()),
        "cents total python": int(cents.sum()),
        "sii max abs diff": np.abs(sii["sii"] - sii_expected["sii"]).max(),
        "rii max abs diff": np.abs(sii["rii"] - sii_expected["rii"]).max(),
        "intercept max abs diff": np.abs(sii["intercept"] - sii_expected["intercept"]).max(),
    }
    for name, value in checks.items():
        print(f"{name:28s} {value}")
    print(f"{'task':30s} {'C++ ms':>10s} {'NumPy ms':>10s} {'ratio':>8s}")
    for task, py_ms in [("need_index_and_allocation", need_ms), ("sii_points_342", sii_ms)]:
        print(f"{task:30s} {cpp[task]:10.2f} {py_ms:10.2f} {py_ms / cpp[task]:8.1f}x")
    ok = (checks["score max abs diff"] < 1e-9 and checks["rank mismatches"] == 0 and checks["decile mismatches"] == 0
          and checks["cents max abs diff"] <= 1 and checks["cents total python"] == BUDGET_CENTS
          and checks["sii max abs diff"] < 1e-9 and checks["rii max abs diff"] < 1e-9
          and checks["intercept max abs diff"] < 1e-9)
    print("GELIJK" if ok else "VERSCHIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "/tmp/gezondin-stats-bench"))
