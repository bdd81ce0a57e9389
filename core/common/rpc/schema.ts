/**
 * Tiny runtime schemas for the RPC protocol. Each schema both validates an unknown value (from the
 * wire) and carries its static type, so the protocol is written once and its types are inferred.
 */

/** A message or argument that does not match the protocol; the host answers it with an error. */
export class RpcValidationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RpcValidationError';
  }
}

export interface Schema<T> {
  /** Returns the value (typed) or throws RpcValidationError naming the offending path. */
  parse(value: unknown, path?: string): T;
  /** Short description for error messages. */
  readonly kind: string;
}

export type Infer<S> = S extends Schema<infer T> ? T : never;

function fail(path: string, expected: string, value: unknown): never {
  const got =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : ArrayBuffer.isView(value)
          ? value.constructor.name
          : typeof value;
  throw new RpcValidationError(`${path || 'message'}: expected ${expected}, got ${got}`);
}

function schema<T>(kind: string, parse: (value: unknown, path: string) => T): Schema<T> {
  return { kind, parse: (value, path = '') => parse(value, path) };
}

export function string(opts: { maxLength?: number } = {}): Schema<string> {
  const max = opts.maxLength ?? 1 << 20;
  return schema('string', (v, p) => {
    if (typeof v !== 'string') fail(p, 'string', v);
    if (v.length > max) throw new RpcValidationError(`${p}: string longer than ${max}`);
    return v;
  });
}

export function number(opts: { int?: boolean; min?: number; max?: number } = {}): Schema<number> {
  const kind = opts.int ? 'integer' : 'number';
  return schema(kind, (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, `finite ${kind}`, v);
    if (opts.int && !Number.isInteger(v)) fail(p, 'integer', v);
    if (opts.min !== undefined && v < opts.min) throw new RpcValidationError(`${p}: ${v} < ${opts.min}`);
    if (opts.max !== undefined && v > opts.max) throw new RpcValidationError(`${p}: ${v} > ${opts.max}`);
    return v;
  });
}

/**
 * A finite number within [min, max] (an integer when `int`), for user-set parameters: the error names
 * the allowed range, e.g. "neighbors: expected an integer in 2..200, got 500".
 */
export function range(min: number, max: number, opts: { int?: boolean } = {}): Schema<number> {
  const what = `${opts.int ? 'an integer' : 'a number'} in ${min}..${max}`;
  return schema(what, (v, p) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) fail(p, what, v);
    if ((opts.int && !Number.isInteger(v)) || v < min || v > max)
      throw new RpcValidationError(`${p || 'value'}: expected ${what}, got ${v}`);
    return v;
  });
}

export function boolean(): Schema<boolean> {
  return schema('boolean', (v, p) => (typeof v === 'boolean' ? v : fail(p, 'boolean', v)));
}

export function literal<const T extends string | number | boolean | null>(value: T): Schema<T> {
  return schema(JSON.stringify(value), (v, p) =>
    v === value ? (v as T) : fail(p, JSON.stringify(value), v),
  );
}

export function oneOf<const T extends readonly string[]>(values: T): Schema<T[number]> {
  return schema(values.join('|'), (v, p) =>
    typeof v === 'string' && values.includes(v)
      ? (v as T[number])
      : fail(p, `one of ${values.join(', ')}`, v),
  );
}

export function nullable<T>(inner: Schema<T>): Schema<T | null> {
  return schema(`${inner.kind}|null`, (v, p) => (v === null ? null : inner.parse(v, p)));
}

export function array<T>(item: Schema<T>, opts: { maxLength?: number } = {}): Schema<T[]> {
  const max = opts.maxLength ?? 1 << 24;
  return schema(`${item.kind}[]`, (v, p) => {
    if (!Array.isArray(v)) fail(p, `array of ${item.kind}`, v);
    if (v.length > max) throw new RpcValidationError(`${p}: more than ${max} items`);
    return v.map((x, i) => item.parse(x, `${p}[${i}]`));
  });
}

