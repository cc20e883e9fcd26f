//! Text formats in and out: the share link / local storage codec ([`link`]: URL fragment,
//! canonical JSON, fingerprint) and the CSV exports of curves and Greeks ([`csv`]).

pub mod csv;
pub mod history_link;
pub mod link;
