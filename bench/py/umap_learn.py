# bench:maps peer: umap-learn (Debian python3-umap-learn) on float32 rows; run with /usr/bin/python3.
# usage: umap_learn.py <in.f32> <n> <dim> <out.f32>; prints the fit seconds on stdout.
import sys, time
import numpy as np
import umap

path, n, dim, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
X = np.fromfile(path, dtype=np.float32).reshape(n, dim)
t = time.time()
# No random_state: a fixed state turns off umap-learn's parallel SGD.
Y = umap.UMAP(n_neighbors=15, min_dist=0.1, n_components=2).fit_transform(X)
print(time.time() - t)
Y.astype(np.float32).tofile(out)
