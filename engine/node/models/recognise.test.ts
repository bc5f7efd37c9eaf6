/**
 * Recognition from synthetic descriptions: the I/O tables and folder layouts
 * of MODEL-CONTRACTS.md, one per family and variant.
 */
import { describe, expect, it } from 'vitest';
import type { ModelInfo, TensorInfo } from './modelInfo.ts';
import type { PipelineDescription } from './recognise.ts';
import { looksLikePipeline, recogniseFile, recognisePipeline } from './recognise.ts';

function tensor(name: string, dtype: string, shape: (number | string)[] | null): TensorInfo {
  return { name, dtype, shape };
}

function model(
  inputs: TensorInfo[],
  outputs: TensorInfo[],
  metadata: Record<string, string> = {},
): ModelInfo {
  return { inputs, outputs, metadata };
}

describe('single files', () => {
  it('ControlNet (split export): controlnet_cond in, 12 down residuals and a mid residual out', () => {
    const found = recogniseFile(
      'control_canny',
      model(
        [
          tensor('sample', 'float32', ['batch', 4, 'h', 'w']),
          tensor('timestep', 'int64', ['batch']),
          tensor('encoder_hidden_states', 'float32', ['batch', 77, 768]),
          tensor('controlnet_cond', 'float32', ['batch', 3, 'H', 'W']),
          tensor('conditioning_scale', 'float64', [1]),
        ],
        [
          ...Array.from({ length: 12 }, (_, index) =>
            tensor(`down_block_${index}_additional_residual`, 'float32', null),
          ),
          tensor('mid_block_additional_residual', 'float32', null),
        ],
      ),
    );
    expect(found.family).toBe('controlnet');
    expect(found.kind).toBe('controlnet');
    expect(found.details).toMatchObject({
      downResiduals: 12,
      midResidual: true,
      conditioningScale: 'float64 [1]',
      baseArchitecture: 'sd1',
    });
    expect(found.problems).toEqual([]);
  });

  it('a ControlNet without residual outputs is recognised but reported', () => {
    const found = recogniseFile(
      'cn',
      model(
        [
          tensor('sample', 'float32', null),
          tensor('timestep', 'float32', null),
          tensor('encoder_hidden_states', 'float32', null),
          tensor('controlnet_cond', 'float32', null),
        ],
        [tensor('out', 'float32', null)],
      ),
    );
    expect(found.family).toBe('controlnet');
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]).toContain('mid_block_additional_residual');
  });

  it('RIFE vs-mlrt with 11 channels', () => {
    const found = recogniseFile(
      'rife_v4.6',
      model(
        [tensor('input', 'float32', [1, 11, 'height', 'width'])],
        [tensor('output', 'float32', [1, 3, 'height', 'width'])],
      ),
    );
    expect([found.family, found.kind, found.variant]).toEqual([
      'rife',
      'interpolation',
      'vs-mlrt-11',
    ]);
    expect(found.details).toMatchObject({ channels: 11, sizeMultiple: 32 });
  });

  it('RIFE vs-mlrt with 7 channels (a "lite" name needs multiples of 128)', () => {
    const found = recogniseFile(
      'rife_v4.25_lite',
      model(
        [tensor('input', 'float16', [1, 7, 'h', 'w'])],
        [tensor('output', 'float16', [1, 3, 'h', 'w'])],
      ),
    );
    expect([found.family, found.variant]).toEqual(['rife', 'vs-mlrt-7']);
    expect(found.details.sizeMultiple).toBe(128);
  });

  it('RIFE with separate img0, img1 and timestep inputs', () => {
    const found = recogniseFile(
      'rife',
      model(
        [
          tensor('img0', 'float32', [1, 3, 'h', 'w']),
          tensor('img1', 'float32', [1, 3, 'h', 'w']),
          tensor('timestep', 'float32', [1, 1, 1, 1]),
        ],
        [tensor('output', 'float32', [1, 3, 'h', 'w'])],
      ),
    );
    expect([found.family, found.variant]).toEqual(['rife', 'separate']);
    expect(found.details.timestep).toBe('float32 [1,1,1,1]');
  });

  it('a 3-channel single-input image model is not RIFE', () => {
    const found = recogniseFile(
      'upscaler',
      model(
        [tensor('input', 'float32', [1, 3, 'h', 'w'])],
        [tensor('output', 'float32', [1, 3, 'H', 'W'])],
      ),
    );
    expect(found.family).toBe('onnx');
    expect(found.kind).toBeUndefined();
  });

  it('FILM: x0, x1, time → image', () => {
    const found = recogniseFile(
      'film_net',
      model(
        [
          tensor('x0', 'float32', ['batch', 'h', 'w', 3]),
          tensor('x1', 'float32', ['batch', 'h', 'w', 3]),
          tensor('time', 'float32', ['batch', 1]),
        ],
        [tensor('image', 'float32', ['batch', 'h', 'w', 3])],
      ),
    );
    expect([found.family, found.kind]).toEqual(['film', 'interpolation']);
    expect(found.details).toMatchObject({ layout: 'NHWC', padMultiple: 64, output: 'image' });
    expect(found.problems).toEqual([]);
  });

  it('HiFi-GAN: mel [1,80,T] → waveform [1,1,N], with the sample rate from metadata', () => {
    const found = recogniseFile(
      'hifigan_v1',
      model(
        [tensor('mel', 'float32', [1, 80, 'frames'])],
        [tensor('waveform', 'float32', [1, 1, 'samples'])],
        { sampling_rate: '22050', hop_size: '256' },
      ),
    );
    expect([found.family, found.kind]).toEqual(['hifigan', 'vocoder']);
    expect(found.details).toMatchObject({ melBins: 80, sampleRate: 22050, hopLength: 256 });
    expect(found.notes).toEqual([]);
  });

  it('a sherpa-onnx HiFi-GAN: mels [N,80,T] → audio [N,samples]', () => {
    const found = recogniseFile(
      'hifigan_v2',
      model([tensor('mels', 'float32', ['N', 80, 'T'])], [tensor('audio', 'float32', ['N', 'L'])]),
    );
    expect(found.family).toBe('hifigan');
  });

  it('Vocos (sherpa-onnx): mels → mag, x, y with the STFT settings in metadata', () => {
    const found = recogniseFile(
      'vocos-22khz-univ',
      model(
        [tensor('mels', 'float32', ['N', 80, 'T'])],
        [
          tensor('mag', 'float32', ['N', 513, 'T']),
          tensor('x', 'float32', ['N', 513, 'T']),
          tensor('y', 'float32', ['N', 513, 'T']),
        ],
        {
          model_type: 'vocos',
          sample_rate: '22050',
          n_fft: '1024',
          hop_length: '256',
          win_length: '1024',
          center: '1',
          window_type: 'hann',
        },
      ),
    );
    expect([found.family, found.kind, found.variant]).toEqual(['vocos', 'vocoder', 'spectrum']);
    expect(found.details).toMatchObject({
      melBins: 80,
      sampleRate: 22050,
      nFft: 1024,
      hopLength: 256,
      winLength: 1024,
      center: true,
      window: 'hann',
    });
  });

  it('Vocos by output names alone (mag, cos, sin)', () => {
    const found = recogniseFile(
      'decoder',
      model(
        [tensor('mel', 'float32', [1, 100, 'T'])],
        [
          tensor('mag', 'float32', null),
          tensor('cos', 'float32', null),
          tensor('sin', 'float32', null),
        ],
      ),
    );
    expect([found.family, found.variant]).toEqual(['vocos', 'spectrum']);
  });

  it('a whole Vocos export (waveform out) is told from HiFi-GAN by its name', () => {
    const io = model(
      [tensor('mels', 'float32', [1, 100, 'T'])],
      [tensor('audio', 'float32', [1, 'N'])],
    );
    expect(recogniseFile('vocos-mel-24khz', io)).toMatchObject({
      family: 'vocos',
      variant: 'waveform',
    });
    const other = recogniseFile('bigvgan', io);
    expect(other.family).toBe('hifigan');
    expect(other.notes[0]).toContain('100 mel bands');
  });

  it('MiDaS/DPT: [1,3,384,384] → [1,384,384]', () => {
    const found = recogniseFile(
      'midas_v21_small',
      model(
        [tensor('input', 'float32', [1, 3, 384, 384])],
        [tensor('output', 'float32', [1, 384, 384])],
      ),
    );
    expect([found.family, found.kind]).toEqual(['midas', 'depth']);
    expect(found.details).toMatchObject({ inputHeight: 384, inputWidth: 384 });
    expect(found.notes).toEqual([]);
  });

  it('a depth model with a [1,1,H,W] output counts only when a name says depth', () => {
    const io = (outputName: string) =>
      model(
        [tensor('pixel_values', 'float32', [1, 3, 518, 518])],
        [tensor(outputName, 'float32', [1, 1, 518, 518])],
      );
    expect(recogniseFile('model', io('predicted_depth')).family).toBe('midas');
    expect(recogniseFile('u2net', io('mask')).family).toBe('onnx');
  });

  it('an unnamed [1,3,H,W] → [1,H,W] model is depth, with a note that only shapes said so', () => {
    const found = recogniseFile(
      'model',
      model(
        [tensor('image', 'float32', [1, 3, 256, 256])],
        [tensor('out', 'float32', [1, 256, 256])],
      ),
    );
    expect(found.family).toBe('midas');
    expect(found.notes[0]).toContain('shapes alone');
  });

  it('Piper voices: phoneme ids, lengths and scales', () => {
    const found = recogniseFile(
      'en_US-lessac-medium',
      model(
        [
          tensor('input', 'int64', [1, 'phonemes']),
          tensor('input_lengths', 'int64', [1]),
          tensor('scales', 'float32', [3]),
        ],
        [tensor('output', 'float32', [1, 1, 1, 'time'])],
      ),
    );
    expect([found.family, found.kind]).toEqual(['piper', undefined]);
    expect(found.details.multiSpeaker).toBe(false);
  });

  it('anything else is a generic ONNX model, with its I/O in the details', () => {
    const found = recogniseFile(
      'resnet50',
      model(
        [tensor('data', 'float32', [1, 3, 224, 224])],
        [tensor('logits', 'float32', [1, 1000])],
      ),
    );
    expect(found.family).toBe('onnx');
    expect(found.details).toEqual({
      inputs: ['data: float32 [1,3,224,224]'],
      outputs: ['logits: float32 [1,1000]'],
    });
  });

  it('a lone UNet is generic, with a note that says where it belongs', () => {
    const found = recogniseFile(
      'unet',
      model(
        [
          tensor('sample', 'float32', null),
          tensor('timestep', 'int64', null),
          tensor('encoder_hidden_states', 'float32', null),
        ],
        [tensor('out_sample', 'float32', null)],
      ),
    );
    expect(found.family).toBe('onnx');
    expect(found.notes[0]).toContain('model_index.json');
  });
});

