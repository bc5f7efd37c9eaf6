/**
 * Hosts the engine in a child process (Electron's utilityProcess in the app,
 * node's child_process in tests) and relays the protocol between it and the
 * editor. ONNX Runtime can block or crash that process; the host notices (exit,
 * or no heartbeat answer), fails what was pending, ends the interrupted run
 * in the editor as failed with the node that was running, tells the user, and
 * starts a fresh engine, giving up only when it keeps dying.
 */
import type {
  HostMessage,
  ProtocolError,
  Operation,
  OperationParams,
  OperationResult,
  Request as ProtocolRequest,
} from '../../engine/common/protocol/messages.ts';
import type { EngineState } from '../common/bridge.ts';
import { fromEngineSchema, type ToEngine } from '../common/engineWire.ts';
import { RunTracker, type InterruptedRun } from './runTracker.ts';

/** A refused `call`: the protocol's error code and message. */
export class EngineCallError extends Error {
  readonly code: ProtocolError['code'];
  constructor(error: ProtocolError) {
    super(error.message);
    this.name = 'EngineCallError';
    this.code = error.code;
  }
}

/** One engine process, whatever started it. */
export interface EngineChild {
  send(message: ToEngine): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}

export interface EngineStopReport {
  /** Why, as a clause: "it crashed (exit code 134)". */
  reason: string;
  /** The run it was in, ended as failed (with the node that was running). */
  run?: InterruptedRun;
  /** false when the host gave up (it kept stopping) until the user restarts it. */
  restarting: boolean;
  /** The user asked for it (Run → Restart engine): no need to alarm them. */
  requested: boolean;
}

export interface EngineHostOptions {
  spawn(workspace: string): EngineChild;
  workspace: string;
  /** Responses and pushes for the editor. */
  onMessage(message: HostMessage): void;
  onState?(state: EngineState): void;
  onStopped?(report: EngineStopReport): void;
  onWarning?(message: string): void;
  heartbeatMs?: number;
  /** No heartbeat answer for this long while idle (or between nodes) means hung. */
  idleTimeoutMs?: number;
  /** …and this long while a node runs (one ONNX Runtime call blocks the event loop). */
  runningTimeoutMs?: number;
  /** From start until the engine says it is ready. */
  startTimeoutMs?: number;
  /** More than this many unexpected stops within crashWindowMs: stop restarting. */
  maxCrashes?: number;
  crashWindowMs?: number;
  restartDelayMs?: number;
  now?: () => number;
}

type Pending =
  | { origin: 'editor'; id: number }
  | { origin: 'main'; resolve(result: unknown): void; reject(error: Error): void };

export class EngineHost {
  readonly #options: Required<
    Omit<EngineHostOptions, 'onState' | 'onStopped' | 'onWarning' | 'workspace'>
  > &
    Pick<EngineHostOptions, 'onState' | 'onStopped' | 'onWarning'>;
  #workspace: string;
  #state: EngineState = 'connecting';
  #child: EngineChild | undefined;
  #generation = 0;
  #ready = false;
  #startedAt = 0;
  #lastPong = 0;
  #pingSeq = 0;
  #heartbeat: ReturnType<typeof setInterval> | undefined;
  #restartTimer: ReturnType<typeof setTimeout> | undefined;
  /** Why the host itself ended the child (hang, restart, workspace change). */
  #killReason: { reason: string; requested: boolean; planned: boolean } | undefined;
  #fatal: string | undefined;
  #crashTimes: number[] = [];
  #stopped = false;
  #exitWaiters: (() => void)[] = [];
  readonly #pending = new Map<number, Pending>();
  #queue: ProtocolRequest[] = [];
  #nextWireId = 1;
  readonly #tracker = new RunTracker();

