//! A model's weights, from `model.safetensors` or rust-bert's `rust_model.ot`,
//! in the precision asked for.
//!
//! A safetensors file is converted from a memory map straight into its
//! tensors: no float32 copy of the file on the way to bf16.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use serde_json::Value;
use tch::{Device, Kind, Tensor};

use super::safetensors::{read_header, HeaderError};

/// Tensors by name, as found in a weights file.
pub(crate) struct Weights {
    map: HashMap<String, Tensor>,
}

impl Weights {
    /// Every tensor of `path`, floating-point ones in `float_kind`.
    pub fn load(path: &Path, float_kind: Kind) -> Result<Weights, String> {
        let is_safetensors = path.extension().is_some_and(|e| e == "safetensors");
        let list = if is_safetensors {
            load_safetensors(path, float_kind)?
        } else {
            Tensor::load_multi(path).map_err(|e| format!("{}: {e}", path.display()))?
        };
        Ok(Weights {
            map: list.into_iter().collect(),
        })
    }

    /// A tensor by its transformers name, with or without the `model.` prefix
    /// (rust-bert's converted files and some checkpoints drop it).
    pub(crate) fn take(&mut self, name: &str) -> Result<Tensor, String> {
        let bare = name.strip_prefix("model.").unwrap_or(name);
        for key in [name.to_owned(), bare.to_owned(), format!("model.{bare}")] {
            if let Some(t) = self.map.remove(&key) {
                return Ok(t);
            }
        }
        Err(format!("the weights have no tensor {name}"))
    }

    /// The first of `names` present, looked up exactly, left in place.
    pub(crate) fn find(&self, names: &[&str]) -> Option<&Tensor> {
        names.iter().find_map(|n| self.map.get(*n))
    }

    pub(crate) fn take_any(&mut self, names: &[&str]) -> Result<Tensor, String> {
        for n in names {
            if let Ok(t) = self.take(n) {
                return Ok(t);
            }
        }
        Err(format!("the weights have none of {}", names.join(", ")))
    }
}

/// Read every tensor of a safetensors file into its own tensor, floating-point
/// ones converted to `float_kind`.
///
/// Each tensor is copied or converted straight from a memory map of its own
/// bytes: one pass over the page cache, and peak memory is the converted
/// weights plus one tensor's pages, not the file plus the weights (a bf16
/// load from an f32 file used to read all of it as f32 first). Each map is
/// dropped once its tensor is made, so that the file's pages leave this
/// process's resident set and no tensor refers to the file afterwards.
fn load_safetensors(path: &Path, float_kind: Kind) -> Result<Vec<(String, Tensor)>, String> {
    let err = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut f = File::open(path).map_err(err)?;
    let header = read_header(&mut f).map_err(|e| match e {
        HeaderError::Io(e) | HeaderError::Truncated(e) => err(e),
        HeaderError::NoLength => format!("{}: too short for a safetensors file", path.display()),
        HeaderError::TooLong(_) => format!("{}: header exceeds the file", path.display()),
    })?;
    let (base, file_len) = (header.data_start, header.file_len);
    let header: serde_json::Map<String, Value> =
        serde_json::from_slice(&header.json).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut entries: Vec<(String, Kind, Vec<i64>, u64, u64)> = Vec::new();
    for (name, info) in header {
        if name == "__metadata__" {
            continue;
        }
        let bad = || format!("{}: bad header entry {name}", path.display());
        let kind = match info.get("dtype").and_then(Value::as_str) {
            Some("F32") => Kind::Float,
            Some("BF16") => Kind::BFloat16,
            Some("F16") => Kind::Half,
            Some("F64") => Kind::Double,
            Some("I64") => Kind::Int64,
            Some(other) => {
                return Err(format!(
                    "{}: unsupported dtype {other} for tensor {name}",
                    path.display()
                ))
            }
            None => return Err(format!("{}: tensor {name} has no dtype", path.display())),
        };
        let shape: Vec<i64> = info
            .get("shape")
            .and_then(Value::as_array)
            .ok_or_else(bad)?
            .iter()
            .map(|d| d.as_i64().filter(|d| *d >= 0).ok_or_else(bad))
            .collect::<Result<_, _>>()?;
        let offsets = info
            .get("data_offsets")
            .and_then(Value::as_array)
            .ok_or_else(bad)?;
        let (start, end) = match offsets.as_slice() {
            [s, e] => (s.as_u64().ok_or_else(bad)?, e.as_u64().ok_or_else(bad)?),
            _ => return Err(bad()),
        };
        let elements = shape
            .iter()
            .try_fold(1u64, |n, d| n.checked_mul(*d as u64))
            .and_then(|n| n.checked_mul(kind.elt_size_in_bytes() as u64));
        if end < start
            || base.checked_add(end).is_none_or(|e| e > file_len)
            || elements != Some(end - start)
        {
            return Err(format!(
                "{}: {name} does not fit its data (file truncated?)",
                path.display()
            ));
        }
        entries.push((name, kind, shape, start, end));
    }
    entries.sort_by_key(|e| e.3);
    let mut out = Vec::with_capacity(entries.len());
    for (name, kind, shape, start, end) in entries {
        if start == end {
            out.push((name, Tensor::empty(shape.as_slice(), (kind, Device::Cpu))));
            continue;
        }
        // SAFETY: a read-only map of the tensor's bytes, private to this
        // loop iteration. A file changed by another process meanwhile gives
        // wrong weights (as a plain read would) or, if truncated, a SIGBUS;
        // model files are written once (downloads are renamed into place).
        let map = unsafe {
            memmap2::MmapOptions::new()
                .offset(base + start)
                .len((end - start) as usize)
                .map(&f)
        }
        .map_err(err)?;
        let data: &[u8] = &map;
        let is_float = matches!(
            kind,
            Kind::Float | Kind::BFloat16 | Kind::Half | Kind::Double
        );
        let target = if is_float { float_kind } else { kind };
        let aligned = (data.as_ptr() as usize).is_multiple_of(kind.elt_size_in_bytes());
        let t = if target != kind && aligned {
            // A view of the map, converted into a tensor of its own.
            let strides = contiguous_strides(&shape);
            // SAFETY: `data` holds exactly the tensor's elements (checked
            // above), is aligned for `kind`, and outlives the view, which is
            // dropped as soon as `to_kind` has copied it, before the map.
            let view =
                unsafe { Tensor::from_blob(data.as_ptr(), &shape, &strides, kind, Device::Cpu) };
            view.to_kind(target)
        } else {
            // A copy (byte-wise, so any alignment), then a conversion if needed.
            let t = Tensor::f_from_data_size(data, &shape, kind)
                .map_err(|e| format!("{}: {name}: {e}", path.display()))?;
            if target == kind {
                t
            } else {
                t.to_kind(target)
            }
        };
        out.push((name, t));
    }
    Ok(out)
}

