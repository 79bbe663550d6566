//! A model's weights, from `model.safetensors` or rust-bert's `rust_model.ot`,
//! in the precision asked for.
//!
//! A safetensors file is converted from a memory map straight into its
//! tensors: no float32 copy of the file on the way to bf16. Its tensors are
//! read when taken, one at a time, so that a loader which turns each into
//! something smaller (int8 quantization) never holds the whole file in
//! float32.

use std::collections::HashMap;
use std::fs::File;
use std::path::Path;

use rayon::ThreadPool;
use serde_json::Value;
use tch::{Device, Kind, Tensor};

use super::hub::{shards, SHARD_INDEX};
use super::int8::{self, Floats, Quantized};
use super::safetensors::{read_header, HeaderError};

/// Tensors by name, as found in a weights file.
pub(crate) struct Weights {
    /// Tensors read already (all of a rust-bert `.ot` file).
    map: HashMap<String, Tensor>,
    /// A safetensors file's tensors not read yet.
    pending: Option<Pending>,
}

struct Pending {
    /// The file, or the shards of sharded weights.
    files: Vec<Safetensors>,
    /// Each tensor and the file (index into `files`) it is in.
    entries: HashMap<String, (usize, Entry)>,
    float_kind: Kind,
}

impl Weights {
    /// The tensors of `path`, floating-point ones in `float_kind`; those of
    /// a safetensors file are read when taken.
    /// `model.safetensors.index.json` stands for the shards it names, read
    /// as one file.
    pub fn load(path: &Path, float_kind: Kind) -> Result<Weights, String> {
        let sharded = path.ends_with(SHARD_INDEX);
        let is_safetensors = path.extension().is_some_and(|e| e == "safetensors");
        if sharded || is_safetensors {
            let paths = if sharded {
                let dir = path.parent().unwrap_or(Path::new("."));
                shards(dir)?.into_iter().map(|s| dir.join(s)).collect()
            } else {
                vec![path.to_owned()]
            };
            let mut files = Vec::new();
            let mut all = HashMap::new();
            for (i, p) in paths.iter().enumerate() {
                let (file, entries) = index_safetensors(p)?;
                for e in entries {
                    if all.contains_key(&e.name) {
                        return Err(format!(
                            "{}: tensor {} is in two shards",
                            p.display(),
                            e.name
                        ));
                    }
                    all.insert(e.name.clone(), (i, e));
                }
                files.push(file);
            }
            return Ok(Weights {
                map: HashMap::new(),
                pending: Some(Pending {
                    files,
                    entries: all,
                    float_kind,
                }),
            });
        }
        let list = Tensor::load_multi(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Weights {
            map: list.into_iter().collect(),
            pending: None,
        })
    }

    /// The tensor `key` exactly, read now if it is still in the file (a
    /// floating-point one in `float_kind`, else in the kind given at load).
    fn remove(&mut self, key: &str, float_kind: Option<Kind>) -> Option<Result<Tensor, String>> {
        if let Some(t) = self.map.remove(key) {
            return Some(Ok(t));
        }
        let p = self.pending.as_mut()?;
        let (file, e) = p.entries.remove(key)?;
        Some(read_entry(
            &p.files[file],
            &e,
            float_kind.unwrap_or(p.float_kind),
        ))
    }

    /// The key under which the tensor `name` is stored: its transformers
    /// name, with or without the `model.` prefix (rust-bert's converted files
    /// and some checkpoints drop it).
    fn key(&self, name: &str) -> Result<String, String> {
        let bare = name.strip_prefix("model.").unwrap_or(name);
        [name.to_owned(), bare.to_owned(), format!("model.{bare}")]
            .into_iter()
            .find(|k| {
                self.map.contains_key(k)
                    || self
                        .pending
                        .as_ref()
                        .is_some_and(|p| p.entries.contains_key(k))
            })
            .ok_or_else(|| format!("the weights have no tensor {name}"))
    }

    /// A tensor by its transformers name (see [`Weights::key`]).
    pub(crate) fn take(&mut self, name: &str) -> Result<Tensor, String> {
        self.take_in(name, None)
    }

    /// [`Weights::take`], a floating-point tensor of a safetensors file
    /// converted straight to `float_kind` (a tensor read whole at load is
    /// returned as it is).
    pub(crate) fn take_as(&mut self, name: &str, float_kind: Kind) -> Result<Tensor, String> {
        self.take_in(name, Some(float_kind))
    }

