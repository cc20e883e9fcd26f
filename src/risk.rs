//! Curve figures (break-evens, max profit and loss, spec §11 "Curves and figures") and
//! distribution metrics (PoP, expected P/L, VaR/CVaR 95% under a Merton jump-diffusion,
//! spec §5) for any P/L function of the SPX level.

use crate::pricing::norm_cdf;
use crate::report::{CurveFigures, DistributionFigures};

/// |P/L| below this many dollars counts as zero.
pub const ZERO_PNL: f64 = 1e-6;
/// How much finer than the chart grid the break-even search grid is.
pub const FINE_FACTOR: usize = 10;

/// A root of `f` in [a, b] where f(a), f(b) have opposite signs (Illinois false position,
/// falling back to bisection), to ~1e-10 relative in x.
pub fn refine_root(
    f: &dyn Fn(f64) -> f64,
    mut a: f64,
    mut b: f64,
    mut fa: f64,
    mut fb: f64,
) -> f64 {
    let mut side = 0i8;
    for _ in 0..200 {
        if (b - a).abs() <= 1e-10 * a.abs().max(1.0) {
            break;
        }
        let mut c = (a * fb - b * fa) / (fb - fa);
        if !c.is_finite() || c <= a.min(b) || c >= a.max(b) {
            c = 0.5 * (a + b);
        }
        let fc = f(c);
        if fc.abs() < ZERO_PNL * 1e-3 {
            return c;
        }
        if (fc > 0.0) == (fb > 0.0) {
            b = c;
            fb = fc;
            if side == -1 {
                fa *= 0.5;
            }
            side = -1;
        } else {
            a = c;
            fa = fc;
            if side == 1 {
                fb *= 0.5;
            }
            side = 1;
        }
    }
    0.5 * (a + b)
}

/// Golden-section steps of `refine_extremum`: the bracket is two search-grid steps (under a
/// point of SPX on the default chart) and shrinks by 0.618 a step, so 30 steps leave it below
/// 1e-5 of a point.
pub const GOLDEN_STEPS: usize = 30;

/// Golden-section search for an extremum of `f` in [a, b]; `sign` +1 for a maximum, -1 for
/// a minimum. Returns (x, f(x)).
pub fn refine_extremum(f: &dyn Fn(f64) -> f64, mut a: f64, mut b: f64, sign: f64) -> (f64, f64) {
    let g = 0.5 * (5f64.sqrt() - 1.0);
    let mut c = b - g * (b - a);
    let mut d = a + g * (b - a);
    let (mut fc, mut fd) = (sign * f(c), sign * f(d));
    for _ in 0..GOLDEN_STEPS {
        if fc > fd {
            b = d;
            d = c;
            fd = fc;
            c = b - g * (b - a);
            fc = sign * f(c);
        } else {
            a = c;
            c = d;
            fc = fd;
            d = a + g * (b - a);
            fd = sign * f(d);
        }
    }
    if fc > fd {
        (c, sign * fc)
    } else {
        (d, sign * fd)
    }
}

/// Break-evens and extremes of `f` sampled at ascending `xs` (with values `ys`; the grid
/// should already include every strike). Roots are sign changes refined by `refine_root`;
/// a stretch of zeros reports its two ends; extremes are refined by golden section between
/// the neighbours of the best node (a kink at a node stays at the node).
pub fn curve_figures(f: &dyn Fn(f64) -> f64, xs: &[f64], ys: &[f64]) -> CurveFigures {
    let mut out = CurveFigures::default();
    if xs.is_empty() || xs.len() != ys.len() {
        return out;
    }
    let zero = |y: f64| y.abs() < ZERO_PNL;
    if ys.iter().all(|&y| zero(y)) {
        out.max_profit_at = xs[0];
        out.max_loss_at = xs[0];
        return out;
    }
    let mut roots = Vec::new();
    let mut i = 0;
    while i < xs.len() {
        if zero(ys[i]) {
            let start = i;
            while i + 1 < xs.len() && zero(ys[i + 1]) {
                i += 1;
            }
            roots.push(xs[start]);
            if i > start {
                roots.push(xs[i]);
            }
        } else if i + 1 < xs.len() && !zero(ys[i + 1]) && (ys[i] > 0.0) != (ys[i + 1] > 0.0) {
            roots.push(refine_root(f, xs[i], xs[i + 1], ys[i], ys[i + 1]));
        }
        i += 1;
    }
    roots.dedup_by(|a, b| (*a - *b).abs() < 1e-9 * b.abs().max(1.0));
    out.break_evens = roots;
    let (imax, imin) = ys.iter().enumerate().fold((0, 0), |(mx, mn), (i, &y)| {
        (
            if y > ys[mx] { i } else { mx },
            if y < ys[mn] { i } else { mn },
        )
    });
    let refine = |i: usize, sign: f64| -> (f64, f64) {
        let best = (xs[i], ys[i]);
        if i == 0 || i + 1 >= xs.len() {
            return best;
        }
        let (x, y) = refine_extremum(f, xs[i - 1], xs[i + 1], sign);
        if sign * y > sign * best.1 && y.is_finite() {
            (x, y)
        } else {
            best
        }
    };
    (out.max_profit_at, out.max_profit) = refine(imax, 1.0);
    (out.max_loss_at, out.max_loss) = refine(imin, -1.0);
    out
}

