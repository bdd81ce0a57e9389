import { RpcValidationError } from './schema.js';

/**
 * Binary framing for RPC messages: a JSON header plus the message's typed arrays as raw bytes, so
 * large arrays never become JSON number lists. Layout (little-endian):
 *
 *   u32 magic "VSC1" | u32 header byte length | header (UTF-8 JSON) | pad to 8 | array bytes, each 8-aligned
 *
 * In the header every typed array is replaced by `{"$a": index, "t": kind}`; `"$b"` lists each
 * array's [byte offset, byte length] in the frame.
 */

const MAGIC = 0x31435356; // "VSC1"
const KINDS = {
  f32: Float32Array,
  f64: Float64Array,
  i32: Int32Array,
  u32: Uint32Array,
  i16: Int16Array,
  u16: Uint16Array,
  i8: Int8Array,
  u8: Uint8Array,
} as const;
type Kind = keyof typeof KINDS;
type AnyTypedArray = InstanceType<(typeof KINDS)[Kind]>;

function kindOf(v: ArrayBufferView): Kind | undefined {
  for (const k of Object.keys(KINDS) as Kind[]) if (v instanceof KINDS[k]) return k;
  return undefined;
}

const align8 = (x: number) => (x + 7) & ~7;

/** Encodes a message (plain JSON values and typed arrays). Returns a new buffer owned by the caller. */
export function encodeMessage(message: unknown): ArrayBuffer {
  const arrays: AnyTypedArray[] = [];
  const header = JSON.stringify(message, (_key, value: unknown) => {
    if (ArrayBuffer.isView(value)) {
      const kind = kindOf(value);
      if (!kind) throw new Error(`cannot encode ${value.constructor.name}`);
      arrays.push(value as AnyTypedArray);
      return { $a: arrays.length - 1, t: kind };
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return null;
    return value;
  });
  const layout: [number, number][] = [];
  // The layout goes inside the header, which shifts the array offsets; compute offsets relative to
  // the start of the data section and add the data start when decoding.
  let off = 0;
  for (const a of arrays) {
    layout.push([off, a.byteLength]);
    off = align8(off + a.byteLength);
  }
  const headerBytes = new TextEncoder().encode(`{"m":${header},"$b":${JSON.stringify(layout)}}`);
  const dataStart = align8(8 + headerBytes.length);
  const buf = new ArrayBuffer(dataStart + off);
  const dv = new DataView(buf);
  dv.setUint32(0, MAGIC, true);
  dv.setUint32(4, headerBytes.length, true);
  new Uint8Array(buf, 8, headerBytes.length).set(headerBytes);
  arrays.forEach((a, i) => {
    const [o, len] = layout[i]!;
    new Uint8Array(buf, dataStart + o, len).set(new Uint8Array(a.buffer, a.byteOffset, len));
  });
  return buf;
}

/**
 * Decodes a frame. Typed arrays in the result are views into `frame` (no copies), so the caller
 * must own the frame. Throws RpcValidationError on a malformed frame.
 */
export function decodeMessage(frame: ArrayBuffer): unknown {
  if (!(frame instanceof ArrayBuffer) || frame.byteLength < 8)
    throw new RpcValidationError('frame too short');
  const dv = new DataView(frame);
  if (dv.getUint32(0, true) !== MAGIC) throw new RpcValidationError('bad frame magic');
  const headerLen = dv.getUint32(4, true);
  if (8 + headerLen > frame.byteLength) throw new RpcValidationError('frame header exceeds frame');
  let parsed: unknown;
  try {
    parsed = JSON.parse(
      new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(frame, 8, headerLen)),
    );
  } catch {
    throw new RpcValidationError('frame header is not valid JSON');
  }
  const dataStart = align8(8 + headerLen);
  const env = parsed as { m?: unknown; $b?: unknown };
  if (typeof env !== 'object' || env === null || !Array.isArray(env.$b)) {
    throw new RpcValidationError('frame header lacks its array table');
  }
  const table = env.$b as unknown[];
  const revive = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(revive);
    if (typeof value !== 'object' || value === null) return value;
    const rec = value as Record<string, unknown>;
    if (typeof rec.$a === 'number' && typeof rec.t === 'string' && Object.keys(rec).length === 2) {
      const entry = table[rec.$a];
      const ctor = Object.hasOwn(KINDS, rec.t) ? KINDS[rec.t as Kind] : undefined;
      if (!ctor || !Array.isArray(entry) || entry.length !== 2)
        throw new RpcValidationError('bad array reference');
      const [o, len] = entry as [unknown, unknown];
      if (
        typeof o !== 'number' ||
        typeof len !== 'number' ||
        !Number.isInteger(o) ||
        !Number.isInteger(len) ||
        o < 0 ||
        len < 0 ||
        o % 8 !== 0 ||
        len % ctor.BYTES_PER_ELEMENT !== 0 ||
        dataStart + o + len > frame.byteLength
      ) {
        throw new RpcValidationError('array reference outside the frame');
      }
      return new ctor(frame, dataStart + o, len / ctor.BYTES_PER_ELEMENT);
    }
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rec)) out[k] = revive(v);
    return out;
  };
  return revive(env.m);
}
