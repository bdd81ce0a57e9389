import type { Command } from '../command.js';
import { evalReduceCommand } from './evalReduce.js';
import { exportCommand } from './export.js';
import { idimCommand } from './idim.js';
import { infoCommand } from './info.js';
import { knnCommand } from './knn.js';
import { recallCommand } from './recall.js';
import { reduceCommand } from './reduce.js';
import { studyCommand } from './study.js';
import { web } from './web.js';

/** Every CLI subcommand; each lives in its own module beside this one. */
export const commands: Command[] = [
  infoCommand,
  knnCommand,
  recallCommand,
  reduceCommand,
  evalReduceCommand,
  idimCommand,
  studyCommand,
  web,
  exportCommand,
];
