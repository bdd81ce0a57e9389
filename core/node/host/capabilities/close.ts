import type { Handler } from '../capability.js';

export const close: Handler<'close'> = async ({ dataset }, _ctx, state) => {
  state.datasets.delete(dataset);
  return {};
};
