import type { Handlers } from '../capability.js';
import { analyze } from './analyze.js';
import { attachQueries } from './attachQueries.js';
import { attachMetadata } from './attachMetadata.js';
import { close } from './close.js';
import { compareModels } from './compareModels.js';
import { cluster } from './cluster.js';
import { crash } from './crash.js';
import { filterRows } from './filterRows.js';
import { fingerprint } from './fingerprint.js';
import { hello } from './hello.js';
import { knn } from './knn.js';
import { layout } from './layout.js';
import { listDir } from './listDir.js';
import { mapQuality } from './mapQuality.js';
import { metadata } from './metadata.js';
import { open } from './open.js';
import { rows } from './rows.js';
import { search } from './search.js';
import { semanticSearch } from './semanticSearch.js';
import { recommend } from './recommend.js';
import { study } from './study.js';
import { thumbnails } from './thumbnails.js';
import { studyProjection } from './studyProjection.js';
import { studyQueries } from './studyQueries.js';
import { textColumns } from './textColumns.js';
import { verifyPipeline } from './verifyPipeline.js';

/** Every protocol method's implementation; the type makes a missing or mistyped one a compile error. */
export const handlers: Handlers = {
  hello,
  open,
  close,
  compareModels,
  fingerprint,
  metadata,
  attachMetadata,
  listDir,
  layout,
  mapQuality,
  knn,
  rows,
  thumbnails,
  search,
  semanticSearch,
  textColumns,
  filterRows,
  analyze,
  cluster,
  study,
  recommend,
  attachQueries,
  studyQueries,
  studyProjection,
  verifyPipeline,
  crash,
};
