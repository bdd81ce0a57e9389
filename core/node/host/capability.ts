import type { MethodName, Params, Partial, Result } from '../../common/rpc/protocol.js';
import type { ComputeClient } from './compute/computeClient.js';
import type { StudyClient } from '../study/studyClient.js';
import type { DatasetRegistry } from './datasetRegistry.js';

export interface HostOptions {
  /** Allows the `crash` test hook. */
  testHooks?: boolean;
  /** Called by the `crash` hook; defaults to process.exit. */
  exit?: (code: number) => void;
  /**
   * Web mode: the only files `open` may read, these files and the files inside these folders (by real
   * path; the sample and synthetic sets are always allowed). Absent: any file the user can read (the
   * desktop app and the CLI, where the user picks the files).
   */
  openRoots?: string[];
  /** At most this many rows of each file opened: larger files open as a seeded sample (`vecscope web --max-rows`). */
  maxRows?: number;
  /** The model folder tables of texts are embedded with unless the page names one (`vecscope web --text-model`). */
  textModel?: string;
  /** How long a data set that no connection holds stays open, for a reloading page (default 30 s). */
  releaseGraceMs?: number;
}

/** What a running job may do: report progress, stream partial results, notice cancellation. */
export interface JobContext<M extends MethodName> {
  readonly signal: AbortSignal;
  progress(fraction: number, stage: string): void;
  partial(value: Partial<M>): void;
  /** Throws CancelledError once the job is cancelled. */
  throwIfCancelled(): void;
  /** Lets the host's event loop run (and a cancel message arrive), then throws if cancelled. */
  breathe(): Promise<void>;
}

export interface HostState {
  datasets: DatasetRegistry;
  /** The compute thread that runs heavy tasks (maps, fits, analyses). */
  compute: ComputeClient;
  /** The study thread that runs compression studies. */
  study: StudyClient;
  options: HostOptions;
}

/** One capability of the engine host: the implementation of one protocol method. */
export type Handler<M extends MethodName> = (
  params: Params<M>,
  ctx: JobContext<M>,
  state: HostState,
) => Promise<Result<M>>;

export type Handlers = { [M in MethodName]: Handler<M> };

/** A capability whose implementation is not part of this build (yet). */
export class UnavailableError extends Error {
  constructor(what: string) {
    super(`${what} is not available in this build`);
    this.name = 'UnavailableError';
  }
}