    fn take_in(&mut self, name: &str, float_kind: Option<Kind>) -> Result<Tensor, String> {
        let key = self.key(name)?;
        self.remove(&key, float_kind)
            .unwrap_or_else(|| Err(format!("the weights have no tensor {name}")))
    }

    /// The matrix `name` quantized to int8 per row ([`int8::quantize`]). A
    /// float32 or bf16 matrix of a safetensors file is quantized straight
    /// from its bytes, with no float32 copy of it; any other is read as a
    /// tensor first.
    pub(crate) fn take_int8(&mut self, name: &str, pool: &ThreadPool) -> Result<Quantized, String> {
        let key = self.key(name)?;
        if let Some(p) = self.pending.as_mut() {
            let direct = p
                .entries
                .get(&key)
                .and_then(|(file, e)| quantize_entry(&p.files[*file], e, pool));
            if let Some(quantized) = direct {
                p.entries.remove(&key);
                return quantized;
            }
        }
        int8::quantize_tensor(&self.take(&key)?, pool).map_err(|e| format!("{name}: {e}"))
    }

    /// The shape of the first of `names` present, looked up exactly.
    pub(crate) fn shape(&self, names: &[&str]) -> Option<Vec<i64>> {
        names.iter().find_map(|n| {
            self.map.get(*n).map(Tensor::size).or_else(|| {
                self.pending
                    .as_ref()
                    .and_then(|p| p.entries.get(*n))
                    .map(|(_, e)| e.shape.clone())
            })
        })
    }

