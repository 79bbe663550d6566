//! The model's own tokenizer through Hugging Face `tokenizers` (the Rust
//! library the Python fast tokenizers wrap), so that token ids and decoded
//! text are those of the reference implementation.
//!
//! A folder with `tokenizer.json` is read as is. A byte-level BPE folder with
//! only `vocab.json` + `merges.txt` (as the BART checkpoints ship) gets the
//! pipeline transformers' `RobertaConverter` builds for `BartTokenizerFast`:
//! byte-level pre-tokenizer without prefix space, `<s> … </s>` post-processor,
//! byte-level decoder, the five special tokens (`<mask>` strips left).

use std::path::Path;

use serde_json::Value;
use tokenizers::decoders::byte_level::ByteLevel as ByteLevelDecoder;
use tokenizers::models::bpe::{Merges, Vocab, BPE};
use tokenizers::pre_tokenizers::byte_level::ByteLevel;
use tokenizers::processors::roberta::RobertaProcessing;
use tokenizers::{AddedToken, Tokenizer};

use super::files;
use super::model::{ModelFolder, TokenizerFiles};

pub struct HfTokenizer {
    inner: Tokenizer,
    /// transformers' `clean_up_tokenization_spaces` for this tokenizer.
    clean_up_spaces: bool,
}

impl HfTokenizer {
    /// The folder's tokenizer; `Err` names what could not be read.
    pub fn load(folder: &ModelFolder) -> Result<HfTokenizer, String> {
        let json = folder.dir.join("tokenizer.json");
        // Anything at that name is the tokenizer, read within its limit:
        // a link to a device is not passed over for vocab.json.
        let (inner, file) = if files::probe(&json)?.is_some() {
            let bytes = files::read(&json, files::TOKENIZER_LIMIT)?;
            let tokenizer =
                Tokenizer::from_bytes(bytes).map_err(|e| format!("tokenizer.json: {e}"))?;
            (tokenizer, "tokenizer.json")
        } else if let TokenizerFiles::Bpe { vocab, merges } = &folder.tokenizer {
            (byte_level_bpe(vocab, merges)?, "vocab.json")
        } else {
            return Err("needs tokenizer.json or vocab.json + merges.txt".into());
        };
        // Without a vocabulary every word is dropped and every generated id
        // decodes to nothing: a summary of "" that claims to be one.
        if inner.get_vocab_size(false) == 0 {
            return Err(format!("{file} has an empty vocabulary"));
        }
        Ok(HfTokenizer {
            inner,
            clean_up_spaces: clean_up_setting(&folder.dir)?,
        })
    }

    /// Ids of `text` with the model's special tokens (`<s> … </s>`).
    pub fn encode(&self, text: &str) -> Result<Vec<i64>, String> {
        let enc = self.inner.encode(text, true).map_err(|e| e.to_string())?;
        Ok(enc.get_ids().iter().map(|&i| i64::from(i)).collect())
    }

    /// Tokens of `text`, special tokens excluded.
    pub fn count(&self, text: &str) -> usize {
        self.inner
            .encode(text, false)
            .map(|e| e.get_ids().len())
            .unwrap_or_else(|_| text.split_whitespace().count())
    }

    /// Text of generated `ids`, special tokens skipped, as transformers'
    /// `decode(ids, skip_special_tokens=True)` gives it.
    pub fn decode(&self, ids: &[i64]) -> Result<String, String> {
        let ids: Vec<u32> = ids.iter().filter_map(|&i| u32::try_from(i).ok()).collect();
        let text = self.inner.decode(&ids, true).map_err(|e| e.to_string())?;
        Ok(if self.clean_up_spaces {
            clean_up_tokenization(&text)
        } else {
            text
        })
    }
}

/// `vocab.json`: token → id. As `tokenizers`' `BPE::read_file` reads it
/// (a value that is not a number is skipped), except that an id past
/// `u32` is an error rather than cut to 32 bits.
fn parse_vocab(json: &[u8]) -> Result<Vocab, String> {
    let json: Value =
        serde_json::from_slice(json).map_err(|e| format!("vocab.json is not valid JSON: {e}"))?;
    let Value::Object(table) = json else {
        return Err("vocab.json is not a table of tokens".into());
    };
    let mut vocab = Vocab::new();
    for (token, id) in table {
        if let Value::Number(id) = id {
            let id = id
                .as_u64()
                .and_then(|id| u32::try_from(id).ok())
                .ok_or_else(|| format!("vocab.json gives {token:?} the id {id}, not a token id"))?;
            vocab.insert(token, id);
        }
    }
    Ok(vocab)
}

/// `merges.txt`: one pair of tokens a line, after an optional `#version`
/// line, as `tokenizers`' `BPE::read_file` reads it.
fn parse_merges(text: &[u8]) -> Result<Merges, String> {
    let text = std::str::from_utf8(text).map_err(|e| format!("merges.txt is not UTF-8: {e}"))?;
    let mut merges = Merges::new();
    for (i, line) in text.lines().enumerate() {
        if line.starts_with("#version") {
            continue;
        }
        match line.split(' ').collect::<Vec<_>>().as_slice() {
            [a, b] => merges.push(((*a).to_owned(), (*b).to_owned())),
            _ => return Err(format!("merges.txt line {} is not two tokens", i + 1)),
        }
    }
    Ok(merges)
}

