// File access for vector data: loaders (read-only), ground truth, writers that never replace an input.
export * from './arrow.js';
export * from './hdf5.js';
export * from './inputRegistry.js';
export * from './loadDataset.js';
export * from './loadIvecs.js';
export * from './metadataFile.js';
export * from './parquet.js';
export * from './readInput.js';
export * from './samples.js';
export * from './write.js';
