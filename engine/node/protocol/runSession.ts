/**
 * The one run a host executes at a time. run.start answers once the engine
 * has accepted the graph (its run-start event) or refused it (GRAPH_INVALID
 * with every issue); the run then goes on in the background, its events
 * pushed with workspace-relative paths. Outputs go to <workspace>/outputs;
 * nodes read input files from the graph's folder and the workspace.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { RunEvent } from '../../common/events.ts';
import type { GraphFile } from '../../common/graph/schema.ts';
import type { PushMessage } from '../../common/protocol/messages.ts';
import type { Engine } from '../engine.ts';
import { GraphInvalidError } from '../engine.ts';
import { clientEvent } from './clientPaths.ts';
import { ProtocolFailure } from './failure.ts';
import type { Workspace } from './workspace.ts';

export const OUTPUT_FOLDER = 'outputs';

export interface PreparedRun {
  engine: Engine;
  graph: GraphFile;
  targets?: readonly string[];
  /** Folders input files resolve from, first one first (absolute). */
  inputRoots: readonly string[];
}

interface ActiveRun {
  runId: string;
  controller: AbortController;
  finished: Promise<void>;
}

export class RunSession {
  #active: ActiveRun | undefined;

  constructor(
    private readonly options: {
      workspace: Workspace;
      push: (message: PushMessage) => void;
      /** After every run (the host rebuilds a changed engine here). */
      onFinished: () => Promise<void>;
      onWarning: (message: string) => void;
    },
  ) {}

  get activeRunId(): string | undefined {
    return this.#active?.runId;
  }

  /** Resolves when no run is going. */
  async idle(): Promise<void> {
    while (this.#active) await this.#active.finished;
  }

  /**
   * Claims the one run slot before anything is awaited (two quick starts
   * cannot both run), then prepares and starts the run.
   */
  async start(prepare: () => Promise<PreparedRun>): Promise<{ runId: string }> {
    if (this.#active)
      throw new ProtocolFailure(
        'RUN_IN_PROGRESS',
        'A run is already going; wait for it to finish or cancel it, then run again.',
      );
    const runId = randomUUID().slice(0, 8);
    const controller = new AbortController();
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    this.#active = { runId, controller, finished };

    let started!: () => void;
    const accepted = new Promise<void>((resolve) => (started = resolve));
    let run: Promise<unknown>;
    try {
      const prepared = await prepare();
      const { workspace, push } = this.options;
      let sawStart = false;
      const onEvent = (event: RunEvent) => {
        if (event.type === 'run-start') {
          sawStart = true;
          started();
        }
        push({ push: 'run-event', event: clientEvent(event, workspace) });
      };
      run = prepared.engine
        .run(prepared.graph, {
          runId,
          signal: controller.signal,
          onEvent,
          outputDir: join(workspace.root, OUTPUT_FOLDER),
          inputRoots: prepared.inputRoots,
          ...(prepared.targets ? { targets: prepared.targets } : {}),
        })
        .catch((error: unknown) => {
          if (!sawStart) throw error;
          // The run began but the engine itself failed: say so, so no client waits forever.
          const message = error instanceof Error ? error.message : String(error);
          this.options.onWarning(`run ${runId}: ${message}`);
          push({
            push: 'run-event',
            event: {
              runId,
              time: Date.now(),
              type: 'run-failed',
              durationMs: 0,
              files: [],
              errors: [
                {
                  code: 'INTERNAL',
                  message: `The run stopped because of a problem inside Weft: ${message}`,
                },
              ],
            },
          });
        });
    } catch (error) {
      this.#release(finish);
      throw error;
    }

    const ended = run.then(
      () => 'ended' as const,
      (error: unknown) => error,
    );
    void ended.then(async (outcome) => {
      this.#release(finish);
      if (outcome === 'ended') this.options.push({ push: 'runs-changed' });
      await this.options
        .onFinished()
        .catch((error: unknown) =>
          this.options.onWarning(error instanceof Error ? error.message : String(error)),
        );
    });
    const first = await Promise.race([accepted.then(() => 'started' as const), ended]);
    if (first === 'started' || first === 'ended') return { runId };
    if (first instanceof GraphInvalidError)
      throw new ProtocolFailure('GRAPH_INVALID', first.message, { issues: first.issues });
    throw first;
  }

  cancel(runId: string): boolean {
    if (this.#active?.runId !== runId) return false;
    this.#active.controller.abort(new DOMException('Cancelled by the user', 'AbortError'));
    return true;
  }

  /** Cancels the run in progress, if any, and waits for it to end. */
  async close(): Promise<void> {
    if (this.#active) this.cancel(this.#active.runId);
    await this.idle();
  }

  #release(finish: () => void): void {
    this.#active = undefined;
    finish();
  }
}
