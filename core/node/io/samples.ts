import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this module is compiled to dist/core/node/io/, four levels below it. */
export function repoRoot(): string {
  return fileURLToPath(new URL('../../../../', import.meta.url));
}

/** The files of the built-in sample (10,000 WordNet definitions, 512-d float16, with OOD and ID queries). */
export interface SamplePaths {
  base: string;
  metadata: string;
  queryOod: string;
  queryId: string;
  queryOodMetadata: string;
  queryIdMetadata: string;
  queryOodTarget: string;
  groundTruthOod: string;
  groundTruthId: string;
}

export function samplePaths(): SamplePaths {
  const dir = join(repoRoot(), 'sample');
  return {
    base: join(dir, 'base.npy'),
    metadata: join(dir, 'base.tsv'),
    queryOod: join(dir, 'query_ood.npy'),
    queryId: join(dir, 'query_id.npy'),
    queryOodMetadata: join(dir, 'query_ood.tsv'),
    queryIdMetadata: join(dir, 'query_id.tsv'),
    queryOodTarget: join(dir, 'query_ood_target.i32'),
    groundTruthOod: join(dir, 'groundtruth_ood_ip100.ivecs'),
    groundTruthId: join(dir, 'groundtruth_id_ip100.ivecs'),
  };
}

/** True when a vector-file argument means the built-in sample (left out, or the word "sample"). */
export function isSampleArg(arg: string | undefined): boolean {
  return arg === undefined || arg === 'sample';
}

/** Maps a vector-file argument to a path: left out or "sample" gives the sample's base file. */
export function resolveVectorArg(arg: string | undefined): string {
  return isSampleArg(arg) ? samplePaths().base : arg!;
}
