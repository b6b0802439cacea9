#!/usr/bin/env python3
"""Widens the national KWB 2024 StatLine export (18,310 areas, 8 number columns) to 60 indicator
columns, as bench/importers does: the extra columns are derived from the real ones (integers for
even k, one decimal with a comma for odd k). Writes the file given as the second argument; the
result is derived from CBS data and must stay outside the repository.
Usage: widen_kwb2024.py SOURCE.csv OUT.csv"""
import sys

INDICATORS, REAL, TEXT_COLUMNS = 60, 8, 5


def split(line):
    fields, cur, quoted, i = [], [], False, 0
    while i < len(line):
        c = line[i]
        if quoted:
            if c == '"' and i + 1 < len(line) and line[i + 1] == '"':
                cur.append('"'); i += 1
            elif c == '"':
                quoted = False
            else:
                cur.append(c)
        elif c == '"':
            quoted = True
        elif c == ';':
            fields.append(''.join(cur)); cur = []
        else:
            cur.append(c)
        i += 1
    fields.append(''.join(cur))
    return fields


def derived(real, k):
    if real in ('', '.'):
        return real
    v = float(real.replace(',', '.')) * (1.0 + k / 10.0)
    return '%.0f' % v if k % 2 == 0 else ('%.1f' % (v / 7.0)).replace('.', ',')


def main(source, out_path):
    with open(source, encoding='utf-8-sig', newline='') as src, open(out_path, 'w', encoding='utf-8', newline='') as out:
        for n, line in enumerate(src):
            fields = split(line.rstrip('\r\n'))
            cells = ['"%s"' % f for f in fields]
            for k in range(REAL, INDICATORS):
                base = fields[TEXT_COLUMNS + k % REAL]
                cells.append('"Extra/Kenmerk %d (aantal)"' % k if n == 0 else derived(base, k))
            out.write(';'.join(cells) + '\r\n')


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])
