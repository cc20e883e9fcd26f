//! Curve figures (break-evens, max profit and loss, spec §11 "Curves and figures") and
//! distribution metrics (PoP, expected P/L, VaR/CVaR 95% under a Merton jump-diffusion,
//! spec §5) for any P/L function of the SPX level.

use crate::engine::report::{CurveFigures, DistributionFigures};
use crate::pricing::norm_cdf;

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

/// Relative x tolerance of `refine_extremum` (plus [`EXTREMUM_ABS_TOL`]): about 1e-6 of a
/// point of SPX.
pub const EXTREMUM_REL_TOL: f64 = 1e-10;
/// Absolute x tolerance of `refine_extremum`.
pub const EXTREMUM_ABS_TOL: f64 = 1e-9;
/// Most evaluations `refine_extremum` makes (golden section alone needs about 40 to shrink a
/// one-point bracket to the tolerance; smooth extremes take about 10).
pub const EXTREMUM_MAX_STEPS: usize = 100;

/// An extremum of `f` in [a, b] by Brent's method (R. P. Brent, "Algorithms for Minimization
/// without Derivatives", 1973, ch. 5: parabolic interpolation through the three best
/// points, falling back to golden-section steps when the parabola is not trusted, so a kink
/// converges like golden section and a smooth extremum superlinearly); `sign` +1 for a
/// maximum, -1 for a minimum. Returns (x, f(x)) for the best point evaluated.
pub fn refine_extremum(f: &dyn Fn(f64) -> f64, mut a: f64, mut b: f64, sign: f64) -> (f64, f64) {
    // Minimise g = -sign f.
    let g = |x: f64| -sign * f(x);
    let golden = 0.5 * (3.0 - 5f64.sqrt());
    let mut x = a + golden * (b - a);
    let (mut w, mut v) = (x, x);
    let mut fx = g(x);
    let (mut fw, mut fv) = (fx, fx);
    let (mut d, mut e): (f64, f64) = (0.0, 0.0);
    for _ in 1..EXTREMUM_MAX_STEPS {
        let m = 0.5 * (a + b);
        let tol = EXTREMUM_REL_TOL * x.abs() + EXTREMUM_ABS_TOL;
        let t2 = 2.0 * tol;
        if (x - m).abs() <= t2 - 0.5 * (b - a) {
            break;
        }
        let mut parabolic = false;
        if e.abs() > tol {
            // Parabola through (v, fv), (w, fw), (x, fx): step p / q from x.
            let r = (x - w) * (fx - fv);
            let mut q = (x - v) * (fx - fw);
            let mut p = (x - v) * q - (x - w) * r;
            q = 2.0 * (q - r);
            if q > 0.0 {
                p = -p;
            } else {
                q = -q;
            }
            let e_prev = e;
            e = d;
            // Accept a step inside the bracket and shorter than half the step before last.
            if p.abs() < (0.5 * q * e_prev).abs() && p > q * (a - x) && p < q * (b - x) {
                d = p / q;
                let u = x + d;
                if u - a < t2 || b - u < t2 {
                    d = if x < m { tol } else { -tol };
                }
                parabolic = true;
            }
        }
        if !parabolic {
            e = if x < m { b - x } else { a - x };
            d = golden * e;
        }
        let u = if d.abs() >= tol {
            x + d
        } else if d > 0.0 {
            x + tol
        } else {
            x - tol
        };
        let fu = g(u);
        if fu <= fx {
            if u < x {
                b = x;
            } else {
                a = x;
            }
            (v, fv) = (w, fw);
            (w, fw) = (x, fx);
            (x, fx) = (u, fu);
        } else {
            if u < x {
                a = u;
            } else {
                b = u;
            }
            if fu <= fw || w == x {
                (v, fv) = (w, fw);
                (w, fw) = (u, fu);
            } else if fu <= fv || v == x || v == w {
                (v, fv) = (u, fu);
            }
        }
    }
    (x, -sign * fx)
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

/// Spacing of the integration nodes in standardized z where they are dense (|z| <= about
/// 4): 17/1200, about 0.0142. It sets the resolution of VaR and CVaR.
pub const DZ: f64 = 17.0 / 1200.0;
/// Half-width of the integration in steps of [`DZ`]: 459 dz, about 6.5 sd. The normal mass
/// beyond it is 8e-11, so the expected P/L, PoP and CVaR move by about 1e-10 of the largest
/// |P/L| out there against integrating to +/-8.5 (3e-6 $ on the default position; VaR does
/// not move), which cost 30% more valuations for nothing visible.
const HALF_STEPS: i32 = 459;
/// Nodes are [`DZ`] apart up to |z| = 283 dz (about 4.01 sd, inside which lies all but 6e-5
/// of the mass and every 95% VaR boundary) and [`TAIL_STRIDE`] dz apart beyond it.
const DENSE_STEPS: i32 = 283;
/// Spacing of the tail nodes in steps of [`DZ`]. Four times coarser tails (with the
/// interpolating weights of [`ZGrid::from_steps`]) move no figure of the default or stress
/// position by more than $0.80 against the uniform grid (test
/// `thinned_tails_match_a_fine_uniform_grid`, docs/numerics.md) and save 264 of 919
/// valuations per component.
const TAIL_STRIDE: i32 = 4;
/// Half-width of the integration in standard deviations (459 dz).
pub const Z_MAX: f64 = HALF_STEPS as f64 * DZ;
/// Nodes per component: 565 dense ones and 45 on each tail.
pub const NODES: usize =
    (2 * (DENSE_STEPS + (HALF_STEPS - DENSE_STEPS) / TAIL_STRIDE) + 1) as usize;

/// Integration nodes in standardized z, ascending, with their weights and the weights' sum.
struct ZGrid {
    z: Vec<f64>,
    w: Vec<f64>,
    sum: f64,
}

impl ZGrid {
    /// The grid at z = m dz for the ascending integers `steps`. An interval of one step gets
    /// the trapezoid rule (on a uniform grid it is exponentially accurate for the smooth,
    /// Gaussian-weighted integrands here); a wider one (the thinned tails) the integral of
    /// the normal density times the straight line through its two end values, which is
    /// exact for a linear P/L and, unlike the trapezoid rule on a coarse step, does not
    /// depend on the curvature of the density (E[S] under a jump mixture, test
    /// `expectation_matches_forward_and_cvar_of_a_plateau`: 7e-8 relative error with the
    /// trapezoid rule on the thinned tails, 4e-9 with this).
    fn from_steps(steps: &[i32], dz: f64) -> ZGrid {
        use crate::pricing::norm_pdf;
        let z: Vec<f64> = steps.iter().map(|&m| m as f64 * dz).collect();
        let mut w = vec![0.0; z.len()];
        for (j, pair) in steps.windows(2).enumerate() {
            let (a, b) = (z[j], z[j + 1]);
            let h = b - a;
            if pair[1] - pair[0] == 1 {
                w[j] += 0.5 * h * norm_pdf(a);
                w[j + 1] += 0.5 * h * norm_pdf(b);
            } else {
                // int_a^b phi(z) (b - z) / h dz and int_a^b phi(z) (z - a) / h dz, with
                // int phi = Phi and int z phi = -phi.
                let mass = norm_cdf(b) - norm_cdf(a);
                let first_moment = norm_pdf(a) - norm_pdf(b);
                w[j] += (b * mass - first_moment) / h;
                w[j + 1] += (first_moment - a * mass) / h;
            }
        }
        let sum = w.iter().sum();
        ZGrid { z, w, sum }
    }

    /// The grid every distribution figure uses (computed once): dense core, thinned tails.
    fn standard() -> &'static ZGrid {
        static GRID: std::sync::OnceLock<ZGrid> = std::sync::OnceLock::new();
        GRID.get_or_init(|| {
            let tail: Vec<i32> = (DENSE_STEPS..=HALF_STEPS)
                .step_by(TAIL_STRIDE as usize)
                .collect();
            let mut steps: Vec<i32> = tail.iter().rev().map(|m| -m).collect();
            steps.extend(1 - DENSE_STEPS..DENSE_STEPS);
            steps.extend(tail);
            ZGrid::from_steps(&steps, DZ)
        })
    }
}

