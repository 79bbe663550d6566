#!/usr/bin/env python3
"""Record the reference implementation's output for the tiny test model.

Hugging Face transformers (the pinned version in scripts/requirements-dev.txt,
PyTorch eager, f32, CPU) generates from models/tiny-bart for several inputs and
several generation settings; the input ids, generated token ids and decoded text
are written to tests/fixtures/reference_tiny_bart.json. tests/summarize_parity.rs
asserts that newsdigest's generator reproduces them token for token.

Each case is generated twice: every input alone (batch 1, no padding) and all
inputs of the case in one padded batch, because padding changes the encoder's
attention mask and so is a separate code path. A case uses the first four
inputs unless it names its own (`inputs`, indices into the input list).

Deterministic (greedy and beam search, no sampling, random weights fixed by
scripts/make_tiny_model.py). Run with the project venv:
    .venv/bin/python scripts/reference_generate.py [--model models/tiny-bart]
"""

import argparse
import json
import os

import torch
import transformers
import tokenizers
from transformers import AutoTokenizer, BartForConditionalGeneration

SEED_ARTICLE = "examples/cbs-us-china-rights-talks.txt"

# Settings names follow transformers' generate(). `forced_bos_token_id`,
# `forced_eos_token_id` and `decoder_start_token_id` come from the model's
# generation_config.json (0, 2, 2 for tiny-bart, as for the BART CNN checkpoints).
CASES = [
    {"name": "greedy", "num_beams": 1, "min_length": 12, "max_length": 40,
     "length_penalty": 1.0, "no_repeat_ngram_size": 3, "early_stopping": True},
    {"name": "beam4_cnn", "num_beams": 4, "min_length": 12, "max_length": 40,
     "length_penalty": 2.0, "no_repeat_ngram_size": 3, "early_stopping": True},
    {"name": "beam4_no_early_stop", "num_beams": 4, "min_length": 5, "max_length": 30,
     "length_penalty": 1.0, "no_repeat_ngram_size": 3, "early_stopping": False},
    {"name": "beam3_short_min0", "num_beams": 3, "min_length": 0, "max_length": 20,
     "length_penalty": 0.8, "no_repeat_ngram_size": 0, "early_stopping": True},
    # Random weights never choose </s> before the forced one at max_length - 1,
    # so these cases name frequent tokens as end-of-sequence: they exercise
    # finished hypotheses (length-normalised scores, early stopping) and the
    # finalisation of beams that hit max_length (forced </s> is then not "eos").
    {"name": "beam4_eos560", "num_beams": 4, "min_length": 12, "max_length": 40,
     "length_penalty": 2.0, "no_repeat_ngram_size": 3, "early_stopping": True, "eos_token_id": 560},
    {"name": "beam4_eos560_no_early_stop", "num_beams": 4, "min_length": 8, "max_length": 40,
     "length_penalty": 1.0, "no_repeat_ngram_size": 3, "early_stopping": False, "eos_token_id": 560},
    {"name": "greedy_eos585", "num_beams": 1, "min_length": 3, "max_length": 40,
     "length_penalty": 1.0, "no_repeat_ngram_size": 3, "early_stopping": True, "eos_token_id": 585},
    # Rows of one batch that end at different steps: a finished row is padded
    # after its end-of-sequence token while the others go on, and the batch
    # must still give one output per input. Random weights make the output
    # almost independent of the input, so these settings and inputs were
    # found by search: with 2-gram blocking greedy outputs split into two
    # groups after step 25 (inputs 0 and 4 / inputs 1, 2, 3), with 4 beams
    # the short input 4 parts from the others; the end-of-sequence ids are
    # tokens one group generates and the other does not (or later).
    {"name": "greedy_ragged_eos389", "num_beams": 1, "min_length": 3, "max_length": 60,
     "length_penalty": 1.0, "no_repeat_ngram_size": 2, "early_stopping": True, "eos_token_id": 389,
     "inputs": [1, 0, 2, 4]},
    {"name": "greedy_ragged_eos112", "num_beams": 1, "min_length": 3, "max_length": 60,
     "length_penalty": 1.0, "no_repeat_ngram_size": 2, "early_stopping": True, "eos_token_id": 112,
     "inputs": [0, 1, 4, 3]},
    {"name": "beam4_ragged_eos347", "num_beams": 4, "min_length": 3, "max_length": 60,
     "length_penalty": 1.0, "no_repeat_ngram_size": 3, "early_stopping": True, "eos_token_id": 347,
     "inputs": [0, 4, 1]},
    {"name": "beam4_ragged_eos276_no_early_stop", "num_beams": 4, "min_length": 3, "max_length": 60,
     "length_penalty": 1.0, "no_repeat_ngram_size": 3, "early_stopping": False, "eos_token_id": 276,
     "inputs": [4, 0, 2]},
]
DEFAULT_INPUTS = [0, 1, 2, 3]


