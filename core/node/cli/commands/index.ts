import type { Command } from '../command.js';
import { clusterCommand } from './cluster.js';
import { compareCommand } from './compare.js';
import { embedCommand } from './embed.js';
import { embedTextCommand } from './embedText.js';
import { evalReduceCommand } from './evalReduce.js';
import { exportCommand } from './export.js';
import { idimCommand } from './idim.js';
import { infoCommand } from './info.js';
import { knnCommand } from './knn.js';
import { recallCommand } from './recall.js';
import { recommendCommand } from './recommend.js';
import { reduceCommand } from './reduce.js';
import { reportCommand } from './report.js';
import { studyCommand } from './study.js';
import { verifyCommand } from './verify.js';
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
  recommendCommand,
  embedCommand,
  embedTextCommand,
  clusterCommand,
  compareCommand,
  web,
  exportCommand,
  reportCommand,
  verifyCommand,
];
