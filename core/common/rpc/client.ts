import { decodeMessage, encodeMessage } from './codec.js';
import {
  hostMessage,
  protocol,
  type ErrorCode,
  type MethodName,
  type Params,
  type Partial,
  type Result,
} from './protocol.js';

/**
 * A byte pipe to an engine host: a WebSocket, an Electron MessagePort or an in-process link. The
 * client never knows which.
 */
export interface FramePort {
  send(frame: ArrayBuffer): void;
  onFrame(listener: (frame: ArrayBuffer) => void): void;
  /** Called once when the pipe breaks (the host died or the connection dropped). */
  onClose(listener: (reason: string) => void): void;
  close(): void;
}

/** A failed call, with the host's error code; `code === 'user'` messages are meant for the user. */
export class RpcError extends Error {
  constructor(
    readonly code: ErrorCode | 'disconnected',
    message: string,
  ) {
    super(message);
    this.name = 'RpcError';
  }
}

interface Progress {
  fraction: number;
  stage: string;
  etaMs: number | null;
}

export interface CallOptions<M extends MethodName> {
  onProgress?: (p: Progress) => void;
  onPartial?: (value: Partial<M>) => void;
}

export interface Call<M extends MethodName> {
  id: number;
  method: M;
  result: Promise<Result<M>>;
  cancel(): void;
}

interface Pending {
  method: MethodName;
  resolve: (v: object) => void;
  reject: (e: Error) => void;
  onProgress?: ((p: Progress) => void) | undefined;
  onPartial?: ((v: never) => void) | undefined;
}

export class RpcClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private closedReason: string | undefined;
  private readonly closeListeners: ((reason: string) => void)[] = [];

  constructor(private readonly port: FramePort) {
    port.onFrame((frame) => this.receive(frame));
    port.onClose((reason) => this.fail(reason));
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  onClose(listener: (reason: string) => void): void {
    if (this.closedReason !== undefined) listener(this.closedReason);
    else this.closeListeners.push(listener);
  }

  call<M extends MethodName>(method: M, params: Params<M>, opts: CallOptions<M> = {}): Call<M> {
    const id = this.nextId++;
    const result = new Promise<Result<M>>((resolve, reject) => {
      if (this.closedReason !== undefined) {
        reject(new RpcError('disconnected', this.closedReason));
        return;
      }
      this.pending.set(id, {
        method,
        resolve: resolve as (v: object) => void,
        reject,
        onProgress: opts.onProgress,
        onPartial: opts.onPartial as ((v: never) => void) | undefined,
      });
      this.port.send(encodeMessage({ t: 'call', id, method, params }));
    });
    return {
      id,
      method,
      result,
      cancel: () => {
        if (this.pending.has(id) && this.closedReason === undefined) {
          this.port.send(encodeMessage({ t: 'cancel', id }));
        }
      },
    };
  }

  close(): void {
    this.port.close();
    this.fail('closed');
  }

  private fail(reason: string): void {
    if (this.closedReason !== undefined) return;
    this.closedReason = reason;
    for (const p of this.pending.values()) p.reject(new RpcError('disconnected', reason));
    this.pending.clear();
    for (const l of this.closeListeners.splice(0)) l(reason);
  }

  private receive(frame: ArrayBuffer): void {
    let msg;
    try {
      msg = hostMessage.parse(decodeMessage(frame));
    } catch (e) {
      console.error(`rpc: dropped a malformed message from the host: ${(e as Error).message}`);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    const spec = protocol[p.method];
    try {
      switch (msg.t) {
        case 'progress':
          p.onProgress?.({ fraction: msg.fraction, stage: msg.stage, etaMs: msg.etaMs });
          break;
        case 'partial':
          if ('partial' in spec) p.onPartial?.(spec.partial.parse(msg.value, 'partial') as never);
          break;
        case 'result':
          this.pending.delete(msg.id);
          p.resolve(spec.result.parse(msg.value, 'result'));
          break;
        case 'error':
          this.pending.delete(msg.id);
          p.reject(new RpcError(msg.code, msg.message));
          break;
      }
    } catch (e) {
      this.pending.delete(msg.id);
      p.reject(new RpcError('invalid', (e as Error).message));
    }
  }
}
