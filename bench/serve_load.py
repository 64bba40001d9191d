"""Load test of `ulmfit serve` on localhost: batched serving against one forward pass per request, same model, same run.

Usage (from the repo root, venv active): python bench/serve_load.py [--model RUN_DIR] [--requests 1000] [--clients 32] [--explain]
Without --model it trains the default run first (`ulmfit train`, about 40 s). For each mode (batched, then
`--no-batching`, alternated `--repeats` times) it starts `ulmfit serve --port 0`, sends a fixed number of requests
(one validation review of the embedded corpus each) from concurrent client threads over keep-alive connections, and
prints requests/s and p50/p90/p99 latency as a Markdown table. Server and clients share the machine's cores.
With --explain, the modes are the default server answering plain requests and the same requests with
`"explain": true` (word weights: each request a pass of its own), alternated; --explain-requests sets how many of
those are sent.
"""
import argparse, http.client, json, os, statistics, subprocess, sys, tempfile, threading, time
from pathlib import Path
sys.path.insert(0, str(Path(__file__).parent))
from pipeline_default import cpu_model

def load(port, texts, n_requests, n_clients, explain=False):
    "Send `n_requests` (cycling through `texts`, with `\"explain\": true` if `explain`) from `n_clients` threads; (seconds, latencies, n_errors)."
    lat, errors, lock, counter = [], [0], threading.Lock(), iter(range(n_requests))
    def client():
        c = http.client.HTTPConnection('127.0.0.1', port, timeout=120)
        while True:
            with lock: i = next(counter, None)
            if i is None: break
            body = json.dumps({'text': texts[i % len(texts)], **({'explain': True} if explain else {})}).encode()
            t = time.perf_counter()
            c.request('POST', '/predict', body=body, headers={'Content-Type': 'application/json'})
            r = c.getresponse(); r.read()
            dt = time.perf_counter() - t
            with lock:
                lat.append(dt)
                if r.status != 200: errors[0] += 1
        c.close()
    threads = [threading.Thread(target=client) for _ in range(n_clients)]
    t0 = time.perf_counter()
    for t in threads: t.start()
    for t in threads: t.join()
    return time.perf_counter() - t0, lat, errors[0]

def pct(xs, q): return sorted(xs)[min(len(xs) - 1, int(round(q / 100 * (len(xs) - 1))))]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--model', help='a trained run directory (default: train the default run in a temporary folder)')
    ap.add_argument('--requests', type=int, default=1000)
    ap.add_argument('--clients', type=int, default=32)
    ap.add_argument('--repeats', type=int, default=1)
    ap.add_argument('--threads', type=int, default=None, help='--threads of the server (default: PyTorch\'s choice)')
    ap.add_argument('--explain', action='store_true', help='compare plain requests with requests asking for word weights')
    ap.add_argument('--explain-requests', type=int, default=200, help='requests with "explain" per repeat (default: 200)')
    a = ap.parse_args()
    os.environ.setdefault('PYTHONWARNINGS', 'ignore')
    model = a.model
    if model is None:
        model = Path(tempfile.mkdtemp(prefix='serve-bench-'))/'run'
        subprocess.run([sys.executable, '-m', 'ulmfit_nb.cli', 'train', '--out', str(model)], check=True, stdout=subprocess.DEVNULL)
    from ulmfit_nb.data import read_texts_csv
    from ulmfit_nb.data import default_corpus_path
    from ulmfit_nb.testing import ServeProcess  # `ulmfit serve --port 0` in its own process (17_testing)
    texts = read_texts_csv(default_corpus_path(), valid_col='is_valid').query('is_valid').text.tolist()
    n_tok = statistics.mean(len(t.split()) for t in texts)
    extra = ['--threads', str(a.threads)] if a.threads else []
    rows = []
    for rep in range(a.repeats):
        modes = ([('plain requests, default server (baseline)', [], False, a.requests),
                  ('"explain": true, default server', [], True, a.explain_requests)] if a.explain else
                 [('batched, max wait 0 ms (the default)', [], False, a.requests), ('batched, max wait 5 ms', ['--max-wait-ms', '5'], False, a.requests),
                  ('one forward pass per request (baseline)', ['--no-batching'], False, a.requests)])
        for mode, args, explain, n in modes:
            with ServeProcess(model, *args, *extra) as server:
                load(server.port, texts, 20 if explain else 50, min(8, a.clients), explain)  # warm-up
                secs, lat, err = load(server.port, texts, n, a.clients, explain)
                h = server.request(None, method='GET', path='/health')[1]
                server.stop()
            rows.append((mode, n / secs, 1000 * pct(lat, 50), 1000 * pct(lat, 90), 1000 * pct(lat, 99), err,
                         h['requests'] / max(1, h['forward_passes'])))
            print(f'# {mode}: {n / secs:.1f} req/s', file=sys.stderr)
    head = f"{a.requests} plain requests and {a.explain_requests} with explain, mode by mode," if a.explain else f"{a.requests} requests"
    print(f"{head} from {a.clients} concurrent clients (keep-alive), one review each (mean {n_tok:.0f} words), "
          f"model {model}, {os.cpu_count()} CPUs ({cpu_model()}), server threads: {a.threads or 'default'}\n")
    print('| mode | requests/s | p50 ms | p90 ms | p99 ms | errors | requests per pass |')
    print('| --- | --- | --- | --- | --- | --- | --- |')
    for r in rows: print(f'| {r[0]} | {r[1]:.1f} | {r[2]:.0f} | {r[3]:.0f} | {r[4]:.0f} | {r[5]} | {r[6]:.1f} |')

if __name__ == '__main__': main()
