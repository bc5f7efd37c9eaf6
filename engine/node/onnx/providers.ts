/**
 * Execution providers: which ones this machine has, which to try for a
 * setting, and creating a session that falls back to the CPU when a GPU
 * provider will not start (with a message the artist can act on, reported
 * through a callback; the provider actually used comes back with the session).
 *
 * What onnxruntime-node 1.30 ships: CPU everywhere; WebGPU on Windows, Linux
 * x64 and macOS; DirectML on Windows; CoreML on macOS. CUDA (and TensorRT) on
 * Linux x64 are listed by `listSupportedBackends()` with `bundled: false`:
 * their provider libraries are downloaded by the package's install script,
 * so "CUDA available" means the libraries are actually in the binding's
 * folder. The CUDA runtime and cuDNN must also be on the system; that only
 * shows when a session starts, hence the fallback.
 *
 * 'auto' tries, in order: CUDA on Linux if installed, DirectML on Windows,
 * CoreML on macOS, then the CPU. WebGPU is kept out of 'auto' (it stays
 * available when asked for by name): ORT calls it experimental; on a headless
 * Linux machine without a Vulkan loader it fails with "No supported adapters"
 * (and Dawn writes warnings straight to stderr, which a CLI cannot silence);
 * and where it does start, operators it lacks run on the CPU with copies in
 * between, so it is not reliably faster than the CPU provider.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as ort from 'onnxruntime-node';

export const PROVIDER_SETTINGS = ['auto', 'cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const;
export type ProviderSetting = (typeof PROVIDER_SETTINGS)[number];
export type ProviderName = Exclude<ProviderSetting, 'auto'>;

const LABELS: Record<ProviderName, string> = {
  cpu: 'CPU',
  cuda: 'CUDA',
  dml: 'DirectML',
  coreml: 'CoreML',
  webgpu: 'WebGPU',
};

const ADVICE: Record<Exclude<ProviderName, 'cpu'>, string> = {
  cuda: 'To run on an NVIDIA GPU, run "npm run setup:cuda" in the Weft folder (it fetches the CUDA 12 provider of ONNX Runtime) and install the CUDA 12 and cuDNN 9 runtime libraries; or choose "CPU" as the execution provider to skip this attempt.',
  dml: 'DirectML needs Windows 10 or later with a DirectX 12 graphics driver; update the driver, or choose "CPU" as the execution provider.',
  coreml: 'CoreML needs macOS; choose "CPU" as the execution provider elsewhere.',
  webgpu:
    'WebGPU needs a GPU driver with Vulkan (Linux), Metal (macOS) or Direct3D 12 (Windows); or choose "CPU" as the execution provider.',
};

/** The name to show: 'CUDA', 'DirectML', …. */
export function providerLabel(name: ProviderName): string {
  return LABELS[name];
}

export interface ProviderStatus {
  readonly name: ProviderName;
  readonly available: boolean;
  /** Why it is not available (for settings screens and fallback messages). */
  readonly reason?: string;
}

/** What detection looks at; injectable so every platform's rules can be tested here. */
export interface ProviderEnvironment {
  readonly platform: NodeJS.Platform;
  readonly backends: readonly { readonly name: string; readonly bundled: boolean }[];
  /** Whether a file exists in the binding's native folder. */
  libraryExists(fileName: string): boolean;
}

export function currentProviderEnvironment(): ProviderEnvironment {
  const binding = join(
    dirname(createRequire(import.meta.url).resolve('onnxruntime-node')),
    '..',
    'bin',
    'napi-v6',
    process.platform,
    process.arch,
  );
  return {
    platform: process.platform,
    backends: ort.listSupportedBackends(),
    libraryExists: (fileName) => existsSync(join(binding, fileName)),
  };
}

/** The provider libraries a non-bundled CUDA needs beside the binding. */
function cudaLibraries(platform: NodeJS.Platform): string[] {
  return platform === 'win32'
    ? ['onnxruntime_providers_cuda.dll', 'onnxruntime_providers_shared.dll']
    : ['libonnxruntime_providers_cuda.so', 'libonnxruntime_providers_shared.so'];
}

