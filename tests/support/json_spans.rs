//! Span-shaped objects of a digest's JSON, for tests that check offsets on
//! the serialized output.

use serde_json::Value;

/// Every `{start, end, text}` object anywhere in `v`, in document order,
/// except under `summary`, whose spans (`summary.checks`) are into the
/// summary's text, not the input.
pub fn spans_of(v: &Value) -> Vec<(usize, usize, String)> {
    fn walk(v: &Value, out: &mut Vec<(usize, usize, String)>) {
        match v {
            Value::Object(m) => {
                if let (Some(s), Some(e), Some(Value::String(t))) = (
                    m.get("start").and_then(Value::as_u64),
                    m.get("end").and_then(Value::as_u64),
                    m.get("text"),
                ) {
                    out.push((s as usize, e as usize, t.clone()));
                }
                m.iter()
                    .filter(|(k, _)| k.as_str() != "summary")
                    .for_each(|(_, x)| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(v, &mut out);
    out
}
