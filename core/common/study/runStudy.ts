import { VecscopeError } from '../errors.js';
import { formatPipeline } from '../pipeline/formatPipeline.js';
import { parsePipeline } from '../pipeline/parsePipeline.js';
import { createStudy } from './createStudy.js';
import { expandGrid } from './expandGrid.js';
import type { StudyInput, StudyResult } from './studyTypes.js';

/**
 * Runs a compression study over a list of pipelines (createStudy, one runPipeline each, then its
 * result). Rows stream through `onRow`; progress fractions are of the whole list.
 */
export async function runStudy(input: StudyInput): Promise<StudyResult> {
  const pipelines = [...(input.pipelines ?? []), ...(input.grid ? expandGrid(input.grid) : [])];
  if (pipelines.length === 0) throw new VecscopeError('no pipelines to study (give pipelines or a grid)');
  const parsed = pipelines.map((s) => parsePipeline(s));
  const study = createStudy(input);
  const total = parsed.length;
  for (let pi = 0; pi < total; pi++) {
    const name = formatPipeline(parsed[pi]!);
    await study.runPipeline(parsed[pi]!, {
      onProgress: (p) =>
        input.onProgress?.(
          p.pipeline === undefined
            ? { fraction: (pi + p.fraction) / total, stage: p.stage }
            : { fraction: (pi + p.fraction) / total, stage: p.stage, pipeline: name },
        ),
      ...(input.onRow ? { onRow: input.onRow } : {}),
    });
  }
  input.onProgress?.({ fraction: 1, stage: 'done' });
  return study.result();
}
