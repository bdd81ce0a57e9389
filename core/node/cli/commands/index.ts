import type { Command } from '../command.js';
import { infoCommand } from './info.js';
import { knnCommand } from './knn.js';
import { recallCommand } from './recall.js';

/** Every CLI subcommand; each lives in its own module beside this one. */
export const commands: Command[] = [infoCommand, knnCommand, recallCommand];
