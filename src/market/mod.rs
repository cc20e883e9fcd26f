//! Market structure: the SPX smile, VIX vol-of-vol and the VIX futures term structure.

pub mod curve;
pub mod smile;
pub mod vov;
