//! BART's forward pass for generation, written against libtorch (tch) with the
//! operations and shapes of transformers' `BartForConditionalGeneration`
//! (eager attention), so that its numbers are the reference's.
//!
//! Why not rust-bert's BART: at every decoding step its attention deep-copies
//! the whole key/value cache (`LayerState::clone` then `key_states.copy()`),
//! and its beam search re-orders the encoder output and the cross-attention
//! cache by beam, which are the same for every beam of an article. Here:
//! - the cross-attention keys/values are computed once per article (not per
//!   beam) and never copied: the beams of an article are the query rows of one
//!   attention product against them;
//! - the self-attention cache is preallocated to `max_length` and written in
//!   place; re-ordering by beam copies only the filled prefix, and only when
//!   the beam order changed;
//! - weights are converted from a memory map of `model.safetensors` straight
//!   into their tensors, in the precision asked for (no f32 copy of the file
//!   on the way to bf16), or read from rust-bert's `rust_model.ot`
//!   (`weights.rs`).
//!
//! The model knows its dimensions ([`BartDims`], read from `config.json` by
//! `model_config.rs`) and its weights; the search over it (`generate.rs`)
//! and the special tokens it needs are not its business.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::Path;

use tch::{Device, Kind, Tensor};

use super::int8::{self, Packer, QLinear};
use super::model_config::BartDims;
use super::weights::Weights;

enum Linear {
    Float { w: Tensor, b: Option<Tensor> },
    Int8(QLinear),
}

impl Linear {
    fn forward(&self, x: &Tensor) -> Tensor {
        match self {
            Linear::Float { w, b } => project(x, w, b.as_ref()),
            Linear::Int8(q) => q.forward(x),
        }
    }
}

/// The token embedding, which BART also uses as its output projection.
enum Embedding {
    Float(Tensor),
    /// int8 rows and their scales, for the input lookup (the output
    /// projection has its own packed copy).
    Int8 {
        q: Tensor,
        scales: Tensor,
    },
}

/// Rows of an FFN computed at once (see [`Bart::feed_forward`]).
const FFN_ROWS: i64 = 2048;

/// Rows at or under which a float32 projection is computed as `W · xᵀ`.
const FEW_ROWS: i64 = 64;

/// `x · wᵀ + b` over the last dimension of `x`.
///
/// With few rows (a decoding step: articles × beams) and float32 weights,
/// libtorch's MKL packs the whole weight matrix for `x · wᵀ` at every call,
/// which costs more than the product; `(w · xᵀ)ᵀ` packs only `x` and reads
/// `w` once. Measured here (2 threads): 2.3× faster for the LM head at 4
/// rows, 1.25× at 32. bf16 goes through oneDNN, which has no such cost.
fn project(x: &Tensor, w: &Tensor, b: Option<&Tensor>) -> Tensor {
    let size = x.size();
    let d = size.last().copied().unwrap_or(1);
    let rows = if d == 0 { 0 } else { x.numel() as i64 / d };
    if x.kind() != Kind::Float || rows > FEW_ROWS || rows == 0 {
        return x.linear(w, b);
    }
    let mut y = w.matmul(&x.reshape([rows, d]).tr()).tr().contiguous();
    if let Some(b) = b {
        y += b;
    }
    let mut out = size;
    if let Some(last) = out.last_mut() {
        *last = w.size()[0];
    }
    y.view(out.as_slice())
}

struct LayerNorm {
    w: Tensor,
    b: Tensor,
}

impl LayerNorm {
    fn forward(&self, x: &Tensor) -> Tensor {
        let d = *x.size().last().unwrap_or(&1);
        x.layer_norm([d], Some(&self.w), Some(&self.b), 1e-5, false)
    }
}

struct Attention {
    q: Linear,
    k: Linear,
    v: Linear,
    o: Linear,
    heads: i64,
    head_dim: i64,
    scaling: f64,
}

struct EncoderLayer {
    attn: Attention,
    attn_ln: LayerNorm,
    fc1: Linear,
    fc2: Linear,
    final_ln: LayerNorm,
}

struct DecoderLayer {
    self_attn: Attention,
    self_ln: LayerNorm,
    cross_attn: Attention,
    cross_ln: LayerNorm,
    fc1: Linear,
    fc2: Linear,
    final_ln: LayerNorm,
}

