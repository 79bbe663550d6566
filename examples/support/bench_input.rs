//! What the summarization examples share with `scripts/bench_summarize`:
//! their `--name value` arguments and the pseudo-random input ids, so that
//! every side of a comparison feeds the model the same tokens.

/// The value after `name` in `args`, or `default` when it is absent or
/// does not parse.
pub fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The same pseudo-random ids as scripts/bench_summarize (an LCG, so both
/// sides need no shared file): `<s>`, `len - 2` ids in [4, vocab), `</s>`.
pub fn input_ids(len: usize, vocab: i64, seed: u64) -> Vec<i64> {
    let mut x = seed;
    let mut ids = vec![0i64];
    for _ in 0..len - 2 {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ids.push(4 + ((x >> 33) as i64) % (vocab - 4));
    }
    ids.push(2);
    ids
}

/// The summarize stage's beam search, forced to make exactly `new_tokens`
/// tokens (`min_length = max_length`), so every engine and dtype does the
/// same work.
pub fn fixed_length_search(
    beams: i64,
    new_tokens: i64,
    tokens: newsdigest::summarize::SpecialTokens,
) -> newsdigest::summarize::SearchParams {
    newsdigest::summarize::SearchParams {
        settings: newsdigest::summarize::GenerationSettings {
            num_beams: beams,
            // max_length counts the decoder start token.
            min_length: new_tokens + 1,
            max_length: new_tokens + 1,
            length_penalty: 2.0,
            no_repeat_ngram_size: 3,
            early_stopping: true,
        },
        tokens,
    }
}
