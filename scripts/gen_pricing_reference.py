#!/usr/bin/env python3
"""Generate tests/data/pricing_reference.csv: reference prices and Greeks for src/pricing.

Reference ("truth"): the closed-form Black-Scholes-Merton and Black-76 prices evaluated in
100-digit arithmetic with mpmath (mp.ncdf is exact to working precision), and every Greek
obtained by *numerically differentiating that price* in the same precision (central first
and second differences with relative step 1e-30 on the out-of-the-money member of the
call/put pair: truncation error ~(elasticity x 1e-30)^2, rounding ~1e-100 / (elasticity x
1e-30)^2, both far below 1e-30 on this grid). The Greeks are therefore independent of the analytic
Greek formulas under test; the script also asserts they match the analytic forms to 1e-25.

Cross-check: QuantLib's BlackCalculator (QuantLib-Python) is evaluated on every row and its
deviation from the mpmath reference is summarised in tests/data/pricing_quantlib_check.txt.
QuantLib's double-precision normal CDF is only accurate to ~1e-8 relative near x = -6 (an
asymptotic series with too few terms), so QuantLib cannot itself be the 1e-10 reference in
the wings; see docs/numerics.md.

Conventions (match src/pricing): vega per 1.00 vol, theta = dV/dt per year of calendar time
passing (= -dV/dT), rho per 1.00 rate (Black-76: the forward held fixed).

Usage: python3 -m venv venv && venv/bin/pip install -r scripts/requirements-reference.txt
       venv/bin/python scripts/gen_pricing_reference.py
"""

import csv
import math
import os
import random
import sys

import mpmath as mp

mp.mp.dps = 100

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "data", "pricing_reference.csv")
QL_OUT = os.path.join(HERE, "..", "tests", "data", "pricing_quantlib_check.txt")

HOUR = 1.0 / 8760.0
TIMES = [HOUR, 1.0 / 365.0, 30.0 / 365.0, 0.5, 2.0]
BSM_SPOTS = [100.0, 6000.0]
BSM_MONEYNESS = [0.5, 0.8, 0.97, 1.0, 1.03, 1.2, 1.5]  # K / S
BSM_VOLS = [0.01, 0.15, 0.8, 3.0]
BSM_RATES = [(0.0, 0.0), (0.045, 0.013), (0.08, 0.03)]  # (r, q), rotated over the rows
B76_FORWARDS = [18.0, 100.0]
B76_MONEYNESS = [0.5, 0.8, 1.0, 1.25, 1.6, 2.0, 2.5]  # K / F
B76_VOLS = [0.01, 0.3, 1.2, 3.0]
B76_RATES = [0.0, 0.045, 0.08]
RANDOM_ROWS = 120  # per model, off the grid


def bsm_price(w, s, k, t, v, r, q):
    s, k, t, v, r, q = map(mp.mpf, (s, k, t, v, r, q))
    sd = v * mp.sqrt(t)
    d1 = (mp.log(s / k) + (r - q) * t) / sd + sd / 2
    d2 = d1 - sd
    return w * (s * mp.exp(-q * t) * mp.ncdf(w * d1) - k * mp.exp(-r * t) * mp.ncdf(w * d2))


def b76_price(w, f, k, t, v, r):
    f, k, t, v, r = map(mp.mpf, (f, k, t, v, r))
    sd = v * mp.sqrt(t)
    d1 = mp.log(f / k) / sd + sd / 2
    d2 = d1 - sd
    return mp.exp(-r * t) * w * (f * mp.ncdf(w * d1) - k * mp.ncdf(w * d2))


def d1(x, k, t, v, carry):
    sd = v * mp.sqrt(t)
    return (mp.log(x / k) + carry * t) / sd + sd / 2


def central(fn, x, rel=mp.mpf("1e-30")):
    """First derivative of fn at x by a central difference of relative step `rel`."""
    x = mp.mpf(x)
    h = rel * (abs(x) if x != 0 else 1)
    return (fn(x + h) - fn(x - h)) / (2 * h)


def second(fn, x, rel=mp.mpf("1e-30")):
    x = mp.mpf(x)
    h = rel * abs(x)
    return (fn(x + h) - 2 * fn(x) + fn(x - h)) / (h * h)


