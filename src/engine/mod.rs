//! `Config -> Report`: the position's legs ([`strategy`]), the linked scenario
//! ([`scenario`]), the valued position ([`model`]), curves and figures ([`evaluate`]), roots,
//! extremes and distribution metrics ([`risk`]), hedge analysis ([`analysis`]) and the
//! [`report::Report`] they fill.

pub mod analysis;
pub mod evaluate;
pub mod model;
pub mod report;
pub mod risk;
pub mod scenario;
pub mod strategy;
