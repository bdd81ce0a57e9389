import type { WireMetadataColumn } from '../../../common/rpc/protocol.js';
import type { Handler } from '../capability.js';

/** Numbers and category codes go to the renderer (for colour); text stays here (rows / search). */
export const metadata: Handler<'metadata'> = async ({ dataset }, _ctx, state) => {
  const { dataset: ds } = state.datasets.get(dataset);
  const columns: WireMetadataColumn[] = ds.metadata.map((c) => {
    switch (c.type) {
      case 'number':
        return { name: c.name, type: 'number', values: c.values };
      case 'category':
        return { name: c.name, type: 'category', codes: c.codes, categories: c.categories };
      case 'text':
        return { name: c.name, type: 'text' };
    }
  });
  return { columns };
};