def bsm_row(w, s, k, t, v, r, q):
    # Differentiate the out-of-the-money option of the pair (small price, so the differences
    # keep their relative precision even when the ITM option's gamma is ~1e-100 of its price)
    # and move to the requested kind with the exact derivatives of put-call parity
    # C - P = S e^{-qT} - K e^{-rT}.
    ms, mk, mt, mr, mq = map(mp.mpf, (s, k, t, r, q))
    otm = 1 if ms * mp.exp((mr - mq) * mt) < mk else -1
    p = lambda s_=s, t_=t, v_=v, r_=r: bsm_price(otm, s_, k, t_, v_, r_, q)
    dq, dr = mp.exp(-mq * mt), mp.exp(-mr * mt)
    parity = {"delta": dq, "gamma": 0, "vega": 0, "theta": mq * ms * dq - mr * mk * dr,
              "rho": mt * mk * dr}
    shift = (w - otm) // 2  # +1: call from put, -1: put from call, 0: same kind
    g = {
        "price": bsm_price(w, s, k, t, v, r, q),
        "delta": central(lambda x: p(s_=x), s),
        "gamma": second(lambda x: p(s_=x), s),
        "vega": central(lambda x: p(v_=x), v),
        "theta": -central(lambda x: p(t_=x), t),
        "rho": central(lambda x: p(r_=x), r),
    }
    for name, d in parity.items():
        g[name] += shift * d
    # Analytic forms in the same precision, as a check on the differentiation itself.
    ms, mk, mt, mv, mr, mq = map(mp.mpf, (s, k, t, v, r, q))
    a1 = d1(ms, mk, mt, mv, mr - mq)
    a2 = a1 - mv * mp.sqrt(mt)
    dq, dr = mp.exp(-mq * mt), mp.exp(-mr * mt)
    analytic = {
        "delta": w * dq * mp.ncdf(w * a1),
        "gamma": dq * mp.npdf(a1) / (ms * mv * mp.sqrt(mt)),
        "vega": ms * dq * mp.npdf(a1) * mp.sqrt(mt),
        "theta": -ms * dq * mp.npdf(a1) * mv / (2 * mp.sqrt(mt))
        - w * mr * mk * dr * mp.ncdf(w * a2)
        + w * mq * ms * dq * mp.ncdf(w * a1),
        "rho": w * mk * mt * dr * mp.ncdf(w * a2),
    }
    check(g, analytic, (w, s, k, t, v, r, q))
    return g


def b76_row(w, f, k, t, v, r):
    # As bsm_row, with parity C - P = e^{-rT} (F - K) (forward held fixed).
    mf, mk, mt, mr = map(mp.mpf, (f, k, t, r))
    otm = 1 if mf < mk else -1
    p = lambda f_=f, t_=t, v_=v, r_=r: b76_price(otm, f_, k, t_, v_, r_)
    dr = mp.exp(-mr * mt)
    parity = {"delta": dr, "gamma": 0, "vega": 0, "theta": mr * dr * (mf - mk),
              "rho": -mt * dr * (mf - mk)}
    shift = (w - otm) // 2
    g = {
        "price": b76_price(w, f, k, t, v, r),
        "delta": central(lambda x: p(f_=x), f),
        "gamma": second(lambda x: p(f_=x), f),
        "vega": central(lambda x: p(v_=x), v),
        "theta": -central(lambda x: p(t_=x), t),
        "rho": central(lambda x: p(r_=x), r),
    }
    for name, d in parity.items():
        g[name] += shift * d
    mf, mk, mt, mv, mr = map(mp.mpf, (f, k, t, v, r))
    a1 = d1(mf, mk, mt, mv, 0)
    dr = mp.exp(-mr * mt)
    analytic = {
        "delta": w * dr * mp.ncdf(w * a1),
        "gamma": dr * mp.npdf(a1) / (mf * mv * mp.sqrt(mt)),
        "vega": dr * mf * mp.npdf(a1) * mp.sqrt(mt),
        "theta": -dr * mf * mp.npdf(a1) * mv / (2 * mp.sqrt(mt)) + mr * g["price"],
        "rho": -mt * g["price"],
    }
    check(g, analytic, (w, f, k, t, v, r))
    return g


def check(numeric, analytic, where):
    for name, a in analytic.items():
        n = numeric[name]
        scale = max(abs(a), mp.mpf("1e-300"))
        if abs(n - a) > mp.mpf("1e-25") * scale:
            sys.exit(f"numerical {name} disagrees with analytic at {where}: {n} vs {a}")


def quantlib_row(ql, model, w, x, k, t, v, r, q):
    """QuantLib BlackCalculator values in the same conventions, or None if unavailable."""
    kind = ql.Option.Call if w > 0 else ql.Option.Put
    payoff = ql.PlainVanillaPayoff(kind, k)
    disc = mp.exp(-mp.mpf(r) * t)
    if model == "bsm":
        fwd = float(mp.mpf(x) * mp.exp((mp.mpf(r) - q) * t))
    else:
        fwd = x
    calc = ql.BlackCalculator(payoff, fwd, v * t**0.5, float(disc))
    if model == "bsm":
        return {
            "price": calc.value(),
            "delta": calc.delta(x),
            "gamma": calc.gamma(x),
            "vega": calc.vega(t),
            "theta": calc.theta(x, t),
            "rho": calc.rho(t),
        }
    return {
        "price": calc.value(),
        "delta": calc.deltaForward(),
        "gamma": calc.gammaForward(),
        "vega": calc.vega(t),
        "theta": calc.theta(x, t),
        # Forward held fixed: shift r and q together.
        "rho": calc.rho(t) + calc.dividendRho(t),
    }


