//! Greedy and beam search over [`Bart`], batched across articles, with the
//! semantics of transformers 4.46 `generate()` (the reference implementation):
//!
//! - logits are upcast to float32; beam search scores `log_softmax(logits)`,
//!   greedy search the raw logits; then, in transformers' order, the
//!   no-repeat-n-gram ban, the minimum-length ban of end-of-sequence (while
//!   the sequence, decoder start token included, is shorter than
//!   `min_length`), forced BOS at length 1 and forced EOS at `max_length - 1`;
//! - `max_length` counts the decoder start token;
//! - a finished hypothesis scores `sum_logprobs / generated_len^length_penalty`
//!   where `generated_len` counts the generated tokens with the end-of-sequence
//!   token and without the decoder start token; beams still open at
//!   `max_length` are scored with their length minus the start token;
//! - `early_stopping: true` stops an article as soon as it has `num_beams`
//!   finished hypotheses; `false` when no open beam can beat the worst finished
//!   one by transformers' heuristic (`best / cur_len^lp`);
//! - the 2 × `num_beams` best candidates are considered per article; an
//!   end-of-sequence candidate ranked below `num_beams` is dropped.
//!
//! Differences from rust-bert 0.23's `generate` (which this replaces for
//! BART) are listed in docs/summarize-parity.md.
//!
//! Finished articles leave the batch (their rows are dropped from the caches),
//! which transformers does not do; results are the same, the work is less.

use std::collections::HashMap;

use tch::{Device, Kind, Tensor};

use super::bart::{Bart, Encoded};
use super::model_config::{GenerationSettings, SpecialTokens};

/// A search in transformers' terms: the generation settings (the folder's,
/// after the user's flags) and the folder's special tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct SearchParams {
    pub settings: GenerationSettings,
    pub tokens: SpecialTokens,
}

/// Generate for a batch of tokenized inputs; one output per input, in
/// transformers' format: decoder start token first, end-of-sequence last
/// unless `max_length` was reached without it.
pub fn generate(model: &Bart, inputs: &[Vec<i64>], p: &SearchParams) -> Vec<Vec<i64>> {
    if inputs.is_empty() {
        return Vec::new();
    }
    let _guard = tch::no_grad_guard();
    let device = model.device();
    let b = inputs.len() as i64;
    let s = inputs.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let mut ids = Vec::with_capacity(inputs.len() * s);
    let mut mask = Vec::with_capacity(inputs.len() * s);
    for row in inputs {
        ids.extend(row.iter().copied());
        mask.extend(std::iter::repeat_n(1i64, row.len()));
        ids.extend(std::iter::repeat_n(p.tokens.pad_token_id, s - row.len()));
        mask.extend(std::iter::repeat_n(0i64, s - row.len()));
    }
    let ids = Tensor::from_slice(&ids)
        .view([b, s as i64])
        .to_device(device);
    let mask = Tensor::from_slice(&mask)
        .view([b, s as i64])
        .to_device(device);
    let enc = model.encode(&ids, &mask);
    if p.settings.num_beams <= 1 {
        greedy(model, enc, inputs.len(), p)
    } else {
        beam_search(model, enc, inputs.len(), p)
    }
}

/// Tokens that would repeat an n-gram of `tokens` if generated next
/// (transformers' `_calc_banned_ngram_tokens`).
fn banned_ngram_tokens(tokens: &[i64], n: usize) -> Vec<i64> {
    let len = tokens.len();
    if n == 0 || len + 1 < n {
        return Vec::new();
    }
    let mut seen: HashMap<&[i64], Vec<i64>> = HashMap::new();
    for w in tokens.windows(n) {
        seen.entry(&w[..n - 1]).or_default().push(w[n - 1]);
    }
    seen.get(&tokens[len + 1 - n..])
        .cloned()
        .unwrap_or_default()
}

