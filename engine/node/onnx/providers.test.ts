import { afterAll, describe, expect, it } from 'vitest';
import type { ProviderEnvironment, ProviderFallback } from './providers.ts';
import {
  createSession,
  currentProviderEnvironment,
  detectProviders,
  providerOrder,
} from './providers.ts';
import { addOne, tempFolder } from './testModels.ts';

const folder = tempFolder();
afterAll(() => folder.remove());

function environment(
  platform: NodeJS.Platform,
  backends: string[],
  libraries: string[] = [],
): ProviderEnvironment {
  return {
    platform,
    backends: backends.map((name) => ({ name, bundled: name !== 'cuda' && name !== 'tensorrt' })),
    libraryExists: (file) => libraries.includes(file),
  };
}

const LINUX_BACKENDS = ['cpu', 'webgpu', 'cuda', 'tensorrt'];
const CUDA_LIBRARIES = ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'];

describe('provider detection and order', () => {
  it('counts CUDA as available only when its provider libraries are installed', () => {
    const without = detectProviders(environment('linux', LINUX_BACKENDS));
    expect(without.find((status) => status.name === 'cuda')).toEqual({
      name: 'cuda',
      available: false,
      reason:
        "not installed: libonnxruntime_providers_cuda.so and libonnxruntime_providers_shared.so missing beside onnxruntime-node's binding",
    });
    const partial = detectProviders(environment('linux', LINUX_BACKENDS, [CUDA_LIBRARIES[1]!]));
    expect(partial.find((status) => status.name === 'cuda')?.available).toBe(false);
    const installed = detectProviders(environment('linux', LINUX_BACKENDS, CUDA_LIBRARIES));
    expect(installed.find((status) => status.name === 'cuda')).toEqual({
      name: 'cuda',
      available: true,
    });
    expect(installed.find((status) => status.name === 'dml')).toEqual({
      name: 'dml',
      available: false,
      reason: 'this build of ONNX Runtime has no DirectML support on linux',
    });
  });

  it("orders 'auto' by platform: CUDA on Linux if installed, DirectML on Windows, CoreML on macOS, CPU last; never WebGPU", () => {
    const order = (env: ProviderEnvironment) =>
      providerOrder('auto', detectProviders(env), env.platform);
    expect(order(environment('linux', LINUX_BACKENDS, CUDA_LIBRARIES))).toEqual(['cuda', 'cpu']);
    expect(order(environment('linux', LINUX_BACKENDS))).toEqual(['cpu']);
    expect(order(environment('win32', ['cpu', 'webgpu', 'dml']))).toEqual(['dml', 'cpu']);
    expect(order(environment('darwin', ['cpu', 'webgpu', 'coreml']))).toEqual(['coreml', 'cpu']);
  });

  it('tries a named provider first whatever detection says, then the CPU', () => {
    const statuses = detectProviders(environment('linux', LINUX_BACKENDS));
    expect(providerOrder('webgpu', statuses, 'linux')).toEqual(['webgpu', 'cpu']);
    expect(providerOrder('cuda', statuses, 'linux')).toEqual(['cuda', 'cpu']);
    expect(providerOrder('cpu', statuses, 'linux')).toEqual(['cpu']);
  });

  it('always finds the CPU on this machine', () => {
    const statuses = detectProviders(currentProviderEnvironment());
    expect(statuses.find((status) => status.name === 'cpu')).toEqual({
      name: 'cpu',
      available: true,
    });
    expect(statuses.map((status) => status.name)).toEqual([
      'cpu',
      'cuda',
      'dml',
      'coreml',
      'webgpu',
    ]);
  });
});

describe('createSession', () => {
  const path = folder.write('add_one.onnx', addOne());
  const statuses = detectProviders(currentProviderEnvironment());
  const cudaInstalled = statuses.find((status) => status.name === 'cuda')?.available === true;

  it.skipIf(cudaInstalled)(
    'falls back to the CPU when CUDA is asked for and is not there, and says so',
    async () => {
      const fallbacks: ProviderFallback[] = [];
      const { session, provider } = await createSession(
        path,
        { logSeverityLevel: 4 },
        ['cuda', 'cpu'],
        statuses,
        (fallback) => fallbacks.push(fallback),
      );
      expect(provider).toBe('cpu');
      expect(session.inputNames).toEqual(['x']);
      expect(fallbacks).toHaveLength(1);
      const [fallback] = fallbacks;
      expect(fallback).toMatchObject({ requested: 'cuda', used: 'cpu', model: path });
      expect(fallback!.message).toMatch(
        /^CUDA could not start \(not installed: libonnxruntime_providers_cuda\.so and libonnxruntime_providers_shared\.so missing beside onnxruntime-node's binding\); running on the CPU instead\. To run on an NVIDIA GPU, run "npm run setup:cuda"/,
      );
      await session.release();

      // Attempted anyway (as if detection were wrong): ORT's loader fails, same fallback.
      const believesCuda = statuses.map((status) =>
        status.name === 'cuda' ? { name: 'cuda' as const, available: true } : status,
      );
      const attempted = await createSession(path, {}, ['cuda', 'cpu'], believesCuda, (fallback) =>
        fallbacks.push(fallback),
      );
      expect(attempted.provider).toBe('cpu');
      expect(fallbacks[1]!.message).toMatch(
        /^CUDA could not start \(.*Failed to load shared library.*\); running on the CPU instead\./,
      );
      await attempted.session.release();
    },
  );

  it.skipIf(process.platform === 'win32')(
    'falls back when ONNX Runtime itself fails to start a provider detection thought was there',
    async () => {
      const fallbacks: ProviderFallback[] = [];
      const believesDml = statuses.map((status) =>
        status.name === 'dml' ? { name: 'dml' as const, available: true } : status,
      );
      const { provider, session } = await createSession(
        path,
        {},
        ['dml', 'cpu'],
        believesDml,
        (fallback) => fallbacks.push(fallback),
      );
      expect(provider).toBe('cpu');
      expect(session.outputNames).toEqual(['y']);
      expect(fallbacks).toHaveLength(1);
      // ORT's own words, first line only.
      expect(fallbacks[0]!.reason).toBe(
        'no available backend found. ERR: [dml] backend not found.',
      );
      expect(fallbacks[0]!.message).toBe(
        'DirectML could not start (no available backend found. ERR: [dml] backend not found.); running on the CPU instead. DirectML needs Windows 10 or later with a DirectX 12 graphics driver; update the driver, or choose "CPU" as the execution provider.',
      );
      await session.release();
    },
  );

  it('reports no fallback on the CPU, and names the file when the model cannot load at all', async () => {
    const fallbacks: ProviderFallback[] = [];
    const { provider, session } = await createSession(path, {}, ['cpu'], statuses, (fallback) =>
      fallbacks.push(fallback),
    );
    expect(provider).toBe('cpu');
    expect(fallbacks).toEqual([]);
    await session.release();
    const broken = folder.write('broken.onnx', addOne());
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broken, 'not a model');
    await expect(createSession(broken, {}, ['cpu'], statuses, () => undefined)).rejects.toThrow(
      new RegExp(`^Could not load the model "${broken}": `),
    );
  });
});
