// Worker side of parallel placement: places one chunk of rows into a fitted UMAP map.
import { umapTransform, type UmapModel, type UmapTransformOptions } from '../../common/embed/umapLayout.js';
import type { KnnResult } from '../../common/types.js';
import { serveWorker } from '../pool/serveWorker.js';

export interface TransformTask {
  model: UmapModel;
  knn: KnnResult;
  options: UmapTransformOptions;
}

serveWorker((message) => {
  const t = message as TransformTask;
  const out = umapTransform(t.model, t.knn, t.options);
  return { result: out, transfer: [out.buffer as ArrayBuffer] };
});