  constructor(options: EngineHostOptions) {
    this.#workspace = options.workspace;
    this.#options = {
      heartbeatMs: 2000,
      idleTimeoutMs: 30_000,
      runningTimeoutMs: 10 * 60_000,
      startTimeoutMs: 120_000,
      maxCrashes: 3,
      crashWindowMs: 60_000,
      restartDelayMs: 500,
      now: Date.now,
      ...options,
    };
  }

  get state(): EngineState {
    return this.#state;
  }

  get workspace(): string {
    return this.#workspace;
  }

  /** The run in progress and its running nodes (for menus and the close prompt). */
  get activeRunId(): string | undefined {
    return this.#tracker.activeRunId;
  }

  start(): void {
    this.#spawn();
    this.#heartbeat = setInterval(() => this.#beat(), this.#options.heartbeatMs);
    this.#heartbeat.unref?.();
  }

  /** A protocol request from the editor (already validated); the answer goes to onMessage. */
  request(request: ProtocolRequest): void {
    this.#enqueue(request.params, request.op, { origin: 'editor', id: request.id });
  }

  /** A request of main's own (crash recovery reads and writes through the engine). */
  call<Op extends Operation>(op: Op, params: OperationParams<Op>): Promise<OperationResult<Op>> {
    return new Promise((resolve, reject) => {
      this.#enqueue(params, op, {
        origin: 'main',
        resolve: (result) => resolve(result as OperationResult<Op>),
        reject,
      });
    });
  }

  /** Starts a fresh engine on another workspace (the user opened a graph in another folder). */
  async setWorkspace(workspace: string): Promise<void> {
    if (workspace === this.#workspace && this.#state !== 'closed') return;
    this.#workspace = workspace;
    await this.#replace('Weft switched to another folder', false);
  }

  /** Run → Restart engine: for an engine stuck inside a model call that cancel cannot reach. */
  async restart(): Promise<void> {
    this.#crashTimes = [];
    await this.#replace('you restarted it from the Run menu', true);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearInterval(this.#heartbeat);
    clearTimeout(this.#restartTimer);
    this.#failPending('Weft is closing.', true);
    this.#setState('closed');
    const exited = this.#waitForExit();
    this.#child?.kill();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
  }

  #enqueue(params: unknown, op: string, pending: Pending): void {
    if (this.#stopped || (this.#state === 'closed' && !this.#child)) {
      const message = this.#stopped
        ? 'Weft is closing.'
        : 'The engine kept stopping, so Weft stopped restarting it; use Run → Restart engine.';
      this.#answerError(pending, message);
      return;
    }
    const wireId = this.#nextWireId++;
    this.#pending.set(wireId, pending);
    const request: ProtocolRequest = { id: wireId, op, params };
    if (this.#ready && this.#child) this.#child.send({ kind: 'request', request });
    else this.#queue.push(request);
  }

  #spawn(): void {
    const generation = ++this.#generation;
    this.#ready = false;
    this.#fatal = undefined;
    this.#killReason = undefined;
    this.#startedAt = this.#options.now();
    this.#lastPong = this.#startedAt;
    const child = this.#options.spawn(this.#workspace);
    this.#child = child;
    child.onMessage((message) => {
      if (generation === this.#generation) this.#fromChild(message);
    });
    child.onExit((code) => {
      if (generation !== this.#generation) return;
      this.#exited(code);
      for (const waiter of this.#exitWaiters.splice(0)) waiter();
    });
  }

  #fromChild(raw: unknown): void {
    const parsed = fromEngineSchema.safeParse(raw);
    if (!parsed.success) {
      this.#options.onWarning?.('The engine sent a message the host does not understand.');
      return;
    }
    const message = parsed.data;
    switch (message.kind) {
      case 'pong':
        this.#lastPong = this.#options.now();
        return;
      case 'ready':
        this.#ready = true;
        this.#lastPong = this.#options.now();
        this.#setState('open');
        for (const request of this.#queue.splice(0)) {
          this.#child?.send({ kind: 'request', request });
        }
        return;
      case 'warning':
        this.#options.onWarning?.(message.message);
        return;
      case 'fatal':
        this.#fatal = message.message;
        return;
      case 'message':
        this.#relay(message.message);
        return;
    }
  }

  #relay(message: HostMessage): void {
    if ('id' in message) {
      const pending = this.#pending.get(message.id);
      if (!pending) return;
      this.#pending.delete(message.id);
      if (pending.origin === 'editor') {
        this.#options.onMessage({ ...message, id: pending.id });
      } else if (message.ok) {
        pending.resolve(message.result);
      } else {
        pending.reject(new EngineCallError(message.error));
      }
      return;
    }
    if (message.push === 'run-event') this.#tracker.observe(message.event);
    this.#options.onMessage(message);
  }

  #beat(): void {
    const child = this.#child;
    if (!child || this.#stopped) return;
    const now = this.#options.now();
    if (!this.#ready) {
      if (now - this.#startedAt > this.#options.startTimeoutMs) {
        this.#end(`it did not start within ${seconds(this.#options.startTimeoutMs)}`);
      }
    } else {
      const limit =
        this.#tracker.runningNodes.length > 0
          ? this.#options.runningTimeoutMs
          : this.#options.idleTimeoutMs;
      if (now - this.#lastPong > limit) {
        this.#end(`it stopped responding for ${seconds(now - this.#lastPong)}, so Weft ended it`);
        return;
      }
    }
    this.#pingSeq += 1;
    child.send({ kind: 'ping', seq: this.#pingSeq });
  }

  #end(reason: string, options: { requested?: boolean; planned?: boolean } = {}): void {
    if (!this.#child || this.#killReason) return;
    this.#killReason = {
      reason,
      requested: options.requested ?? false,
      planned: options.planned ?? false,
    };
    // Requests from now on wait for the next engine instead of going to this dying one.
    this.#ready = false;
    this.#child.kill();
  }

  async #replace(reason: string, requested: boolean): Promise<void> {
    clearTimeout(this.#restartTimer);
    if (this.#child) {
      const exited = this.#waitForExit();
      this.#end(reason, { requested, planned: true });
      await exited;
    } else {
      this.#setState('reconnecting');
      this.#spawn();
    }
  }

  #waitForExit(): Promise<void> {
    if (!this.#child) return Promise.resolve();
    return new Promise((resolve) => this.#exitWaiters.push(resolve));
  }

  #exited(code: number | null): void {
    this.#child = undefined;
    this.#ready = false;
    if (this.#stopped) return;
    const kill = this.#killReason;
    const reason =
      kill?.reason ??
      (this.#fatal
        ? `it could not continue (${this.#fatal})`
        : `it crashed (exit code ${code ?? 'unknown'})`);
    this.#failPending(`The engine stopped before answering (${reason}). Try again.`, false);
    const run = this.#tracker.interrupt(reason, this.#options.now());
    for (const event of run?.events ?? []) this.#options.onMessage({ push: 'run-event', event });

    let restarting = true;
    if (!kill?.planned) {
      const now = this.#options.now();
      this.#crashTimes = [
        ...this.#crashTimes.filter((time) => now - time < this.#options.crashWindowMs),
        now,
      ];
      restarting = this.#crashTimes.length <= this.#options.maxCrashes;
    }
    if (restarting) {
      this.#setState('reconnecting');
      const delay = kill?.planned ? 0 : this.#options.restartDelayMs * this.#crashTimes.length;
      this.#restartTimer = setTimeout(() => {
        if (!this.#stopped) this.#spawn();
      }, delay);
    } else {
      this.#setState('closed');
      this.#failPending(
        'The engine kept stopping, so Weft stopped restarting it; use Run → Restart engine.',
        true,
      );
    }
    if (!kill?.planned || kill.requested || run) {
      this.#options.onStopped?.({
        reason,
        ...(run ? { run } : {}),
        restarting,
        requested: kill?.requested ?? false,
      });
    }
  }

  /** Fails what the engine was asked (and, with queued, what it was about to be asked). */
  #failPending(message: string, queued: boolean): void {
    const waiting = new Set(this.#queue.map((request) => request.id));
    for (const [wireId, pending] of this.#pending) {
      if (!queued && waiting.has(wireId)) continue;
      this.#pending.delete(wireId);
      this.#answerError(pending, message);
    }
    if (queued) this.#queue = [];
  }

  #answerError(pending: Pending, message: string): void {
    if (pending.origin === 'editor') {
      this.#options.onMessage({ id: pending.id, ok: false, error: { code: 'INTERNAL', message } });
    } else {
      pending.reject(new EngineCallError({ code: 'INTERNAL', message }));
    }
  }

  #setState(state: EngineState): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#options.onState?.(state);
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 1000)} s`;
}
