// bench:maps peer, run in its own process: stock umap-js (its own NN-descent and optimiser).
// usage: node dist/bench/mapsUmapJs.js <in.f32> <n> <dim> <out.f32>; prints the fit seconds.
import { readFileSync, writeFileSync } from 'node:fs';
import { UMAP } from 'umap-js';
import { createRng } from '../core/common/random.js';

const [path, nArg, dimArg, out] = process.argv.slice(2) as [string, string, string, string];
const n = Number(nArg);
const dim = Number(dimArg);
const buf = readFileSync(path);
const flat = new Float32Array(buf.buffer, buf.byteOffset, n * dim);
const rows: number[][] = [];
for (let i = 0; i < n; i++) rows.push(Array.from(flat.subarray(i * dim, (i + 1) * dim)));
const rng = createRng(42);
const t = performance.now();
const y = new UMAP({ nNeighbors: 15, minDist: 0.1, nComponents: 2, random: () => rng.next() }).fit(rows);
console.log((performance.now() - t) / 1000);
writeFileSync(out, Float32Array.from(y.flat()));