/// Merton jump-diffusion for ln S_h (spec §5): diffusion vol `vol`, `intensity` jumps per
/// year with log-jump mean `jump_mean` and vol `jump_vol`, drift compensated so that
/// E[S_h] = S0 exp((r - q) h).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Merton {
    pub s0: f64,
    pub drift: f64,
    pub vol: f64,
    pub intensity: f64,
    pub jump_mean: f64,
    pub jump_vol: f64,
}

/// One lognormal component: probability weight, mean and sd of ln S_h.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Component {
    pub weight: f64,
    pub mean: f64,
    pub sd: f64,
}

impl Merton {
    /// The Poisson mixture at `years`, truncated once the remaining weight is below 1e-14.
    pub fn components(&self, years: f64) -> Vec<Component> {
        let lh = self.intensity * years;
        let k = (self.jump_mean + 0.5 * self.jump_vol * self.jump_vol).exp() - 1.0;
        let base =
            self.s0.ln() + (self.drift - self.intensity * k - 0.5 * self.vol * self.vol) * years;
        let mut out = Vec::new();
        let mut p = (-lh).exp();
        let mut total = 0.0;
        for n in 0..200 {
            if n > 0 {
                p *= lh / n as f64;
            }
            let nf = n as f64;
            out.push(Component {
                weight: p,
                mean: base + nf * self.jump_mean,
                sd: (self.vol * self.vol * years + nf * self.jump_vol * self.jump_vol).sqrt(),
            });
            total += p;
            if lh == 0.0 || (1.0 - total < 1e-14 && nf > lh) {
                break;
            }
        }
        for c in out.iter_mut() {
            c.weight /= total;
        }
        out
    }
}

/// Nodes per component in the integration (standardized z from -Z_MAX to Z_MAX).
pub const NODES: usize = 1201;
pub const Z_MAX: f64 = 8.5;

/// Standardized integration nodes z_j, evenly spaced on [-Z_MAX, Z_MAX].
fn z_node(j: usize) -> f64 {
    -Z_MAX + 2.0 * Z_MAX / (NODES - 1) as f64 * j as f64
}

/// The SPX levels at which `distribution_figures` values the P/L for one component (so a
/// caller can value them all in one batch beforehand).
pub fn nodes(c: &Component) -> Vec<f64> {
    if c.sd <= 0.0 {
        return vec![c.mean.exp()];
    }
    (0..NODES)
        .map(|j| (c.mean + c.sd * z_node(j)).exp())
        .collect()
}

