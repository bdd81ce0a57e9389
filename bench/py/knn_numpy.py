"""Brute-force k-NN with numpy/OpenBLAS, the ceiling vecscope's kernels are compared against.
usage: knn_numpy.py base.f32 queries.f32 dim k metric out.i32 -> prints JSON {"seconds", "threads"}"""
import json, sys, time
import numpy as np

base_path, query_path, dim, k, metric, out_path = sys.argv[1:7]
dim, k = int(dim), int(k)
X = np.fromfile(base_path, dtype=np.float32).reshape(-1, dim)
Q = np.fromfile(query_path, dtype=np.float32).reshape(-1, dim)
t0 = time.perf_counter()
if metric == "cos":
    X = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-30)
    Q = Q / np.maximum(np.linalg.norm(Q, axis=1, keepdims=True), 1e-30)
xn = (X * X).sum(1) if metric == "l2" else None
out = np.empty((Q.shape[0], k), dtype=np.int32)
for s in range(0, Q.shape[0], 1000):
    G = Q[s : s + 1000] @ X.T
    D = xn[None, :] - 2 * G if metric == "l2" else -G
    part = np.argpartition(D, k - 1, axis=1)[:, :k]
    dd = np.take_along_axis(D, part, 1)
    order = np.lexsort((part, dd), axis=1)
    out[s : s + 1000] = np.take_along_axis(part, order, 1)
seconds = time.perf_counter() - t0
out.tofile(out_path)
try:
    from threadpoolctl import threadpool_info
    threads = [i.get("num_threads") for i in threadpool_info()]
except Exception:
    threads = None
print(json.dumps({"seconds": seconds, "threads": threads, "numpy": np.__version__}))
