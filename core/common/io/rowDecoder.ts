import { VecscopeError } from '../errors.js';
import type { BinaryLayout } from './binaryLayout.js';
import { decodeInto } from './decode.js';
import { DTYPE_BYTES, formatCount } from './format.js';

/**
 * Converts the data section of a binary vector file into a preallocated float32 matrix, piece by
 * piece as the bytes arrive (file chunks or a gunzip stream, cut anywhere). Only a partial element or
 * row is carried between pieces, so loading needs the result plus one chunk, never the whole file.
 */
export class RowDecoder {
  private received = 0;
  private readonly unit: number;
  private readonly total: number;
  private readonly carry: Uint8Array;
  private carryLen = 0;
  private readonly scratch = { buf: new Uint8Array(0) };
  private columnTmp = new Float32Array(0);

  constructor(
    private readonly layout: BinaryLayout,
    /** n × dim float32 values, written in place. */
    private readonly out: Float32Array,
    private readonly file: string,
  ) {
    const size = DTYPE_BYTES[layout.dtype];
    // TEXMEX rows are decoded whole so each row's own dimension can be checked.
    this.unit = layout.rowPrefix > 0 ? layout.rowPrefix + layout.dim * size : size;
    this.total = layout.n * (layout.rowPrefix + layout.dim * size);
    this.carry = new Uint8Array(this.unit);
    if (out.length < layout.n * layout.dim) throw new Error('RowDecoder: output smaller than n × dim');
  }

  /** Data bytes taken so far. */
  get bytesTaken(): number {
    return this.received + this.carryLen;
  }

  /** True once every byte of the data section has arrived. */
  get complete(): boolean {
    return this.received === this.total;
  }

  /** Takes the next bytes of the data section; rejects bytes beyond what the header promises. */
  push(bytes: Uint8Array): void {
    const l = this.layout;
    if (this.bytesTaken + bytes.length > this.total)
      throw new VecscopeError(
        `corrupt: more data than the ${formatCount(l.n)} × ${l.dim} ${l.dtype} rows the header promises (${formatCount(this.total)} bytes)`,
        this.file,
      );
    let p = 0;
    if (this.carryLen > 0) {
      const take = Math.min(this.unit - this.carryLen, bytes.length);
      this.carry.set(bytes.subarray(0, take), this.carryLen);
      this.carryLen += take;
      p = take;
      if (this.carryLen < this.unit) return;
      this.carryLen = 0;
      this.units(this.carry);
    }
    const whole = Math.floor((bytes.length - p) / this.unit) * this.unit;
    if (whole > 0) this.units(bytes.subarray(p, p + whole));
    const rest = bytes.length - p - whole;
    if (rest > 0) {
      this.carry.set(bytes.subarray(p + whole), 0);
      this.carryLen = rest;
    }
  }

  /** Decodes a run of whole units (elements, or TEXMEX rows). */
  private units(run: Uint8Array): void {
    const l = this.layout;
    const size = DTYPE_BYTES[l.dtype];
    if (l.rowPrefix > 0) {
      const view = new DataView(run.buffer, run.byteOffset, run.length);
      let row = this.received / this.unit;
      for (let pos = 0; pos < run.length; pos += this.unit, row++) {
        const d = view.getInt32(pos, true);
        if (d !== l.dim)
          throw new VecscopeError(
            `row ${formatCount(row)} has dimension ${d} but row 0 has ${l.dim}`,
            this.file,
          );
        const values = run.subarray(pos + l.rowPrefix, pos + this.unit);
        decodeInto(values, l.dtype, l.littleEndian, this.out, row * l.dim, this.scratch);
      }
    } else if (l.fortranOrder) {
      // Column-major: element e is column floor(e / n), row e % n.
      const count = run.length / size;
      if (this.columnTmp.length < count) this.columnTmp = new Float32Array(count);
      decodeInto(run, l.dtype, l.littleEndian, this.columnTmp, 0, this.scratch);
      const first = this.received / size;
      for (let k = 0; k < count; k++) {
        const e = first + k;
        const j = Math.floor(e / l.n);
        this.out[(e - j * l.n) * l.dim + j] = this.columnTmp[k]!;
      }
    } else {
      decodeInto(run, l.dtype, l.littleEndian, this.out, this.received / size, this.scratch);
    }
    this.received += run.length;
  }
}