def inputs(root):
    with open(os.path.join(root, SEED_ARTICLE), encoding="utf-8") as f:
        paragraphs = [p.strip() for p in f.read().split("\n\n") if p.strip()]
    body = [p for p in paragraphs if len(p.split()) > 12]
    return [
        "Washington and Beijing plan to resume discussions about human rights.",
        body[0] + " " + body[1],
        " ".join(body[2:6]),
        "China's official Xinhua News Agency said the two diplomats planned to discuss ties — "
        "anti-terrorism cooperation, “environmental issues” and regional concerns, amid 1.3 billion people's hopes.",
        "Hi.",
    ]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="models/tiny-bart")
    ap.add_argument("--out", default="tests/fixtures/reference_tiny_bart.json")
    args = ap.parse_args()
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    torch.set_num_threads(1)
    torch.manual_seed(0)

    tok = AutoTokenizer.from_pretrained(args.model)
    model = BartForConditionalGeneration.from_pretrained(args.model, attn_implementation="eager").eval()
    gen = model.generation_config
    texts = inputs(root)
    enc = [tok(t).input_ids for t in texts]
    for ids in enc:
        assert len(ids) <= model.config.max_position_embeddings, len(ids)

    def decode(ids):
        return tok.decode(ids, skip_special_tokens=True)

    out_cases = []
    for case in CASES:
        settings = {k: v for k, v in case.items() if k not in ("name", "inputs")}
        which = case.get("inputs", DEFAULT_INPUTS)
        single = []
        with torch.no_grad():
            for k in which:
                x = torch.tensor([enc[k]])
                y = model.generate(x, attention_mask=torch.ones_like(x), do_sample=False, **settings)
                single.append(y[0].tolist())
            batch = tok([texts[k] for k in which], padding=True, return_tensors="pt")
            yb = model.generate(**batch, do_sample=False, **settings)
        assert len(yb) == len(which), (case["name"], len(yb))
        batched = []
        for row in yb.tolist():
            # Shorter outputs of a batch are padded after their EOS.
            while row and row[-1] == gen.pad_token_id:
                row.pop()
            batched.append(row)
        out_cases.append({
            "name": case["name"],
            "settings": settings,
            "inputs": which,
            "single": [{"ids": ids, "text": decode(ids)} for ids in single],
            "batched": [{"ids": ids, "text": decode(ids)} for ids in batched],
        })
        agree = sum(a == b for a, b in zip(single, batched))
        print(f"{case['name']}: lengths {[len(s) for s in single]}, batched {[len(b) for b in batched]}; "
              f"batched == single for {agree}/{len(single)}")

    # bf16: the same model cast to bfloat16 (as `--dtype bf16` runs it), for
    # the two settings the CLI uses, inputs alone.
    model_bf16 = BartForConditionalGeneration.from_pretrained(
        args.model, attn_implementation="eager", torch_dtype=torch.bfloat16).eval()
    bf16_cases = []
    for case in CASES:
        if case["name"] not in ("greedy", "beam4_cnn"):
            continue
        settings = {k: v for k, v in case.items() if k not in ("name", "inputs")}
        which = case.get("inputs", DEFAULT_INPUTS)
        with torch.no_grad():
            outs = [model_bf16.generate(torch.tensor([enc[k]]), attention_mask=torch.ones(1, len(enc[k]), dtype=torch.long),
                                        do_sample=False, **settings)[0].tolist() for k in which]
        bf16_cases.append({"name": case["name"], "settings": settings, "inputs": which,
                           "single": [{"ids": ids, "text": decode(ids)} for ids in outs]})
        f32 = next(c for c in out_cases if c["name"] == case["name"])["single"]
        print(f"bf16 {case['name']}: equal to f32 for {sum(a['ids'] == b for a, b in zip(f32, outs))}/{len(outs)}")

    fixture = {
        "generator": f"transformers {transformers.__version__} (torch {torch.__version__}, "
                     f"tokenizers {tokenizers.__version__}), BartForConditionalGeneration, eager attention, f32, CPU",
        "model": os.path.basename(os.path.normpath(args.model)),
        # The model's own settings as transformers resolves them (config.json
        # and generation_config.json): what a loader must read from the folder.
        "generation_config": {
            "decoder_start_token_id": gen.decoder_start_token_id,
            "forced_bos_token_id": gen.forced_bos_token_id,
            "forced_eos_token_id": gen.forced_eos_token_id,
            "eos_token_id": gen.eos_token_id,
            "pad_token_id": gen.pad_token_id,
            "num_beams": gen.num_beams,
            "min_length": gen.min_length,
            "max_length": gen.max_length,
            "length_penalty": gen.length_penalty,
            "no_repeat_ngram_size": gen.no_repeat_ngram_size,
            "early_stopping": gen.early_stopping,
        },
        "decode": {"skip_special_tokens": True, "clean_up_tokenization_spaces": tok.clean_up_tokenization_spaces},
        "inputs": [{"text": t, "ids": ids} for t, ids in zip(texts, enc)],
        "cases": out_cases,
        "bf16_cases": bf16_cases,
    }
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(fixture, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
