import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { CancelledError, VecscopeError } from '../../common/errors.js';
import { decodeMessage, encodeMessage } from '../../common/rpc/codec.js';
import {
  clientMessage,
  protocol,
  type ErrorCode,
  type HostMessage,
  type MethodName,
} from '../../common/rpc/protocol.js';
import { RpcValidationError } from '../../common/rpc/schema.js';
import {
  UnavailableError,
  type Handler,
  type HostOptions,
  type HostState,
  type JobContext,
} from './capability.js';
import { handlers } from './capabilities/index.js';
import { StudyClient } from '../study/studyClient.js';
import { ComputeClient } from './compute/computeClient.js';
import { DatasetRegistry } from './datasetRegistry.js';

/** One client's link to the host: feed it frames; it answers through the `send` it was made with. */
export interface HostConnection {
  receive(frame: ArrayBuffer): void;
  /** Cancels the connection's running jobs. */
  close(): void;
}

const PROGRESS_INTERVAL_MS = 100;

/**
 * The engine host: owns the open data sets and runs every request as a job. Transport-agnostic:
 * WebSocket, Electron MessagePort and in-process links all hand it frames (see ./transports/).
 */
export class EngineHost {
  readonly state: HostState;
  private connections = 0;

  constructor(options: HostOptions = {}) {
    const compute = new ComputeClient();
    const study = new StudyClient();
    const datasets = new DatasetRegistry((id) => {
      compute.drop(id);
      study.drop(id);
    }, options.releaseGraceMs);
    this.state = { datasets, compute, study, options };
  }

  /** Stops the compute and study threads (the host keeps no other resources). */
  async close(): Promise<void> {
    await Promise.all([this.state.compute.close(), this.state.study.close()]);
  }

  connect(send: (frame: ArrayBuffer) => void): HostConnection {
    const conn = ++this.connections;
    const jobs = new Map<number, AbortController>();
    let closed = false;
    const post = (msg: HostMessage) => {
      if (closed) return;
      try {
        send(encodeMessage(msg));
      } catch (e) {
        console.error(`engine host: could not send a reply: ${(e as Error).message}`);
      }
    };
    return {
      receive: (frame) => {
        let msg;
        let raw: unknown;
        try {
          raw = decodeMessage(frame);
          msg = clientMessage.parse(raw);
        } catch (e) {
          post({ t: 'error', id: answerableId(raw, jobs), code: 'invalid', message: (e as Error).message });
          return;
        }
        if (msg.t === 'cancel') {
          jobs.get(msg.id)?.abort();
          return;
        }
        if (jobs.has(msg.id)) {
          post({ t: 'error', id: msg.id, code: 'invalid', message: `duplicate call id ${msg.id}` });
          return;
        }
        const controller = new AbortController();
        jobs.set(msg.id, controller);
        void this.run(conn, msg.id, msg.method, msg.params, controller.signal, post).finally(() =>
          jobs.delete(msg.id),
        );
      },
      close: () => {
        closed = true;
        for (const c of jobs.values()) c.abort();
        jobs.clear();
        this.state.datasets.releaseConnection(conn);
      },
    };
  }

  private async run(
    conn: number,
    id: number,
    method: MethodName,
    rawParams: object,
    signal: AbortSignal,
    post: (msg: HostMessage) => void,
  ): Promise<void> {
    const spec = protocol[method];
    let lastProgress = 0;
    const started = Date.now();
    const throwIfCancelled = () => {
      if (signal.aborted) throw new CancelledError();
    };
    const ctx: JobContext<MethodName> = {
      signal,
      throwIfCancelled,
      progress: (fraction, stage) => {
        const now = Date.now();
        if (now - lastProgress < PROGRESS_INTERVAL_MS && fraction < 1) return;
        lastProgress = now;
        const f = Math.min(1, Math.max(0, fraction));
        const elapsed = now - started;
        const etaMs = f > 0.02 && f < 1 ? (elapsed * (1 - f)) / f : null;
        post({ t: 'progress', id, fraction: f, stage, etaMs });
      },
      partial: (value) => post({ t: 'partial', id, value: value as object }),
      breathe: async () => {
        await yieldToLoop();
        throwIfCancelled();
      },
    };
    try {
      const params = spec.params.parse(rawParams, 'params');
      // A connection that uses a data set holds it open (see DatasetRegistry).
      const used = (params as { dataset?: unknown }).dataset;
      if (typeof used === 'string') this.state.datasets.hold(used, conn);
      const handler = handlers[method] as Handler<MethodName>;
      const value = await handler(params as never, ctx, this.state);
      throwIfCancelled();
      if (method === 'open') this.state.datasets.hold((value as { id: string }).id, conn);
      post({ t: 'result', id, value });
    } catch (e) {
      post({ t: 'error', id, ...describeError(e, signal) });
    }
  }
}

/**
 * The id to answer an invalid message with: a call's own id, so its caller stops waiting (an unknown
 * method, bad envelope fields), unless that id belongs to a running job, whose caller must not get
 * this error. Otherwise 0, which marks a protocol-level complaint no caller waits on.
 */
function answerableId(raw: unknown, jobs: ReadonlyMap<number, unknown>): number {
  if (typeof raw !== 'object' || raw === null) return 0;
  const { t, id } = raw as { t?: unknown; id?: unknown };
  return t === 'call' && typeof id === 'number' && Number.isSafeInteger(id) && !jobs.has(id) ? id : 0;
}

function describeError(e: unknown, signal: AbortSignal): { code: ErrorCode; message: string } {
  if (e instanceof CancelledError || (signal.aborted && (e as Error)?.name === 'AbortError')) {
    return { code: 'cancelled', message: 'cancelled' };
  }
  if (e instanceof RpcValidationError) return { code: 'invalid', message: e.message };
  if (e instanceof VecscopeError) return { code: 'user', message: e.message };
  if (e instanceof UnavailableError) return { code: 'unavailable', message: e.message };
  const err = e as Error;
  console.error(`engine host: internal error: ${err?.stack ?? String(e)}`);
  return { code: 'internal', message: `internal error: ${err?.message ?? String(e)}` };
}
