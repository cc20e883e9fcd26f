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

/// Gauss-Legendre 8-point abscissae (positive half) and weights on [-1, 1] (Abramowitz and
/// Stegun, table 25.4).
const GL_X: [f64; 4] = [
    0.183_434_642_495_649_8,
    0.525_532_409_916_329,
    0.796_666_477_413_626_7,
    0.960_289_856_497_536_3,
];
const GL_W: [f64; 4] = [
    0.362_683_783_378_362,
    0.313_706_645_877_887_3,
    0.222_381_034_453_374_5,
    0.101_228_536_290_376_3,
];
/// Widest panel of the piecewise quadrature, in standard deviations of ln S.
pub const PANEL_Z: f64 = 0.25;
/// Half-width of the piecewise quadrature in standard deviations: the normal mass beyond
/// 8.5 sd is 2e-17, below any figure's rounding.
pub const PIECEWISE_Z_MAX: f64 = 8.5;
/// The VaR / CVaR tail probability.
pub const TAIL: f64 = 0.05;

/// The piecewise quadrature of one mixture component (spec §11 "integrate over the whole
/// density"; issue 16 item 10): [-8.5, 8.5] sd cut at every kink of the P/L (each strike, S0)
/// and then into panels at most [`PANEL_Z`] wide, each with 8 Gauss-Legendre nodes. Between
/// kinks the P/L is smooth (at an expiry, linear in S), and 8 nodes on a quarter of a
/// standard deviation integrate such a function times the normal density to about 1e-14
/// relative, so the expectation is exact to rounding wherever the kinks are known.
#[derive(Clone, Debug, PartialEq)]
pub struct Panels {
    /// The component.
    pub component: Component,
    /// Panel edges in z, ascending.
    pub edges: Vec<f64>,
    /// Nodes in z, ascending (8 per panel).
    pub z: Vec<f64>,
    /// Weight of each node: Gauss-Legendre weight x half the panel width x phi(z).
    pub w: Vec<f64>,
}

impl Panels {
    /// The panels of component `c` with kinks at the SPX levels `kinks` (any order).
    pub fn new(c: &Component, kinks: &[f64]) -> Panels {
        let zmax = PIECEWISE_Z_MAX;
        let mut cuts: Vec<f64> = if c.sd > 0.0 {
            kinks
                .iter()
                .filter(|k| **k > 0.0)
                .map(|k| (k.ln() - c.mean) / c.sd)
                .filter(|z| z.is_finite() && z.abs() < zmax)
                .collect()
        } else {
            Vec::new()
        };
        cuts.push(-zmax);
        cuts.push(zmax);
        cuts.sort_by(f64::total_cmp);
        cuts.dedup_by(|a, b| (*a - *b).abs() < 1e-12);
        let mut edges = vec![cuts[0]];
        for pair in cuts.windows(2) {
            let n = ((pair[1] - pair[0]) / PANEL_Z).ceil().max(1.0) as usize;
            for i in 1..=n {
                edges.push(pair[0] + (pair[1] - pair[0]) * i as f64 / n as f64);
            }
        }
        let mut z = Vec::with_capacity(8 * edges.len());
        let mut w = Vec::with_capacity(8 * edges.len());
        for pair in edges.windows(2) {
            let (zs, ws) = gauss_panel(pair[0], pair[1]);
            z.extend(zs);
            w.extend(ws);
        }
        Panels {
            component: *c,
            edges,
            z,
            w,
        }
    }

    /// The SPX level of each node.
    pub fn spots(&self) -> Vec<f64> {
        let c = &self.component;
        self.z.iter().map(|z| (c.mean + c.sd * z).exp()).collect()
    }
}

/// Nodes and weights (GL weight x half-width x phi) of one panel [a, b] in z, ascending.
fn gauss_panel(a: f64, b: f64) -> ([f64; 8], [f64; 8]) {
    use crate::pricing::norm_pdf;
    let (mid, half) = (0.5 * (a + b), 0.5 * (b - a));
    let mut z = [0.0; 8];
    let mut w = [0.0; 8];
    for i in 0..4 {
        z[3 - i] = mid - half * GL_X[i];
        z[4 + i] = mid + half * GL_X[i];
        w[3 - i] = half * GL_W[i] * norm_pdf(z[3 - i]);
        w[4 + i] = half * GL_W[i] * norm_pdf(z[4 + i]);
    }
    (z, w)
}

