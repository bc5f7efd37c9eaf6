/**
 * Crash recovery through the real protocol handler (the same one the engine's
 * utility process runs): the editor's autosave is a `recovery.write`, the
 * offer after a crash reads it back and writes the restored copy.
 */
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type {
  Operation,
  OperationParams,
  OperationResult,
} from '../../engine/common/protocol/messages.ts';
import { openTestHost, type TestHost } from '../../engine/node/testing/protocolHost.ts';
import { EngineCallError } from './engineHost.ts';
import { offerRecovery, recoveredName, type EngineCall, type RecoveryOffer } from './recovery.ts';

let host: TestHost;
let call: EngineCall;
beforeEach(async () => {
  host = await openTestHost();
  // What EngineHost.call does with an answer: the result, or an error with its code.
  call = async <Op extends Operation>(op: Op, params: OperationParams<Op>) => {
    const response = await host.call(op, params);
    if (!response.ok) throw new EngineCallError(response.error);
    return response.result as OperationResult<Op>;
  };
});
afterEach(() => host.cleanup());

async function autosave(text: string): Promise<void> {
  await call('recovery.write', { key: 'poster.weft.json', text });
}

function answering(restore: boolean) {
  const offers: RecoveryOffer[] = [];
  return {
    offers,
    ask: async (offer: RecoveryOffer) => {
      offers.push(offer);
      return restore;
    },
  };
}

describe('crash recovery', () => {
  it('offers an autosave that differs from the file and restores it as a copy', async () => {
    const original = await readFile(join(host.workspace, 'poster.weft.json'), 'utf8');
    const edited = JSON.stringify({ ...JSON.parse(original), meta: { title: 'Edited poster' } });
    await autosave(edited);
    const user = answering(true);

    const restored = await offerRecovery({ call, graph: 'poster.weft.json', ask: user.ask });

    expect(restored).toBe('poster.recovered.weft.json');
    expect(user.offers).toHaveLength(1);
    expect(user.offers[0]?.graph).toBe('poster.weft.json');
    expect(user.offers[0]?.savedAt).toBeGreaterThan(Date.now() - 60_000);
    expect(await readFile(join(host.workspace, restored!), 'utf8')).toBe(edited);
    // The saved file is untouched and the autosave is gone.
    expect(await readFile(join(host.workspace, 'poster.weft.json'), 'utf8')).toBe(original);
    expect(await call('recovery.read', { key: 'poster.weft.json' })).toEqual({});
  });

  it('never overwrites an earlier recovered copy', async () => {
    await autosave('{"first": true}');
    expect(await offerRecovery({ call, graph: 'poster.weft.json', ask: answering(true).ask })).toBe(
      'poster.recovered.weft.json',
    );
    await autosave('{"second": true}');
    expect(await offerRecovery({ call, graph: 'poster.weft.json', ask: answering(true).ask })).toBe(
      'poster.recovered-2.weft.json',
    );
    expect(await readFile(join(host.workspace, 'poster.recovered.weft.json'), 'utf8')).toBe(
      '{"first": true}',
    );
  });

  it('discards the autosave when the user says so', async () => {
    await autosave('{"changed": true}');
    const before = await readdir(host.workspace);
    expect(
      await offerRecovery({ call, graph: 'poster.weft.json', ask: answering(false).ask }),
    ).toBeUndefined();
    expect(await readdir(host.workspace)).toEqual(before);
    expect(await call('recovery.read', { key: 'poster.weft.json' })).toEqual({});
  });

  it('does not ask when there is no autosave, or it equals the saved file', async () => {
    const user = answering(true);
    expect(await offerRecovery({ call, graph: 'poster.weft.json', ask: user.ask })).toBeUndefined();
    const original = await readFile(join(host.workspace, 'poster.weft.json'), 'utf8');
    await autosave(JSON.stringify(JSON.parse(original)));
    expect(await offerRecovery({ call, graph: 'poster.weft.json', ask: user.ask })).toBeUndefined();
    expect(user.offers).toEqual([]);
  });

  it('names copies beside the original', () => {
    expect(recoveredName('graphs/a.weft.json', 1)).toBe('graphs/a.recovered.weft.json');
    expect(recoveredName('a.json', 3)).toBe('a.recovered-3.weft.json');
  });
});
