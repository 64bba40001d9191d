"""`ulmfit` with fastai's own word tokenization: the "before" of bench/tokenize_protocol.py.

Word texts go through fastai's `parallel_tokenize` with its `WordTokenizer` (fastai's rules, spaCy through
`SpacyTokenizer`, fastcore's `L`, one worker per core), called once over every text not in the token cache, as
`ulmfit_nb.tokenization.tokenize_texts` did before issue 17 (one block: no corpus streamed a block at a time).
Everything else (cache, vocab, ids, run directory) is this checkout's code. The tokens are the same either way.

Usage: python bench/fastai_word_path.py train --data imdb --preset book --out DIR --stop-after tokenize
"""
import sys
from functools import partial
from fastai.text.core import WordTokenizer, parallel_tokenize
import ulmfit_nb.tokenization as T, ulmfit_nb.numericalization as N


def fastai_words(texts, rules=None, n_workers=T.defaults.cpus, chunk=1000, pool=None):
    "What `word_tokens_parallel` yields, `(i, tokens)`, from fastai's `parallel_tokenize` (`chunk` and `pool` unused)."
    return parallel_tokenize(texts, tok=WordTokenizer(), rules=rules, n_workers=n_workers)


T.word_tokens_parallel = fastai_words  # `iter_tokens` looks the function up at each block...
N.iter_tokens = partial(T.iter_tokens, block=1 << 40)  # ... and there is one block (`TextProcessor` calls `iter_tokens` through this name)

if __name__ == '__main__':
    from ulmfit_nb.cli import main
    sys.exit(main(sys.argv[1:]))