/// The SPX levels at which `distribution_figures` values the P/L for one component (so a
/// caller can value them all in one batch beforehand).
pub fn nodes(c: &Component) -> Vec<f64> {
    nodes_on(ZGrid::standard(), c)
}

fn nodes_on(grid: &ZGrid, c: &Component) -> Vec<f64> {
    if c.sd <= 0.0 {
        return vec![c.mean.exp()];
    }
    grid.z.iter().map(|z| (c.mean + c.sd * z).exp()).collect()
}

/// PoP, expected P/L, VaR and CVaR 95% of the P/L `f(S)` under the mixture `components`.
/// Expectation by the trapezoid rule in z; PoP exactly from the roots of `f` (the mass of
/// each interval where f > 0, by the normal CDF); VaR/CVaR from the discretized distribution
/// with the boundary node split, so point masses (flat P/L stretches) are handled exactly.
pub fn distribution_figures(
    f: &dyn Fn(f64) -> f64,
    components: &[Component],
) -> DistributionFigures {
    let values: Vec<f64> = components.iter().flat_map(nodes).map(f).collect();
    distribution_figures_at(f, components, &values)
}

/// As [`distribution_figures`] with `f` already valued at every node: `values` holds f at
/// [`nodes`] of each component in turn (so a caller can value several P/L functions in one
/// batch); `f` is still called to refine the PoP roots. Missing values count as 0.
pub fn distribution_figures_at(
    f: &dyn Fn(f64) -> f64,
    components: &[Component],
    values: &[f64],
) -> DistributionFigures {
    figures_on(ZGrid::standard(), f, components, values)
}

