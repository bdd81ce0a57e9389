import type { Handler } from '../capability.js';
import { capabilityNames } from './available.js';

export const hello: Handler<'hello'> = async () => ({
  version: '0.1.0',
  capabilities: capabilityNames(),
  cwd: process.cwd(),
});
