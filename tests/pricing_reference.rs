//! Every row of `tests/data/pricing_reference.csv` (written by
//! `scripts/gen_pricing_reference.py`: 100-digit mpmath prices, Greeks by high-precision
//! numerical differentiation) against `alvh::pricing::{bsm, black76}`.
//!
//! Tolerances (docs/numerics.md): price within 1e-10 relative or 1e-12 absolute (the absolute
//! bound is what tiny prices, down to underflow, are held to); each Greek within 1e-8
//! relative or 1e-12 absolute in the units of the price (divided by the underlying once for
//! delta and twice for gamma). The test also prints the worst relative errors, separately for
//! rows whose reference price is at least 1e-12 and for the rest, over the reference values
//! that are normal doubles (subnormals carry fewer than 53 bits).

use alvh::pricing::{black76, bsm, OptionKind, Valuation};

const CSV: &str = include_str!("data/pricing_reference.csv");
const NAMES: [&str; 6] = ["price", "delta", "gamma", "vega", "theta", "rho"];

struct Row {
    line: usize,
    model: String,
    kind: OptionKind,
    x: f64,
    k: f64,
    t: f64,
    v: f64,
    r: f64,
    q: f64,
    reference: [f64; 6],
}

fn rows() -> Vec<Row> {
    let mut out = Vec::new();
    for (i, line) in CSV.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        assert_eq!(f.len(), 14, "line {}: {line}", i + 1);
        let n = |j: usize| -> f64 {
            f[j].parse()
                .unwrap_or_else(|e| panic!("line {} field {j}: {e}", i + 1))
        };
        let kind = match f[1] {
            "call" => OptionKind::Call,
            "put" => OptionKind::Put,
            other => panic!("line {}: kind {other}", i + 1),
        };
        out.push(Row {
            line: i + 1,
            model: f[0].to_string(),
            kind,
            x: n(2),
            k: n(3),
            t: n(4),
            v: n(5),
            r: n(6),
            q: n(7),
            reference: [n(8), n(9), n(10), n(11), n(12), n(13)],
        });
    }
    out
}

fn as_array(v: &Valuation) -> [f64; 6] {
    [v.price, v.delta, v.gamma, v.vega, v.theta, v.rho]
}

/// The relative error of `got`, or a message when neither tolerance is met.
fn check(name: &str, got: f64, reference: f64, underlying: f64) -> Result<f64, String> {
    let (rel_tol, abs_tol) = match name {
        "price" => (1e-10, 1e-12),
        "delta" => (1e-8, 1e-12 / underlying),
        "gamma" => (1e-8, 1e-12 / (underlying * underlying)),
        _ => (1e-8, 1e-12),
    };
    if !got.is_finite() {
        return Err(format!("{name} is not finite: {got}"));
    }
    let err = (got - reference).abs();
    let rel = if reference == 0.0 {
        0.0
    } else {
        err / reference.abs()
    };
    if (reference == 0.0 && err == 0.0) || rel <= rel_tol || err <= abs_tol {
        Ok(rel)
    } else {
        Err(format!(
            "{name}: got {got:e}, reference {reference:e}, rel {rel:.2e}, abs {err:.2e}"
        ))
    }
}

