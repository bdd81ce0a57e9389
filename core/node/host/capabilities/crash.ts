import { VecscopeError } from '../../../common/errors.js';
import type { Handler } from '../capability.js';

export const crash: Handler<'crash'> = async (_params, _ctx, state) => {
  if (!state.options.testHooks) throw new VecscopeError('the crash test hook is disabled');
  setTimeout(() => (state.options.exit ?? process.exit)(70), 10);
  return {};
};
