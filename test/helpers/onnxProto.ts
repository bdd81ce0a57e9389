// A minimal protobuf writer for ONNX's ModelProto, enough to write test and benchmark models by hand
// (field numbers from onnx.proto): graphs of standard operators with float32 / int64 initializers.
type Field = Uint8Array;

function varint(v: number | bigint): number[] {
  let x = BigInt(v);
  if (x < 0n) x += 1n << 64n;
  const out: number[] = [];
  do {
    let b = Number(x & 0x7fn);
    x >>= 7n;
    if (x > 0n) b |= 0x80;
    out.push(b);
  } while (x > 0n);
  return out;
}

function cat(parts: Field[]): Field {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

const intField = (no: number, v: number | bigint): Field =>
  Uint8Array.from([...varint(no << 3), ...varint(v)]);
const bytesField = (no: number, b: Uint8Array): Field =>
  cat([Uint8Array.from([...varint((no << 3) | 2), ...varint(b.length)]), b]);
export const strField = (no: number, s: string): Field => bytesField(no, new TextEncoder().encode(s));
const msg = (no: number, parts: Field[]): Field => bytesField(no, cat(parts));
const floatField = (no: number, v: number): Field => {
  const b = new Uint8Array(5);
  b[0] = (no << 3) | 5;
  new DataView(b.buffer).setFloat32(1, v, true);
  return b;
};

export const FLOAT = 1;
export const INT64 = 7;

/** A graph input (`no` 11) or output (12) with an element type and dims (a string: a named free dim). */
export function valueInfo(no: number, name: string, elem: number, dims: (string | number)[]): Field {
  const dimParts = dims.map((d) => msg(1, [typeof d === 'number' ? intField(1, d) : strField(2, d)]));
  return msg(no, [strField(1, name), msg(2, [msg(1, [intField(1, elem), msg(2, dimParts)])])]);
}

/** An initializer: float32 values, or int64 ones given as a BigInt64Array. */
export function tensor(name: string, dims: number[], data: Float32Array | BigInt64Array): Field {
  return msg(5, [
    ...dims.map((d) => intField(1, d)),
    intField(2, data instanceof Float32Array ? FLOAT : INT64),
    strField(8, name),
    bytesField(9, new Uint8Array(data.buffer, data.byteOffset, data.byteLength)),
  ]);
}

type Attr = number | number[] | { float: number };

/** A node; attributes are ints, int lists or `{ float }`. */
export function node(
  op: string,
  inputs: string[],
  outputs: string[],
  attrs: Record<string, Attr> = {},
): Field {
  const attrParts = Object.entries(attrs).map(([name, v]) =>
    msg(5, [
      strField(1, name),
      ...(Array.isArray(v)
        ? [...v.map((x) => intField(8, x)), intField(20, 7)]
        : typeof v === 'number'
          ? [intField(3, v), intField(20, 2)]
          : [floatField(2, v.float), intField(20, 1)]),
    ]),
  );
  return msg(1, [
    ...inputs.map((i) => strField(1, i)),
    ...outputs.map((o) => strField(2, o)),
    strField(4, op),
    ...attrParts,
  ]);
}

/** The model: IR version 8, the default operator set at `opset`, and the graph's parts. */
export function modelProto(graph: Field[], opset = 13): Field {
  return cat([
    intField(1, 8),
    strField(2, 'vecscope-tests'),
    msg(7, graph),
    msg(8, [strField(1, ''), intField(2, opset)]),
  ]);
}
