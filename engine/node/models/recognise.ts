/**
 * Recognises a single ONNX file by its input and output names and shapes
 * (MODEL-CONTRACTS.md). Pure: it gets a ModelInfo, reads nothing. The first
 * rule that matches wins, so the stricter contracts come first (FILM's x0/x1
 * before RIFE's img0/img1, Vocos's three outputs before a generic mel vocoder).
 * Diffusion pipeline folders are recognised by recognisePipeline.
 */
import {
  describeTensor,
  fixedDim,
  input,
  isFloat,
  metadataNumber,
  namesMatch,
  output,
  rank,
} from './ioMatch.ts';
import type { ModelInfo, TensorInfo } from './modelInfo.ts';
import type { ModelDetails, Recognition } from './recognition.ts';
import { recognition } from './recognition.ts';

export { looksLikePipeline, recognisePipeline } from './recognisePipeline.ts';
export type { PipelineDescription } from './recognisePipeline.ts';
export type { Recognition } from './recognition.ts';

type Rule = (info: ModelInfo, name: string) => Recognition | undefined;

const RULES: readonly Rule[] = [controlNet, film, rife, vocos, piper, melVocoder, depth];

/** `name` is the file or folder name: a hint for the few families whose I/O alone is ambiguous. */
export function recogniseFile(name: string, info: ModelInfo): Recognition {
  for (const rule of RULES) {
    const found = rule(info, name);
    if (found) return found;
  }
  return recognition('onnx', undefined, ioDetails(info), { notes: genericNotes(info) });
}

function ioDetails(info: ModelInfo): ModelDetails {
  return {
    inputs: info.inputs.map((tensor) => `${tensor.name}: ${describeTensor(tensor)}`),
    outputs: info.outputs.map((tensor) => `${tensor.name}: ${describeTensor(tensor)}`),
  };
}

const RESIDUAL = /^down_block_\d+_additional_residual$/;

/** ControlNet (split export): takes controlnet_cond, gives the residuals a UNet adds. */
function controlNet(info: ModelInfo): Recognition | undefined {
  const condition = input(info, 'controlnet_cond');
  if (!condition) return undefined;
  const residuals = namesMatch(info.outputs, RESIDUAL).length;
  const mid = output(info, 'mid_block_additional_residual') !== undefined;
  const scale = input(info, 'conditioning_scale');
  const states = input(info, 'encoder_hidden_states');
  const width = fixedDim(states, -1);
  const problems: string[] = [];
  for (const name of ['sample', 'timestep', 'encoder_hidden_states'])
    if (!input(info, name))
      problems.push(`The ControlNet has no "${name}" input, which the sampler feeds it.`);
  if (residuals === 0 || !mid)
    problems.push(
      'Its outputs are not the down_block_N_additional_residual / mid_block_additional_residual tensors a UNet takes; this is not a split ControlNet export.',
    );
  return recognition(
    'controlnet',
    'controlnet',
    {
      downResiduals: residuals,
      midResidual: mid,
      conditioningScale: scale ? describeTensor(scale) : null,
      condition: describeTensor(condition),
      hiddenSize: width ?? null,
      baseArchitecture: architectureForWidth(width),
      timestep: describeOptional(input(info, 'timestep')),
    },
    { problems },
  );
}

function architectureForWidth(width: number | undefined): string | null {
  if (width === 768) return 'sd1';
  if (width === 1024) return 'sd2';
  if (width === 2048) return 'sdxl';
  return null;
}

function describeOptional(tensor: TensorInfo | undefined): string | null {
  return tensor ? describeTensor(tensor) : null;
}

/** FILM: x0, x1 [B,H,W,3] and time [B,1] → image. */
function film(info: ModelInfo): Recognition | undefined {
  if (!input(info, 'x0') || !input(info, 'x1') || !input(info, 'time')) return undefined;
  const image = output(info, 'image');
  return recognition(
    'film',
    'interpolation',
    { layout: 'NHWC', padMultiple: 64, output: image ? 'image' : (info.outputs[0]?.name ?? null) },
    {
      problems: image
        ? []
        : [
            'FILM exports give an "image" output; this model has none, so Weft cannot read its frame.',
          ],
    },
  );
}

const FIRST_FRAME = /^(img0|i0|image0|frame0)$/i;
const SECOND_FRAME = /^(img1|i1|image1|frame1)$/i;
const TIMESTEP = /^(timestep|t|time_step)$/i;

/** RIFE: vs-mlrt's single 7- or 11-channel input, or img0/img1/timestep taken apart. */
function rife(info: ModelInfo, name: string): Recognition | undefined {
  const first = namesMatch(info.inputs, FIRST_FRAME)[0];
  const second = namesMatch(info.inputs, SECOND_FRAME)[0];
  if (first && second) {
    const timestep = namesMatch(info.inputs, TIMESTEP)[0];
    return recognition(
      'rife',
      'interpolation',
      {
        inputs: [first.name, second.name, ...(timestep ? [timestep.name] : [])],
        timestep: describeOptional(timestep),
        sizeMultiple: 32,
      },
      {
        variant: 'separate',
        notes: timestep
          ? []
          : ['It takes no timestep, so it can only make the middle frame (factor 2).'],
      },
    );
  }
  const only = info.inputs.length === 1 ? info.inputs[0] : undefined;
  const channels = fixedDim(only, 1);
  if (!only || rank(only) !== 4 || (channels !== 7 && channels !== 11) || !isFloat(only))
    return undefined;
  const frame = info.outputs[0];
  if (!frame || rank(frame) !== 4) return undefined;
  return recognition(
    'rife',
    'interpolation',
    {
      channels,
      input: only.name,
      output: frame.name,
      sizeMultiple: /lite/i.test(name) ? 128 : 32,
    },
    {
      variant: channels === 11 ? 'vs-mlrt-11' : 'vs-mlrt-7',
      notes:
        channels === 11
          ? ['Input planes: img0, img1, timestep, x-grid, y-grid, 2/(W−1), 2/(H−1).']
          : ['Input planes: img0, img1, timestep.'],
    },
  );
}

