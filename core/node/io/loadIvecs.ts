import { VecscopeError } from '../../common/errors.js';
import { decodeInt32 } from '../../common/io/decode.js';
import { extensionOf } from '../../common/io/detectFormat.js';
import { formatCount } from '../../common/io/format.js';
import { parseNpyInt32 } from '../../common/io/npy.js';
import { parseIvecsIds } from '../../common/io/texmexVecs.js';
import { registerInputFile } from './inputRegistry.js';
import { readInputFile } from './readInput.js';

/**
 * Reads ground-truth ids: .ivecs (n rows of k int32 ids), big-ann .ibin (uint32 n, k, then ids,
 * optionally followed by n × k float32 distances) or an int32 .npy. The ids array belongs to the caller.
 */
export async function loadIvecs(path: string): Promise<{ ids: Int32Array; n: number; k: number }> {
  const bytes = await readInputFile(path);
  registerInputFile(path);
  const ext = extensionOf(path);
  if (bytes.length === 0) throw new VecscopeError('empty file (0 bytes)', path);
  if (ext === '.ibin') {
    if (bytes.length < 8) throw new VecscopeError('truncated: no 8-byte header (n, k)', path);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
    const n = view.getUint32(0, true);
    const k = view.getUint32(4, true);
    const idBytes = n * k * 4;
    if (bytes.length !== 8 + idBytes && bytes.length !== 8 + 2 * idBytes)
      throw new VecscopeError(
        `truncated or corrupt: the header promises ${formatCount(n)} × ${k} ids but the file has ${formatCount(bytes.length)} bytes`,
        path,
      );
    return { ids: decodeInt32(bytes, 8, n * k), n, k };
  }
  if (ext === '.npy') return parseNpyInt32(bytes, path);
  return parseIvecsIds(bytes, path);
}
