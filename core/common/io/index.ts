// The byte-level readers and writers of every vector format, for core/node and the renderer.
export * from './bigAnnBin.js';
export * from './decode.js';
export * from './delimited.js';
export * from './detectFormat.js';
export * from './f16.js';
export * from './format.js';
export * from './idx.js';
export * from './jsonl.js';
export * from './metadataColumns.js';
export * from './npy.js';
export * from './parsedVectors.js';
export * from './parseVectorBytes.js';
export * from './rawF32.js';
export * from './texmexVecs.js';
export * from './textLines.js';
export * from './validate.js';