fn byte_level_bpe(vocab: &Path, merges: &Path) -> Result<Tokenizer, String> {
    // Read here, within their limits, rather than by `BPE::from_file`,
    // which reads a file to its end whatever its size.
    let vocab = parse_vocab(&files::read(vocab, files::TOKENIZER_LIMIT)?)?;
    if vocab.is_empty() {
        return Err("vocab.json has an empty vocabulary".into());
    }
    let merges = parse_merges(&files::read(merges, files::TOKENIZER_LIMIT)?)?;
    let bpe = BPE::builder()
        .vocab_and_merges(vocab, merges)
        .build()
        .map_err(|e| format!("vocab.json/merges.txt: {e}"))?;
    let mut tok = Tokenizer::new(bpe);
    tok.with_pre_tokenizer(Some(ByteLevel::new(false, true, true)));
    tok.with_decoder(Some(ByteLevelDecoder::new(false, true, true)));
    let id = |t: &str| {
        tok.token_to_id(t)
            .ok_or_else(|| format!("vocab.json has no {t}"))
    };
    let (bos, eos) = (id("<s>")?, id("</s>")?);
    tok.with_post_processor(Some(
        RobertaProcessing::new(("</s>".into(), eos), ("<s>".into(), bos))
            .trim_offsets(true)
            .add_prefix_space(false),
    ));
    let specials: Vec<AddedToken> = ["<s>", "<pad>", "</s>", "<unk>"]
        .iter()
        .map(|t| AddedToken::from(*t, true))
        .chain([AddedToken::from("<mask>", true).lstrip(true)])
        .collect();
    tok.add_special_tokens(&specials);
    Ok(tok)
}

/// transformers 4.46 reads `clean_up_tokenization_spaces` from
/// tokenizer_config.json and defaults it to false.
/// A file that is not JSON counts as silent, as it always has; one that
/// cannot be read (over its limit, a link that loops) is an error.
fn clean_up_setting(dir: &Path) -> Result<bool, String> {
    let config = files::read_optional(&dir.join("tokenizer_config.json"), files::TOKENIZER_LIMIT)?;
    Ok(config
        .and_then(|bytes| serde_json::from_slice::<Value>(&bytes).ok())
        .and_then(|v| {
            v.get("clean_up_tokenization_spaces")
                .and_then(Value::as_bool)
        })
        .unwrap_or(false))
}

/// transformers' `PreTrainedTokenizerBase.clean_up_tokenization`.
fn clean_up_tokenization(text: &str) -> String {
    text.replace(" .", ".")
        .replace(" ?", "?")
        .replace(" !", "!")
        .replace(" ,", ",")
        .replace(" ' ", "'")
        .replace(" n't", "n't")
        .replace(" 'm", "'m")
        .replace(" 's", "'s")
        .replace(" 've", "'ve")
        .replace(" 're", "'re")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocab_and_merges_read_as_tokenizers_reads_them() {
        let vocab = parse_vocab(br#"{"a": 0, "b": 1, "ab": 2, "note": "x"}"#).unwrap();
        assert_eq!(vocab.len(), 3);
        assert_eq!(vocab["ab"], 2);
        let err = parse_vocab(br#"{"a": 4294967296}"#).unwrap_err();
        assert!(err.contains("not a token id"), "{err}");
        let err = parse_vocab(b"[1]").unwrap_err();
        assert!(err.contains("not a table"), "{err}");
        let merges = parse_merges(b"#version: 0.2\r\na b\r\nab c\n").unwrap();
        assert_eq!(
            merges,
            [("a".into(), "b".into()), ("ab".into(), "c".into())]
        );
        let err = parse_merges(b"#version: 0.2\na b\nabc\n").unwrap_err();
        assert_eq!(err, "merges.txt line 3 is not two tokens");
        // The tokenizer built from them is the one `BPE::from_file` builds.
        let dir = tempfile::tempdir().unwrap();
        let (v, m) = (dir.path().join("vocab.json"), dir.path().join("merges.txt"));
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("models/tiny-bart");
        std::fs::copy(root.join("vocab.json"), &v).unwrap();
        std::fs::copy(root.join("merges.txt"), &m).unwrap();
        let ours = BPE::builder()
            .vocab_and_merges(
                parse_vocab(&std::fs::read(&v).unwrap()).unwrap(),
                parse_merges(&std::fs::read(&m).unwrap()).unwrap(),
            )
            .build()
            .unwrap();
        let theirs = BPE::from_file(&v.to_string_lossy(), &m.to_string_lossy())
            .build()
            .unwrap();
        assert_eq!(ours.get_vocab(), theirs.get_vocab());
        let (a, b) = (Tokenizer::new(ours), Tokenizer::new(theirs));
        for word in ["officials", "talks", "Geneva", "resume"] {
            assert_eq!(
                a.encode(word, false).unwrap().get_ids(),
                b.encode(word, false).unwrap().get_ids(),
                "{word}"
            );
        }
    }

    #[test]
    fn clean_up_matches_transformers() {
        assert_eq!(
            super::clean_up_tokenization("It 's here , is n't it ?"),
            "It's here, isn't it?"
        );
    }
}
