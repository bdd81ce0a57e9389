import { array, i32, literal, number, object, oneOf, optional, range, string, u8, union } from './schema.js';

/** Most rows one `thumbnails` call may ask for (a selection table page, the points on screen). */
export const THUMBNAIL_BATCH = 256;
/** Largest thumbnail side the engine makes from pixel rows. */
export const THUMBNAIL_MAX_SIDE = 128;
/** Image-file bytes one call returns at most; rows past it come back as `later`, to be asked again. */
export const THUMBNAIL_BATCH_BYTES = 24 << 20;

const int = (min = 0) => number({ int: true, min, max: 2 ** 31 - 1 });

/**
 * Where a data set's pictures come from, in its summary: `pixels` when each vector is an image (IDX,
 * .npy of rank 3-4; its shape here), `paths` when a metadata column names image files.
 */
export const imagesInfo = optional(
  object({
    source: oneOf(['pixels', 'paths'] as const),
    height: optional(int(1)),
    width: optional(int(1)),
    channels: optional(int(1)),
    column: optional(string()),
  }),
);

const thumbnailItem = union('kind', {
  /** RGBA bytes, width × height × 4. */
  pixels: object({
    kind: literal('pixels'),
    row: int(),
    width: int(1),
    height: int(1),
    rgba: u8(THUMBNAIL_MAX_SIDE * THUMBNAIL_MAX_SIDE * 4),
  }),
  /** An image file's bytes as they are on disk; the renderer decodes and shrinks it. */
  file: object({ kind: literal('file'), row: int(), mime: string({ maxLength: 40 }), bytes: u8() }),
  /** No picture for this row: `reason` says why in one line. */
  none: object({ kind: literal('none'), row: int(), reason: string({ maxLength: 2000 }) }),
  /** Over this call's byte budget: ask again. */
  later: object({ kind: literal('later'), row: int() }),
});

/** Thumbnails of some rows of an open data set, in the order asked. */
export const thumbnailsMethod = {
  job: false,
  params: object({
    dataset: string({ maxLength: 64 }),
    rows: i32(THUMBNAIL_BATCH),
    maxSide: optional(range(8, THUMBNAIL_MAX_SIDE, { int: true })),
  }),
  result: object({ items: array(thumbnailItem, { maxLength: THUMBNAIL_BATCH }) }),
} as const;