/// Apply the logits processors to `scores` `[rows, vocab]` in place.
fn process(scores: &mut Tensor, rows: &[Vec<i64>], p: &SearchParams) {
    let cur_len = rows.first().map_or(0, Vec::len) as i64;
    let vocab = scores.size()[1];
    if p.settings.no_repeat_ngram_size > 0 {
        let mut flat: Vec<i64> = Vec::new();
        for (r, toks) in rows.iter().enumerate() {
            for t in banned_ngram_tokens(toks, p.settings.no_repeat_ngram_size as usize) {
                flat.push(r as i64 * vocab + t);
            }
        }
        if !flat.is_empty() {
            let idx = Tensor::from_slice(&flat).to_device(scores.device());
            let _ = scores.view([-1]).index_fill_(0, &idx, f64::NEG_INFINITY);
        }
    }
    if cur_len < p.settings.min_length {
        let _ = scores
            .narrow(1, p.tokens.eos_token_id, 1)
            .fill_(f64::NEG_INFINITY);
    }
    let forced = match (p.tokens.forced_bos_token_id, p.tokens.forced_eos_token_id) {
        (Some(bos), _) if cur_len == 1 => Some(bos),
        (_, Some(eos)) if cur_len == p.settings.max_length - 1 => Some(eos),
        _ => None,
    };
    if let Some(tok) = forced {
        let _ = scores.fill_(f64::NEG_INFINITY);
        let _ = scores.narrow(1, tok, 1).fill_(0.0);
    }
}

fn greedy(model: &Bart, mut enc: Encoded, n: usize, p: &SearchParams) -> Vec<Vec<i64>> {
    let device = model.device();
    let mut out: Vec<Vec<i64>> = vec![vec![p.tokens.decoder_start_token_id]; n];
    // Articles still generating, by index into `out`.
    let mut active: Vec<usize> = (0..n).collect();
    let mut cache = model.new_cache(n as i64, p.settings.max_length);
    while (out[active[0]].len() as i64) < p.settings.max_length {
        let last: Vec<i64> = active
            .iter()
            .map(|&i| *out[i].last().unwrap_or(&0))
            .collect();
        let tokens = Tensor::from_slice(&last).to_device(device);
        let mut scores = model.decode_step(&tokens, &enc, &mut cache);
        let rows: Vec<Vec<i64>> = active.iter().map(|&i| out[i].clone()).collect();
        process(&mut scores, &rows, p);
        let next = Vec::<i64>::try_from(scores.argmax(-1, false).to_device(Device::Cpu))
            .unwrap_or_default();
        let mut keep = Vec::new();
        for (r, &i) in active.iter().enumerate() {
            out[i].push(next[r]);
            if next[r] != p.tokens.eos_token_id {
                keep.push(r as i64);
            }
        }
        if keep.is_empty() {
            break;
        }
        if keep.len() < active.len() {
            let idx = Tensor::from_slice(&keep).to_device(device);
            enc.select(&idx);
            cache.select(&idx);
            active = keep.iter().map(|&r| active[r as usize]).collect();
        }
    }
    out
}

/// Finished hypotheses of one article (transformers' `BeamHypotheses`).
struct Hypotheses {
    beams: Vec<(f64, Vec<i64>)>,
    worst: f64,
}

impl Hypotheses {
    fn add(&mut self, hyp: Vec<i64>, sum_logprobs: f64, generated_len: usize, p: &SearchParams) {
        let score = sum_logprobs / (generated_len as f64).powf(p.settings.length_penalty);
        let nb = p.settings.num_beams as usize;
        if self.beams.len() < nb || score > self.worst {
            self.beams.push((score, hyp));
            if self.beams.len() > nb {
                let mut order: Vec<(f64, usize)> = self
                    .beams
                    .iter()
                    .enumerate()
                    .map(|(i, (s, _))| (*s, i))
                    .collect();
                order.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
                self.beams.remove(order[0].1);
                self.worst = order[1].0;
            } else {
                self.worst = self.worst.min(score);
            }
        }
    }

    fn is_done(&self, best_sum_logprobs: f64, cur_len: usize, p: &SearchParams) -> bool {
        if self.beams.len() < p.settings.num_beams as usize {
            return false;
        }
        if p.settings.early_stopping {
            return true;
        }
        // transformers: cur_len - decoder_prompt_len, cur_len counting the
        // candidate token.
        let highest = best_sum_logprobs / ((cur_len - 1) as f64).powf(p.settings.length_penalty);
        self.worst >= highest
    }

