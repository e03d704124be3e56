//! How common each name token is: a rare token weighs more than "Kim" or "Mohammed".
//!
//! Learned from the loaded lists themselves (document frequency over all listed names), so the
//! weights follow the data being screened. A token never seen in the lists is treated as rare.

use embargo_names::TokenRole;
use std::collections::HashMap;

/// Document frequencies of comparison tokens over a set of names.
#[derive(Clone, Debug, Default)]
pub struct TokenStats {
    df: HashMap<String, u32>,
    names: u32,
}

impl TokenStats {
    /// Count each distinct token of each name once.
    pub fn add_name<'a>(&mut self, tokens: impl Iterator<Item = &'a str>) {
        let mut seen: Vec<&str> = Vec::new();
        for t in tokens {
            if !seen.contains(&t) {
                seen.push(t);
                *self.df.entry(t.to_string()).or_default() += 1;
            }
        }
        self.names += 1;
    }

    pub fn document_frequency(&self, token: &str) -> u32 {
        self.df.get(token).copied().unwrap_or(0)
    }

    /// Rarity in [0, 1]: 1 for a token never seen, falling with the share of names holding it
    /// (an inverse document frequency normalised by its maximum).
    pub fn rarity(&self, token: &str) -> f64 {
        if self.names < 50 {
            return 1.0;
        }
        let n = self.names as f64;
        let df = self.document_frequency(token) as f64;
        let idf = ((n + 1.0) / (df + 1.0)).ln();
        (idf / (n + 1.0).ln()).clamp(0.0, 1.0)
    }

    /// The weight of a token in name comparison: its rarity, scaled by its role.
    pub fn weight(&self, token: &str, role: TokenRole) -> f64 {
        let rarity = self.rarity(token);
        // Short tokens carry little identity: a Chinese or Korean syllable ("su", "han"), a
        // two-letter surname. Agreeing on them proves less than agreeing on "makhlouf".
        let length = match token.len() {
            0..=2 => 0.5,
            3 => 0.75,
            _ => 1.0,
        };
        let base = (0.35 + 0.65 * rarity) * length;
        match role {
            TokenRole::Word => {
                if embargo_names::legal_form::is_generic_org_word(token) {
                    base * 0.5
                } else {
                    base
                }
            }
            TokenRole::Initial => 0.5,
            TokenRole::Number => 1.0,
            TokenRole::LegalForm(_) => 0.25,
            TokenRole::Particle => 0.15,
            TokenRole::Honorific | TokenRole::Stopword => 0.0,
        }
    }
}
