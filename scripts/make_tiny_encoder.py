#!/usr/bin/python3
"""Makes the tiny pretrained text encoder the tests load: train/src/test/resources/pretrained/tiny-encoder/.

A BERT-like sentence encoder with random weights (nothing here is learned; it exists so that tests can
load, run and fine-tune a real TorchScript module offline): token embedding over a small WordPiece
vocabulary plus learned positions (up to MAX_LENGTH), 2 post-norm encoder layers (d=32, 2 heads), and
mean pooling under the attention mask. Its forward is

    forward(input_ids: int64 [B, L], attention_mask: int64 [B, L]) -> float32 [B, 32]

saved with torch.jit.script so that B and L may vary (L <= 128), and exported to ONNX (opset 17) as
encoder.onnx, which anneal splices into exported bundles. Beside it goes the matching Hugging Face
tokenizer.json (BERT style: BertNormalizer, BertPreTokenizer, WordPiece, [CLS] $A [SEP], truncation
to 128 tokens).

Deterministic, byte for byte (torch.manual_seed, PYTHONHASHSEED=0); run it with Debian's python3-torch
from the repository root:

    /usr/bin/python3 scripts/make_tiny_encoder.py
"""
import json
import math
import os
import string
import sys

import torch
from torch import nn

OUT = "train/src/test/resources/pretrained/tiny-encoder"
SEED = 20240601
DIM, HEADS, LAYERS, FEEDFORWARD, MAX_LENGTH = 32, 2, 2, 64, 128
SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
WORDS = """
the a an and or but not no so very too really quite just also only even still all some any this that these
those it its i me my we our you your he she they them their his her is are was were be been being
am do does did have has had will would can could should may might must of to in on at for with from by
about as into over after before than then there here what when where which who why how one two three
good great bad best better worse worst nice fine okay ok love loved like liked hate hated enjoy enjoyed
recommend recommended delicious tasty yummy bland salty sweet sour bitter spicy hot cold warm fresh
stale crispy crunchy soft chewy dry moist rich creamy cheap expensive price value small large big little
flavor flavour taste tastes tasted texture smell food meal dinner lunch breakfast dessert snack drink
coffee tea milk water juice wine beer chocolate cake cookie cookies bread pizza pasta rice chicken beef
pork fish soup salad sauce cheese butter sugar salt pepper fruit apple banana cereal chips candy
product products order ordered box bag package bottle can jar brand amazon store bought buy buying
again never always ever would time times day days week year first last more most less much many
restaurant service staff waiter place menu portion portions dish dishes served friendly slow fast
quality price well way too eat ate eating make made get got give gave try tried find found use used
dog dogs cat cats kids family husband wife
""".split()
SUFFIXES = ["s", "es", "ed", "ing", "ly", "er", "est", "y", "ness", "ful"]


def vocabulary():
    """[PAD]=0 .. [MASK]=4, the words, single letters, digits and punctuation, then ##suffixes and a ##piece
    for every letter and digit, so that any lower-case ASCII word tokenizes without [UNK]."""
    tokens = list(SPECIALS)
    singles = list(string.ascii_lowercase) + list(string.digits) + list(string.punctuation)
    for token in WORDS + singles + ["##" + s for s in SUFFIXES + singles[:36]]:
        if token not in tokens:
            tokens.append(token)
    return tokens


class Layer(nn.Module):
    """One post-norm Transformer encoder layer; padded keys get no attention."""

    def __init__(self):
        super().__init__()
        self.qkv = nn.Linear(DIM, 3 * DIM)
        self.out = nn.Linear(DIM, DIM)
        self.norm1 = nn.LayerNorm(DIM)
        self.ff1 = nn.Linear(DIM, FEEDFORWARD)
        self.ff2 = nn.Linear(FEEDFORWARD, DIM)
        self.norm2 = nn.LayerNorm(DIM)
        self.dropout = nn.Dropout(0.1)
        self.heads, self.head = HEADS, DIM // HEADS

    def forward(self, x: torch.Tensor, key_bias: torch.Tensor) -> torch.Tensor:
        batch, length = x.size(0), x.size(1)
        qkv = self.qkv(x).view(batch, length, 3, self.heads, self.head).permute(2, 0, 3, 1, 4)
        scores = torch.matmul(qkv[0], qkv[1].transpose(-1, -2)) / math.sqrt(self.head) + key_bias
        context = torch.matmul(torch.softmax(scores, dim=-1), qkv[2])
        context = context.transpose(1, 2).reshape(batch, length, self.heads * self.head)
        x = self.norm1(x + self.dropout(self.out(context)))
        return self.norm2(x + self.dropout(self.ff2(torch.nn.functional.gelu(self.ff1(x)))))


