"""One k-means fit by an anchor library on a raw float32 matrix; prints one JSON line.

Usage: python kmeans_anchor.py <sklearn-lloyd|sklearn-elkan|faiss> <file.f32> <n> <d> <k> <seed> <threads> [init.f32]
Time covers the fit only (not reading the file). Peak RSS is the whole process (ru_maxrss, KiB);
rssBefore is the same high-water mark just before the fit (matrix read, library imported), so
peakRss - rssBefore is what the fit itself added.
With init.f32 (k×d float32, e.g. kinema's seeding) scikit-learn starts from those centres (init=array).
"""
import json
import resource
import sys
import time

import numpy as np

lib, path, n, d, k, seed, threads = sys.argv[1], sys.argv[2], *map(int, sys.argv[3:8])
x = np.fromfile(path, dtype=np.float32, count=n * d).reshape(n, d)
init = np.fromfile(sys.argv[8], dtype=np.float32).reshape(k, d) if len(sys.argv) > 8 else "k-means++"

if lib.startswith("sklearn"):
    from sklearn.cluster import KMeans
    from threadpoolctl import threadpool_limits

    with threadpool_limits(threads):
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        t0 = time.perf_counter()
        km = KMeans(n_clusters=k, algorithm=lib.split("-")[1], n_init=1, init=init, random_state=seed)
        km.fit(x)
        seconds = time.perf_counter() - t0
    inertia, iterations = float(km.inertia_), int(km.n_iter_)
elif lib == "faiss":
    import faiss

    faiss.omp_set_num_threads(threads)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    t0 = time.perf_counter()
    # defaults (25 iterations) but no subsampling, so it clusters the same n rows as the others
    km = faiss.Kmeans(d, k, niter=25, seed=seed, max_points_per_centroid=(n + k - 1) // k + 1)
    if isinstance(init, str):
        km.train(x)
    else:
        km.train(x, init_centroids=init)
    dist, _ = km.index.search(x, 1)
    seconds = time.perf_counter() - t0
    inertia, iterations = float(dist.astype(np.float64).sum()), 25
else:
    raise SystemExit(f"unknown library {lib}")

rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"seconds": seconds, "iterations": iterations, "inertia": inertia, "peakRss": rss, "rssBefore": before}))
