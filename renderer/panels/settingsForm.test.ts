import { describe, expect, it } from 'vitest';
import { settingsSchema, type Settings } from '../../engine/common/protocol/messages.ts';
import { fieldOfError, readForm, toForm } from './settingsForm.ts';

const current: Settings = {
  provider: 'auto',
  memoryBudgetMiB: 2048,
  diskBudgetMiB: 10240,
  cacheDir: '/home/ada/.cache/weft',
  modelsRoot: '/home/ada/.local/share/weft/models',
  modelSearchPaths: ['/mnt/models'],
};

describe('readForm', () => {
  it('round-trips unchanged settings into an empty patch', () => {
    expect(readForm(toForm(current), current)).toEqual({ ok: true, patch: {} });
  });

  it('sends only the fields that changed, trimmed, one search path per line', () => {
    const form = {
      ...toForm(current),
      memoryBudgetMiB: ' 4096 ',
      modelSearchPaths: '/mnt/models\n\n  /srv/onnx  \n',
    };
    expect(readForm(form, current)).toEqual({
      ok: true,
      patch: { memoryBudgetMiB: 4096, modelSearchPaths: ['/mnt/models', '/srv/onnx'] },
    });
  });

  it('names every wrong field with what to do', () => {
    const result = readForm(
      {
        ...toForm(current),
        provider: 'tpu',
        memoryBudgetMiB: '63',
        diskBudgetMiB: '1.5',
        cacheDir: '  ',
        modelsRoot: '',
      },
      current,
    );
    expect(result).toEqual({
      ok: false,
      errors: {
        provider: '"tpu" is not an execution provider Weft knows.',
        memoryBudgetMiB: 'The memory budget is a whole number of MiB from 64 to 1048576.',
        diskBudgetMiB: 'The disk budget is a whole number of MiB from 0 to 67108864.',
        cacheDir: 'Choose a folder for the disk cache.',
        modelsRoot: 'Choose the model library folder.',
      },
    });
  });

  it('refuses switching to a provider the engine says is unavailable, with its reason', () => {
    const providers = [
      { name: 'cpu', label: 'CPU', available: true },
      {
        name: 'cuda',
        label: 'CUDA',
        available: false,
        reason: 'the CUDA libraries are not installed',
      },
    ];
    expect(readForm({ ...toForm(current), provider: 'cuda' }, current, providers)).toEqual({
      ok: false,
      errors: { provider: 'CUDA is not available here: the CUDA libraries are not installed' },
    });
    expect(readForm({ ...toForm(current), provider: 'cpu' }, current, providers)).toEqual({
      ok: true,
      patch: { provider: 'cpu' },
    });
  });

  it('accepts exactly what the protocol schema accepts at the edges of the ranges', () => {
    for (const [memory, disk] of [
      [64, 0],
      [1024 * 1024, 64 * 1024 * 1024],
    ] as const) {
      const form = {
        ...toForm(current),
        memoryBudgetMiB: String(memory),
        diskBudgetMiB: String(disk),
      };
      const result = readForm(form, current);
      expect(result.ok).toBe(true);
      expect(
        settingsSchema.safeParse({ ...current, memoryBudgetMiB: memory, diskBudgetMiB: disk })
          .success,
      ).toBe(true);
    }
    expect(settingsSchema.safeParse({ ...current, memoryBudgetMiB: 63 }).success).toBe(false);
    expect(
      settingsSchema.safeParse({ ...current, diskBudgetMiB: 64 * 1024 * 1024 + 1 }).success,
    ).toBe(false);
    expect(
      readForm({ ...toForm(current), diskBudgetMiB: String(64 * 1024 * 1024 + 1) }, current).ok,
    ).toBe(false);
  });
});

describe('fieldOfError', () => {
  it('maps a host error field to the form field', () => {
    expect(fieldOfError('modelSearchPaths.1')).toBe('modelSearchPaths');
    expect(fieldOfError('cacheDir')).toBe('cacheDir');
    expect(fieldOfError('nope')).toBeUndefined();
    expect(fieldOfError(undefined)).toBeUndefined();
  });
});