/// The z-intervals of one component where the P/L is at or below `level`: roots of f - level
/// between sign changes of the node values (refined), each interval classified at its
/// midpoint. The first and last intervals reach -inf and +inf.
fn below_regions(f: &dyn Fn(f64) -> f64, p: &Panels, ys: &[f64], level: f64) -> Vec<(f64, f64)> {
    let c = &p.component;
    let fz = |z: f64| f((c.mean + c.sd * z).exp()) - level;
    let mut cuts = vec![-f64::INFINITY];
    for j in 0..p.z.len().saturating_sub(1) {
        let (a, b) = (ys[j] - level, ys[j + 1] - level);
        if (a > 0.0) != (b > 0.0) {
            cuts.push(refine_root(&fz, p.z[j], p.z[j + 1], a, b));
        }
    }
    cuts.push(f64::INFINITY);
    let zmax = PIECEWISE_Z_MAX;
    let mut out: Vec<(f64, f64)> = Vec::new();
    for w in cuts.windows(2) {
        let mid = match (w[0].is_finite(), w[1].is_finite()) {
            (true, true) => 0.5 * (w[0] + w[1]),
            (false, true) => w[1] - 1e-3,
            (true, false) => w[0] + 1e-3,
            (false, false) => 0.0,
        };
        if fz(mid.clamp(-zmax, zmax)) <= 0.0 {
            match out.last_mut() {
                Some(last) if last.1 == w[0] => last.1 = w[1],
                _ => out.push((w[0], w[1])),
            }
        }
    }
    out
}

/// Probability that the P/L is at or below `level` (mixture weights included).
fn cdf_at(f: &dyn Fn(f64) -> f64, panels: &[Panels], values: &[Vec<f64>], level: f64) -> f64 {
    panels
        .iter()
        .zip(values)
        .map(|(p, ys)| {
            p.component.weight
                * below_regions(f, p, ys, level)
                    .iter()
                    .map(|(a, b)| norm_cdf(*b) - norm_cdf(*a))
                    .sum::<f64>()
        })
        .sum()
}

