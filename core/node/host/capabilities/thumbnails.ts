import { VecscopeError } from '../../../common/errors.js';
import { pixelRange, rowThumbnail, type PixelRange } from '../../../common/images/thumbnail.js';
import { THUMBNAIL_BATCH_BYTES, THUMBNAIL_MAX_SIDE } from '../../../common/rpc/thumbnailsProtocol.js';
import type { Result } from '../../../common/rpc/protocol.js';
import { readImageFile } from '../../images/readImageFile.js';
import type { Handler } from '../capability.js';
import { cellText } from './rows.js';

type Item = Result<'thumbnails'>['items'][number];

/**
 * Thumbnails of some rows: made from the vectors when they are pixels, else read from the image files
 * a metadata column names (only inside the data set's folder or web mode's roots; bounded per file and
 * per call). A data set without pictures is refused in one line.
 */
export const thumbnails: Handler<'thumbnails'> = async ({ dataset, rows, maxSide }, _ctx, state) => {
  const entry = state.datasets.get(dataset);
  const ds = entry.dataset;
  const images = entry.summary.images;
  if (!images)
    throw new VecscopeError('this data set has no pictures (no image rows, no image-path column)', ds.file);
  const n = ds.vectors.n;
  for (const r of rows) if (r < 0 || r >= n) throw new VecscopeError(`row ${r} is outside 0..${n - 1}`);
  const items: Item[] = [];
  if (ds.image) {
    const shape = ds.image;
    // The value range is a property of the whole data set (one scan), so every thumbnail uses the same one.
    const range = await state.datasets.cached<PixelRange>(entry, 'thumbnails:range', () =>
      Promise.resolve(pixelRange(ds.vectors.data)),
    );
    const dim = ds.vectors.dim;
    for (const row of rows) {
      const t = rowThumbnail(
        ds.vectors.data.subarray(row * dim, (row + 1) * dim),
        shape,
        range,
        maxSide ?? THUMBNAIL_MAX_SIDE,
      );
      items.push({ kind: 'pixels', row, width: t.width, height: t.height, rgba: t.rgba });
    }
    return { items };
  }
  const column = ds.metadata.find((c) => c.name === images.column);
  if (!column) throw new VecscopeError(`the image column "${images.column}" is gone`, ds.file);
  let bytes = 0;
  for (const row of rows) {
    if (bytes >= THUMBNAIL_BATCH_BYTES) {
      items.push({ kind: 'later', row });
      continue;
    }
    const got = await readImageFile(cellText(column, row), ds.file, state.options.openRoots ?? []);
    if (got.ok) {
      bytes += got.bytes.length;
      items.push({ kind: 'file', row, mime: got.mime, bytes: got.bytes });
    } else items.push({ kind: 'none', row, reason: got.reason });
  }
  return { items };
};