const TOKENIZER = [
  'tokenizer/vocab.json',
  'tokenizer/merges.txt',
  'tokenizer/special_tokens_map.json',
];
const BASE_FILES = [
  'model_index.json',
  'scheduler/scheduler_config.json',
  ...TOKENIZER,
  'text_encoder/model.onnx',
  'unet/model.onnx',
  'vae_decoder/model.onnx',
  'vae_encoder/model.onnx',
];

function textEncoder(width: number, idType = 'int32', extra: TensorInfo[] = []): ModelInfo {
  return model(
    [tensor('input_ids', idType, ['batch', 'sequence'])],
    [
      tensor('last_hidden_state', 'float32', ['batch', 'sequence', width]),
      tensor('pooler_output', 'float32', ['batch', width]),
      ...extra,
    ],
  );
}

function unet(width: number, timestep: TensorInfo, extra: TensorInfo[] = []): ModelInfo {
  return model(
    [
      tensor('sample', 'float32', ['batch', 4, 'height', 'width']),
      timestep,
      tensor('encoder_hidden_states', 'float32', ['batch', 'sequence', width]),
      ...extra,
    ],
    [tensor('out_sample', 'float32', ['batch', 4, 'height', 'width'])],
  );
}

const VAE_DECODER = model(
  [tensor('latent_sample', 'float32', ['batch', 4, 'h', 'w'])],
  [tensor('sample', 'float32', ['batch', 3, 'H', 'W'])],
);
const VAE_ENCODER = model(
  [tensor('sample', 'float32', ['batch', 3, 'H', 'W'])],
  [tensor('latent_sample', 'float32', ['batch', 4, 'h', 'w'])],
);