/// [`distribution_figures_at`] on the node grid `grid`.
fn figures_on(
    grid: &ZGrid,
    f: &dyn Fn(f64) -> f64,
    components: &[Component],
    values: &[f64],
) -> DistributionFigures {
    let mut node_values = values.iter().copied();
    let (zs, ws, wsum) = (&grid.z, &grid.w, grid.sum);
    let n = zs.len();
    let z_max = zs.last().copied().unwrap_or(0.0);
    let mut samples: Vec<(f64, f64)> = Vec::with_capacity(components.len() * n);
    let mut expected = 0.0;
    let mut pop = 0.0;
    for c in components {
        if c.sd <= 0.0 {
            let y = node_values.next().unwrap_or(0.0);
            samples.push((y, c.weight));
            expected += c.weight * y;
            if y > 0.0 {
                pop += c.weight;
            }
            continue;
        }
        let ys: Vec<f64> = (0..n).map(|_| node_values.next().unwrap_or(0.0)).collect();
        for (&y, &wj) in ys.iter().zip(ws) {
            let w = c.weight * wj / wsum;
            samples.push((y, w));
            expected += w * y;
        }
        // PoP: intervals between roots in z, each interval's sign from its midpoint.
        let fz = |z: f64| f((c.mean + c.sd * z).exp());
        let mut cuts = vec![-f64::INFINITY];
        for j in 0..n.saturating_sub(1) {
            if (ys[j] > 0.0) != (ys[j + 1] > 0.0) {
                cuts.push(refine_root(&fz, zs[j], zs[j + 1], ys[j], ys[j + 1]));
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
            if fz(mid.clamp(-z_max, z_max)) > 0.0 {
                pop += c.weight * (norm_cdf(w[1]) - norm_cdf(w[0]));
            }
        }
    }
    samples.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let (var, cvar) = tail_quantile(&samples, 0.05);
    DistributionFigures {
        pop: pop.clamp(0.0, 1.0),
        expected_pnl: expected,
        var95: -var,
        cvar95: -cvar,
    }
}

/// The `tail` quantile of a weighted sample sorted by value, and the mean below it
/// ((1/tail) x the integral of the quantile function from 0 to `tail`).
///
/// The quantile function is piecewise linear through (m_k, y_k), where m_k is the middle of
/// sample k's cumulative-weight interval, and flat before the first sample. Against taking
/// the sample value at which the cumulative weight crosses `tail` (a step function), this
/// removes the first-order error in the spacing of the sorted values: against an 8x finer
/// node grid, the VaR error of the default position at T+5/T+30/T+45 fell from 9-41 $ to
/// 1-24 $ (docs/numerics.md); with jumps (several mixture components) it is unchanged.
pub fn tail_quantile(sorted: &[(f64, f64)], tail: f64) -> (f64, f64) {
    let mut points = sorted.iter().copied().filter(|&(_, w)| w > 0.0);
    let Some((y0, w0)) = points.next() else {
        return (0.0, 0.0);
    };
    let (mut prev_m, mut prev_y, mut cumulative) = (0.5 * w0, y0, w0);
    if prev_m >= tail {
        return (y0, y0);
    }
    let mut integral = prev_m * y0;
    for (y, w) in points {
        let m = cumulative + 0.5 * w;
        cumulative += w;
        if m >= tail {
            let t = (tail - prev_m) / (m - prev_m);
            let quantile = prev_y + t * (y - prev_y);
            integral += 0.5 * (prev_y + quantile) * (tail - prev_m);
            return (quantile, integral / tail);
        }
        integral += 0.5 * (prev_y + y) * (m - prev_m);
        prev_m = m;
        prev_y = y;
    }
    // Less than `tail` of the weight lies in the sample (cannot happen with normalised
    // weights): the rest is taken at the largest value.
    integral += prev_y * (tail - prev_m);
    (prev_y, integral / tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinned_tails_match_a_fine_uniform_grid() {
        // The standard grid (655 nodes) against the uniform grid of its dense spacing (919
        // nodes: what thinning the tails changes) and against a uniform grid 8x finer (7,345
        // nodes: the whole discretisation error), for every layer of the default position at
        // three horizons and of the stress preset (jumps: several mixture components).
        use crate::engine::model::{LayerPnl, Model};
        let base =
            crate::Config::defaults_for(crate::calendar::Date::from_ymd(2026, 11, 24).unwrap());
        let steps = |k: i32| (-k * HALF_STEPS..=k * HALF_STEPS).collect::<Vec<i32>>();
        let uniform = ZGrid::from_steps(&steps(1), DZ);
        let fine = ZGrid::from_steps(&steps(8), DZ / 8.0);
        let standard = ZGrid::standard();
        assert_eq!(standard.z.len(), NODES);
        assert_eq!((NODES, uniform.z.len(), fine.z.len()), (655, 919, 7345));
        assert_eq!(standard.z.last(), uniform.z.last());
        let layers: [fn(&LayerPnl) -> f64; 3] = [|p| p.condor, |p| p.hedge, |p| p.combined()];
        let gap = |a: &DistributionFigures, b: &DistributionFigures| {
            [
                (a.pop - b.pop).abs(),
                (a.expected_pnl - b.expected_pnl).abs(),
                (a.var95 - b.var95).abs(),
                (a.cvar95 - b.cvar95).abs(),
            ]
        };
        let (mut thinning, mut total) = ([0.0f64; 4], [0.0f64; 4]);
        for (cfg, days) in [
            (base.clone(), 5),
            (base.clone(), 30),
            (base.clone(), 45),
            (crate::config::presets::with_stress_distribution(&base), 30),
        ] {
            let model = Model::build(&cfg).unwrap();
            let comps = crate::engine::evaluate::merton(&cfg, &model)
                .components(crate::engine::strategy::years(days as f64));
            let at = model.at_horizon(days as f64);
            for pick in layers {
                let f = |s: f64| pick(&at.pnl(s));
                let figures = |grid: &ZGrid| {
                    let xs: Vec<f64> = comps.iter().flat_map(|c| nodes_on(grid, c)).collect();
                    let ys: Vec<f64> = at.pnl_many(&xs).iter().map(pick).collect();
                    figures_on(grid, &f, &comps, &ys)
                };
                let got = figures(standard);
                assert!(got.var95 > 100.0 && got.cvar95 >= got.var95, "{got:?}");
                for (worst, grid) in [(&mut thinning, &uniform), (&mut total, &fine)] {
                    for (w, d) in worst.iter_mut().zip(gap(&got, &figures(grid))) {
                        *w = w.max(d);
                    }
                }
            }
        }
        // Thinning: PoP unchanged (exact roots), expected P/L within half a cent, VaR and
        // CVaR within $2 (measured: $0.0006, $0.59, $0.78). Against the fine grid the VaR error is
        // that of the dense spacing (measured up to $57 of ~$30,000, the stress preset).
        assert!(thinning[0] < 1e-12 && thinning[1] < 0.005, "{thinning:?}");
        assert!(thinning[2] < 2.0 && thinning[3] < 2.0, "{thinning:?}");
        assert!(total[0] < 1e-12 && total[1] < 0.005, "{total:?}");
        assert!(total[2] < 60.0 && total[3] < 3.0, "{total:?}");
    }

    #[test]
    fn tail_quantile_of_a_uniform_sample_is_exact() {
        // 1000 equal weights on y = (k + 0.5) / 1000: the quantile function is u itself.
        let n = 1000;
        let samples: Vec<(f64, f64)> = (0..n)
            .map(|k| ((k as f64 + 0.5) / n as f64, 1.0 / n as f64))
            .collect();
        let (q, mean_below) = tail_quantile(&samples, 0.05);
        assert!((q - 0.05).abs() < 1e-12, "{q}");
        // Exact but for the flat piece before the first sample: (0.0005^2 / 2) / 0.05.
        assert!((mean_below - 0.025 - 2.5e-6).abs() < 1e-12, "{mean_below}");
        // Zero weights are ignored; a single point mass is its own quantile.
        assert_eq!(tail_quantile(&[(3.0, 0.0), (7.0, 1.0)], 0.05), (7.0, 7.0));
        assert_eq!(tail_quantile(&[], 0.05), (0.0, 0.0));
    }

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
    fn brent_extremum_smooth_and_kinked() {
        use std::cell::Cell;
        let calls = Cell::new(0);
        // Smooth maximum of a P/L-sized curve one point wide: superlinear, few evaluations.
        let f = |x: f64| {
            calls.set(calls.get() + 1);
            2.5e4 - 300.0 * (x - 6_001.234_567).powi(2)
        };
        let (x, y) = refine_extremum(&f, 6000.8, 6001.7, 1.0);
        assert!((x - 6_001.234_567).abs() < 2e-6, "{x}");
        assert!((y - 2.5e4).abs() < 1e-6, "{y}");
        assert!(calls.get() <= 12, "{} evaluations", calls.get());
        // A minimum (sign -1) of a smooth non-quadratic curve.
        let g = |x: f64| (x - 2.0).cosh() + 0.1 * (x - 2.0).powi(3);
        let (x, y) = refine_extremum(&g, 1.5, 2.7, -1.0);
        assert!((x - 2.0).abs() < 1e-6 && (y - 1.0).abs() < 1e-12, "{x} {y}");
        // A kink (a strike at expiry): golden-section speed, still to the tolerance.
        calls.set(0);
        let k = |x: f64| {
            calls.set(calls.get() + 1);
            -1000.0 * (x - 5_950.3).abs()
        };
        let (x, y) = refine_extremum(&k, 5_949.9, 5_950.8, 1.0);
        assert!((x - 5_950.3).abs() < 2e-6 && y.abs() < 2e-3, "{x} {y}");
        assert!(calls.get() < EXTREMUM_MAX_STEPS, "{}", calls.get());
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
