import type H5Module from 'h5wasm/node';
import { resolve } from 'node:path';
import { VecscopeError } from '../../common/errors.js';
import type { ParsedVectors } from '../../common/io/parsedVectors.js';
import type { Matrix, Metric, StorageDtype } from '../../common/types.js';

type H5 = typeof H5Module;
type H5Dataset = InstanceType<H5['Dataset']>;

let h5Promise: Promise<H5> | undefined;

/** Loads h5wasm once, switching HDF5's error stack printer (which writes to fd 2) for thrown errors. */
function loadH5(): Promise<H5> {
  h5Promise ??= (async () => {
    const { default: h5 } = await import('h5wasm/node');
    const module = await h5.ready;
    module.activate_throwing_error_handler();
    return h5;
  })();
  return h5Promise;
}

/** HDF5's error text is a multi-line stack; keep its most specific line. */
function hdf5Reason(e: unknown): string {
  const text = String((e as Error)?.message ?? e);
  const minors = [...text.matchAll(/minor:\s*(.+)/g)].map((m) => m[1]!.trim());
  const detail = /error message = '([^']+)'/.exec(text)?.[1];
  return detail ?? minors[minors.length - 1] ?? text.split('\n')[0] ?? 'unknown error';
}

const METRIC_OF_DISTANCE: Record<string, Metric> = {
  angular: 'cos',
  cosine: 'cos',
  euclidean: 'l2',
  l2: 'l2',
  dot: 'ip',
  ip: 'ip',
  inner_product: 'ip',
  mips: 'ip',
};

function dtypeOf(ds: H5Dataset): StorageDtype {
  const m = ds.metadata;
  if (m.type === 1) return m.size === 8 ? 'f64' : m.size === 2 ? 'f16' : 'f32';
  if (m.type === 0) return m.size === 1 ? (m.signed ? 'i8' : 'u8') : 'i32';
  return 'f32';
}

function numericValues(ds: H5Dataset, name: string, file: string): ArrayLike<number> {
  const m = ds.metadata;
  if (m.type !== 0 && m.type !== 1)
    throw new VecscopeError(`dataset "${name}" is not numeric (HDF5 type class ${m.type})`, file);
  if (m.type === 1 && m.size === 2)
    throw new VecscopeError(`dataset "${name}" is float16, which h5wasm cannot read`, file);
  const v = ds.value;
  if (v instanceof BigInt64Array || v instanceof BigUint64Array) return Array.from(v, Number);
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return v as unknown as ArrayLike<number>;
  throw new VecscopeError(`dataset "${name}" could not be read as numbers`, file);
}

function readMatrix(ds: H5Dataset, name: string, file: string): Matrix {
  const shape = ds.shape ?? [];
  if (shape.length !== 2)
    throw new VecscopeError(`dataset "${name}" has shape (${shape.join(', ')}); expected 2-D`, file);
  const [n, dim] = shape as [number, number];
  const v = numericValues(ds, name, file);
  const data = v instanceof Float32Array ? v : Float32Array.from(v);
  return { data, n, dim };
}

/** Everything an ann-benchmarks style HDF5 file can hold. */
export interface Hdf5Contents extends ParsedVectors {
  queries?: Matrix;
  groundTruth?: { ids: Int32Array; nq: number; k: number };
  metric?: Metric;
}

/**
 * Reads an HDF5 file read-only. ann-benchmarks layout: `train` is the base, `test` the queries,
 * `neighbors` the ground truth, the `distance` attribute the metric; with role 'queries' the `test`
 * set becomes the vectors. Other files need one 2-D numeric dataset (or one named embeddings/vectors/data).
 */
export async function readHdf5(
  path: string,
  file: string,
  role: 'base' | 'queries' = 'base',
): Promise<Hdf5Contents> {
  const h5 = await loadH5();
  let f: InstanceType<H5['File']>;
  try {
    f = new h5.File(resolve(path), 'r');
  } catch (e) {
    throw new VecscopeError(`not a readable HDF5 file (${hdf5Reason(e)})`, file);
  }
  try {
    const keys = f.keys();
    const get = (name: string): H5Dataset | undefined => {
      const e = f.get(name);
      return e instanceof h5.Dataset ? e : undefined;
    };
    const distance = f.attrs['distance']?.value;
    const metric = typeof distance === 'string' ? METRIC_OF_DISTANCE[distance.toLowerCase()] : undefined;
    let vectorsName: string;
    if (keys.includes('train')) vectorsName = role === 'queries' && keys.includes('test') ? 'test' : 'train';
    else {
      const twoD = keys.filter((k) => (get(k)?.shape ?? []).length === 2);
      const named = twoD.find((k) =>
        ['embeddings', 'embedding', 'vectors', 'data'].includes(k.toLowerCase()),
      );
      if (named) vectorsName = named;
      else if (twoD.length === 1) vectorsName = twoD[0]!;
      else
        throw new VecscopeError(
          `no "train" dataset and ${twoD.length === 0 ? 'no' : 'several'} 2-D datasets (${keys.join(', ') || 'empty file'})`,
          file,
        );
    }
    const ds = get(vectorsName)!;
    let matrix: Matrix;
    try {
      matrix = readMatrix(ds, vectorsName, file);
    } catch (e) {
      if (e instanceof VecscopeError) throw e;
      throw new VecscopeError(`dataset "${vectorsName}" is unreadable (${hdf5Reason(e)})`, file);
    }
    const out: Hdf5Contents = { matrix, dtype: dtypeOf(ds) };
    if (metric) out.metric = metric;
    if (role === 'base' && vectorsName === 'train') {
      const test = get('test');
      if (test) out.queries = readMatrix(test, 'test', file);
      const nb = get('neighbors');
      if (nb) {
        const shape = nb.shape ?? [];
        if (shape.length !== 2) throw new VecscopeError(`dataset "neighbors" is not 2-D`, file);
        out.groundTruth = {
          ids: Int32Array.from(numericValues(nb, 'neighbors', file)),
          nq: shape[0]!,
          k: shape[1]!,
        };
      }
    }
    return out;
  } catch (e) {
    if (e instanceof VecscopeError) throw e;
    throw new VecscopeError(`corrupt HDF5 file (${hdf5Reason(e)})`, file);
  } finally {
    f.close();
  }
}