#[test]
fn every_reference_row_agrees() {
    let rows = rows();
    assert_eq!(rows.len(), 1360, "the generator writes 1360 rows");
    // worst[model][tiny][quantity]: tiny = reference price below 1e-12.
    let mut worst = [[[0.0f64; 6]; 2]; 2];
    let mut failures = Vec::new();
    for row in &rows {
        let (m, val) = match row.model.as_str() {
            "bsm" => (0, bsm(row.kind, row.x, row.k, row.t, row.v, row.r, row.q)),
            "black76" => (1, black76(row.kind, row.x, row.k, row.t, row.v, row.r)),
            other => panic!("line {}: model {other}", row.line),
        };
        let got = as_array(&val.unwrap_or_else(|e| panic!("line {}: {e}", row.line)));
        let tiny = usize::from(row.reference[0] < 1e-12);
        for (j, name) in NAMES.iter().enumerate() {
            match check(name, got[j], row.reference[j], row.x) {
                // Subnormal references carry fewer than 53 bits: held to the absolute bound
                // only, and left out of the relative-error summary.
                Ok(rel) if row.reference[j].abs() >= f64::MIN_POSITIVE => {
                    worst[m][tiny][j] = worst[m][tiny][j].max(rel)
                }
                Ok(_) => {}
                Err(msg) => failures.push(format!("line {}: {msg}", row.line)),
            }
        }
    }
    for (m, model) in ["bsm", "black76"].iter().enumerate() {
        for (tiny, label) in ["price >= 1e-12", "price < 1e-12"].iter().enumerate() {
            let cells: Vec<String> = NAMES
                .iter()
                .zip(worst[m][tiny])
                .map(|(n, w)| format!("{n} {w:.1e}"))
                .collect();
            println!("max relative error {model}, {label}: {}", cells.join(", "));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn tolerance_rejects_real_errors() {
    // The checker is what makes the reference test meaningful: it must reject a price off by
    // 1e-9 relative, a Greek off by 1e-7, and a NaN.
    assert!(check("price", 10.0 * (1.0 + 1e-9), 10.0, 100.0).is_err());
    assert!(check("price", 10.0 * (1.0 + 5e-11), 10.0, 100.0).is_ok());
    assert!(check("vega", 3.0 * (1.0 + 1e-7), 3.0, 100.0).is_err());
    assert!(check("delta", f64::NAN, 0.5, 100.0).is_err());
    assert!(check("price", 2e-13, 1e-13, 100.0).is_ok());
}

/// Implied volatility of every reference price (exact to double rounding) against the row's
/// volatility. Tolerance: 1e-12 relative plus the price's own information limit,
/// (4 eps (price + intrinsic terms) + 2e-323) / (vega vol) (the intrinsic terms
/// S e^{-qT} + K e^{-rT} only for in-the-money options, whose time value is a difference; the
/// 2e-323, four steps of 5e-324, is the quantization of subnormal prices).
#[test]
fn implied_vol_of_reference_prices() {
    use alvh::pricing::{implied_vol_black76, implied_vol_bsm, PricingError};
    let mut worst_well_conditioned = 0.0f64;
    let (mut solved, mut well_conditioned, mut refused) = (0, 0, 0);
    let mut failures = Vec::new();
    for row in rows() {
        let [price, _, _, vega, _, _] = row.reference;
        let (sq, kr, iv) = if row.model == "bsm" {
            let iv = implied_vol_bsm(row.kind, price, row.x, row.k, row.t, row.r, row.q);
            (
                row.x * (-row.q * row.t).exp(),
                row.k * (-row.r * row.t).exp(),
                iv,
            )
        } else {
            let df = (-row.r * row.t).exp();
            let iv = implied_vol_black76(row.kind, price, row.x, row.k, row.t, row.r);
            (row.x * df, row.k * df, iv)
        };
        let itm = row.kind.sign() * (sq - kr) > 0.0;
        // A subnormal price is quantized in absolute steps of 5e-324, not to 53 bits.
        let quantum = 4.0 * f64::from_bits(1);
        let info = 4.0 * f64::EPSILON * (price + if itm { sq + kr } else { 0.0 }) + quantum;
        let cond = if vega * row.v > 0.0 {
            info / (vega * row.v)
        } else {
            f64::INFINITY
        };
        match iv {
            Ok(iv) => {
                solved += 1;
                let rel = (iv - row.v).abs() / row.v;
                if rel > 1e-12 + cond {
                    failures.push(format!(
                        "line {}: iv {iv} vs {} (rel {rel:.1e})",
                        row.line, row.v
                    ));
                }
                if cond < 1e-13 {
                    well_conditioned += 1;
                    worst_well_conditioned = worst_well_conditioned.max(rel);
                }
            }
            // A refusal (price at a bound, or implying vol above 10) only where the price no
            // longer determines the vol: its information limit exceeds 1e-3.
            Err(PricingError::NoArbitrage { .. })
            | Err(PricingError::OutOfRange { field: "price", .. })
                if cond > 1e-3 =>
            {
                refused += 1
            }
            Err(e) => failures.push(format!("line {}: {e} (cond {cond:.1e})", row.line)),
        }
    }
    println!(
        "implied vol: {solved} solved, {refused} refused (price at a bound within rounding); \
         {well_conditioned} well-conditioned rows, max relative error {worst_well_conditioned:.1e}"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(
        well_conditioned > 500,
        "the grid must exercise well-conditioned inversions"
    );
}