function pipeline(overrides: Partial<PipelineDescription> = {}): PipelineDescription {
  return {
    name: 'stable-diffusion-v1-5',
    files: BASE_FILES,
    json: {
      'model_index.json': {
        _class_name: 'OnnxStableDiffusionPipeline',
        unet: ['diffusers', 'OnnxRuntimeModel'],
      },
      'scheduler/scheduler_config.json': {
        _class_name: 'PNDMScheduler',
        steps_offset: 1,
      },
      'tokenizer/special_tokens_map.json': { pad_token: '<|endoftext|>' },
    },
    components: {
      text_encoder: textEncoder(768),
      unet: unet(768, tensor('timestep', 'int64', [2])),
      vae_decoder: VAE_DECODER,
      vae_encoder: VAE_ENCODER,
    },
    ...overrides,
  };
}

describe('Stable Diffusion folders', () => {
  it('a folder is a pipeline when it has model_index.json or a core component', () => {
    expect(looksLikePipeline(['model_index.json'])).toBe(true);
    expect(looksLikePipeline(['unet/model.onnx', 'unet/model.onnx_data'])).toBe(true);
    expect(looksLikePipeline(['model.onnx', 'config.json'])).toBe(false);
  });

  it('SD 1.x (diffusers script export): 768-wide, int32 ids, int64 [2] timestep, default scaling', () => {
    const found = recognisePipeline(pipeline());
    expect([found.family, found.kind, found.variant]).toEqual([
      'stable-diffusion',
      'diffusion',
      'sd1',
    ]);
    expect(found.details).toMatchObject({
      architecture: 'sd1',
      distillation: 'none',
      hiddenSize: 768,
      scalingFactor: 0.18215,
      scalingFactorSource: 'default',
      timestepInput: 'int64 [2]',
      inputIdsType: 'int32',
      padToken: '<|endoftext|>',
      img2img: true,
      controlNet: 'none',
      vaeEncoderOutput: 'latent_sample',
      components: ['text_encoder', 'unet', 'vae_decoder', 'vae_encoder'],
      missing: [],
      defaultSteps: 25,
      defaultGuidance: 7.5,
    });
    expect(found.problems).toEqual([]);
    expect(found.notes).toEqual([]);
  });

  it('SD 2.x (optimum): 1024-wide, int64 ids, float timestep, "!" pad, scaling factor from the VAE config', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'stable-diffusion-2-1-base',
        json: {
          'model_index.json': { _class_name: 'ORTStableDiffusionPipeline' },
          'scheduler/scheduler_config.json': {
            _class_name: 'EulerDiscreteScheduler',
            timestep_spacing: 'leading',
          },
          'tokenizer/special_tokens_map.json': { pad_token: { content: '!' } },
          'vae_decoder/config.json': { scaling_factor: 0.18215 },
        },
        components: {
          text_encoder: textEncoder(1024, 'int64'),
          unet: unet(1024, tensor('timestep', 'float32', ['batch'])),
          vae_decoder: VAE_DECODER,
          vae_encoder: model(
            [tensor('sample', 'float32', null)],
            [tensor('latent_parameters', 'float32', ['batch', 8, 'h', 'w'])],
          ),
        },
      }),
    );
    expect(found.variant).toBe('sd2');
    expect(found.details).toMatchObject({
      hiddenSize: 1024,
      inputIdsType: 'int64',
      timestepInput: 'float32 [batch]',
      padToken: '!',
      scalingFactorSource: 'vae_decoder/config.json',
      vaeEncoderOutput: 'latent_parameters',
      timestepSpacing: 'leading',
    });
    expect(found.details.evidence).toEqual(['the text states are 1024 wide (SD 2.x)']);
  });

  it('SD Turbo by its name: 1 step, guidance 0', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'my-model',
        json: {
          'model_index.json': {
            _class_name: 'ORTStableDiffusionPipeline',
            _name_or_path: 'stabilityai/sd-turbo',
          },
        },
        components: {
          text_encoder: textEncoder(1024, 'int64'),
          unet: unet(1024, tensor('timestep', 'float32', [])),
          vae_decoder: VAE_DECODER,
          vae_encoder: VAE_ENCODER,
        },
      }),
    );
    expect(found.variant).toBe('sd-turbo');
    expect(found.details).toMatchObject({
      architecture: 'sd2',
      distillation: 'turbo',
      defaultSteps: 1,
      defaultGuidance: 0,
      timestepInput: 'float32 []',
      source: 'stabilityai/sd-turbo',
    });
    expect(found.details.evidence).toContain('the name "stabilityai/sd-turbo" says Turbo');
  });

  it('Turbo by trailing timestep spacing alone', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'fast-model',
        json: { 'scheduler/scheduler_config.json': { timestep_spacing: 'trailing' } },
      }),
    );
    expect(found.variant).toBe('sd-turbo');
    expect(found.details.evidence).toContain(
      'the scheduler spaces timesteps "trailing" (few-step Turbo-style)',
    );
  });

  it('LCM: the UNet takes timestep_cond [B,256]', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'LCM_Dreamshaper_v7',
        json: {
          'model_index.json': { _class_name: 'ORTLatentConsistencyModelPipeline' },
          'scheduler/scheduler_config.json': {
            _class_name: 'LCMScheduler',
            timestep_spacing: 'leading',
          },
        },
        components: {
          text_encoder: textEncoder(768),
          unet: unet(768, tensor('timestep', 'int64', ['batch']), [
            tensor('timestep_cond', 'float32', ['batch', 256]),
          ]),
          vae_decoder: VAE_DECODER,
          vae_encoder: VAE_ENCODER,
        },
      }),
    );
    expect(found.variant).toBe('lcm');
    expect(found.details).toMatchObject({
      architecture: 'sd1',
      distillation: 'lcm',
      guidanceEmbedding: true,
      timeCondProjDim: 256,
      defaultSteps: 4,
      defaultGuidance: 8,
    });
  });

  it('LCM by its scheduler, without a guidance embedding (LCM-LoRA style), even with trailing spacing', () => {
    const found = recognisePipeline(
      pipeline({
        json: {
          'scheduler/scheduler_config.json': {
            _class_name: 'LCMScheduler',
            timestep_spacing: 'trailing',
          },
        },
      }),
    );
    expect(found.variant).toBe('lcm');
    expect(found.details).toMatchObject({ guidanceEmbedding: false, defaultGuidance: 1 });
    expect(found.notes[0]).toContain('LCM-LoRA');
  });

  const XL_FILES = [
    ...BASE_FILES,
    'text_encoder_2/model.onnx',
    'tokenizer_2/vocab.json',
    'tokenizer_2/merges.txt',
    'unet/model.onnx_data',
  ];
  const hiddenStates = (count: number, width: number) =>
    Array.from({ length: count }, (_, n) =>
      tensor(`hidden_states.${n}`, 'float32', ['batch', 77, width]),
    );
  /** optimum's SDXL text encoders: CLIP ViT-L (13 states) and OpenCLIP bigG with projection (33). */
  const xlEncoders = (first: number, second: number, states = true) => ({
    text_encoder: textEncoder(first, 'int64', states ? hiddenStates(13, first) : []),
    text_encoder_2: model(
      [tensor('input_ids', 'int64', ['batch', 77])],
      [
        tensor('text_embeds', 'float32', ['batch', second]),
        tensor('last_hidden_state', 'float32', ['batch', 77, second]),
        ...(states ? hiddenStates(33, second) : []),
      ],
    ),
  });
  const xlUnet = (width: number, pooled: number, timeIds = 6) =>
    unet(width, tensor('timestep', 'float32', ['batch']), [
      tensor('text_embeds', 'float32', ['batch', pooled]),
      tensor('time_ids', 'float32', ['batch', timeIds]),
    ]);
  const xlComponents = {
    ...xlEncoders(768, 1280),
    unet: xlUnet(2048, 1280),
    vae_decoder: VAE_DECODER,
    vae_encoder: VAE_ENCODER,
  };

  it('SDXL: a second text encoder, text_embeds/time_ids, 0.13025, external weights listed', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'stable-diffusion-xl-base-1.0',
        files: XL_FILES,
        json: {
          'model_index.json': { _class_name: 'ORTStableDiffusionXLPipeline' },
          'scheduler/scheduler_config.json': {
            _class_name: 'EulerDiscreteScheduler',
            timestep_spacing: 'leading',
          },
          'vae_decoder/config.json': { scaling_factor: 0.13025 },
        },
        components: xlComponents,
      }),
    );
    expect(found.variant).toBe('sdxl');
    expect(found.details).toMatchObject({
      architecture: 'sdxl',
      hiddenSize: 2048,
      scalingFactor: 0.13025,
      padToken: '<|endoftext|>',
      padToken2: '!',
      textWidths: [768, 1280],
      textStates: ['hidden_states.11', 'hidden_states.31'],
      pooledWidth: 1280,
      timeIdsLength: 6,
      externalWeights: ['unet/model.onnx_data'],
      defaultSize: 1024,
    });
    expect(found.details.evidence).toEqual(['the UNet takes text_embeds/time_ids (SDXL)']);
    expect(found.problems).toEqual([]);
  });

  it('SDXL widths are read from the components, never assumed (the toy is 32 + 48 wide)', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'toy-sdxl',
        files: XL_FILES,
        json: {
          'tokenizer_2/special_tokens_map.json': { pad_token: '!' },
          'vae_decoder/config.json': { scaling_factor: 0.13025 },
        },
        components: {
          ...xlEncoders(32, 48),
          unet: xlUnet(80, 48),
          vae_decoder: VAE_DECODER,
          vae_encoder: VAE_ENCODER,
        },
      }),
    );
    expect(found.details).toMatchObject({
      architecture: 'sdxl',
      hiddenSize: 80,
      textWidths: [32, 48],
      pooledWidth: 48,
    });
    expect(found.problems).toEqual([]);
  });

  it('SDXL: widths that do not add up and a refiner’s 5 time_ids are problems; no hidden states is a note', () => {
    const found = recognisePipeline(
      pipeline({
        files: XL_FILES,
        components: {
          ...xlEncoders(768, 1280, false),
          unet: xlUnet(1280, 1280, 5),
          vae_decoder: VAE_DECODER,
          vae_encoder: VAE_ENCODER,
        },
      }),
    );
    expect(found.problems).toEqual([
      'The text encoders give 768 + 1280 wide states but the UNet takes 1280: these components come from different models.',
      'The UNet takes 5 time_ids (an SDXL refiner, conditioned on an aesthetic score); the Sampler drives SDXL base-style UNets (original size, crop, target size) only.',
    ]);
    expect(found.details.textStates).toEqual(['last_hidden_state', 'last_hidden_state']);
    expect(found.notes.filter((note) => note.includes('without hidden_states'))).toHaveLength(2);
  });

  it('SDXL Turbo; a missing second tokenizer is a problem that names the file', () => {
    const found = recognisePipeline(
      pipeline({
        name: 'sdxl-turbo',
        files: XL_FILES.filter((file) => !file.startsWith('tokenizer_2/')),
        json: {},
        components: xlComponents,
      }),
    );
    expect(found.variant).toBe('sdxl-turbo');
    expect(found.details.scalingFactor).toBe(0.13025);
    expect(found.details.missing).toEqual(['tokenizer_2/vocab.json', 'tokenizer_2/merges.txt']);
    expect(found.problems).toEqual([
      'tokenizer_2/vocab.json is missing (the second tokenizer vocabulary); copy that file from the export into the folder.',
      'tokenizer_2/merges.txt is missing (the second tokenizer merges); copy that file from the export into the folder.',
    ]);
  });

  it('missing components are named; no vae_encoder only disables img2img', () => {
    const found = recognisePipeline(
      pipeline({
        files: BASE_FILES.filter((file) => !file.startsWith('vae_') && file !== 'model_index.json'),
        components: {
          text_encoder: textEncoder(768),
          unet: unet(768, tensor('timestep', 'int64', [1])),
        },
      }),
    );
    expect(found.details.missing).toEqual(['vae_decoder/model.onnx']);
    expect(found.problems).toEqual([
      'vae_decoder/model.onnx is missing (the VAE decoder); copy that file from the export into the folder.',
    ]);
    expect(found.details.img2img).toBe(false);
    expect(found.notes).toEqual([
      'There is no model_index.json; recognised from its component folders.',
      'There is no vae_encoder: text-to-image works, image-to-image does not.',
    ]);
  });

  it('components of different models, unreadable components and wrong I/O are problems', () => {
    const found = recognisePipeline(
      pipeline({
        components: {
          text_encoder: textEncoder(768),
          unet: unet(1024, tensor('t', 'int64', [1])),
          vae_decoder: { error: 'the file holds no graph' },
          vae_encoder: VAE_ENCODER,
        },
      }),
    );
    expect(found.problems).toEqual([
      'vae_decoder/model.onnx could not be read: the file holds no graph',
      'unet/model.onnx has no "timestep" input; it is not a diffusers/optimum unet export.',
      'The text encoder gives 768-wide states but the UNet takes 1024: these components come from different models.',
    ]);
  });

  it('a UNet that takes ControlNet residuals, or fused ControlNet inputs', () => {
    const residuals = recognisePipeline(
      pipeline({
        components: {
          ...pipeline().components,
          unet: unet(768, tensor('timestep', 'int64', [1]), [
            tensor('down_block_0_additional_residual', 'float32', null),
            tensor('mid_block_additional_residual', 'float32', null),
          ]),
        },
      }),
    );
    expect(residuals.details).toMatchObject({
      controlNet: 'residuals',
      controlNetUnet: 'unet/model.onnx',
    });
    const fused = recognisePipeline(
      pipeline({
        components: {
          ...pipeline().components,
          unet: unet(768, tensor('timestep', 'int64', [1]), [
            tensor('controlnet_conds', 'float32', ['n', 'batch', 3, 'H', 'W']),
            tensor('conditioning_scales', 'float32', ['n', 1]),
          ]),
        },
      }),
    );
    expect(fused.details.controlNet).toBe('fused');
    const onnxStack = recognisePipeline(
      pipeline({
        components: {
          ...pipeline().components,
          controlnet: unet(768, tensor('timestep', 'int64', [1]), [
            tensor('mid_block_additional_residual', 'float32', null),
          ]),
        },
      }),
    );
    expect(onnxStack.details).toMatchObject({
      controlNet: 'residuals',
      controlNetUnet: 'controlnet/model.onnx',
    });
    expect(recognisePipeline(pipeline()).details.controlNetUnet).toBeNull();
  });

  it('an unknown width falls back to the configs, else says it cannot tell', () => {
    const symbolic = {
      text_encoder: model(
        [tensor('input_ids', 'int64', null)],
        [tensor('last_hidden_state', 'float32', ['batch', 'sequence', 'hidden'])],
      ),
      unet: unet(0, tensor('timestep', 'int64', [1])),
      vae_decoder: VAE_DECODER,
      vae_encoder: VAE_ENCODER,
    };
    const fromConfig = recognisePipeline(
      pipeline({
        components: symbolic,
        json: { 'text_encoder/config.json': { hidden_size: 1024 } },
      }),
    );
    expect(fromConfig.variant).toBe('sd2');
    const unknown = recognisePipeline(pipeline({ name: 'x', components: symbolic, json: {} }));
    expect(unknown.variant).toBe('sd');
    expect(unknown.notes).toContain(
      'Could not tell SD 1.x from SD 2.x: the text states have no fixed width.',
    );
  });
});