export function detectProviders(
  environment: ProviderEnvironment = currentProviderEnvironment(),
): ProviderStatus[] {
  return (['cpu', 'cuda', 'dml', 'coreml', 'webgpu'] as const).map((name) => {
    if (name === 'cpu') return { name, available: true };
    const backend = environment.backends.find((entry) => entry.name === name);
    if (backend === undefined) {
      return {
        name,
        available: false,
        reason: `this build of ONNX Runtime has no ${LABELS[name]} support on ${environment.platform}`,
      };
    }
    if (!backend.bundled) {
      const missing = (name === 'cuda' ? cudaLibraries(environment.platform) : []).filter(
        (file) => !environment.libraryExists(file),
      );
      if (name !== 'cuda' || missing.length > 0) {
        return {
          name,
          available: false,
          reason: `not installed: ${missing.length > 0 ? missing.join(' and ') : 'its provider library'} missing beside onnxruntime-node's binding`,
        };
      }
    }
    return { name, available: true };
  });
}

/** The providers to try for a setting, in order; the CPU is always last. */
export function providerOrder(
  setting: ProviderSetting,
  statuses: readonly ProviderStatus[],
  platform: NodeJS.Platform,
): ProviderName[] {
  if (setting === 'cpu') return ['cpu'];
  if (setting !== 'auto') return [setting, 'cpu'];
  const available = (name: ProviderName): boolean =>
    statuses.some((status) => status.name === name && status.available);
  const order: ProviderName[] = [];
  if (platform === 'linux' && available('cuda')) order.push('cuda');
  if (platform === 'win32' && available('dml')) order.push('dml');
  if (platform === 'darwin' && available('coreml')) order.push('coreml');
  order.push('cpu');
  return order;
}

export interface ProviderFallback {
  /** The provider that would not start. */
  readonly requested: ProviderName;
  /** The one the session runs on instead. */
  readonly used: ProviderName;
  readonly model: string;
  /** The short technical reason (ORT's first line, or what detection found). */
  readonly reason: string;
  /** "CUDA could not start (…); running on the CPU instead. …" */
  readonly message: string;
}

export interface CreatedSession {
  readonly session: ort.InferenceSession;
  readonly provider: ProviderName;
}

/**
 * Creates a session by path (so external data beside the model is found),
 * trying each provider of `order` until one starts. A provider that detection
 * already knows is missing is not attempted (ORT would only print a native
 * load error to stderr); one that fails to start is reported too. Each is
 * reported through `onFallback` and the next is tried. The CPU failing means
 * the model itself cannot load: that error is thrown, naming the file.
 */
export async function createSession(
  path: string,
  options: ort.InferenceSession.SessionOptions,
  order: readonly ProviderName[],
  statuses: readonly ProviderStatus[],
  onFallback: (fallback: ProviderFallback) => void,
): Promise<CreatedSession> {
  let lastError: unknown = new Error('no execution provider to try');
  for (const [index, provider] of order.entries()) {
    const next = order[index + 1];
    const detected = statuses.find((status) => status.name === provider);
    let reason: string;
    if (provider !== 'cpu' && next !== undefined && detected?.available === false) {
      reason = detected.reason ?? 'not available';
    } else {
      try {
        const session = await ort.InferenceSession.create(path, {
          ...options,
          executionProviders: [provider],
        });
        return { session, provider };
      } catch (error) {
        lastError = error;
        reason = firstLine(error);
      }
    }
    if (provider === 'cpu' || next === undefined) break;
    onFallback({
      requested: provider,
      used: next,
      model: path,
      reason,
      message: `${LABELS[provider]} could not start (${reason}); running on ${next === 'cpu' ? 'the CPU' : LABELS[next]} instead. ${ADVICE[provider]}`,
    });
  }
  throw new Error(`Could not load the model "${path}": ${firstLine(lastError)}`, {
    cause: lastError,
  });
}

function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n').find((part) => part.trim() !== '') ?? text;
  return line.length > 300 ? `${line.slice(0, 297)}…` : line.trim();
}
