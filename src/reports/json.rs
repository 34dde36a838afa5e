//! The report as canonical JSON: compact, object keys sorted by their UTF-8 bytes, no
//! floating-point numbers (the model holds none).
//!
//! Canonical bytes are what make a frozen report verifiable: PostgreSQL's `jsonb` keeps the
//! values but not the spelling, so a frozen report is stored as `jsonb` and its bytes are
//! rebuilt canonically on the way out. The same values always give the same bytes, so the
//! SHA-256 taken when the report was frozen still matches the download.

use serde_json::Value;
use sha2::{Digest, Sha256};

use super::Report;

/// The canonical bytes of a report.
pub fn to_bytes(report: &Report) -> Vec<u8> {
    // Serialising our own plain structs cannot fail (no maps with non-string keys).
    let value = serde_json::to_value(report).unwrap_or(Value::Null);
    canonical(&value)
}

/// The canonical bytes of any JSON value.
pub fn canonical(value: &Value) -> Vec<u8> {
    let mut out = Vec::new();
    write(value, &mut out);
    out
}

/// Lower-case hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn write(value: &Value, out: &mut Vec<u8>) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push(b'{');
            for (i, (key, v)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write_scalar(&Value::String(key.clone()), out);
                out.push(b':');
                write(v, out);
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                write(v, out);
            }
            out.push(b']');
        }
        scalar => write_scalar(scalar, out),
    }
}

fn write_scalar(value: &Value, out: &mut Vec<u8>) {
    // serde_json's compact output of a scalar is already one fixed spelling.
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.extend_from_slice(b"null");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sorted_whatever_their_order() {
        let a: Value = serde_json::from_str(r#"{"b":1,"a":{"z":[1,"x"],"y":null}}"#).expect("json");
        assert_eq!(
            canonical(&a),
            br#"{"a":{"y":null,"z":[1,"x"]},"b":1}"#.to_vec()
        );
    }

    #[test]
    fn accents_and_quotes_survive_a_round_trip() {
        let a: Value =
            serde_json::from_str(r#"{"t":"Participación \"ciudadana\" ñ"}"#).expect("json");
        let bytes = canonical(&a);
        let again: Value = serde_json::from_slice(&bytes).expect("json");
        assert_eq!(canonical(&again), bytes);
    }

    #[test]
    fn sha256_is_lower_case_hex() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