/// PoP, expected P/L, VaR and CVaR 95% of the P/L `f(S)` under the mixture `components`.
/// Expectation by the trapezoid rule in z; PoP exactly from the roots of `f` (the mass of
/// each interval where f > 0, by the normal CDF); VaR/CVaR from the discretized distribution
/// with the boundary node split, so point masses (flat P/L stretches) are handled exactly.
pub fn distribution_figures(
    f: &dyn Fn(f64) -> f64,
    components: &[Component],
) -> DistributionFigures {
    let mut samples: Vec<(f64, f64)> = Vec::new();
    let mut expected = 0.0;
    let mut pop = 0.0;
    for c in components {
        if c.sd <= 0.0 {
            let y = f(c.mean.exp());
            samples.push((y, c.weight));
            expected += c.weight * y;
            if y > 0.0 {
                pop += c.weight;
            }
            continue;
        }
        let dz = 2.0 * Z_MAX / (NODES - 1) as f64;
        let mut ys = Vec::with_capacity(NODES);
        let mut ws = Vec::with_capacity(NODES);
        for (j, s) in nodes(c).into_iter().enumerate() {
            let z = z_node(j);
            let w =
                if j == 0 || j == NODES - 1 { 0.5 } else { 1.0 } * dz * crate::pricing::norm_pdf(z);
            ys.push(f(s));
            ws.push(w);
        }
        let wsum: f64 = ws.iter().sum();
        for j in 0..NODES {
            let w = c.weight * ws[j] / wsum;
            samples.push((ys[j], w));
            expected += w * ys[j];
        }
        // PoP: intervals between roots in z, each interval's sign from its midpoint.
        let fz = |z: f64| f((c.mean + c.sd * z).exp());
        let mut cuts = vec![-f64::INFINITY];
        for j in 0..NODES - 1 {
            let (a, b) = (-Z_MAX + dz * j as f64, -Z_MAX + dz * (j + 1) as f64);
            if (ys[j] > 0.0) != (ys[j + 1] > 0.0) {
                cuts.push(refine_root(&fz, a, b, ys[j], ys[j + 1]));
            }
        }
        cuts.push(f64::INFINITY);
        for w in cuts.windows(2) {
            let mid = match (w[0].is_finite(), w[1].is_finite()) {
                (true, true) => 0.5 * (w[0] + w[1]),
                (false, true) => w[1] - 1e-3,
                (true, false) => w[0] + 1e-3,
                (false, false) => 0.0,
            };
            let positive = if mid.abs() <= Z_MAX {
                fz(mid) > 0.0
            } else {
                fz(mid.clamp(-Z_MAX, Z_MAX)) > 0.0
            };
            if positive {
                pop += c.weight * (norm_cdf(w[1]) - norm_cdf(w[0]));
            }
        }
    }
    samples.sort_by(|a, b| a.0.total_cmp(&b.0));
    let tail = 0.05;
    let (mut acc, mut loss_sum, mut var) = (0.0, 0.0, samples.first().map(|s| s.0).unwrap_or(0.0));
    for &(y, w) in &samples {
        let take = w.min(tail - acc);
        if take <= 0.0 {
            break;
        }
        loss_sum += take * y;
        acc += take;
        var = y;
    }
    DistributionFigures {
        pop: pop.clamp(0.0, 1.0),
        expected_pnl: expected,
        var95: -var,
        cvar95: if acc > 0.0 { -loss_sum / acc } else { 0.0 },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_of_a_piecewise_linear_curve() {
        let f = |x: f64| 10.0 - (x - 100.0).abs();
        let xs: Vec<f64> = (0..=200).map(|i| i as f64).collect();
        let ys: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
        let fig = curve_figures(&f, &xs, &ys);
        assert_eq!(fig.break_evens.len(), 2);
        assert!((fig.break_evens[0] - 90.0).abs() < 1e-8);
        assert!((fig.break_evens[1] - 110.0).abs() < 1e-8);
        assert!((fig.max_profit - 10.0).abs() < 1e-9);
        assert!((fig.max_loss + 90.0).abs() < 1e-9);
    }

    #[test]
    fn zero_stretch_reports_its_ends() {
        let f = |x: f64| {
            if x < 10.0 {
                x - 10.0
            } else if x > 20.0 {
                x - 20.0
            } else {
                0.0
            }
        };
        let xs: Vec<f64> = (0..=300).map(|i| i as f64 * 0.1).collect();
        let ys: Vec<f64> = xs.iter().map(|&x| f(x)).collect();
        let fig = curve_figures(&f, &xs, &ys);
        assert_eq!(fig.break_evens.len(), 2, "{:?}", fig.break_evens);
        assert!((fig.break_evens[0] - 10.0).abs() < 1e-9);
        assert!((fig.break_evens[1] - 20.0).abs() < 1e-9);
    }

    #[test]
    fn pop_of_a_long_call_is_n_d2() {
        // Long call at expiry, lognormal: P(S_T > K + premium) = N(d2') with the break-even.
        let (s0, r, q, vol, t, k, prem) = (100.0, 0.03, 0.01, 0.25, 0.5, 105.0, 4.0);
        let m = Merton {
            s0,
            drift: r - q,
            vol,
            intensity: 0.0,
            jump_mean: 0.0,
            jump_vol: 0.0,
        };
        let comps = m.components(t);
        let f = |s: f64| (s - k).max(0.0) - prem;
        let fig = distribution_figures(&f, &comps);
        let be: f64 = k + prem;
        let d2 = ((s0 / be).ln() + (r - q - 0.5 * vol * vol) * t) / (vol * t.sqrt());
        assert!(
            (fig.pop - norm_cdf(d2)).abs() < 1e-6,
            "{} vs {}",
            fig.pop,
            norm_cdf(d2)
        );
    }

    #[test]
    fn expectation_matches_forward_and_cvar_of_a_plateau() {
        let m = Merton {
            s0: 100.0,
            drift: 0.02,
            vol: 0.2,
            intensity: 0.5,
            jump_mean: -0.08,
            jump_vol: 0.06,
        };
        let comps = m.components(1.0);
        let fig = distribution_figures(&|s: f64| s, &comps);
        assert!(
            (fig.expected_pnl - 100.0 * 0.02f64.exp()).abs() < 1e-6,
            "{}",
            fig.expected_pnl
        );
        // A flat loss of 50 on 20% of the mass: CVaR95 = 50 exactly.
        let lognormal = Merton {
            intensity: 0.0,
            ..m
        }
        .components(1.0);
        let cut = (lognormal[0].mean + lognormal[0].sd * -0.841_621_233_572_914_4).exp();
        let plateau = |s: f64| if s < cut { -50.0 } else { 10.0 };
        let fig = distribution_figures(&plateau, &lognormal);
        assert!((fig.cvar95 - 50.0).abs() < 1e-9, "{}", fig.cvar95);
        assert!((fig.pop - 0.8).abs() < 1e-6, "{}", fig.pop);
    }
}
