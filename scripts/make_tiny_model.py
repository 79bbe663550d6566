#!/usr/bin/env python3
"""Write models/tiny-bart/: the real BART architecture at toy size with random
weights, and a small byte-level BPE tokenizer trained on examples/*.txt.

Tests load it through exactly the code path a real checkpoint takes
(config.json + model.safetensors + vocab.json/merges.txt or tokenizer.json).
Its summaries are noise by construction: it exists to test plumbing and
parity with the reference implementation, never to summarize for a user.

Deterministic: same seed, same pinned packages (see scripts/requirements-dev.txt)
-> byte-identical files. Run with the project venv:
    .venv/bin/python scripts/make_tiny_model.py [--out models/tiny-bart]
"""

import argparse
import glob
import json
import os

import torch
from tokenizers import ByteLevelBPETokenizer, processors
from transformers import BartConfig, BartForConditionalGeneration, GenerationConfig

SEED = 20261128
VOCAB_SIZE = 1000
SPECIALS = ["<s>", "<pad>", "</s>", "<unk>", "<mask>"]


def train_tokenizer(texts, out):
    tok = ByteLevelBPETokenizer(add_prefix_space=False, trim_offsets=True)
    tok.train_from_iterator(texts, vocab_size=VOCAB_SIZE, min_frequency=2, special_tokens=SPECIALS, show_progress=False)
    # BART wraps every input as <s> ... </s>, as RobertaProcessing does.
    tok.post_processor = processors.RobertaProcessing(("</s>", 2), ("<s>", 0), add_prefix_space=False, trim_offsets=True)
    tok.save_model(out)
    tok.save(os.path.join(out, "tokenizer.json"))
    with open(os.path.join(out, "special_tokens_map.json"), "w") as f:
        json.dump(
            {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
             "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"},
            f, indent=2)
    with open(os.path.join(out, "tokenizer_config.json"), "w") as f:
        json.dump({"tokenizer_class": "BartTokenizer", "model_max_length": 256, "add_prefix_space": False,
                   "errors": "replace"}, f, indent=2)
    return tok.get_vocab_size()


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default="models/tiny-bart")
    ap.add_argument("--corpus", default="examples", help="folder of .txt files to train the tokenizer on")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    texts = []
    for path in sorted(glob.glob(os.path.join(args.corpus, "*.txt"))):
        with open(path, encoding="utf-8") as f:
            texts.append(f.read())
    if not texts:
        raise SystemExit(f"no .txt files in {args.corpus}")
    vocab_size = train_tokenizer(texts, args.out)

    torch.manual_seed(SEED)
    config = BartConfig(
        vocab_size=vocab_size,
        d_model=32,
        encoder_layers=2,
        decoder_layers=2,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=256,
        activation_function="gelu",
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_bos_token_id=0,
        forced_eos_token_id=2,
        scale_embedding=False,
        # Summarization settings in the shape real BART checkpoints publish them.
        task_specific_params={"summarization": {
            "num_beams": 4, "min_length": 12, "max_length": 40, "length_penalty": 2.0,
            "no_repeat_ngram_size": 3, "early_stopping": True}},
    )
    model = BartForConditionalGeneration(config)
    model.eval()
    model.save_pretrained(args.out, safe_serialization=True)
    GenerationConfig(
        num_beams=4, min_length=12, max_length=40, length_penalty=2.0, no_repeat_ngram_size=3,
        early_stopping=True, bos_token_id=0, eos_token_id=2, pad_token_id=1, decoder_start_token_id=2,
        forced_bos_token_id=0, forced_eos_token_id=2,
    ).save_pretrained(args.out)
    with open(os.path.join(args.out, "README.md"), "w") as f:
        f.write("# tiny-bart\n\nRandom weights of the BART architecture at toy size (d_model 32, 2+2 layers,\n"
                f"vocab {vocab_size}, 256 positions) with a byte-level BPE tokenizer trained on examples/.\n"
                "Made by scripts/make_tiny_model.py for tests. Its output is noise: never use it to summarize.\n")
    total = sum(os.path.getsize(os.path.join(args.out, n)) for n in os.listdir(args.out))
    print(f"wrote {args.out}: vocab {vocab_size}, {sum(p.numel() for p in model.parameters())} parameters, {total} bytes")


if __name__ == "__main__":
    main()
