import { frobeniusDot, matmul, matmulTN, transpose } from '../linalg/matmul.js';

/**
 * The LeanVec inner-product model ⟨q, x⟩ ≈ qᵀ A Bᵀ x and its loss
 * L(A, B) = ‖Q A Bᵀ Xᵀ − Q Xᵀ‖²_F = tr(AᵀK_QA · BᵀK_XB) − 2 tr(Bᵀ K_X K_Q A) + tr(K_Q K_X),
 * with second-moment matrices K_Q = QᵀQ/m and K_X = XᵀX/n (the 1/m, 1/n scaling changes neither
 * minimiser nor Frank–Wolfe direction). D × D and D × d matrices are row-major float64.
 */
export class LeanVecObjective {
  /** K_Q K_X. */
  readonly c: Float64Array;
  /** (K_Q K_X)ᵀ = K_X K_Q. */
  readonly ct: Float64Array;
  /** tr(K_Q K_X) = ‖Q Xᵀ‖²_F (scaled): the loss of A = B = 0, used to normalise. */
  readonly scale: number;

  constructor(
    readonly kq: Float64Array,
    readonly kx: Float64Array,
    readonly D: number,
  ) {
    this.c = matmul(kq, kx, D, D, D);
    this.ct = transpose(this.c, D, D);
    let t = 0;
    for (let i = 0; i < D; i++) t += this.c[i * D + i]!;
    this.scale = t;
  }

  /** Loss normalised by tr(K_Q K_X), so 0 is exact and 1 is "everything lost". */
  loss(a: Float64Array, b: Float64Array, d: number): number {
    const D = this.D;
    const qa = matmul(this.kq, a, D, D, d);
    const xb = matmul(this.kx, b, D, D, d);
    const cta = matmul(this.ct, a, D, D, d);
    return this.lossFrom(a, b, qa, xb, cta, d);
  }

  /** The same from precomputed K_Q A, K_X B and K_X K_Q A. */
  lossFrom(
    a: Float64Array,
    b: Float64Array,
    qa: Float64Array,
    xb: Float64Array,
    cta: Float64Array,
    d: number,
  ): number {
    const D = this.D;
    const aqa = matmulTN(a, qa, D, d, d);
    const bxb = matmulTN(b, xb, D, d, d);
    return (frobeniusDot(aqa, bxb) - 2 * frobeniusDot(b, cta) + this.scale) / this.scale;
  }
}
