/** A Vamana graph: n nodes, out-degree at most R, adjacency row-major n × R padded with −1. */
export interface VamanaGraph {
  n: number;
  R: number;
  adjacency: Int32Array;
  /** Entry point of every search. */
  medoid: number;
}
