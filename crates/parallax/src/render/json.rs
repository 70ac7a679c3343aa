//! JSON: the `parallax.brief/1` document, pretty-printed.

use super::Render;
use crate::model::BriefDocument;
use std::fmt;

pub struct Json;

impl Render for Json {
    fn render(&self, document: &BriefDocument, out: &mut dyn fmt::Write) -> fmt::Result {
        let text = serde_json::to_string_pretty(document).map_err(|_| fmt::Error)?;
        writeln!(out, "{text}")
    }
}
