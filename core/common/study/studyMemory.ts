import { GRAPH_KIND } from '../search/graphCodes.js';
import type { GraphSearchIndex } from '../search/graphSearchIndex.js';
import type { Matrix } from '../types.js';
import type { StudyMemory } from './studyTypes.js';

/** Sums the distinct memories of the indexes the searches used (graphs over one set of codes share one). */
export function studyMemory(base: Matrix, indexes: Set<GraphSearchIndex>): StudyMemory {
  const memories = new Map<WebAssembly.Memory, boolean>();
  for (const index of indexes) {
    const l = index.layout;
    // Float32 codes of the base count as a copy unless the index adopted the base's own rows.
    const isBase = l.kind === GRAPH_KIND.F32 && l.n === base.n && l.dim === base.dim && !l.adopted;
    memories.set(index.memory, (memories.get(index.memory) ?? false) || isBase);
  }
  let wasmBytes = 0;
  let baseCopies = 0;
  for (const [memory, isBase] of memories) {
    wasmBytes += memory.buffer.byteLength;
    if (isBase) baseCopies++;
  }
  return { baseBytes: base.n * base.dim * 4, wasmBytes, indexes: memories.size, baseCopies };
}
