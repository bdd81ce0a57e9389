import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as OrtModule from 'onnxruntime-node';
import type * as TokenizersModule from '@huggingface/tokenizers';
import { poolTokens } from '../../common/text/poolTokens.js';
import { readOnnxModelConfig } from './onnxModelConfig.js';

/** A loaded ONNX sentence-transformer: texts in, one pooled vector each out (rows × dim, row-major). */
export interface OnnxSentenceModel {
  embed(texts: readonly string[]): Promise<Float32Array>;
}

interface TokenizerLike {
  encode(text: string, o: { return_token_type_ids: true }): { ids: number[]; token_type_ids: number[] };
  token_to_id(token: string): number | undefined;
  get_added_tokens_decoder(): Map<number, unknown>;
}

/**
 * Loads a sentence-transformer folder with onnxruntime-node (CPU, `threads` intra-op threads) and its
 * tokenizer.json with @huggingface/tokenizers, from local files only: neither package fetches anything.
 */
export async function loadOnnxSentenceModel(dir: string, threads = 1): Promise<OnnxSentenceModel> {
  const config = readOnnxModelConfig(dir);
  let ort: typeof OrtModule;
  let Tokenizer: typeof TokenizersModule.Tokenizer;
  try {
    ort = await import('onnxruntime-node');
    ({ Tokenizer } = await import('@huggingface/tokenizers'));
  } catch {
    throw new Error(
      'no ONNX runtime on this machine: the npm packages onnxruntime-node and @huggingface/tokenizers are not installed',
    );
  }
  const tokJson = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8')) as object;
  const tokConfig = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const tokenizer = new Tokenizer(tokJson, tokConfig) as unknown as TokenizerLike;
  let session: Awaited<ReturnType<typeof ort.InferenceSession.create>>;
  try {
    session = await ort.InferenceSession.create(config.modelPath, {
      intraOpNumThreads: threads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
  } catch (e) {
    throw new Error(
      `the ONNX runtime cannot load ${config.modelPath}: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`,
    );
  }
  const known = new Set(['input_ids', 'attention_mask', 'token_type_ids']);
  const odd = session.inputNames.find((n) => !known.has(n));
  if (odd !== undefined || !session.inputNames.includes('input_ids'))
    throw new Error(
      `${config.modelPath} is not a sentence-transformer encoder: its inputs are ${session.inputNames.join(', ')} (expected input_ids, attention_mask, token_type_ids)`,
    );
  const outName =
    ['last_hidden_state', 'token_embeddings', 'sentence_embedding'].find((n) =>
      session.outputNames.includes(n),
    ) ?? session.outputNames[0]!;
  const padToken = typeof tokConfig['pad_token'] === 'string' ? tokConfig['pad_token'] : '[PAD]';
  const padId = tokenizer.token_to_id(padToken) ?? 0;
  const specials = new Set(tokenizer.get_added_tokens_decoder().keys());

  const encode = (text: string): { ids: number[]; types: number[] } => {
    const e = tokenizer.encode(text, { return_token_type_ids: true });
    let ids = e.ids;
    let types = e.token_type_ids;
    const max = config.maxLength;
    if (ids.length > max) {
      // Cut the text, keeping a closing special token ([SEP], </s>) where the template added one.
      const keepLast = specials.has(ids[ids.length - 1]!);
      ids = keepLast ? [...ids.slice(0, max - 1), ids[ids.length - 1]!] : ids.slice(0, max);
      types = keepLast ? [...types.slice(0, max - 1), types[types.length - 1]!] : types.slice(0, max);
    }
    return { ids, types };
  };

  return {
    async embed(texts) {
      const enc = texts.map(encode);
      const batch = enc.length;
      const seq = Math.max(1, ...enc.map((e) => e.ids.length));
      const ids = new BigInt64Array(batch * seq).fill(BigInt(padId));
      const mask = new BigInt64Array(batch * seq);
      const types = new BigInt64Array(batch * seq);
      enc.forEach((e, b) => {
        for (let t = 0; t < e.ids.length; t++) {
          ids[b * seq + t] = BigInt(e.ids[t]!);
          mask[b * seq + t] = 1n;
          types[b * seq + t] = BigInt(e.types[t] ?? 0);
        }
      });
      const feeds: Record<string, InstanceType<typeof ort.Tensor>> = {};
      const all = { input_ids: ids, attention_mask: mask, token_type_ids: types };
      for (const name of session.inputNames)
        feeds[name] = new ort.Tensor('int64', all[name as keyof typeof all], [batch, seq]);
      const out = (await session.run(feeds))[outName]!;
      const data = out.data as Float32Array;
      if (out.dims.length === 2) {
        // Already pooled (a sentence_embedding output).
        const hidden = Number(out.dims[1]);
        return poolTokens(data, new Uint8Array(batch).fill(1), batch, 1, hidden, 'mean', config.normalize);
      }
      if (out.dims.length !== 3 || Number(out.dims[0]) !== batch || Number(out.dims[1]) !== seq)
        throw new Error(
          `${config.modelPath}: output ${outName} has shape [${out.dims.join(', ')}], expected [${batch}, ${seq}, hidden]`,
        );
      return poolTokens(data, mask, batch, seq, Number(out.dims[2]), config.pooling, config.normalize);
    },
  };
}