    /// [`Weights::take_int8`] of the first of `names` present.
    pub(crate) fn take_any_int8(
        &mut self,
        names: &[&str],
        pool: &ThreadPool,
    ) -> Result<Quantized, String> {
        match names.iter().find(|n| self.key(n).is_ok()) {
            Some(n) => self.take_int8(n, pool),
            None => Err(format!("the weights have none of {}", names.join(", "))),
        }
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

/// An open safetensors file and where its data starts.
struct Safetensors {
    file: File,
    base: u64,
    path: std::path::PathBuf,
}

/// One tensor of a safetensors file: its dtype, shape and byte range
/// (relative to the data start), checked against the file's length.
struct Entry {
    name: String,
    kind: Kind,
    shape: Vec<i64>,
    start: u64,
    end: u64,
}

/// Read every tensor of a safetensors file into its own tensor, floating-point
/// ones converted to `float_kind`, in file order.
#[cfg(test)]
fn load_safetensors(path: &Path, float_kind: Kind) -> Result<Vec<(String, Tensor)>, String> {
    let (file, entries) = index_safetensors(path)?;
    entries
        .into_iter()
        .map(|e| Ok((e.name.clone(), read_entry(&file, &e, float_kind)?)))
        .collect()
}

/// The file's header, checked: every tensor's dtype known and its bytes
/// within the file. Entries in file order.
fn index_safetensors(path: &Path) -> Result<(Safetensors, Vec<Entry>), String> {
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
    let mut entries: Vec<Entry> = Vec::new();
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
        entries.push(Entry {
            name,
            kind,
            shape,
            start,
            end,
        });
    }
    entries.sort_by_key(|e| e.start);
    let file = Safetensors {
        file: f,
        base,
        path: path.to_owned(),
    };
    Ok((file, entries))
}

/// One tensor of the file, floating-point ones converted to `float_kind`.
///
/// The tensor is copied or converted straight from a memory map of its own
/// bytes: peak memory is the converted weights plus one tensor's pages, not
/// the file plus the weights (a bf16 load from an f32 file used to read all
/// of it as f32 first). The map is dropped once the tensor is made, so that
/// the file's pages leave this process's resident set and no tensor refers
/// to the file afterwards.
fn read_entry(st: &Safetensors, e: &Entry, float_kind: Kind) -> Result<Tensor, String> {
    let path = &st.path;
    let (name, kind, shape) = (&e.name, e.kind, &e.shape);
    if e.start == e.end {
        return Ok(Tensor::empty(shape.as_slice(), (kind, Device::Cpu)));
    }
    let map = map_entry(st, e)?;
    let data: &[u8] = &map;
    let is_float = matches!(
        kind,
        Kind::Float | Kind::BFloat16 | Kind::Half | Kind::Double
    );
    let target = if is_float { float_kind } else { kind };
    let aligned = (data.as_ptr() as usize).is_multiple_of(kind.elt_size_in_bytes());
    let t = if target != kind && aligned {
        // A view of the map, converted into a tensor of its own.
        let strides = contiguous_strides(shape);
        // SAFETY: `data` holds exactly the tensor's elements (checked
        // above), is aligned for `kind`, and outlives the view, which is
        // dropped as soon as `to_kind` has copied it, before the map.
        let view = unsafe { Tensor::from_blob(data.as_ptr(), shape, &strides, kind, Device::Cpu) };
        view.to_kind(target)
    } else {
        // A copy (byte-wise, so any alignment), then a conversion if needed.
        let t = Tensor::f_from_data_size(data, shape, kind)
            .map_err(|e| format!("{}: {name}: {e}", path.display()))?;
        if target == kind {
            t
        } else {
            t.to_kind(target)
        }
    };
    Ok(t)
}

/// A read-only memory map of one tensor's bytes (not empty).
fn map_entry(st: &Safetensors, e: &Entry) -> Result<memmap2::Mmap, String> {
    // SAFETY: a read-only map of the tensor's bytes, private to the
    // caller. A file changed by another process meanwhile gives
    // wrong weights (as a plain read would) or, if truncated, a SIGBUS;
    // model files are written once (downloads are renamed into place).
    unsafe {
        memmap2::MmapOptions::new()
            .offset(st.base + e.start)
            .len((e.end - e.start) as usize)
            .map(&st.file)
    }
    .map_err(|err| format!("{}: {err}", st.path.display()))
}

/// A 2-D float32 or bf16 tensor of the file, quantized to int8 per row from
/// a memory map of its bytes; `None` for any other tensor.
fn quantize_entry(
    st: &Safetensors,
    e: &Entry,
    pool: &ThreadPool,
) -> Option<Result<Quantized, String>> {
    let &[rows, cols] = e.shape.as_slice() else {
        return None;
    };
    let bf16 = match e.kind {
        Kind::BFloat16 => true,
        Kind::Float => false,
        _ => return None,
    };
    let quantized = || {
        let map;
        let data: &[u8] = if e.start == e.end {
            &[]
        } else {
            map = map_entry(st, e)?;
            &map
        };
        let floats = if bf16 {
            Floats::Bf16Bytes(data)
        } else {
            Floats::F32Bytes(data)
        };
        int8::quantize(&floats, rows as usize, cols as usize, pool)
            .map_err(|err| format!("{}: {}: {err}", st.path.display(), e.name))
    };
    Some(quantized())
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
    fn int8_matrices_are_quantized_from_the_file_at_any_alignment() {
        let values = [1.0f32, -2.5, 3.0e-3, 0.0, 0.0, 0.0, 1.0 / 3.0, -7.0, 0.5];
        let bf16 = Tensor::from_slice(&values).to_kind(Kind::BFloat16);
        let bf16_bytes: Vec<u8> = Vec::<i16>::try_from(&bf16.view_dtype(Kind::Int16))
            .unwrap()
            .iter()
            .flat_map(|x| x.to_le_bytes())
            .collect();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("model.safetensors");
        for pad in 0..4 {
            let file = safetensors(
                &[
                    ("model.f", "F32", &[3, 3], f32_bytes(&values)),
                    ("b", "BF16", &[3, 3], bf16_bytes.clone()),
                    ("empty", "F32", &[0, 4], Vec::new()),
                    ("vector", "F32", &[3], f32_bytes(&values[..3])),
                ],
                pad,
            );
            std::fs::write(&path, &file).unwrap();
            let mut w = Weights::load(&path, Kind::Float).unwrap();
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(2)
                .build()
                .unwrap();
            // The same numbers as quantizing the tensor made in memory; the
            // names resolve with or without `model.`, as `take` does.
            let want =
                int8::quantize_tensor(&Tensor::from_slice(&values).view([3, 3]), &pool).unwrap();
            let got = w.take_int8("f", &pool).unwrap();
            assert!(got.q.equal(&want.q), "pad {pad}");
            assert!(got.scales.equal(&want.scales), "pad {pad}");
            let got = w.take_any_int8(&["model.b", "b"], &pool).unwrap();
            let want = int8::quantize_tensor(&bf16.view([3, 3]), &pool).unwrap();
            assert!(got.q.equal(&want.q));
            assert_eq!(w.take_int8("empty", &pool).unwrap().q.size(), [0, 4]);
            let err = w.take_int8("vector", &pool).unwrap_err();
            assert!(err.contains("[3]"), "{err}");
            let err = w.take_int8("f", &pool).unwrap_err();
            assert!(err.contains("no tensor f"), "{err}");
        }
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