type Shape = Record<string, Schema<unknown>>;
/** Keys whose schema accepts undefined become optional properties. */
type OptionalKeys<S extends Shape> = { [K in keyof S]: undefined extends Infer<S[K]> ? K : never }[keyof S];
type ObjectOf<S extends Shape> = {
  [K in Exclude<keyof S, OptionalKeys<S>>]: Infer<S[K]>;
} & { [K in OptionalKeys<S>]?: Infer<S[K]> };
type Flatten<T> = { [K in keyof T]: T[K] };

export function optional<T>(inner: Schema<T>): Schema<T | undefined> {
  return schema(`${inner.kind}?`, (v, p) => (v === undefined ? undefined : inner.parse(v, p)));
}

/** A plain object with exactly these keys (unknown keys are rejected). */
export function object<S extends Shape>(shape: S): Schema<Flatten<ObjectOf<S>>> {
  const keys = Object.keys(shape);
  return schema('object', (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
      fail(p, 'object', v);
    const rec = v as Record<string, unknown>;
    for (const k of Object.keys(rec)) {
      if (!(k in shape)) throw new RpcValidationError(`${p ? p + '.' : ''}${k}: unexpected field`);
    }
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const parsed = shape[k]!.parse(rec[k], p ? `${p}.${k}` : k);
      if (parsed !== undefined) out[k] = parsed;
    }
    return out as Flatten<ObjectOf<S>>;
  });
}

/** A plain object used as a map from names to values of one schema (at most `maxKeys` keys). */
export function record<T>(value: Schema<T>, opts: { maxKeys?: number } = {}): Schema<Record<string, T>> {
  const max = opts.maxKeys ?? 10_000;
  return schema(`record of ${value.kind}`, (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
      fail(p, 'object', v);
    const keys = Object.keys(v);
    if (keys.length > max) throw new RpcValidationError(`${p}: more than ${max} keys`);
    const out: Record<string, T> = {};
    for (const k of keys) out[k] = value.parse((v as Record<string, unknown>)[k], p ? `${p}.${k}` : k);
    return out;
  });
}

/** Tagged union on a string field. */
export function union<K extends string, const M extends Record<string, Schema<object>>>(
  tag: K,
  members: M,
): Schema<{ [T in keyof M]: Infer<M[T]> & { [P in K]: T } }[keyof M]> {
  return schema(`union(${tag})`, (v, p) => {
    if (typeof v !== 'object' || v === null) fail(p, 'object', v);
    const t = (v as Record<string, unknown>)[tag];
    if (typeof t !== 'string' || !Object.hasOwn(members, t)) {
      fail(p ? `${p}.${tag}` : tag, `one of ${Object.keys(members).join(', ')}`, t);
    }
    return members[t]!.parse(v, p) as never;
  });
}

type TypedArrayCtor<A> = { new (length: number): A; readonly name: string };

function typedArray<A extends ArrayBufferView>(ctor: TypedArrayCtor<A>, maxLength: number): Schema<A> {
  return schema(ctor.name, (v, p) => {
    if (!(v instanceof (ctor as unknown as abstract new (...args: never[]) => A))) fail(p, ctor.name, v);
    if ((v as unknown as { length: number }).length > maxLength) {
      throw new RpcValidationError(`${p}: more than ${maxLength} elements`);
    }
    return v;
  });
}

const MAX_ELEMENTS = 1 << 30;
// Arrays may be views on shared memory in the host (ArrayBufferLike); the codec copies them into frames.
export const f32 = (maxLength = MAX_ELEMENTS) =>
  typedArray<Float32Array<ArrayBufferLike>>(Float32Array, maxLength);
export const f64 = (maxLength = MAX_ELEMENTS) =>
  typedArray<Float64Array<ArrayBufferLike>>(Float64Array, maxLength);
export const i32 = (maxLength = MAX_ELEMENTS) =>
  typedArray<Int32Array<ArrayBufferLike>>(Int32Array, maxLength);
export const u8 = (maxLength = MAX_ELEMENTS) =>
  typedArray<Uint8Array<ArrayBufferLike>>(Uint8Array, maxLength);
/** Any plain object, unchecked inside (an envelope whose payload another schema validates). */
export function anyObject(): Schema<object> {
  return schema('object', (v, p) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v) || ArrayBuffer.isView(v))
      fail(p, 'object', v);
    return v;
  });
}