const MAGNITUDE = /^(mag|magnitude)$/i;
const COSINE = /^(x|cos|real)$/i;
const SINE = /^(y|sin|imag)$/i;

/** Vocos: mel → (mag, cos, sin) as in sherpa-onnx's export, or a whole export tagged vocos. */
function vocos(info: ModelInfo, name: string): Recognition | undefined {
  const spectrum =
    info.outputs.length === 3 &&
    namesMatch(info.outputs, MAGNITUDE).length === 1 &&
    namesMatch(info.outputs, COSINE).length === 1 &&
    namesMatch(info.outputs, SINE).length === 1;
  const tagged = info.metadata.model_type?.toLowerCase() === 'vocos' || /vocos/i.test(name);
  const mel = info.inputs[0];
  if (!mel || info.inputs.length !== 1 || rank(mel) !== 3) return undefined;
  if (!spectrum && !(tagged && info.outputs.length === 1)) return undefined;
  return recognition(
    'vocos',
    'vocoder',
    {
      ...audioDetails(info, mel),
      nFft: metadataNumber(info, 'n_fft') ?? null,
      winLength: metadataNumber(info, 'win_length') ?? null,
      center: info.metadata.center === undefined ? null : info.metadata.center === '1',
      window: info.metadata.window_type ?? null,
    },
    {
      variant: spectrum ? 'spectrum' : 'waveform',
      notes: spectrum
        ? ['It gives a spectrum (mag, cos, sin); Weft runs the inverse STFT itself.']
        : [],
    },
  );
}

function audioDetails(info: ModelInfo, mel: TensorInfo): ModelDetails {
  return {
    melInput: mel.name,
    melBins: fixedDim(mel, 1) ?? null,
    sampleRate: metadataNumber(info, 'sample_rate', 'sampling_rate') ?? null,
    hopLength: metadataNumber(info, 'hop_length', 'hop_size') ?? null,
  };
}

/** Piper voices (VITS end to end): phoneme ids in, audio out; settings in the .onnx.json beside it. */
function piper(info: ModelInfo): Recognition | undefined {
  const ids = input(info, 'input');
  if (!ids || !input(info, 'input_lengths') || !input(info, 'scales')) return undefined;
  return recognition('piper', undefined, {
    multiSpeaker: input(info, 'sid') !== undefined,
    output: info.outputs[0]?.name ?? null,
  });
}

const MEL_NAME = /mel|spec|^x$|^c$|^input$|feat/i;
const MEL_BINS = new Set([80, 100, 128]);

/** HiFi-GAN-style vocoders: one float mel [B,bins,T] in, one waveform [B,1,N] or [B,N] out. */
function melVocoder(info: ModelInfo): Recognition | undefined {
  const mel = info.inputs.length === 1 ? info.inputs[0] : undefined;
  const wave = info.outputs.length === 1 ? info.outputs[0] : undefined;
  if (!mel || !wave || rank(mel) !== 3 || !isFloat(mel)) return undefined;
  const bins = fixedDim(mel, 1);
  if (!MEL_NAME.test(mel.name) && !(bins !== undefined && MEL_BINS.has(bins))) return undefined;
  if (bins !== undefined && !MEL_BINS.has(bins) && !/mel/i.test(mel.name)) return undefined;
  const waveform = rank(wave) === 2 || (rank(wave) === 3 && fixedDim(wave, 1) === 1);
  if (!waveform) return undefined;
  return recognition('hifigan', 'vocoder', audioDetails(info, mel), {
    variant: 'mel-to-waveform',
    notes:
      bins !== undefined && bins !== 80
        ? [`It takes ${bins} mel bands; HiFi-GAN V1 takes 80, so match the analysis to it.`]
        : [],
  });
}

const DEPTH_HINT = /depth|midas|dpt/i;

/** MiDaS/DPT: [1,3,H,W] RGB → [1,H,W] relative inverse depth ([1,1,H,W] when the name says depth). */
function depth(info: ModelInfo, name: string): Recognition | undefined {
  const image = info.inputs.length === 1 ? info.inputs[0] : undefined;
  const map = info.outputs.length === 1 ? info.outputs[0] : undefined;
  if (!image || !map || rank(image) !== 4 || fixedDim(image, 1) !== 3) return undefined;
  const hinted = DEPTH_HINT.test(name) || DEPTH_HINT.test(map.name);
  const planar = rank(map) === 3;
  const channel = rank(map) === 4 && fixedDim(map, 1) === 1 && hinted;
  if (!planar && !channel) return undefined;
  return recognition(
    'midas',
    'depth',
    {
      input: image.name,
      output: map.name,
      inputHeight: fixedDim(image, 2) ?? null,
      inputWidth: fixedDim(image, 3) ?? null,
    },
    { notes: hinted ? [] : ['Recognised by its shapes alone ([1,3,H,W] → [1,H,W]).'] },
  );
}

/** A diffusion component on its own is not a usable model: say where it belongs. */
function genericNotes(info: ModelInfo): string[] {
  if (input(info, 'sample') && input(info, 'timestep') && input(info, 'encoder_hidden_states'))
    return [
      'This looks like the UNet of a Stable Diffusion export. Put the whole export folder (with model_index.json) in diffusion/.',
    ];
  if (input(info, 'latent_sample') || input(info, 'input_ids'))
    return [
      'This looks like one component of a Stable Diffusion export. Put the whole export folder (with model_index.json) in diffusion/.',
    ];
  return [];
}
