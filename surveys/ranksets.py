"""Simultaneous confidence sets for ranks (Mogstad, Romano, Shaikh & Wilhelm 2024).

Given the estimated means θ̂_1..θ̂_p of p targets with independent standard errors
se_1..se_p, the method builds simultaneous confidence intervals for all pairwise
differences θ_j − θ_k,

    θ̂_j − θ̂_k ± c · se_jk,   se_jk = √(se_j² + se_k²),

with one critical value c for all pairs: the `level` quantile of the max-t statistic
max_{j≠k} |Z_j − Z_k| / se_jk, Z_j ~ N(0, se_j²) independent (a parametric bootstrap
of the estimates, drawn from a seeded generator so the result is reproducible).
Target k is *significantly better* than j when the interval for θ_k − θ_j lies above 0.
The rank set of j (rank 1 = best) is then

    [1 + #{k significantly better than j},  p − #{k significantly worse than j}]

and all p rank sets hold together with probability ≥ `level` (asymptotically).
Reference: M. Mogstad, J. P. Romano, A. M. Shaikh, D. Wilhelm, "Inference for Ranks
with Applications to Mobility across Neighbourhoods and Academic Achievement across
Countries", Review of Economic Studies 91 (2024) 476–518, section 3 (the "two-sided"
simultaneous sets). Plain Python: NumPy is not a dependency of the site; the tests
check this module against a NumPy/SciPy computation.
"""

import math
import random

# The parametric bootstrap: draws and the seed (fixed: same data, same sets).
DRAWS = 5000
SEED = 20240101


def critical_value(ses, *, level, draws=DRAWS, seed=SEED):
    """The `level` quantile of max_{j<k} |Z_j − Z_k| / √(se_j² + se_k²), Z_j ~ N(0, se_j²).

    Fewer than two targets: there is no pair, 0.
    """
    p = len(ses)
    if p < 2:
        return 0.0
    pairs = [
        (j, k, 1.0 / math.sqrt(ses[j] ** 2 + ses[k] ** 2))
        for j in range(p)
        for k in range(j + 1, p)
    ]
    rng = random.Random(seed)
    gauss = rng.gauss
    maxima = []
    for _draw in range(draws):
        z = [gauss(0.0, se) for se in ses]
        maxima.append(max(abs(z[j] - z[k]) * inv for j, k, inv in pairs))
    maxima.sort()
    # The smallest value with at least `level` of the draws at or below it.
    index = min(draws - 1, max(0, math.ceil(level * draws) - 1))
    return maxima[index]


def better_than(means, ses, critical):
    """{(k, j)}: k significantly better (higher mean) than j at the simultaneous level."""
    found = set()
    for j in range(len(means)):
        for k in range(len(means)):
            if j != k:
                se = math.sqrt(ses[j] ** 2 + ses[k] ** 2)
                if means[k] - means[j] - critical * se > 0:
                    found.add((k, j))
    return found


def rank_sets(means, ses, critical):
    """[(lowest rank, highest rank)] per target, 1 = best, and the `better_than` pairs."""
    p = len(means)
    better = better_than(means, ses, critical)
    sets = []
    for j in range(p):
        above = sum(1 for k in range(p) if (k, j) in better)
        below = sum(1 for k in range(p) if (j, k) in better)
        sets.append((1 + above, p - below))
    return sets, better