    /// The best hypothesis; among equal scores the last added, as
    /// transformers' stable sort then `pop()` picks.
    fn best(&self) -> Option<&Vec<i64>> {
        let mut best: Option<&(f64, Vec<i64>)> = None;
        for h in &self.beams {
            if best.is_none_or(|b| h.0 >= b.0) {
                best = Some(h);
            }
        }
        best.map(|b| &b.1)
    }
}

fn beam_search(model: &Bart, mut enc: Encoded, n: usize, p: &SearchParams) -> Vec<Vec<i64>> {
    let device = model.device();
    let nb = p.settings.num_beams as usize;
    let mut hyps: Vec<Hypotheses> = (0..n)
        .map(|_| Hypotheses {
            beams: Vec::new(),
            worst: 1e9,
        })
        .collect();
    // Open beams of the active articles, item-major: row = slot * nb + beam.
    let mut active: Vec<usize> = (0..n).collect();
    let mut seqs: Vec<Vec<i64>> = vec![vec![p.tokens.decoder_start_token_id]; n * nb];
    let mut beam_scores: Vec<f32> = (0..n * nb)
        .map(|r| if r % nb == 0 { 0.0 } else { -1e9 })
        .collect();
    let mut cache = model.new_cache((n * nb) as i64, p.settings.max_length);
    let mut done = vec![false; n];
    loop {
        let rows = active.len() * nb;
        let last: Vec<i64> = seqs.iter().map(|s| *s.last().unwrap_or(&0)).collect();
        let tokens = Tensor::from_slice(&last).to_device(device);
        let logits = model.decode_step(&tokens, &enc, &mut cache);
        let mut scores = logits.log_softmax(-1, Kind::Float);
        process(&mut scores, &seqs, p);
        let vocab = scores.size()[1];
        let bs = Tensor::from_slice(&beam_scores)
            .to_device(device)
            .view([rows as i64, 1]);
        let next = (scores + bs).view([active.len() as i64, nb as i64 * vocab]);
        let (top_scores, top_idx) = next.topk(2 * nb as i64, 1, true, true);
        let top_scores =
            Vec::<f32>::try_from(top_scores.to_device(Device::Cpu).view([-1])).unwrap_or_default();
        let top_idx =
            Vec::<i64>::try_from(top_idx.to_device(Device::Cpu).view([-1])).unwrap_or_default();

        let cur_len = seqs[0].len() + 1; // with the candidate token
        let mut new_scores = Vec::with_capacity(rows);
        let mut new_tokens = Vec::with_capacity(rows);
        let mut new_parent: Vec<i64> = Vec::with_capacity(rows);
        for (slot, &item) in active.iter().enumerate() {
            let mut taken = 0;
            for rank in 0..2 * nb {
                let k = slot * 2 * nb + rank;
                let (score, idx) = (top_scores[k], top_idx[k]);
                let beam = (idx / vocab) as usize;
                let token = idx % vocab;
                let row = slot * nb + beam;
                if token == p.tokens.eos_token_id {
                    if rank >= nb {
                        continue;
                    }
                    hyps[item].add(seqs[row].clone(), f64::from(score), cur_len - 1, p);
                } else {
                    new_scores.push(score);
                    new_tokens.push(token);
                    new_parent.push(row as i64);
                    taken += 1;
                }
                if taken == nb {
                    break;
                }
            }
            let best = f64::from(top_scores[slot * 2 * nb]);
            done[item] = done[item] || hyps[item].is_done(best, cur_len, p);
        }

        // Next beams: parents' sequences plus their new token.
        let identity = new_parent.iter().enumerate().all(|(i, &r)| i as i64 == r);
        let mut next_seqs: Vec<Vec<i64>> = new_parent
            .iter()
            .zip(&new_tokens)
            .map(|(&r, &t)| {
                let mut s = seqs[r as usize].clone();
                s.push(t);
                s
            })
            .collect();
        let finished_len = next_seqs[0].len() as i64 >= p.settings.max_length;
        if active.iter().all(|&i| done[i]) || finished_len {
            // Open beams of unfinished articles join their hypotheses.
            for (slot, &item) in active.iter().enumerate() {
                if done[item] {
                    continue;
                }
                for beam in 0..nb {
                    let r = slot * nb + beam;
                    let len = next_seqs[r].len();
                    hyps[item].add(
                        std::mem::take(&mut next_seqs[r]),
                        f64::from(new_scores[r]),
                        len - 1,
                        p,
                    );
                }
            }
            break;
        }
        if !identity {
            cache.reorder(&Tensor::from_slice(&new_parent).to_device(device));
        }
        // Drop finished articles from the batch.
        let keep_slots: Vec<usize> = (0..active.len()).filter(|&s| !done[active[s]]).collect();
        if keep_slots.len() < active.len() {
            let rows_kept: Vec<i64> = keep_slots
                .iter()
                .flat_map(|&s| (s * nb..(s + 1) * nb).map(|r| r as i64))
                .collect();
            let items =
                Tensor::from_slice(&keep_slots.iter().map(|&s| s as i64).collect::<Vec<_>>())
                    .to_device(device);
            enc.select(&items);
            cache.select(&Tensor::from_slice(&rows_kept).to_device(device));
            next_seqs = rows_kept
                .iter()
                .map(|&r| std::mem::take(&mut next_seqs[r as usize]))
                .collect();
            new_scores = rows_kept.iter().map(|&r| new_scores[r as usize]).collect();
            active = keep_slots.iter().map(|&s| active[s]).collect();
        }
        seqs = next_seqs;
        beam_scores = new_scores;
    }
    hyps.iter()
        .map(|h| {
            let mut best = h.best().cloned().unwrap_or_default();
            if (best.len() as i64) < p.settings.max_length {
                best.push(p.tokens.eos_token_id);
            }
            best
        })
        .collect()
}

