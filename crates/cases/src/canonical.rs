//! Canonical JSON: the one byte string a value hashes to.
//!
//! Fingerprints and the audit chain hash JSON, so the same value must always give the same bytes,
//! whatever order a map was built in or whether `serde_json`'s `preserve_order` feature is on
//! somewhere in the build: object keys are sorted (by their UTF-8 bytes), no whitespace is
//! written, numbers and strings are written as `serde_json` writes them.
//!
//! ```
//! use embargo_cases::canonical::to_canonical_json;
//! let v = serde_json::json!({"b": 1, "a": [true, null, "x"]});
//! assert_eq!(to_canonical_json(&v), r#"{"a":[true,null,"x"],"b":1}"#);
//! ```

use serde_json::Value;

/// The canonical text of a JSON value.
pub fn to_canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

/// Serialize any value, then canonicalise it.
pub fn canonical<T: serde::Serialize + ?Sized>(value: &T) -> String {
    // Serialising plain data structures to a Value cannot fail (no non-string map keys here).
    let v = serde_json::to_value(value).unwrap_or(Value::Null);
    to_canonical_json(&v)
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push('{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(k.clone()).to_string());
                out.push(':');
                write(&map[k], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write(item, out);
            }
            out.push(']');
        }
        other => out.push_str(&other.to_string()),
    }
}

/// Hex sha256 of a string.
pub fn sha256_hex(text: &str) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(text.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_order_does_not_matter() {
        let a: Value = serde_json::from_str(r#"{"z":{"y":1,"x":2},"a":"é"}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"a":"é","z":{"x":2,"y":1}}"#).unwrap();
        assert_eq!(to_canonical_json(&a), to_canonical_json(&b));
        assert_eq!(to_canonical_json(&a), r#"{"a":"é","z":{"x":2,"y":1}}"#);
    }

    #[test]
    fn floats_round_trip() {
        let v = serde_json::json!({"score": 0.7234567891234});
        let text = to_canonical_json(&v);
        let back: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(to_canonical_json(&back), text);
    }
}
