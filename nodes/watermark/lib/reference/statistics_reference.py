"""Reference tails for nodes/watermark/lib/statistics.test.ts (scipy 1.x).
Run: /usr/bin/python3 statistics_reference.py   (the suite never runs it)."""
from scipy import stats
for k, n in [(40, 48), (44, 48), (30, 48), (24, 48)]:
    print('binomial', k, n, repr(stats.binom.sf(k - 1, n, 0.5)))
for t, v in [(2.228, 10), (5.0, 63), (8.0, 63), (12.0, 63)]:
    print('student', t, v, repr(stats.t.sf(t, v)))
for z in [3.0, 6.0]:
    print('normal', z, repr(stats.norm.sf(z)))