/// BART for conditional generation, ready to encode and to decode step by step.
pub struct Bart {
    pub dims: BartDims,
    embedding: Embedding,
    lm_head: Linear,
    final_logits_bias: Option<Tensor>,
    enc_pos: Tensor,
    dec_pos: Tensor,
    enc_ln_emb: LayerNorm,
    dec_ln_emb: LayerNorm,
    encoder: Vec<EncoderLayer>,
    decoder: Vec<DecoderLayer>,
    kind: Kind,
    int8: Option<Int8Layers>,
    /// The precision of the attention products (the encoder's, and the
    /// decoder's over the cross-attention keys and values, which are kept
    /// in it): `kind`, or bf16 for an int8 model that asks.
    attention_kind: Kind,
    /// The precision of the encoder's layers: `kind`, or bf16 for an int8
    /// model whose encoder is not in int8 (see [`Int8Layers::encoder`]).
    encoder_kind: Kind,
    device: Device,
}

/// Which linear layers of a model loaded with [`Bart::load_int8`] have int8
/// weights. The decoder's (self- and cross-attention, FFN) and the LM head
/// always do: a decoding step reads all of them for a few rows, so its time
/// is the bytes read. The encoder's products have hundreds of rows and are
/// bound by arithmetic instead, where int8 may not pay (measured in
/// docs/int8.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Int8Layers {
    /// The encoder's linear layers in int8; otherwise the whole encoder runs
    /// in bf16, as a bf16 model's does, where the CPU has bf16 instructions
    /// (float32 elsewhere). By default int8 except on a CPU with AMX, whose
    /// bf16 products outrun fbgemm's int8 for the encoder's hundreds of rows
    /// (see [`Int8Layers::default`]).
    pub encoder: bool,
    /// The token embedding's input lookup (int8 rows times their scale)
    /// rather than a float32 copy of the table.
    pub embedding: bool,
    /// The attention products computed in bf16 where the CPU has bf16
    /// instructions (AVX512-BF16; float32 elsewhere): the encoder's, and the
    /// decoder's over the cross-attention keys and values, which are kept
    /// in bf16. At batch 8 those are a decoding step's largest read
    /// (0.31 GB in float32 for distilbart), and bf16 products over them are
    /// 4× faster than float32's here; the encoder's take 0.6× the time of
    /// float32's (docs/int8.md).
    pub bf16_attention: bool,
}

impl Default for Int8Layers {
    /// Everything in int8 and the attention in bf16, except the encoder's
    /// linear layers on a CPU with AMX: there, as measured on an Intel Xeon
    /// with AMX (issue #18), libtorch's dynamic int8 product at 800 rows
    /// takes 1.7× the bf16 product's time for the FFN's first layer and
    /// 0.95× for its second, and AMX's bf16 also runs the encoder's
    /// attention. Without AMX (AVX-512 BF16 and VNNI, docs/int8.md) int8 is
    /// the faster: its GEMM measures 0.58 TFLOP/s against bf16's 0.42.
    fn default() -> Self {
        Int8Layers {
            encoder: !cpu_has_amx(),
            embedding: true,
            bf16_attention: true,
        }
    }
}

