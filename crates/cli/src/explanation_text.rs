//! How a name explanation reads on a terminal: the one line under a result that tells a
//! reviewer which name matched and how each token aligned. `screen` and `text` both print it,
//! so it is written once here.

use embargo_matcher::explanation::NameExplanation;

/// `via <kind> "<matched name>": query→listed (How 0.93), …`
pub fn via_line(n: &NameExplanation) -> String {
    let toks: Vec<String> = n
        .tokens
        .iter()
        .map(|t| {
            format!(
                "{}→{} ({:?} {:.2})",
                t.query, t.candidate, t.how, t.similarity
            )
        })
        .collect();
    format!(
        "via {} {:?}: {}",
        n.name_kind,
        n.matched_name,
        toks.join(", ")
    )
}