/// How closely two models agree when both are fed the same tokens
/// (teacher forcing): per decoding step, whether their most likely next
/// token is the same, and the cosine of their logits.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Steps compared (each target token after the decoder start token).
    pub steps: usize,
    /// Steps where both models' top-1 token is the same.
    pub top1_equal: usize,
    /// First step (0-based) where the top-1 tokens differ, if any.
    pub first_difference: Option<usize>,
    pub mean_cosine: f64,
    pub min_cosine: f64,
}

impl Agreement {
    pub fn top1_rate(&self) -> f64 {
        if self.steps == 0 {
            return 1.0;
        }
        self.top1_equal as f64 / self.steps as f64
    }
}

/// Feed `target` (decoder start token first) to `a` and `b` after encoding
/// `input` with each, and compare their logits at every step: the quality
/// guard of int8 against float32 (docs/int8.md). The two models must share
/// a vocabulary.
pub fn teacher_forced_agreement(a: &Bart, b: &Bart, input: &[i64], target: &[i64]) -> Agreement {
    let _guard = tch::no_grad_guard();
    let steps = target.len().saturating_sub(1);
    let run = |m: &Bart| -> Vec<Tensor> {
        let device = m.device();
        let ids = Tensor::from_slice(input)
            .view([1, input.len() as i64])
            .to_device(device);
        let enc = m.encode(&ids, &ids.ones_like());
        let mut cache = m.new_cache(1, target.len() as i64);
        target[..steps]
            .iter()
            .map(|&t| {
                let tok = Tensor::from_slice(&[t]).to_device(device);
                m.decode_step(&tok, &enc, &mut cache)
                    .view([-1])
                    .to_device(Device::Cpu)
            })
            .collect()
    };
    let (la, lb) = (run(a), run(b));
    let mut out = Agreement {
        steps,
        top1_equal: 0,
        first_difference: None,
        mean_cosine: 0.0,
        min_cosine: 1.0,
    };
    for (i, (x, y)) in la.iter().zip(&lb).enumerate() {
        if x.argmax(0, false).int64_value(&[]) == y.argmax(0, false).int64_value(&[]) {
            out.top1_equal += 1;
        } else if out.first_difference.is_none() {
            out.first_difference = Some(i);
        }
        let x = x.to_kind(Kind::Double);
        let y = y.to_kind(Kind::Double);
        let cos = (&x * &y).sum(Kind::Double).double_value(&[])
            / (x.norm().double_value(&[]) * y.norm().double_value(&[])).max(f64::MIN_POSITIVE);
        out.mean_cosine += cos / steps.max(1) as f64;
        out.min_cosine = out.min_cosine.min(cos);
    }
    out
}
