//! The header of a safetensors file: an 8-byte little-endian length, then a
//! JSON table of that length (tensor name → dtype, shape, data offsets), then
//! the tensors' bytes. Read here for both of its readers: the model folder's
//! check of the embedding (`check_embedding_rows`, before anything is
//! loaded) and the weight loader (`weights.rs`).

use std::fs::File;
use std::io::Read;

use serde_json::Value;

/// Longest header read: a bound on what a corrupt length makes us allocate
/// (bart-large's header is 60 kB).
const MAX_HEADER_BYTES: u64 = 100 << 20;

/// The header of a safetensors file.
#[cfg_attr(not(feature = "abstractive"), allow(dead_code))]
pub(crate) struct Header {
    /// The JSON table.
    pub json: Vec<u8>,
    /// Where the tensors' bytes begin: data offsets count from here.
    pub data_start: u64,
    /// Length of the whole file.
    pub file_len: u64,
}

/// Why a header could not be read; each reader words it for its context.
#[derive(Debug)]
#[cfg_attr(not(feature = "abstractive"), allow(dead_code))]
pub(crate) enum HeaderError {
    /// The file's length could not be had.
    Io(std::io::Error),
    /// Not even the 8 bytes of the header's length.
    NoLength,
    /// The length says more than the file holds.
    TooLong(u64),
    /// The file ended inside the header.
    Truncated(std::io::Error),
}

/// Read the header of `file`, from its start.
pub(crate) fn read_header(file: &mut File) -> Result<Header, HeaderError> {
    let file_len = file.metadata().map_err(HeaderError::Io)?.len();
    let mut len = [0u8; 8];
    file.read_exact(&mut len)
        .map_err(|_| HeaderError::NoLength)?;
    let len = u64::from_le_bytes(len);
    if len > file_len.saturating_sub(8) || len > MAX_HEADER_BYTES {
        return Err(HeaderError::TooLong(len));
    }
    let mut json = vec![0u8; len as usize];
    file.read_exact(&mut json).map_err(HeaderError::Truncated)?;
    Ok(Header {
        json,
        data_start: 8 + len,
        file_len,
    })
}

/// Compare the embedding matrix's rows in a safetensors `header` (its JSON
/// table of shapes) with `vocab_size`.
pub fn check_embedding_rows(header: &[u8], vocab_size: i64) -> Result<(), String> {
    let header: Value = serde_json::from_slice(header)
        .map_err(|e| format!("model.safetensors header is not JSON: {e}"))?;
    let table = header
        .as_object()
        .ok_or("model.safetensors header is not a table")?;
    let embedding = [
        "model.shared.weight",
        "shared.weight",
        "model.encoder.embed_tokens.weight",
    ]
    .iter()
    .find_map(|k| table.get(*k).map(|t| (*k, t)));
    if let Some((key, tensor)) = embedding {
        let rows = tensor.pointer("/shape/0").and_then(Value::as_i64);
        if rows != Some(vocab_size) {
            return Err(format!(
                "config.json vocab_size is {vocab_size} but {key} has {} rows",
                rows.map_or("no".to_owned(), |r| r.to_string())
            ));
        }
    }
    Ok(())
}

/// The dtypes newsdigest's loader reads (`weights.rs`).
pub(crate) const DTYPES: &[&str] = &["F32", "BF16", "F16", "F64", "I64"];

/// Whether every tensor of a safetensors `header` has a dtype the loader
/// reads; the error names the dtype and the tensor.
pub(crate) fn check_dtypes(header: &[u8]) -> Result<(), String> {
    let header: Value = serde_json::from_slice(header)
        .map_err(|e| format!("model.safetensors header is not JSON: {e}"))?;
    let table = header
        .as_object()
        .ok_or("model.safetensors header is not a table")?;
    for (name, tensor) in table.iter().filter(|(n, _)| *n != "__metadata__") {
        match tensor.get("dtype").and_then(Value::as_str) {
            Some(dtype) if DTYPES.contains(&dtype) => {}
            Some(dtype) => {
                return Err(format!(
                    "model.safetensors: unsupported dtype {dtype} for tensor {name} (newsdigest reads {})",
                    DTYPES.join(", ")
                ))
            }
            None => return Err(format!("model.safetensors: tensor {name} has no dtype")),
        }
    }
    Ok(())
}

/// A tensor whose shape `config.json` implies: the names it goes by, the
/// shape, and the keys the shape comes from (for the message).
pub(crate) struct ExpectedShape<'a> {
    pub names: &'a [&'a str],
    pub shape: Vec<i64>,
    pub from: &'a str,
}

/// Compare the shapes of `expected` tensors with a safetensors `header` (its
/// JSON table); a tensor the header lacks is left to the loader, which
/// names it.
pub(crate) fn check_shapes(header: &[u8], expected: &[ExpectedShape]) -> Result<(), String> {
    let header: Value = serde_json::from_slice(header)
        .map_err(|e| format!("model.safetensors header is not JSON: {e}"))?;
    for e in expected {
        let Some((name, tensor)) = e.names.iter().find_map(|n| header.get(*n).map(|t| (n, t)))
        else {
            continue;
        };
        let shape: Option<Vec<i64>> = tensor
            .get("shape")
            .and_then(Value::as_array)
            .and_then(|dims| dims.iter().map(Value::as_i64).collect());
        if shape.as_ref() != Some(&e.shape) {
            return Err(format!(
                "model.safetensors has {name} of shape {}, but config.json makes it {:?} ({})",
                shape.map_or("none".to_owned(), |s| format!("{s:?}")),
                e.shape,
                e.from
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header_of(bytes: &[u8]) -> Result<Header, HeaderError> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        std::fs::write(&path, bytes).unwrap();
        read_header(&mut File::open(&path).unwrap())
    }

    #[test]
    fn the_header_is_the_length_then_the_table() {
        let table = br#"{"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#;
        let mut file = (table.len() as u64).to_le_bytes().to_vec();
        file.extend_from_slice(table);
        file.extend_from_slice(&[0; 4]);
        let h = header_of(&file).unwrap();
        assert_eq!(h.json, table);
        assert_eq!(h.data_start, 8 + table.len() as u64);
        assert_eq!(h.file_len, file.len() as u64);

        assert!(matches!(header_of(&file[..5]), Err(HeaderError::NoLength)));
        let mut lying = file.clone();
        lying[..8].copy_from_slice(&(1u64 << 40).to_le_bytes());
        assert!(matches!(
            header_of(&lying),
            Err(HeaderError::TooLong(n)) if n == 1 << 40
        ));
    }

    #[test]
    fn a_dtype_the_loader_cannot_read_is_named_plainly() {
        check_dtypes(br#"{"__metadata__": {"format": "pt"}, "w": {"dtype": "BF16"}}"#).unwrap();
        let err = check_dtypes(br#"{"a.weight": {"dtype": "F8_E4M3", "shape": [2]}}"#).unwrap_err();
        assert_eq!(
            err,
            "model.safetensors: unsupported dtype F8_E4M3 for tensor a.weight (newsdigest reads F32, BF16, F16, F64, I64)"
        );
        let err = check_dtypes(br#"{"b": {"dtype": 3}}"#).unwrap_err();
        assert_eq!(err, "model.safetensors: tensor b has no dtype");
    }
}