/// Whether this CPU computes in bf16 natively (AVX512-BF16, which the CPUs
/// with AMX have too); elsewhere libtorch's bf16 products are emulated.
fn cpu_has_bf16() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        std::is_x86_feature_detected!("avx512bf16")
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Whether this CPU has AMX with bf16 tiles (Intel Sapphire Rapids and
/// later), from CPUID leaf 7 (std's detection of AMX is not stable yet).
fn cpu_has_amx() -> bool {
    #[cfg(target_arch = "x86_64")]
    {
        // Safe since Rust 1.87; `unsafe` keeps older compilers building.
        #[allow(unused_unsafe)]
        let leaf = unsafe { std::arch::x86_64::__cpuid_count(7, 0) };
        leaf.edx & (1 << 22) != 0
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        false
    }
}

/// Encoder side of a batch, kept for all decoding steps.
pub struct Encoded {
    /// Per decoder layer: cross-attention keys and values, `[batch, heads, src, head_dim]`.
    cross: Vec<(Tensor, Tensor)>,
    /// Additive mask `[batch, 1, 1, src]`, `None` when no input is padded.
    mask: Option<Tensor>,
}

impl Encoded {
    /// Keep only the given items of the batch (finished ones dropped).
    pub fn select(&mut self, items: &Tensor) {
        for (k, v) in &mut self.cross {
            *k = k.index_select(0, items);
            *v = v.index_select(0, items);
        }
        if let Some(m) = &mut self.mask {
            *m = m.index_select(0, items);
        }
    }
}

/// Self-attention keys and values of the decoder, with room for a few
/// positions at first and grown as decoding goes (see [`CACHE_START`]).
pub struct SelfCache {
    /// Per decoder layer: keys and values `[rows, heads, room, head_dim]`.
    layers: Vec<(Tensor, Tensor)>,
    /// Positions filled.
    pub len: i64,
    /// The most positions a search asks for (`max_length`).
    max_len: i64,
}

/// Positions a new self-attention cache has room for; it doubles when full.
/// Summaries are mostly far shorter than `max_length`, and a cache of
/// `max_length` positions is allocated for every beam of every article (at
/// batch 8 × 4 beams, float32, 142 positions: 223 MB for distilbart).
const CACHE_START: i64 = 32;

impl SelfCache {
    /// Room for position `t`, grown (doubled, at most to `max_len`) when full.
    fn reserve(&mut self, t: i64) {
        for (k, v) in &mut self.layers {
            for c in [k, v] {
                let size = c.size();
                let room = size[2];
                if t < room {
                    continue;
                }
                let grown_room = (room * 2).min(self.max_len).max(t + 1);
                let grown = Tensor::zeros(
                    [size[0], size[1], grown_room, size[3]],
                    (c.kind(), c.device()),
                );
                grown.narrow(2, 0, room).copy_(c);
                *c = grown;
            }
        }
    }

    /// Re-order rows (beams) in place: row `i` takes the old row `index[i]`.
    pub fn reorder(&mut self, index: &Tensor) {
        let len = self.len;
        for (k, v) in &mut self.layers {
            for t in [k, v] {
                let mut filled = t.narrow(2, 0, len);
                let picked = filled.index_select(0, index);
                filled.copy_(&picked);
            }
        }
    }

    /// Keep only the given rows (for finished articles dropped from the batch).
    pub fn select(&mut self, rows: &Tensor) {
        for (k, v) in &mut self.layers {
            *k = k.index_select(0, rows);
            *v = v.index_select(0, rows);
        }
    }
}

/// The name under which the int8 LM head waits to be packed.
const LM_HEAD: &str = "lm_head";

/// Every linear layer's name (without `.weight`), encoder then decoder, as
/// the loader asks for them.
fn linear_prefixes(dims: &BartDims) -> Vec<String> {
    let attention =
        |p: String| ["q_proj", "k_proj", "v_proj", "out_proj"].map(|m| format!("{p}.{m}"));
    let mut names = Vec::new();
    for i in 0..dims.encoder_layers {
        let p = format!("model.encoder.layers.{i}");
        names.extend(attention(format!("{p}.self_attn")));
        names.extend([format!("{p}.fc1"), format!("{p}.fc2")]);
    }
    for i in 0..dims.decoder_layers {
        let p = format!("model.decoder.layers.{i}");
        names.extend(attention(format!("{p}.self_attn")));
        names.extend(attention(format!("{p}.encoder_attn")));
        names.extend([format!("{p}.fc1"), format!("{p}.fc2")]);
    }
    names
}

impl Bart {
    /// A model of shape `dims` with the tensors of the file `weights`, in
    /// `kind` on `device`; the error names a missing or misshapen tensor.
    pub fn load(
        dims: BartDims,
        weights: &Path,
        kind: Kind,
        device: Device,
    ) -> Result<Bart, String> {
        Self::load_with(dims, weights, kind, device, None)
    }

    /// A model of shape `dims` with int8 weights in the `layers` asked for
    /// (quantized from the file's, symmetric per output channel) and
    /// float32 everywhere else. CPU only: the kernels are fbgemm's.
    pub fn load_int8(
        dims: BartDims,
        weights: &Path,
        device: Device,
        layers: Int8Layers,
    ) -> Result<Bart, String> {
        if device != Device::Cpu {
            return Err(format!(
                "int8 weights run on the CPU only (fbgemm), not on {device:?}: use --dtype bf16 or f32 there"
            ));
        }
        Self::load_with(dims, weights, Kind::Float, device, Some(layers))
    }

    fn load_with(
        dims: BartDims,
        weights: &Path,
        kind: Kind,
        device: Device,
        int8: Option<Int8Layers>,
    ) -> Result<Bart, String> {
        // `config.json` is checked when read (`model_config.rs`); these are
        // for dimensions made some other way, which would divide by zero or
        // split the width into heads it cannot hold.
        let d = dims.d_model;
        for (key, heads) in [
            ("encoder_attention_heads", dims.encoder_heads),
            ("decoder_attention_heads", dims.decoder_heads),
        ] {
            if d < 1 || heads < 1 || d % heads != 0 {
                return Err(format!("{key} {heads} does not divide d_model {d}"));
            }
        }
        let mut w = Weights::load(weights, kind)?;
        let conv_as = |t: Tensor, kind: Kind| -> Tensor {
            let t = if t.kind() == kind { t } else { t.to_kind(kind) };
            if device == Device::Cpu {
                t
            } else {
                t.to_device(device)
            }
        };
        let conv = |t: Tensor| conv_as(t, kind);
        let shared_names = [
            "model.shared.weight",
            "model.encoder.embed_tokens.weight",
            "model.decoder.embed_tokens.weight",
        ];
        let embedding_shape = |shape: Vec<i64>| -> Result<(), String> {
            if shape != [dims.vocab_size, d] {
                return Err(format!(
                    "the embedding has shape {shape:?}, config.json says [{}, {d}]",
                    dims.vocab_size
                ));
            }
            Ok(())
        };
        // int8: every matrix is quantized and packed before the model is
        // put together, so that packing (most of the load) runs in parallel.
        let mut packed = HashMap::new();
        let mut int8_embedding = None;
        if let Some(layers) = int8 {
            let threads = usize::try_from(tch::get_num_threads()).unwrap_or(1);
            let mut packer = Packer::new(threads)?;
            // The LM head first: the largest matrix, packed while the rest is read.
            let (float_table, shared) = if layers.embedding {
                (None, w.take_any_int8(&shared_names, packer.pool())?)
            } else {
                // The float table is read only for a float lookup.
                let table = w.take_any(&shared_names)?;
                let quantized = int8::quantize_tensor(&table, packer.pool())?;
                (Some(conv(table)), quantized)
            };
            embedding_shape(shared.q.size())?;
            packer.submit(LM_HEAD.to_owned(), shared.share())?;
            int8_embedding = Some(match float_table {
                Some(table) => Embedding::Float(table),
                None => Embedding::Int8 {
                    q: shared.q,
                    scales: shared.scales,
                },
            });
            for p in linear_prefixes(&dims) {
                if layers.encoder || !p.starts_with("model.encoder.") {
                    let q = w.take_int8(&format!("{p}.weight"), packer.pool())?;
                    packer.submit(p, q)?;
                }
            }
            packed = packer.finish()?;
        }
        let packed = RefCell::new(packed);
        // The FFN width of layer `p`, when its matrix has been read already.
        let ffn_packed = |p: &str| {
            packed
                .borrow()
                .get(&format!("{p}.fc1"))
                .map(|q| q.size()[0])
        };
        // bf16 where an int8 model asks for it and the CPU computes in it.
        let bf16_if = |asked: bool| {
            if asked && cpu_has_bf16() {
                Kind::BFloat16
            } else {
                kind
            }
        };
        let encoder_kind = bf16_if(int8.is_some_and(|l| !l.encoder));
        let attention_kind = bf16_if(int8.is_some_and(|l| l.bf16_attention));
        // The precision of the layer named `p`: the encoder's layers run in
        // `encoder_kind` (its embedding and layer norm before them do not).
        let kind_of = |p: &str| {
            if p.starts_with("model.encoder.layers.") {
                encoder_kind
            } else {
                kind
            }
        };
        let linear = |w: &mut Weights, p: &str, out: i64, inp: i64| -> Result<Linear, String> {
            let name = format!("{p}.weight");
            let misshapen =
                |shape: &[i64]| format!("{name} has shape {shape:?}, expected [{out}, {inp}]");
            let kind = kind_of(p);
            let b = w.take_as(&format!("{p}.bias"), kind).ok();
            if let Some(q) = packed.borrow_mut().remove(p) {
                if q.size() != [out, inp] {
                    return Err(misshapen(&q.size()));
                }
                return Ok(Linear::Int8(q.with_bias(b.as_ref())));
            }
            let weight = w.take_as(&name, kind)?;
            if weight.size() != [out, inp] {
                return Err(misshapen(&weight.size()));
            }
            Ok(Linear::Float {
                w: conv_as(weight, kind),
                b: b.map(|b| conv_as(b, kind)),
            })
        };
        let ln = |w: &mut Weights, p: &str| -> Result<LayerNorm, String> {
            let kind = kind_of(p);
            let mut take = |part: &str| -> Result<Tensor, String> {
                Ok(conv_as(w.take_as(&format!("{p}.{part}"), kind)?, kind))
            };
            Ok(LayerNorm {
                w: take("weight")?,
                b: take("bias")?,
            })
        };
        let attention = |w: &mut Weights, p: &str, heads: i64| -> Result<Attention, String> {
            let head_dim = d / heads;
            Ok(Attention {
                q: linear(w, &format!("{p}.q_proj"), d, d)?,
                k: linear(w, &format!("{p}.k_proj"), d, d)?,
                v: linear(w, &format!("{p}.v_proj"), d, d)?,
                o: linear(w, &format!("{p}.out_proj"), d, d)?,
                heads,
                head_dim,
                scaling: (head_dim as f64).powf(-0.5),
            })
        };
        let (embedding, lm_head) = match (int8_embedding, packed.borrow_mut().remove(LM_HEAD)) {
            (Some(embedding), Some(head)) => (embedding, Linear::Int8(head)),
            _ => {
                let shared = w.take_any(&shared_names)?;
                embedding_shape(shared.size())?;
                let shared = conv(shared);
                let head = Linear::Float {
                    w: shared.shallow_clone(),
                    b: None,
                };
                (Embedding::Float(shared), head)
            }
        };
        let final_logits_bias = match w.take("final_logits_bias") {
            // All zeros in the published checkpoints: adding it changes nothing.
            Ok(b) if b.abs().max().double_value(&[]) != 0.0 => Some(conv(b.reshape([-1]))),
            _ => None,
        };
        let mut encoder = Vec::new();
        for i in 0..dims.encoder_layers {
            let p = format!("model.encoder.layers.{i}");
            let ffn = w
                .shape(&[
                    &format!("{p}.fc1.weight"),
                    &format!("encoder.layers.{i}.fc1.weight"),
                ])
                .map(|s| s[0])
                .or_else(|| ffn_packed(&p))
                .unwrap_or(0);
            encoder.push(EncoderLayer {
                attn: attention(&mut w, &format!("{p}.self_attn"), dims.encoder_heads)?,
                attn_ln: ln(&mut w, &format!("{p}.self_attn_layer_norm"))?,
                fc1: linear(&mut w, &format!("{p}.fc1"), ffn, d)?,
                fc2: linear(&mut w, &format!("{p}.fc2"), d, ffn)?,
                final_ln: ln(&mut w, &format!("{p}.final_layer_norm"))?,
            });
        }
        let mut decoder = Vec::new();
        for i in 0..dims.decoder_layers {
            let p = format!("model.decoder.layers.{i}");
            let ffn = w
                .shape(&[
                    &format!("{p}.fc1.weight"),
                    &format!("decoder.layers.{i}.fc1.weight"),
                ])
                .map(|s| s[0])
                .or_else(|| ffn_packed(&p))
                .unwrap_or(0);
            decoder.push(DecoderLayer {
                self_attn: attention(&mut w, &format!("{p}.self_attn"), dims.decoder_heads)?,
                self_ln: ln(&mut w, &format!("{p}.self_attn_layer_norm"))?,
                cross_attn: attention(&mut w, &format!("{p}.encoder_attn"), dims.decoder_heads)?,
                cross_ln: ln(&mut w, &format!("{p}.encoder_attn_layer_norm"))?,
                fc1: linear(&mut w, &format!("{p}.fc1"), ffn, d)?,
                fc2: linear(&mut w, &format!("{p}.fc2"), d, ffn)?,
                final_ln: ln(&mut w, &format!("{p}.final_layer_norm"))?,
            });
        }
        // BART's learned positions start at row 2.
        let positions = |w: &mut Weights, p: &str| -> Result<Tensor, String> {
            let t = conv(w.take(p)?);
            if t.size() != [dims.max_positions + 2, d] {
                return Err(format!(
                    "{p} has shape {:?}, config.json makes it [{}, {d}] (max_position_embeddings + 2, d_model)",
                    t.size(),
                    dims.max_positions + 2
                ));
            }
            Ok(t)
        };
        let bart = Bart {
            enc_pos: positions(&mut w, "model.encoder.embed_positions.weight")?,
            dec_pos: positions(&mut w, "model.decoder.embed_positions.weight")?,
            enc_ln_emb: ln(&mut w, "model.encoder.layernorm_embedding")?,
            dec_ln_emb: ln(&mut w, "model.decoder.layernorm_embedding")?,
            dims,
            embedding,
            lm_head,
            final_logits_bias,
            encoder,
            decoder,
            kind,
            int8,
            encoder_kind,
            attention_kind,
            device,
        };
        if let Some(name) = packed.borrow().keys().next() {
            // `linear_prefixes` names a matrix the model does not use.
            return Err(format!("{name}: quantized but not part of the model"));
        }
        Ok(bart)
    }

    /// The int8 layers, for a model loaded with [`Bart::load_int8`].
    pub fn int8_layers(&self) -> Option<Int8Layers> {
        self.int8
    }

    pub fn device(&self) -> Device {
        self.device
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The precision of the encoder's layers (see [`Int8Layers::encoder`]).
    pub fn encoder_kind(&self) -> Kind {
        self.encoder_kind
    }

    /// The precision of the attention products and of the cross-attention
    /// keys and values (see [`Int8Layers::bf16_attention`]).
    pub fn attention_kind(&self) -> Kind {
        self.attention_kind
    }

    /// Longest input the position table allows (BART's offset of 2 excluded).
    pub fn max_input(&self) -> i64 {
        self.enc_pos.size()[0] - 2
    }

    /// The FFN's activation, in place: `x` is the first layer's fresh
    /// output, as large as all other activations of the layer together
    /// (8 × 800 tokens × 4096 float32 is 105 MB), so a copy would raise the
    /// peak by as much.
    fn activation(&self, mut x: Tensor) -> Tensor {
        match self.dims.activation.as_str() {
            "relu" => x.relu_(),
            "gelu" => x.gelu_("none"),
            _ => x.gelu_("tanh"),
        }
    }

    fn embed(&self, ids: &Tensor, positions: &Tensor, pos_table: &Tensor) -> Tensor {
        let x = match &self.embedding {
            Embedding::Float(table) => {
                Tensor::embedding(table, ids, self.dims.pad_token_id, false, false)
            }
            Embedding::Int8 { q, scales } => {
                let flat = ids.reshape([-1]);
                let rows = q.index_select(0, &flat).to_kind(Kind::Float)
                    * scales.index_select(0, &flat).unsqueeze(1);
                let mut shape = ids.size();
                shape.push(self.dims.d_model);
                rows.view(shape.as_slice())
            }
        };
        let x = if self.dims.scale_embedding {
            x * (self.dims.d_model as f64).sqrt()
        } else {
            x
        };
        x + pos_table.index_select(0, &(positions + 2))
    }

    /// Split `[b, t, d]` into heads: `[b, heads, t, head_dim]`.
    fn heads(x: &Tensor, a: &Attention) -> Tensor {
        let (b, t, _) = x.size3().unwrap_or((1, 1, 1));
        x.view([b, t, a.heads, a.head_dim]).transpose(1, 2)
    }

    fn merge(x: &Tensor, a: &Attention) -> Tensor {
        let s = x.size();
        let (b, t) = (s[0], s[2]);
        x.transpose(1, 2).reshape([b, t, a.heads * a.head_dim])
    }

    /// Encode `ids` (`[batch, src]`, right-padded) under `mask` (1 = token).
    pub fn encode(&self, ids: &Tensor, mask: &Tensor) -> Encoded {
        let (b, s) = ids.size2().unwrap_or((0, 0));
        let padded = mask.min().int64_value(&[]) == 0;
        let additive = padded.then(|| {
            let m = mask.to_kind(self.attention_kind).view([b, 1, 1, s]);
            let min = match self.attention_kind {
                Kind::BFloat16 => -3.3895313892515355e38,
                Kind::Half => -65504.0,
                _ => f32::MIN as f64,
            };
            (m.ones_like() - m) * min
        });
        let positions = Tensor::arange(s, (Kind::Int64, self.device));
        let x = self
            .enc_ln_emb
            .forward(&self.embed(ids, &positions, &self.enc_pos));
        // Each article's own length: its attention runs over its tokens only,
        // with no mask (and so no work on padding). The context rows of
        // padding positions are zero; no real position attends to them, and
        // the decoder masks them.
        let lengths: Vec<i64> = Vec::try_from(mask.sum_dim_intlist(1, false, Kind::Int64))
            .unwrap_or_else(|_| vec![s; b as usize]);
        let mut x = x.to_kind(self.encoder_kind);
        for layer in &self.encoder {
            let a = &layer.attn;
            let q = Self::heads(&a.q.forward(&x), a);
            let k = Self::heads(&a.k.forward(&x), a);
            let v = Self::heads(&a.v.forward(&x), a);
            // One article at a time, over its own length.
            let ctx: Vec<Tensor> = (0..b)
                .map(|i| {
                    let len = lengths[i as usize];
                    let part = |t: &Tensor| t.narrow(0, i, 1).narrow(2, 0, len);
                    let c = self.self_attention(&part(&q), &part(&k), &part(&v), a.scaling);
                    if len < s {
                        c.constant_pad_nd([0, 0, 0, s - len])
                    } else {
                        c
                    }
                })
                .collect();
            let h = a.o.forward(&Self::merge(&Tensor::cat(&ctx, 0), a));
            x = layer.attn_ln.forward(&(x + h));
            let h = self.feed_forward(&layer.fc1, &layer.fc2, &x);
            x = layer.final_ln.forward(&(x + h));
        }
        let x = x.to_kind(self.kind);
        let cross = self
            .decoder
            .iter()
            .map(|l| {
                let a = &l.cross_attn;
                let cache =
                    |t: Tensor| Self::heads(&t, a).to_kind(self.attention_kind).contiguous();
                (cache(a.k.forward(&x)), cache(a.v.forward(&x)))
            })
            .collect();
        Encoded {
            cross,
            mask: additive,
        }
    }

    /// A layer's FFN over `x` (`[.., d]`), its rows in chunks of at most
    /// [`FFN_ROWS`] (only the encoder has that many). Its hidden layer is 4×
    /// as wide as the model: at batch 8 × 800 tokens that is 105 MB in
    /// float32, and fbgemm's int32 product as much again, the largest part
    /// of an int8 model's peak memory. Rows are independent, and the encoder
    /// took the same time in chunks (distilbart, batch 8, measured in
    /// alternating processes).
    fn feed_forward(&self, fc1: &Linear, fc2: &Linear, x: &Tensor) -> Tensor {
        let ffn = |x: &Tensor| fc2.forward(&self.activation(fc1.forward(x)));
        let size = x.size();
        let d = size.last().copied().unwrap_or(1).max(1);
        let rows = x.numel() as i64 / d;
        if rows <= FFN_ROWS {
            return ffn(x);
        }
        let chunks = (rows + FFN_ROWS - 1) / FFN_ROWS;
        let chunk = (rows + chunks - 1) / chunks;
        let flat = x.reshape([rows, d]);
        let parts: Vec<Tensor> = (0..chunks)
            .map(|i| ffn(&flat.narrow(0, i * chunk, chunk.min(rows - i * chunk))))
            .collect();
        Tensor::cat(&parts, 0).view(size.as_slice())
    }

    /// One article's unmasked self-attention, `[1, heads, len, head_dim]`
    /// each, in the precision of `q`.
    ///
    /// In bf16 it is two bf16 products and a softmax in place: 11.6 ms per
    /// layer for 800 tokens (PyTorch on the same libtorch, 2 threads), against
    /// 24 ms for libtorch's fused (flash) kernel in bf16 and 19 ms in
    /// float32. In float32 the fused kernel is the faster (the explicit
    /// products take 33 ms) and never holds the `[len, len]` weights.
    fn self_attention(&self, q: &Tensor, k: &Tensor, v: &Tensor, scaling: f64) -> Tensor {
        if self.attention_kind == Kind::BFloat16 {
            let bf16 = |t: &Tensor| t.to_kind(Kind::BFloat16);
            let w = bf16(&(q * scaling)).matmul(&bf16(k).transpose(-1, -2));
            w.softmax_int_out(&w, -1, Kind::BFloat16)
                .matmul(&bf16(v))
                .to_kind(q.kind())
        } else {
            // tch 0.17 passes "no mask" as an undefined tensor, which
            // libtorch 2.4 rejects; a mask of zeros adds exactly 0.0.
            let len = q.size()[2];
            let zeros = Tensor::zeros([1, 1, 1, len], (q.kind(), self.device));
            Tensor::internal_scaled_dot_product_flash_attention_for_cpu(
                q,
                k,
                v,
                0.0,
                false,
                Some(zeros),
                scaling,
            )
            .0
        }
    }

    /// An empty self-attention cache for `rows` decoder rows.
    pub fn new_cache(&self, rows: i64, max_len: i64) -> SelfCache {
        let layers = self
            .decoder
            .iter()
            .map(|l| {
                let a = &l.self_attn;
                let shape = [rows, a.heads, max_len.min(CACHE_START), a.head_dim];
                (
                    Tensor::zeros(shape, (self.kind, self.device)),
                    Tensor::zeros(shape, (self.kind, self.device)),
                )
            })
            .collect();
        SelfCache {
            layers,
            len: 0,
            max_len,
        }
    }

    /// One decoding step: `tokens` `[rows]` (rows = items × beams, item-major)
    /// at position `cache.len`; returns float32 logits `[rows, vocab]` and
    /// advances the cache.
    pub fn decode_step(&self, tokens: &Tensor, enc: &Encoded, cache: &mut SelfCache) -> Tensor {
        let rows = tokens.size()[0];
        let t = cache.len;
        cache.reserve(t);
        let positions = Tensor::from_slice(&[t]).to_device(self.device);
        let mut x = self.dec_ln_emb.forward(&self.embed(
            &tokens.view([rows, 1]),
            &positions,
            &self.dec_pos,
        ));
        let items = enc.cross.first().map(|(k, _)| k.size()[0]).unwrap_or(1);
        let beams = rows / items.max(1);
        for (i, (layer, (kc, vc))) in self.decoder.iter().zip(cache.layers.iter_mut()).enumerate() {
            // Self-attention over the cached positions and this one.
            let a = &layer.self_attn;
            let q = Self::heads(&(a.q.forward(&x) * a.scaling), a);
            kc.narrow(2, t, 1).copy_(&Self::heads(&a.k.forward(&x), a));
            vc.narrow(2, t, 1).copy_(&Self::heads(&a.v.forward(&x), a));
            let k = kc.narrow(2, 0, t + 1);
            let v = vc.narrow(2, 0, t + 1);
            let w = q.matmul(&k.transpose(-1, -2));
            let h =
                a.o.forward(&Self::merge(&w.softmax(-1, w.kind()).matmul(&v), a));
            x = layer.self_ln.forward(&(x + h));

            // Cross-attention: the beams of an item are the query rows of
            // one product against the item's keys/values.
            let (ek, ev) = &enc.cross[i];
            let a = &layer.cross_attn;
            let q = (a.q.forward(&x) * a.scaling)
                .view([items, beams, a.heads, a.head_dim])
                .transpose(1, 2)
                .to_kind(self.attention_kind);
            let mut w = q.matmul(&ek.transpose(-1, -2));
            if let Some(m) = &enc.mask {
                w += m;
            }
            let h = w.softmax(-1, w.kind()).matmul(ev).transpose(1, 2).reshape([
                rows,
                1,
                a.heads * a.head_dim,
            ]);
            let h = a.o.forward(&h.to_kind(self.kind));
            x = layer.cross_ln.forward(&(x + h));

            let h = self.feed_forward(&layer.fc1, &layer.fc2, &x);
            x = layer.final_ln.forward(&(x + h));
        }
        cache.len += 1;
        let mut logits = self.lm_head.forward(&x);
        if let Some(b) = &self.final_logits_bias {
            logits += b;
        }
        logits.view([rows, -1]).to_kind(Kind::Float)
    }
}