/// PoP, expected P/L, VaR and CVaR 95% of the P/L `f(S)` on the piecewise quadrature
/// `panels` (one per mixture component), with `values[i]` the P/L at `panels[i].spots()`
/// (spec §5, §11; issue 16 item 10):
/// - expected P/L: the quadrature sum (exact to rounding between known kinks);
/// - PoP: the mass where f > $1e-6 (|P/L| < $1e-6 counts as zero), between refined roots;
/// - VaR: the exact 5% quantile y* of the P/L, solved on its distribution function
///   P(f <= y) (itself from refined roots of f - y) by Illinois false position; a point mass
///   (the max-loss plateau) is a jump of that function, and y* lands on it;
/// - CVaR: (E[f; f <= y*] - y* (P(f <= y*) - 5%)) / 5%, the partial expectation integrated
///   panel by panel with the panels cut at the roots of f - y*.
///
/// Both are shown as positive dollar losses.
pub fn piecewise_figures(
    f: &dyn Fn(f64) -> f64,
    panels: &[Panels],
    values: &[Vec<f64>],
) -> DistributionFigures {
    let mut expected = 0.0;
    let mut samples: Vec<(f64, f64)> = Vec::new();
    for (p, ys) in panels.iter().zip(values) {
        for (y, w) in ys.iter().zip(&p.w) {
            expected += p.component.weight * w * y;
            samples.push((*y, p.component.weight * w));
        }
    }
    let pop = 1.0 - cdf_at(f, panels, values, ZERO_PNL);
    // Bracket the quantile from the node sample, then solve P(f <= y) = 5%.
    samples.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
    let (guess, _) = tail_quantile(&samples, TAIL);
    let scale = samples.iter().fold(1.0f64, |m, (y, _)| m.max(y.abs()));
    let g = |y: f64| cdf_at(f, panels, values, y) - TAIL;
    // A flat stretch of the P/L (equal neighbouring node values, e.g. the max-loss plateau
    // at expiry) is a point mass: a jump of P(f <= y). When the 5% falls inside that jump the
    // quantile is the plateau's level, found here in two evaluations instead of the false
    // position's slow approach to a jump.
    let mut plateaus: Vec<f64> = Vec::new();
    for ys in values {
        for pair in ys.windows(2) {
            if pair[0] == pair[1] && !plateaus.contains(&pair[0]) {
                plateaus.push(pair[0]);
            }
        }
    }
    let on_plateau = plateaus
        .into_iter()
        .find(|&c| g(c) >= 0.0 && g(c - 1e-9 * scale) < 0.0);
    let mut step = 1e-3 * scale;
    let (mut lo, mut hi) = (guess - step, guess + step);
    let (mut glo, mut ghi) = (g(lo), g(hi));
    for _ in 0..60 {
        if glo < 0.0 {
            break;
        }
        step *= 2.0;
        hi = lo;
        ghi = glo;
        lo -= step;
        glo = g(lo);
    }
    for _ in 0..60 {
        if ghi >= 0.0 {
            break;
        }
        step *= 2.0;
        lo = hi;
        glo = ghi;
        hi += step;
        ghi = g(hi);
    }
    if let Some(c) = on_plateau {
        (lo, hi, ghi) = (c, c, 0.0);
    }
    let mut side = 0i8;
    for _ in 0..100 {
        if hi - lo <= 1e-12 * scale || ghi == 0.0 {
            break;
        }
        let mut y = (lo * ghi - hi * glo) / (ghi - glo);
        if !y.is_finite() || y <= lo || y >= hi {
            y = 0.5 * (lo + hi);
        }
        let gy = g(y);
        if gy >= 0.0 {
            hi = y;
            ghi = gy;
            if side == -1 {
                glo *= 0.5;
            }
            side = -1;
        } else {
            lo = y;
            glo = gy;
            if side == 1 {
                ghi *= 0.5;
            }
            side = 1;
        }
    }
    let var = hi;
    // E[f; f <= y*], panel by panel; a panel cut by a region edge is re-integrated on its
    // pieces inside the region.
    let mut partial = 0.0;
    let mut below_mass = 0.0;
    for (p, ys) in panels.iter().zip(values) {
        let c = &p.component;
        let regions = below_regions(f, p, ys, var);
        below_mass += c.weight
            * regions
                .iter()
                .map(|(a, b)| norm_cdf(*b) - norm_cdf(*a))
                .sum::<f64>();
        let fz = |z: f64| f((c.mean + c.sd * z).exp());
        for (k, pair) in p.edges.windows(2).enumerate() {
            let (a, b) = (pair[0], pair[1]);
            for (ra, rb) in &regions {
                let (lo, hi) = (a.max(*ra), b.min(*rb));
                if hi <= lo {
                    continue;
                }
                if lo == a && hi == b {
                    let range = 8 * k..8 * k + 8;
                    partial += c.weight
                        * ys[range.clone()]
                            .iter()
                            .zip(&p.w[range])
                            .map(|(y, w)| y * w)
                            .sum::<f64>();
                } else {
                    let (zs, ws) = gauss_panel(lo, hi);
                    partial += c.weight * zs.iter().zip(&ws).map(|(z, w)| fz(*z) * w).sum::<f64>();
                }
            }
        }
    }
    let cvar = (partial - var * (below_mass - TAIL)) / TAIL;
    DistributionFigures {
        pop: pop.clamp(0.0, 1.0),
        expected_pnl: expected,
        var95: -var,
        cvar95: -cvar,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A condor's P/L at expiry (piecewise linear in S) and its exact distribution figures
    /// under a lognormal, from Black-Scholes-style partial expectations.
    struct ExpiryCondor {
        long_put: f64,
        short_put: f64,
        short_call: f64,
        long_call: f64,
        credit: f64,
        scale: f64,
    }

    impl ExpiryCondor {
        fn pnl(&self, s: f64) -> f64 {
            let p = |k: f64| (k - s).max(0.0);
            let c = |k: f64| (s - k).max(0.0);
            self.scale
                * (self.credit - p(self.short_put) + p(self.long_put) - c(self.short_call)
                    + c(self.long_call))
        }
    }

    /// int over S in [u, v] of (alpha + beta S) under ln S ~ N(m, sd^2).
    fn segment(alpha: f64, beta: f64, u: f64, v: f64, m: f64, sd: f64) -> f64 {
        let z = |x: f64| {
            if x <= 0.0 {
                -f64::INFINITY
            } else if x.is_infinite() {
                f64::INFINITY
            } else {
                (x.ln() - m) / sd
            }
        };
        let (zu, zv) = (z(u), z(v));
        alpha * (norm_cdf(zv) - norm_cdf(zu))
            + beta * (m + 0.5 * sd * sd).exp() * (norm_cdf(zv - sd) - norm_cdf(zu - sd))
    }

    #[test]
    fn piecewise_figures_are_exact_for_a_condor_at_expiry() {
        let (s0, drift, vol, t) = (6000.0, 0.027, 0.14, 43.0 / 365.0);
        let merton = Merton {
            s0,
            drift,
            vol,
            intensity: 0.0,
            jump_mean: 0.0,
            jump_vol: 0.0,
        };
        let comps = merton.components(t);
        let (m, sd) = (comps[0].mean, comps[0].sd);
        // A wide condor (its 5% tail on the slopes) and a narrow one (the E[P/L]
        // $57 against $77: its tail is the max-loss plateau, a point mass).
        for (k, credit) in [
            ([5400.0, 5500.0, 6500.0, 6600.0], 3.0),
            ([5985.0, 5990.0, 6010.0, 6015.0], 4.0),
        ] {
            let c = ExpiryCondor {
                long_put: k[0],
                short_put: k[1],
                short_call: k[2],
                long_call: k[3],
                credit,
                scale: 1000.0,
            };
            let w = c.short_put - c.long_put;
            let top = c.scale * credit;
            let floor = c.scale * (credit - w);
            // Exact: f = a + b S on each piece.
            let inf = f64::INFINITY;
            let pieces = [
                (floor, 0.0, 0.0, c.long_put),
                (
                    c.scale * (credit - c.short_put),
                    c.scale,
                    c.long_put,
                    c.short_put,
                ),
                (top, 0.0, c.short_put, c.short_call),
                (
                    c.scale * (credit + c.short_call),
                    -c.scale,
                    c.short_call,
                    c.long_call,
                ),
                (floor, 0.0, c.long_call, inf),
            ];
            let exact_e: f64 = pieces
                .iter()
                .map(|p| segment(p.0, p.1, p.2, p.3, m, sd))
                .sum();
            // P(f <= y) for floor <= y < top: S <= a(y) or S >= b(y).
            let ends = |y: f64| {
                let d = credit - y / c.scale;
                (c.short_put - d, c.short_call + d)
            };
            let z = |x: f64| (x.ln() - m) / sd;
            let cdf = |y: f64| {
                let (a, b) = ends(y);
                norm_cdf(z(a)) + 1.0 - norm_cdf(z(b))
            };
            let exact_pop = {
                let (a, b) = ends(0.0);
                norm_cdf(z(b)) - norm_cdf(z(a))
            };
            let (exact_var, exact_cvar) = if cdf(floor) >= TAIL {
                (floor, floor)
            } else {
                let (mut lo, mut hi) = (floor, top);
                for _ in 0..200 {
                    let mid = 0.5 * (lo + hi);
                    if cdf(mid) >= TAIL {
                        hi = mid;
                    } else {
                        lo = mid;
                    }
                }
                let y = hi;
                let (a, b) = ends(y);
                let part = segment(floor, 0.0, 0.0, c.long_put, m, sd)
                    + segment(pieces[1].0, pieces[1].1, c.long_put, a, m, sd)
                    + segment(pieces[3].0, pieces[3].1, b, c.long_call, m, sd)
                    + segment(floor, 0.0, c.long_call, inf, m, sd);
                (y, part / TAIL)
            };
            let f = |s: f64| c.pnl(s);
            let panels: Vec<Panels> = comps.iter().map(|cp| Panels::new(cp, &k)).collect();
            let values: Vec<Vec<f64>> = panels
                .iter()
                .map(|p| p.spots().into_iter().map(f).collect())
                .collect();
            let got = piecewise_figures(&f, &panels, &values);
            let ctx = format!("{k:?}: {got:?} vs E {exact_e}, VaR {exact_var}, CVaR {exact_cvar}");
            assert!((got.expected_pnl - exact_e).abs() < 1e-6, "{ctx}");
            assert!((got.pop - exact_pop).abs() < 1e-9, "{ctx}");
            assert!((got.var95 + exact_var).abs() < 1e-6, "{ctx}");
            assert!((got.cvar95 + exact_cvar).abs() < 1e-6, "{ctx}");
            // The fixed grid this replaces was off by dollars on the narrow condor.
            let old = distribution_figures(&f, &comps);
            assert!((old.expected_pnl - exact_e).abs() > 1e-6, "{ctx}: {old:?}");
        }
    }

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
        // CVaR within $5 (measured with the revised defaults of issue 17: $0.0006, $4.45 of
        // $27,408 for the combined layer at T+30, $2.82 of $11,189 at T+5; with the first
        // revision's defaults $0.59 and $0.78: the steeper smile and the hedge's larger
        // response bend the combined P/L more in the thinned tails). Against the fine grid the VaR error is
        // that of the dense spacing (measured up to $78.6 of ~$27,000 with the revised
        // defaults, $57 with the first revision's).
        assert!(thinning[0] < 1e-12 && thinning[1] < 0.005, "{thinning:?}");
        assert!(thinning[2] < 5.0 && thinning[3] < 5.0, "{thinning:?}");
        assert!(total[0] < 1e-12 && total[1] < 0.005, "{total:?}");
        assert!(total[2] < 80.0 && total[3] < 3.0, "{total:?}");
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
