/** The pipeline grammar as `vecscope study --help` and `vecscope export --help` print it. */
export const PIPELINE_HELP = `pipelines: [reduction,]quantizer,index[|search settings]   (any case, spaces ignored)
  reduction  PCA<d> (= LeanVec-ID), LeanVecOOD<d> and LeanVecES<d> (need learning queries),
             RP<d>, SRP<d>, Trunc<d>; left out: the full vectors
  quantizer  F32, F16, SQ8, LVQ8, LVQ4, LVQ4x8, PQ<m>, OPQ<m>, BIN (sign bits, Hamming),
             ABIN (sign bits scored against a 4-bit query), RaBitQ (rotated sign bits, 4-bit query;
             with rerank only the candidates its error bound keeps are re-scored), RaBitQ<b> (b = 2..8)
  index      Flat, or Vamana(R=32,L=100,a=1.2) (the defaults; write only what differs)
  search     W=<window> (Vamana; default max(k, 32)), rerank=<candidates re-scored with the
             full vectors> (at least k; default none), sec=F32|F16|LVQ8 (the re-scoring vectors)
  FAISS and database words are read as their equivalent: HNSW32 is F32,Vamana(R=64), HNSW32,SQ8 is
  SQ8,Vamana(R=64), OPQ32,PQ32 is OPQ32,Flat, PCA64,Flat is PCA64,F32,Flat, int8 is SQ8,Flat, fp16 is
  F16,Flat; IVF has no equivalent (the error says what to write instead).
  e.g. F32,Flat  PCA128,LVQ8,Flat  LeanVecOOD128,LVQ4x8,Vamana(L=128)|W=40,rerank=100  BIN,Flat|rerank=100
       RaBitQ,Flat|rerank=100  RaBitQ4,Vamana|W=40,rerank=40
`;