class TinyEncoder(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, DIM)
        self.positions = nn.Embedding(MAX_LENGTH, DIM)
        self.norm = nn.LayerNorm(DIM)
        self.dropout = nn.Dropout(0.1)
        self.layers = nn.ModuleList([Layer() for _ in range(LAYERS)])

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        positions = torch.arange(input_ids.size(1), device=input_ids.device)
        x = self.dropout(self.norm(self.tokens(input_ids) + self.positions(positions)))
        mask = attention_mask.to(x.dtype)
        # A large finite negative rather than -inf, so that a row of padding only gives zeros, not NaN.
        key_bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for layer in self.layers:
            x = layer(x, key_bias)
        summed = (x * mask[:, :, None]).sum(dim=1)
        return summed / mask.sum(dim=1, keepdim=True).clamp(min=1.0)


def tokenizer_json(tokens):
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, t in enumerate(SPECIALS)]

    def special(name, type_id=0):
        return {"SpecialToken": {"id": name, "type_id": type_id}}

    def sequence(name, type_id=0):
        return {"Sequence": {"id": name, "type_id": type_id}}

    return {
        "version": "1.0",
        # The learned positions stop at MAX_LENGTH, so longer texts are cut there ([SEP] kept).
        "truncation": {"direction": "Right", "max_length": MAX_LENGTH, "strategy": "LongestFirst",
                       "stride": 0},
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [special("[CLS]"), sequence("A"), special("[SEP]")],
            "pair": [special("[CLS]"), sequence("A"), special("[SEP]"),
                     sequence("B", 1), special("[SEP]", 1)],
            "special_tokens": {name: {"id": name, "ids": [tokens.index(name)], "tokens": [name]}
                               for name in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": {t: i for i, t in enumerate(tokens)}},
    }


def main():
    if os.environ.get("PYTHONHASHSEED") != "0":
        # TorchScript writes a module's constants in set order, which string hashing randomises per process.
        os.execve(sys.executable, [sys.executable] + sys.argv, dict(os.environ, PYTHONHASHSEED="0"))
    torch.manual_seed(SEED)
    tokens = vocabulary()
    model = TinyEncoder(len(tokens)).eval()
    scripted = torch.jit.script(model)
    # Batch and length vary: check two shapes, and that padding leaves a row's embedding unchanged.
    ids = torch.tensor([[2, 10, 11, 3, 0, 0], [2, 12, 13, 14, 15, 3]])
    mask = (ids != 0).long()
    with torch.no_grad():
        assert scripted(ids, mask).shape == (2, DIM)
        assert scripted(ids[:1, :4], mask[:1, :4]).shape == (1, DIM)
        assert torch.allclose(scripted(ids[:1, :4], mask[:1, :4]), scripted(ids, mask)[:1], atol=1e-6)
    os.makedirs(OUT, exist_ok=True)
    scripted.save(os.path.join(OUT, "encoder.pt"))
    # The same module as ONNX (opset 17, batch and length dynamic), which anneal splices into the bundles of
    # networks that use the encoder. Every parameter stays an initializer of its own name (no constant folding,
    # and torch's merging of equal-valued initializers, such as fresh LayerNorm biases, turned off), so that
    # fine-tuned weights can replace them by name.
    torch._C._jit_pass_onnx_deduplicate_initializers = lambda graph, params, training: params
    torch.onnx.export(model, (ids, mask), os.path.join(OUT, "encoder.onnx"), input_names=["input_ids", "attention_mask"],
                      output_names=["embedding"], opset_version=17, do_constant_folding=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "length"}, "attention_mask": {0: "batch", 1: "length"},
                                    "embedding": {0: "batch"}})
    with open(os.path.join(OUT, "tokenizer.json"), "w") as f:
        json.dump(tokenizer_json(tokens), f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(tokens)} tokens, {sum(p.numel() for p in model.parameters())} parameters -> {OUT}")


if __name__ == "__main__":
    main()
