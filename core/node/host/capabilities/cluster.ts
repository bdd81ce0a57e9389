import { UnavailableError, type Handler } from '../capability.js';

export const cluster: Handler<'cluster'> = async () => {
  throw new UnavailableError('clustering');
};
