import { describe, expect, it } from 'vitest';
import type { ModelListing } from '../../engine/common/protocol/messages.ts';
import { checkModels, downloadParams, formatBytes, needingAttention } from './missingModels.ts';

const sha = (digit: string) => digit.repeat(64);

function listing(
  name: string,
  kind: ModelListing['kind'],
  extra: Partial<ModelListing> = {},
): ModelListing {
  return {
    name,
    kind,
    family: 'generic',
    inputs: [],
    outputs: [],
    location: `/models/${kind}/${name}`,
    sizeBytes: 100,
    ...extra,
  };
}

describe('checkModels', () => {
  const library = [
    listing('toy-sd', 'diffusion', { sha256: sha('a') }),
    listing('rife_v4.6', 'interpolation', { sizeBytes: 2048 }),
    listing('canny', 'controlnet'),
  ];

  it('matches by kind and name, with or without .onnx', () => {
    const checks = checkModels(
      [
        { name: 'toy-sd', kind: 'diffusion', sha256: sha('a') },
        { name: 'rife_v4.6.onnx', kind: 'interpolation', size: 2048 },
        { name: 'canny', kind: 'diffusion' },
        { name: 'hifigan', kind: 'vocoder', url: 'https://example.com/hifigan.onnx' },
      ],
      library,
    );
    expect(checks.map((check) => check.status)).toEqual(['ok', 'ok', 'missing', 'missing']);
    expect(needingAttention(checks).map((check) => check.requirement.name)).toEqual([
      'canny',
      'hifigan',
    ]);
  });

  it('flags a model present under the name but another file', () => {
    const [bySha, bySize] = checkModels(
      [
        { name: 'toy-sd', kind: 'diffusion', sha256: sha('b') },
        { name: 'rife_v4.6', kind: 'interpolation', size: 99 },
      ],
      library,
    );
    expect(bySha?.status).toBe('different');
    expect(bySha?.message).toMatch(/sha256 differs/);
    expect(bySize?.status).toBe('different');
    expect(bySize?.message).toBe(
      "The library's rife_v4.6 is 2048 bytes, but this graph was made with a 99-byte file.",
    );
  });

  it('names a kind Weft does not know, and is empty for a graph without models', () => {
    const [check] = checkModels([{ name: 'x', kind: 'lora' }], library);
    expect(check?.status).toBe('unknown-kind');
    expect(checkModels(undefined, library)).toEqual([]);
  });
});

describe('downloadParams', () => {
  it('needs a source URL and passes the checksum along', () => {
    expect(downloadParams({ name: 'x', kind: 'vocoder' })).toBeUndefined();
    expect(
      downloadParams({ name: 'x', kind: 'vocoder', url: 'https://e.com/x.onnx', sha256: sha('c') }),
    ).toEqual({ url: 'https://e.com/x.onnx', kind: 'vocoder', name: 'x.onnx', sha256: sha('c') });
    // The library names "<name>.onnx" model "<name>": the file gets the extension once.
    expect(
      downloadParams({ name: 'rife_v4.6', kind: 'interpolation', url: 'https://e.com/r' })?.name,
    ).toBe('rife_v4.6.onnx');
    expect(downloadParams({ name: 'y.ONNX', kind: 'onnx', url: 'https://e.com/y' })?.name).toBe(
      'y.ONNX',
    );
  });
});

describe('formatBytes', () => {
  it('uses decimal units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1_500)).toBe('1.5 kB');
    expect(formatBytes(1_048_576)).toBe('1.0 MB');
    expect(formatBytes(3_400_000_000)).toBe('3.4 GB');
    expect(formatBytes(250_000_000)).toBe('250 MB');
  });
});