GREEKS = ["price", "delta", "gamma", "vega", "theta", "rho"]


def main():
    try:
        import QuantLib as ql
    except ImportError:
        ql = None
        print("QuantLib not installed: writing the mpmath reference only", file=sys.stderr)

    rows = []
    i = 0
    for w in (1, -1):
        for s in BSM_SPOTS:
            for m in BSM_MONEYNESS:
                for t in TIMES:
                    for v in BSM_VOLS:
                        r, q = BSM_RATES[i % len(BSM_RATES)]
                        i += 1
                        rows.append(("bsm", w, s, s * m, t, v, r, q))
    for w in (1, -1):
        for f in B76_FORWARDS:
            for m in B76_MONEYNESS:
                for t in TIMES:
                    for v in B76_VOLS:
                        r = B76_RATES[i % len(B76_RATES)]
                        i += 1
                        rows.append(("black76", w, f, f * m, t, v, r, 0.0))

    # Off-grid points: seeded uniform / log-uniform draws over the same box.
    rng = random.Random(20261124)
    loguni = lambda lo, hi: math.exp(rng.uniform(math.log(lo), math.log(hi)))
    for j in range(RANDOM_ROWS):
        w = 1 if j % 2 == 0 else -1
        s = rng.choice(BSM_SPOTS) * rng.uniform(0.9, 1.1)
        rows.append(("bsm", w, s, s * rng.uniform(0.5, 1.5), loguni(HOUR, 2.0),
                     loguni(0.01, 3.0), rng.uniform(0.0, 0.08), rng.uniform(0.0, 0.03)))
    for j in range(RANDOM_ROWS):
        w = 1 if j % 2 == 0 else -1
        f = rng.choice(B76_FORWARDS) * rng.uniform(0.9, 1.1)
        rows.append(("black76", w, f, f * rng.uniform(0.5, 2.5), loguni(HOUR, 2.0),
                     loguni(0.01, 3.0), rng.uniform(0.0, 0.08), 0.0))

    worst = {}  # (model, greek, region) -> (rel dev, row)
    with open(OUT, "w", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["model", "kind", "underlying", "strike", "years", "vol", "rate",
                      "div_yield"] + GREEKS)
        for model, w, x, k, t, v, r, q in rows:
            ref = bsm_row(w, x, k, t, v, r, q) if model == "bsm" else b76_row(w, x, k, t, v, r)
            out.writerow([model, "call" if w > 0 else "put", repr(x), repr(k), repr(t), repr(v),
                          repr(r), repr(q)] + [repr(float(ref[g])) for g in GREEKS])
            if ql is not None:
                got = quantlib_row(ql, model, w, x, k, t, v, r, q)
                sd = v * t**0.5
                dd = abs(float(d1(mp.mpf(x), mp.mpf(k), mp.mpf(t), mp.mpf(v),
                                  (mp.mpf(r) - q) if model == "bsm" else 0)))
                region = "|d1|<=5" if dd <= 5 and dd - sd <= 5 else "|d1|>5"
                for g in GREEKS:
                    ref_g = float(ref[g])
                    if abs(ref_g) < 1e-300 or abs(float(ref["price"])) < 1e-12 * x:
                        continue
                    dev = abs(got[g] - ref_g) / abs(ref_g)
                    key = (model, g, region)
                    if dev > worst.get(key, (-1.0, None))[0]:
                        worst[key] = (dev, (w, x, k, t, v, r, q))
    print(f"wrote {len(rows)} rows to {os.path.relpath(OUT)}")
    if ql is not None:
        with open(QL_OUT, "w") as fh:
            fh.write(f"QuantLib {ql.__version__} BlackCalculator vs the mpmath reference in "
                     "pricing_reference.csv\n")
            fh.write("max relative deviation per quantity, rows with price >= 1e-12 x underlying;"
                     " worst row = (w, underlying, strike, years, vol, rate, div_yield)\n")
            for key in sorted(worst):
                dev, row = worst[key]
                fh.write(f"{key[0]:8} {key[1]:6} {key[2]:8} {dev:9.2e}  {row}\n")
        print(open(QL_OUT).read())


if __name__ == "__main__":
    main()