/// Row-major strides of a contiguous tensor of `shape`.
fn contiguous_strides(shape: &[i64]) -> Vec<i64> {
    let mut strides = vec![1i64; shape.len()];
    for i in (0..shape.len().saturating_sub(1)).rev() {
        strides[i] = strides[i + 1] * shape[i + 1];
    }
    strides
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A safetensors file of `tensors` (name, dtype, shape, raw bytes), with
    /// `pad` spaces in the header so that data offsets can be misaligned.
    fn safetensors(tensors: &[(&str, &str, &[i64], Vec<u8>)], pad: usize) -> Vec<u8> {
        let mut entries = Vec::new();
        let mut data = Vec::new();
        for (name, dtype, shape, bytes) in tensors {
            entries.push(format!(
                "\"{name}\":{{\"dtype\":\"{dtype}\",\"shape\":{shape:?},\"data_offsets\":[{},{}]}}",
                data.len(),
                data.len() + bytes.len()
            ));
            data.extend_from_slice(bytes);
        }
        let header = format!("{{{}}}{}", entries.join(","), " ".repeat(pad));
        let mut file = (header.len() as u64).to_le_bytes().to_vec();
        file.extend_from_slice(header.as_bytes());
        file.extend_from_slice(&data);
        file
    }

    fn f32_bytes(v: &[f32]) -> Vec<u8> {
        v.iter().flat_map(|x| x.to_le_bytes()).collect()
    }

    fn load(file: &[u8], kind: Kind) -> Result<Vec<(String, Tensor)>, String> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        std::fs::write(&path, file).unwrap();
        load_safetensors(&path, kind)
    }

    #[test]
    fn floats_convert_to_the_kind_asked_for_at_any_alignment() {
        let values = [1.0f32, -2.5, 3.0e-3, 65504.0, 1.0 / 3.0, 0.0];
        let ids: Vec<u8> = [7i64, -1].iter().flat_map(|x| x.to_le_bytes()).collect();
        for pad in 0..8 {
            let file = safetensors(
                &[
                    ("w", "F32", &[2, 3], f32_bytes(&values)),
                    ("ids", "I64", &[2], ids.clone()),
                    ("empty", "F32", &[0, 4], Vec::new()),
                ],
                pad,
            );
            for kind in [Kind::Float, Kind::BFloat16] {
                let tensors: HashMap<String, Tensor> =
                    load(&file, kind).unwrap().into_iter().collect();
                let w = &tensors["w"];
                assert_eq!((w.kind(), w.size()), (kind, vec![2, 3]), "pad {pad}");
                // The same rounding as converting an f32 tensor made in memory.
                let expected = Tensor::from_slice(&values).view([2, 3]).to_kind(kind);
                assert!(w.equal(&expected), "pad {pad} {kind:?}");
                let ids = &tensors["ids"];
                assert_eq!(ids.kind(), Kind::Int64);
                assert_eq!(Vec::<i64>::try_from(ids).unwrap(), [7, -1]);
                assert_eq!(tensors["empty"].size(), [0, 4]);
            }
        }
    }

    #[test]
    fn a_truncated_or_inconsistent_file_is_an_error() {
        let file = safetensors(&[("w", "F32", &[2, 3], f32_bytes(&[0.0; 6]))], 0);
        let err = load(&file[..file.len() - 1], Kind::Float).unwrap_err();
        assert!(err.contains("w does not fit its data"), "{err}");
        let wrong_shape = safetensors(&[("w", "F32", &[2, 4], f32_bytes(&[0.0; 6]))], 0);
        let err = load(&wrong_shape, Kind::BFloat16).unwrap_err();
        assert!(err.contains("w does not fit its data"), "{err}");
        let huge = safetensors(
            &[("w", "F32", &[1 << 40, 1 << 40], f32_bytes(&[0.0; 6]))],
            0,
        );
        assert!(load(&huge, Kind::Float).is_err());
        let err = load(&file[..5], Kind::Float).unwrap_err();
        assert!(err.contains("too short"), "{err}");
        let fp8 = safetensors(&[("w", "F8_E4M3", &[2], vec![0, 0])], 0);
        let err = load(&fp8, Kind::Float).unwrap_err();
        assert!(
            err.ends_with("model.safetensors: unsupported dtype F8_E4M3 for tensor w"),
            "{err}"
        );
        let mut lying = file.clone();
        lying[..8].copy_from_slice(&(1u64 << 40).to_le_bytes());
        let err = load(&lying, Kind::Float).unwrap_err();
        assert!(err.contains("header exceeds the file"), "{err}");
    }
}
