import { expandHome } from '../../io/expandHome.js';
import { readTextTable, textColumnNames } from '../../text/textTable.js';
import type { Handler } from '../capability.js';
import { checkOpenAllowed } from '../openRoots.js';

/** The columns of a table of texts that `open` could embed (the same guard as `open` in web mode). */
export const textColumns: Handler<'textColumns'> = async (params, _ctx, state) => {
  const path = expandHome(params.path.trim());
  if (state.options.openRoots) checkOpenAllowed(path, state.options.openRoots);
  return { columns: textColumnNames(await readTextTable(path)) };
};
