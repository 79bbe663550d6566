//! int8 weights: symmetric per-row quantization of a float matrix, and the
//! linear layer that multiplies by it through fbgemm (libtorch's x86
//! quantized engine).
//!
//! Loading is most of int8's cost over bf16, so both steps are parallel:
//! rows are quantized on a pool's threads straight from the file's bytes
//! (no float32 copy of the matrix, no pass per libtorch operator), and
//! matrices are packed on the same pool while the next ones are read
//! ([`Packer`]): fbgemm packs a matrix on one thread, 2.3 ns per weight
//! here, which was 0.9 s of the 1.4 s load of a distilbart-size model.

use std::collections::HashMap;
use std::sync::mpsc::{channel, Receiver, Sender};
use std::sync::OnceLock;

use rayon::prelude::*;
use tch::{Device, Kind, Tensor};

/// A float matrix's elements, row-major, as found in memory or in a file.
pub(crate) enum Floats<'a> {
    F32(&'a [f32]),
    /// Little-endian float32 bytes (a safetensors file, any alignment).
    F32Bytes(&'a [u8]),
    /// Little-endian bfloat16 bytes.
    Bf16Bytes(&'a [u8]),
}

impl Floats<'_> {
    fn len(&self) -> usize {
        match self {
            Floats::F32(v) => v.len(),
            Floats::F32Bytes(b) => b.len() / 4,
            Floats::Bf16Bytes(b) => b.len() / 2,
        }
    }

    /// Row `r` of a matrix `buf.len()` wide: the elements themselves where
    /// they are float32 in memory (a file's bytes when aligned, as
    /// safetensors aligns them), else decoded into `buf`.
    #[inline(always)]
    fn row<'a>(&'a self, r: usize, buf: &'a mut [f32]) -> &'a [f32] {
        let (start, end) = (r * buf.len(), (r + 1) * buf.len());
        match self {
            Floats::F32(v) => &v[start..end],
            Floats::F32Bytes(b) => {
                let bytes = &b[start * 4..end * 4];
                // SAFETY: every bit pattern is a valid f32; `align_to`
                // returns the aligned middle only.
                if let (&[], floats, &[]) = unsafe { bytes.align_to::<f32>() } {
                    if cfg!(target_endian = "little") {
                        return floats;
                    }
                }
                for (x, b) in buf.iter_mut().zip(bytes.chunks_exact(4)) {
                    *x = f32::from_le_bytes([b[0], b[1], b[2], b[3]]);
                }
                buf
            }
            Floats::Bf16Bytes(b) => {
                for (x, b) in buf.iter_mut().zip(b[start * 2..end * 2].chunks_exact(2)) {
                    *x = f32::from_bits(u32::from(u16::from_le_bytes([b[0], b[1]])) << 16);
                }
                buf
            }
        }
    }
}

/// The largest `|x|`, in eight independent lanes so that it compiles to
/// vector instructions (one running maximum is a serial chain).
#[inline(always)]
fn abs_max(row: &[f32]) -> f32 {
    let mut lanes = [0f32; 8];
    let chunks = row.chunks_exact(8);
    let rest = chunks.remainder();
    for c in chunks {
        for (l, x) in lanes.iter_mut().zip(c) {
            *l = l.max(x.abs());
        }
    }
    rest.iter().chain(&lanes).fold(0f32, |m, x| m.max(x.abs()))
}

/// `x` rounded to the nearest integer, ties to even, for `|x| ≤ 2²²`:
/// adding and subtracting 1.5 × 2²³ leaves no fraction bits, and the FPU
/// rounds ties to even. `f32::round_ties_even` is the same number, but a
/// call to libm's `rintf` per weight on the x86-64 baseline (no SSE4.1),
/// which was 29% of a profiled int8 load and inference.
#[inline(always)]
fn round_ties_even_small(x: f32) -> f32 {
    const MAGIC: f32 = 12_582_912.0;
    (x + MAGIC) - MAGIC
}

/// [`quantize_to`] the levels that this CPU's fbgemm multiplies exactly
/// ([`weight_levels`]).
pub(crate) fn quantize(
    w: &Floats,
    rows: usize,
    cols: usize,
    pool: &rayon::ThreadPool,
) -> Result<Quantized, String> {
    quantize_to(w, rows, cols, weight_levels(), pool)
}

/// The largest `|q|` of the weights: 127 where fbgemm's int8 product
/// cannot overflow, 63 where it can.
///
/// Without AVX-512 VNNI, fbgemm multiplies the uint8 input by the int8
/// weights with `vpmaddubsw`, which adds each pair of products into an
/// int16 and saturates it: 2 × 255 × 127 = 64,770 does not fit, and an
/// AVX2-only CPU (an older AMD EPYC) gave relative errors of 1.5–12% on
/// random matrices, against 0.5–0.8% with weights in [-63, 63] (2 × 255
/// × 63 = 32,130 fits). PyTorch avoids it by quantizing the input to 7
/// bits (`reduce_range`), which `fbgemm_linear_int8_weight_fp32_activation`
/// does not offer; the weights give up the bit instead. fbgemm is asked
/// rather than the CPU's flags, since it is fbgemm's choice of kernel that
/// decides: a one-row product whose every pair overflows, once a process.
pub fn weight_levels() -> f32 {
    static LEVELS: OnceLock<f32> = OnceLock::new();
    *LEVELS.get_or_init(|| if fbgemm_saturates() { 63.0 } else { 127.0 })
}

fn fbgemm_saturates() -> bool {
    const COLS: i64 = 64;
    let q = Tensor::full([1, COLS], 127, (Kind::Int8, Device::Cpu));
    // Without fbgemm, int8 fails at packing with its own error.
    let Ok(packed) = Packed::new(&q, &[127 * COLS as i32]) else {
        return false;
    };
    // Ones are quantized to 255 (the input's range is [0, 1]): the dot
    // product is 64 × 127 in the input's scale, each pair 64,770.
    let x = Tensor::ones([1, COLS], (Kind::Float, Device::Cpu));
    let y = packed.forward(&x).double_value(&[0, 0]);
    (y - 127.0 * COLS as f64).abs() > 1.0
}

/// Symmetric per-row int8 quantization of a `[rows, cols]` matrix to
/// `levels` steps each side of zero (127 or 63, see [`weight_levels`]):
/// `(q, scales)` with `w ≈ q * scales[:, None]`, `q` in [-levels, levels]
/// (`scale = max |w_row| / levels`, `q = round(w / scale)`, ties to even as
/// libtorch rounds). A row of zeros gets scale 1 (its `q` is zero either
/// way), so that nothing divides by zero.
///
/// Written by hand over the raw elements rather than as libtorch
/// operators: those make six passes over a float32 copy of the matrix, this
/// one reads each row twice while it is in cache, on `pool`'s threads. The
/// int8 matrix is allocated by the calling thread.
pub(crate) fn quantize_to(
    w: &Floats,
    rows: usize,
    cols: usize,
    levels: f32,
    pool: &rayon::ThreadPool,
) -> Result<Quantized, String> {
    if rows.checked_mul(cols) != Some(w.len()) {
        return Err(format!(
            "{} elements do not make a [{rows}, {cols}] matrix",
            w.len()
        ));
    }
    let shape = [rows as i64, cols as i64];
    let q = Tensor::empty(shape, (Kind::Int8, Device::Cpu));
    let mut scales = vec![0f32; rows];
    let mut row_sums = vec![0i32; rows];
    if rows > 0 && cols > 0 {
        // Written in place: `Tensor::from_slice` would zero a new tensor
        // (a libtorch fill, which wakes its OpenMP threads to spin on the
        // cores that quantize and pack) and then copy into it.
        // SAFETY: `q` is a new contiguous CPU tensor of `rows * cols`
        // int8 elements (not empty, so its pointer is not null), owned
        // here and not read until the slice is gone.
        let data =
            unsafe { std::slice::from_raw_parts_mut(q.data_ptr().cast::<i8>(), rows * cols) };
        pool.install(|| {
            data.par_chunks_mut(cols)
                .zip(scales.par_iter_mut().zip(row_sums.par_iter_mut()))
                .enumerate()
                .for_each_init(
                    || vec![0f32; cols],
                    |buf, (r, (q_row, (scale, sum)))| {
                        (*scale, *sum) = quantize_row(w, r, levels, buf, q_row);
                    },
                )
        });
    }
    Ok(Quantized {
        q,
        scales: Tensor::from_slice(&scales),
        row_sums,
    })
}

/// Row `r` of `w` into `q_row`, through `buf` (scratch of the row's
/// width, unused where the row can be read in place): its scale and the
/// sum of its `q`. Compiled for AVX2 where the CPU has it (as every CPU
/// that runs fbgemm's int8 kernels does), since the x86-64 baseline's SSE2
/// turns the float-to-int8 conversion into a scalar loop.
fn quantize_row(
    w: &Floats,
    r: usize,
    levels: f32,
    buf: &mut [f32],
    q_row: &mut [i8],
) -> (f32, i32) {
    #[cfg(target_arch = "x86_64")]
    if is_x86_feature_detected!("avx2") {
        #[target_feature(enable = "avx2")]
        fn avx2(
            w: &Floats,
            r: usize,
            levels: f32,
            buf: &mut [f32],
            q_row: &mut [i8],
        ) -> (f32, i32) {
            quantize_row_portable(w, r, levels, buf, q_row)
        }
        // SAFETY: the CPU has AVX2, checked just above.
        return unsafe { avx2(w, r, levels, buf, q_row) };
    }
    quantize_row_portable(w, r, levels, buf, q_row)
}

#[inline(always)]
fn quantize_row_portable(
    w: &Floats,
    r: usize,
    levels: f32,
    buf: &mut [f32],
    q_row: &mut [i8],
) -> (f32, i32) {
    // At most 127, so that every `q` fits an i8 (the conversion below
    // relies on it).
    let levels = levels.clamp(1.0, 127.0);
    let row = w.row(r, buf);
    let max = abs_max(row);
    let scale = if max > 0.0 { max } else { levels } / levels;
    // Times the inverse, as libtorch's quantizer computes (a division
    // rounds a few weights in a million differently).
    let inverse = 1.0 / scale;
    for (q, x) in q_row.iter_mut().zip(row.iter()) {
        // Clamped first, so that the rounding's range holds.
        let y = round_ties_even_small((x * inverse).clamp(-levels, levels));
        // A NaN weight (a broken checkpoint) is 0, as `as` would make it.
        let y = if y.is_nan() { 0.0 } else { y };
        // SAFETY: `y` is an integer in [-127, 127]. `as` would be a
        // saturating conversion, one scalar instruction and two branches
        // per weight (18% of an int8 load's profile); this one vectorizes.
        *q = unsafe { y.to_int_unchecked::<i32>() } as i8;
    }
    (scale, q_row.iter().map(|&q| i32::from(q)).sum())
}

/// A matrix quantized by [`quantize`].
#[derive(Debug)]
pub(crate) struct Quantized {
    /// `[rows, cols]` int8.
    pub q: Tensor,
    /// `[rows]` float32: row `i` is `q[i] * scales[i]`.
    pub scales: Tensor,
    /// Each row's sum of `q`, which fbgemm needs beside the packed matrix;
    /// summed here, in the same pass, because a libtorch reduction per
    /// matrix wakes its OpenMP threads, which then spin on the cores that
    /// pack.
    row_sums: Vec<i32>,
}

impl Quantized {
    /// The same matrix, its tensors shared (a model's LM head is packed
    /// from the rows its int8 embedding looks up).
    pub(crate) fn share(&self) -> Quantized {
        Quantized {
            q: self.q.shallow_clone(),
            scales: self.scales.shallow_clone(),
            row_sums: self.row_sums.clone(),
        }
    }
}

/// [`quantize`] of a 2-D tensor (rust-bert's `.ot` weights, which are read
/// whole, or a test's matrix).
pub(crate) fn quantize_tensor(w: &Tensor, pool: &rayon::ThreadPool) -> Result<Quantized, String> {
    let (rows, cols) = w.size2().map_err(|e| e.to_string())?;
    let flat = w.to_kind(Kind::Float).contiguous().view([-1]);
    let v = Vec::<f32>::try_from(&flat).map_err(|e| e.to_string())?;
    quantize(&Floats::F32(&v), rows as usize, cols as usize, pool)
}

/// Output rows per packed block. fbgemm both multiplies and packs a tall
/// matrix faster in blocks (measured here, PyTorch on the same libtorch,
/// 1024 inputs): packing costs 2.1 ns per weight at 8 K rows, 3.1 at 25 K
/// and 7.6 at 50 K, and BART's 50 K-row LM head takes 1.16–1.24 ms for 4
/// input rows and 5.3–5.4 ms for 32 as 6 to 8 blocks, against 1.8 and
/// 9.9 ms as 2 blocks of 25 K. Packing is most of an int8 load, so the smaller blocks also
/// bring it from 0.65 to 0.60 s on a distilbart-size model.
const BLOCK_ROWS: i64 = 8 * 1024;

/// A linear layer with int8 weights, symmetric per output channel, and
/// float32 activations, through fbgemm.
///
/// libtorch's per-channel `quantized::linear_dynamic` is not in tch's API;
/// its older `fbgemm_linear_int8_weight_fp32_activation` is, and takes one
/// scale for the whole matrix. Called with scale 1 and no bias, its output is
/// the int32 dot products times the input's (dynamic, per-tensor) scale;
/// multiplying that by each channel's scale and adding the bias gives what
/// the per-channel operator computes (the same numbers, checked in
/// `int8_linear_matches_its_dequantized_weights`).
pub(crate) struct QLinear {
    /// The weight matrix's row blocks (see [`BLOCK_ROWS`]), in order.
    blocks: Vec<Packed>,
    /// `[out]`, float32.
    scales: Tensor,
    /// `[out]`, float32 (zeros when the layer has none).
    bias: Tensor,
    /// `[out, in]`.
    size: [i64; 2],
}

/// One row block of a matrix, packed for fbgemm.
struct Packed {
    packed: Tensor,
    /// Sum of each output channel's int8 weights (fbgemm's zero-point
    /// correction for the input's offset).
    col_offsets: Tensor,
    zeros: Tensor,
    /// `[out, in]` of stride 0: the operator reads only its shape, and a
    /// real matrix would hold a second copy of the weights.
    shape: Tensor,
}

impl Packed {
    fn new(q: &Tensor, row_sums: &[i32]) -> Result<Packed, String> {
        let (out, inp) = q.size2().map_err(|e| e.to_string())?;
        let packed = q
            .f_fbgemm_pack_quantized_matrix()
            .map_err(|e| format!("int8 weights need fbgemm (an x86 CPU with AVX2): {e}"))?;
        Ok(Packed {
            packed,
            col_offsets: Tensor::from_slice(row_sums),
            zeros: Tensor::zeros([out], (Kind::Float, Device::Cpu)),
            shape: Tensor::zeros([1, 1], (Kind::Int8, Device::Cpu)).expand([out, inp], false),
        })
    }

    fn forward(&self, x: &Tensor) -> Tensor {
        x.fbgemm_linear_int8_weight_fp32_activation(
            &self.shape,
            &self.packed,
            &self.col_offsets,
            // Scale a float, zero point an integer, as libtorch checks.
            tch::Scalar::float(1.0),
            tch::Scalar::int(0),
            &self.zeros,
        )
    }
}

impl QLinear {
    /// The layer of the quantized matrix `w`, packed (no bias yet).
    pub(crate) fn pack(w: &Quantized) -> Result<QLinear, String> {
        let (out, inp) = w.q.size2().map_err(|e| e.to_string())?;
        let count = ((out + BLOCK_ROWS - 1) / BLOCK_ROWS).max(1);
        let rows = (out + count - 1) / count;
        let blocks = (0..count)
            .map(|i| {
                let start = i * rows;
                let len = rows.min(out - start);
                let sums = &w.row_sums[start as usize..(start + len) as usize];
                Packed::new(&w.q.narrow(0, start, len), sums)
            })
            .collect::<Result<_, _>>()?;
        Ok(QLinear {
            blocks,
            scales: w.scales.shallow_clone(),
            bias: Tensor::zeros([out], (Kind::Float, Device::Cpu)),
            size: [out, inp],
        })
    }

    pub(crate) fn with_bias(mut self, bias: Option<&Tensor>) -> QLinear {
        if let Some(b) = bias {
            self.bias = b.to_kind(Kind::Float).contiguous();
        }
        self
    }

    /// `[out, in]`.
    pub(crate) fn size(&self) -> [i64; 2] {
        self.size
    }

    pub(crate) fn forward(&self, x: &Tensor) -> Tensor {
        let y = match self.blocks.as_slice() {
            [one] => one.forward(x),
            blocks => Tensor::cat(&blocks.iter().map(|b| b.forward(x)).collect::<Vec<_>>(), -1),
        };
        self.bias.addcmul(&y, &self.scales)
    }
}

/// Quantizes a model's matrices and packs them for fbgemm, on a pool of
/// `threads` threads, packing one matrix while the next is read.
///
/// Packing is most of an int8 load (fbgemm packs a matrix on one thread,
/// 2.3 ns per weight here), so matrices are packed in parallel; at most
/// `threads` wait to be packed, so that few quantized copies are alive at
/// once. The int8 matrices are made on the calling thread and only filled
/// on the pool: memory glibc gives a thread is reused by that thread, and
/// a matrix freed after packing is then there for the model's activations,
/// which the calling thread allocates.
pub(crate) struct Packer {
    pool: rayon::ThreadPool,
    done_tx: Sender<(String, Result<QLinear, String>)>,
    done_rx: Receiver<(String, Result<QLinear, String>)>,
    in_flight: usize,
    packed: HashMap<String, QLinear>,
}

impl Packer {
    pub(crate) fn new(threads: usize) -> Result<Packer, String> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build()
            .map_err(|e| format!("threads for int8 loading: {e}"))?;
        let (done_tx, done_rx) = channel();
        Ok(Packer {
            pool,
            done_tx,
            done_rx,
            in_flight: 0,
            packed: HashMap::new(),
        })
    }

    /// The pool's threads, for quantizing a matrix's rows.
    pub(crate) fn pool(&self) -> &rayon::ThreadPool {
        &self.pool
    }

    /// Pack `w` as `name`, in the background; waits while `threads`
    /// matrices are waiting already.
    pub(crate) fn submit(&mut self, name: String, w: Quantized) -> Result<(), String> {
        while self.in_flight >= self.pool.current_num_threads() {
            self.receive()?;
        }
        let done = self.done_tx.clone();
        self.in_flight += 1;
        self.pool.spawn(move || {
            // The receiver outlives every job (`finish` waits for all).
            let _ = done.send((name, QLinear::pack(&w)));
        });
        Ok(())
    }

    fn receive(&mut self) -> Result<(), String> {
        let (name, layer) = self
            .done_rx
            .recv()
            .map_err(|_| String::from("an int8 packing thread stopped"))?;
        self.in_flight -= 1;
        let layer = layer.map_err(|e| format!("{name}: {e}"))?;
        self.packed.insert(name, layer);
        Ok(())
    }

    /// Every matrix submitted, packed, by name.
    pub(crate) fn finish(mut self) -> Result<HashMap<String, QLinear>, String> {
        while self.in_flight > 0 {
            self.receive()?;
        }
        Ok(self.packed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(v: &[f32], cols: i64) -> Tensor {
        Tensor::from_slice(v).view([-1, cols])
    }

    fn pool() -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap()
    }

    /// `w` quantized to 127 levels, whatever this CPU's fbgemm needs.
    fn quantized(w: &Tensor) -> Quantized {
        let (rows, cols) = w.size2().unwrap();
        let v = Vec::<f32>::try_from(&w.to_kind(Kind::Float).contiguous().view([-1])).unwrap();
        quantize_to(
            &Floats::F32(&v),
            rows as usize,
            cols as usize,
            127.0,
            &pool(),
        )
        .unwrap()
    }

    /// `w` quantized as a model's weights are on this CPU.
    fn quantized_here(w: &Tensor) -> Quantized {
        quantize_tensor(w, &pool()).unwrap()
    }

    #[test]
    fn quantized_rows_are_within_half_a_step_of_the_weights() {
        let w = matrix(&[0.5f32, -1.0, 0.25, 0.0, 0.0, 0.0, 3.0, 1.0, -0.001], 3);
        let Quantized {
            q,
            scales: s,
            row_sums,
        } = quantized(&w);
        assert_eq!(q.kind(), Kind::Int8);
        assert_eq!(row_sums, [64 - 127 + 32, 0, 127 + 42]);
        assert_eq!(
            Vec::<f32>::try_from(&s).unwrap(),
            [1.0 / 127.0, 1.0, 3.0 / 127.0]
        );
        // Each row's largest weight is exactly ±127 steps.
        assert_eq!(
            Vec::<i64>::try_from(q.to_kind(Kind::Int64).view([-1])).unwrap()[..3],
            [64, -127, 32]
        );
        let back = q.to_kind(Kind::Float) * s.unsqueeze(1);
        let err = (back - &w).abs().max().double_value(&[]);
        assert!(err <= 3.0 / 127.0 / 2.0 + 1e-7, "{err}");
    }

    #[test]
    fn quantization_is_libtorch_s_own_from_every_source() {
        tch::manual_seed(3);
        // Wide enough that a quantizer dividing by the scale instead of
        // multiplying by its inverse, as libtorch does, rounds some weight
        // differently.
        let (rows, cols) = (4096, 1024);
        let w = Tensor::randn([rows, cols], (Kind::Float, Device::Cpu));
        let v = Vec::<f32>::try_from(&w.view([-1])).unwrap();
        let bytes: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
        // The file's bytes at an odd address too: decoded, not cast.
        let mut shifted = vec![0u8];
        shifted.extend_from_slice(&bytes);
        // Both widths that `weight_levels` may choose.
        for levels in [127.0, 63.0] {
            let want_scales = w.abs().amax([1], false) / f64::from(levels);
            let want = w
                .quantize_per_channel(
                    &want_scales.to_kind(Kind::Double),
                    &Tensor::zeros([rows], (Kind::Int64, Device::Cpu)),
                    0,
                    Kind::QInt8,
                )
                .int_repr();
            let sources = [
                Floats::F32(&v),
                Floats::F32Bytes(&bytes),
                Floats::F32Bytes(&shifted[1..]),
            ];
            for source in sources {
                let got =
                    quantize_to(&source, rows as usize, cols as usize, levels, &pool()).unwrap();
                assert!(got.q.equal(&want), "{levels} levels");
                assert!(got.scales.allclose(&want_scales, 0.0, 0.0, false));
                let sums = want.to_kind(Kind::Int).sum_dim_intlist(1, false, Kind::Int);
                assert_eq!(got.row_sums, Vec::<i32>::try_from(&sums).unwrap());
            }
        }
        // bf16 bytes give the bf16 matrix's quantization.
        let b = w.to_kind(Kind::BFloat16);
        let bits = Vec::<i16>::try_from(&b.view([-1]).view_dtype(Kind::Int16)).unwrap();
        let bytes: Vec<u8> = bits.iter().flat_map(|x| x.to_le_bytes()).collect();
        let got = quantize_to(
            &Floats::Bf16Bytes(&bytes),
            rows as usize,
            cols as usize,
            127.0,
            &pool(),
        )
        .unwrap();
        assert!(got.q.equal(&quantized(&b).q));
    }

    #[test]
    fn a_nan_weight_quantizes_to_zero_and_leaves_its_row_s_scale() {
        let w = [0.5f32, f32::NAN, -1.0, 0.25];
        let got = quantize_to(&Floats::F32(&w), 1, 4, 127.0, &pool()).unwrap();
        let q = Vec::<i8>::try_from(&got.q.view([-1])).unwrap();
        assert_eq!(q, [64, 0, -127, 32]);
        assert_eq!(Vec::<f32>::try_from(&got.scales).unwrap(), [1.0 / 127.0]);
    }

    #[test]
    fn a_shape_that_does_not_fit_the_elements_is_an_error() {
        let Err(err) = quantize(&Floats::F32(&[1.0; 6]), 4, 2, &pool()) else {
            panic!("six elements made a [4, 2] matrix");
        };
        assert!(err.contains("[4, 2]"), "{err}");
    }

    fn layer(w: &Tensor, b: Option<&Tensor>) -> QLinear {
        QLinear::pack(&quantized_here(w)).unwrap().with_bias(b)
    }

    #[test]
    fn int8_linear_matches_its_dequantized_weights() {
        tch::manual_seed(7);
        let w = Tensor::randn([48, 64], (Kind::Float, Device::Cpu)) * 0.05;
        let b = Tensor::randn([48], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([2, 3, 64], (Kind::Float, Device::Cpu));
        let got = layer(&w, Some(&b)).forward(&x);
        assert_eq!(got.size(), [2, 3, 48]);
        let Quantized { q, scales, .. } = quantized_here(&w);
        let want = x.linear(&(q.to_kind(Kind::Float) * scales.unsqueeze(1)), Some(&b));
        // What is left is the input's dynamic 8-bit quantization.
        let rel = ((&got - &want).norm() / want.norm()).double_value(&[]);
        assert!(rel < 0.02, "relative error {rel}");
        // The bias is there: without it the output is off by its size.
        let no_bias = layer(&w, None).forward(&x);
        let diff = (&got - no_bias - &b).abs().max().double_value(&[]);
        assert!(diff < 1e-4, "{diff}");
    }

    #[test]
    fn the_largest_weights_multiply_without_overflow() {
        // Every input at the top of its range against every weight at the
        // top of its: where fbgemm adds pairs of products in int16, 127
        // levels overflow and the product comes out about half.
        let w = Tensor::ones([2, 256], (Kind::Float, Device::Cpu));
        let x = Tensor::ones([3, 256], (Kind::Float, Device::Cpu));
        let got = layer(&w, None).forward(&x);
        let err = (got - 256.0).abs().max().double_value(&[]);
        assert!(err < 0.01, "off by {err} of 256");
    }

    #[test]
    fn a_matrix_of_several_blocks_multiplies_as_one() {
        tch::manual_seed(11);
        // Five rows past one block: two blocks, the second shorter.
        let out = BLOCK_ROWS + 5;
        let w = Tensor::randn([out, 16], (Kind::Float, Device::Cpu));
        let x = Tensor::randn([3, 16], (Kind::Float, Device::Cpu));
        let quantized = quantized_here(&w);
        let l = QLinear::pack(&quantized).unwrap();
        assert_eq!(l.blocks.len(), 2);
        assert_eq!(l.size(), [out, 16]);
        let Quantized { q, scales, .. } = quantized;
        let exact = x.matmul(&(q.to_kind(Kind::Float) * scales.unsqueeze(1)).tr());
        let got = l.forward(&x);
        assert_eq!(got.size(), [3, out]);
        let rel = ((&got - &exact).norm() / exact.norm()).double_value(&[]);
        assert!(rel < 0.02, "relative error {rel}");
        // The last rows are those of the second block, in place.
        let tail = |t: &Tensor| t.narrow(1, out - 5, 5);
        let rel = ((tail(&got) - tail(&exact)).norm() / tail(&exact).norm()).double_value(&[]);
        assert!(rel < 0.02, "relative error of the last rows {rel}");
    }

    #[test]
    fn the_packer_packs_every_matrix_submitted_under_its_name() {
        tch::manual_seed(5);
        let mut packer = Packer::new(2).unwrap();
        let weights: Vec<Tensor> = (0..5)
            .map(|i| Tensor::randn([8 + i, 12], (Kind::Float, Device::Cpu)))
            .collect();
        for (i, w) in weights.iter().enumerate() {
            let q = quantize_tensor(w, packer.pool()).unwrap();
            packer.submit(format!("m{i}"), q).unwrap();
        }
        let packed = packer.finish().unwrap();
        assert_eq!(packed.len(), 5);
        let x = Tensor::randn([2, 12], (Kind::Float, Device::Cpu));
        for (i, w) in weights.iter().enumerate() {
            let got = packed[&format!("m{i}")].forward(&x);
            let want = x.matmul(&w.tr());
            let rel = ((&got - &want).norm() / want.norm()).double_value(&[]);
            assert!(rel < 0.03, "m{i}: relative error {rel}");
        }
    }
}
