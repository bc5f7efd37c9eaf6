/**
 * Recognises a Stable Diffusion folder in the diffusers/optimum ONNX layout
 * and its variant (MODEL-CONTRACTS.md):
 * - architecture: SDXL when there is a second text encoder or the UNet takes
 *   text_embeds/time_ids; otherwise the text width, 768 (SD 1.x) or 1024 (SD 2.x);
 *   SDXL's widths (text 2048 = 768 + 1280, pooled 1280) are read from the
 *   components, so exports of other widths (and the toy) are described as
 *   they are;
 * - distillation: LCM when the UNet takes timestep_cond (or the scheduler is
 *   LCM's); Turbo when a name says so or the scheduler spaces timesteps
 *   "trailing".
 * Pure: it gets the folder's file list, its small JSON files parsed, and each
 * component's ModelInfo. Every reason for the verdict lands in details.evidence.
 */
import { describeTensor, fixedDim, input, output } from './ioMatch.ts';
import type { ModelInfo } from './modelInfo.ts';
import type { ModelDetails, Recognition } from './recognition.ts';
import { recognition } from './recognition.ts';

export interface PipelineDescription {
  /** The folder name (a hint: "sd-turbo"). */
  name: string;
  /** Every file of the folder, relative, '/'-separated. */
  files: readonly string[];
  /** The folder's small JSON files, parsed, by relative path (model_index.json, scheduler/scheduler_config.json, <component>/config.json, tokenizer/special_tokens_map.json). */
  json: Readonly<Record<string, unknown>>;
  /** Each component's model.onnx, inspected, or why it could not be read. */
  components: Readonly<Record<string, ModelInfo | { error: string }>>;
}

/** The files a pipeline needs to make an image, and what each one is for. */
const REQUIRED: readonly [string, string][] = [
  ['text_encoder/model.onnx', 'the text encoder'],
  ['unet/model.onnx', 'the UNet'],
  ['vae_decoder/model.onnx', 'the VAE decoder'],
  ['tokenizer/vocab.json', 'the tokenizer vocabulary'],
  ['tokenizer/merges.txt', 'the tokenizer merges'],
  ['scheduler/scheduler_config.json', 'the scheduler settings'],
];
const REQUIRED_XL: readonly [string, string][] = [
  ['text_encoder_2/model.onnx', 'the second text encoder'],
  ['tokenizer_2/vocab.json', 'the second tokenizer vocabulary'],
  ['tokenizer_2/merges.txt', 'the second tokenizer merges'],
];

const COMPONENT_FOLDERS = ['unet', 'text_encoder', 'vae_decoder'];

/** A folder is a pipeline when it has model_index.json or any of the core component folders. */
export function looksLikePipeline(files: readonly string[]): boolean {
  return files.some(
    (file) =>
      file === 'model_index.json' ||
      COMPONENT_FOLDERS.some((folder) => file === `${folder}/model.onnx`),
  );
}

type Architecture = 'sd1' | 'sd2' | 'sdxl' | 'unknown';
type Distillation = 'turbo' | 'lcm' | 'none';

export function recognisePipeline(description: PipelineDescription): Recognition {
  const files = new Set(description.files);
  const index = record(description.json['model_index.json']);
  const scheduler = record(description.json['scheduler/scheduler_config.json']);
  const component = (name: string): ModelInfo | undefined => {
    const found = description.components[name];
    return found && !('error' in found) ? found : undefined;
  };
  const unet = component('unet');
  const textEncoder = component('text_encoder');
  const evidence: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];

  for (const [name, found] of Object.entries(description.components))
    if ('error' in found) problems.push(`${name}/model.onnx could not be read: ${found.error}`);

  const architecture = detectArchitecture(description, index, unet, textEncoder, evidence);
  if (architecture === 'unknown')
    notes.push('Could not tell SD 1.x from SD 2.x: the text states have no fixed width.');
  const distillation = detectDistillation(description, index, scheduler, unet, evidence, notes);

  const missing = [...REQUIRED, ...(architecture === 'sdxl' ? REQUIRED_XL : [])]
    .filter(([file]) => !files.has(file))
    .map(([file, what]) => ({ file, what }));
  for (const { file, what } of missing)
    problems.push(`${file} is missing (${what}); copy that file from the export into the folder.`);
  if (!files.has('model_index.json'))
    notes.push('There is no model_index.json; recognised from its component folders.');
  const img2img = files.has('vae_encoder/model.onnx');
  if (!img2img)
    notes.push('There is no vae_encoder: text-to-image works, image-to-image does not.');

  problems.push(...componentProblems(component));
  const hiddenSize = widthOf(textEncoder, unet, description, architecture);
  checkWidths(textEncoder, unet, architecture, problems);
  const xl = architecture === 'sdxl' ? xlDetails(component, description, problems, notes) : {};

  const scaling = scalingFactor(description, architecture);
  const vaeEncoder = component('vae_encoder');
  const timestepCond = unet ? input(unet, 'timestep_cond') : undefined;
  const details: ModelDetails = {
    architecture,
    distillation,
    hiddenSize: hiddenSize ?? null,
    scalingFactor: scaling.value,
    scalingFactorSource: scaling.source,
    scheduler: text(scheduler?._class_name) ?? null,
    timestepSpacing: text(scheduler?.timestep_spacing) ?? null,
    predictionType: text(scheduler?.prediction_type) ?? 'epsilon',
    timestepInput: describeOrNull(unet ? input(unet, 'timestep') : undefined),
    inputIdsType: (textEncoder && input(textEncoder, 'input_ids')?.dtype) ?? null,
    padToken: padToken(description, architecture),
    guidanceEmbedding: timestepCond !== undefined,
    timeCondProjDim: fixedDim(timestepCond, -1) ?? null,
    ...controlNet(unet, component('controlnet')),
    vaeEncoderOutput: vaeEncoder
      ? output(vaeEncoder, 'latent_parameters')
        ? 'latent_parameters'
        : 'latent_sample'
      : null,
    img2img,
    components: Object.keys(description.components).sort(),
    missing: missing.map(({ file }) => file),
    externalWeights: description.files
      .filter((file) => /\.onnx_data$|\.onnx\.data$|\/weights\.pb$/.test(file))
      .sort(),
    source: text(index?._name_or_path) ?? null,
    ...defaults(architecture, distillation, timestepCond !== undefined),
    ...xl,
    evidence,
  };
  return recognition('stable-diffusion', 'diffusion', details, {
    variant: variantLabel(architecture, distillation),
    problems,
    notes,
  });
}

function detectArchitecture(
  description: PipelineDescription,
  index: Record<string, unknown> | undefined,
  unet: ModelInfo | undefined,
  textEncoder: ModelInfo | undefined,
  evidence: string[],
): Architecture {
  if (unet && (input(unet, 'text_embeds') || input(unet, 'time_ids'))) {
    evidence.push('the UNet takes text_embeds/time_ids (SDXL)');
    return 'sdxl';
  }
  if (description.files.includes('text_encoder_2/model.onnx') || index?.text_encoder_2) {
    evidence.push('there is a second text encoder (SDXL)');
    return 'sdxl';
  }
  if (/XL/.test(text(index?._class_name) ?? '')) {
    evidence.push(`model_index.json names ${text(index?._class_name)} (SDXL)`);
    return 'sdxl';
  }
  const width = widthOf(textEncoder, unet, description, 'unknown');
  if (width === 768 || width === 1024) {
    evidence.push(`the text states are ${width} wide (SD ${width === 768 ? '1.x' : '2.x'})`);
    return width === 768 ? 'sd1' : 'sd2';
  }
  return 'unknown';
}

/** The text states' width: from the text encoder's output, else the UNet's input, else the configs. */
function widthOf(
  textEncoder: ModelInfo | undefined,
  unet: ModelInfo | undefined,
  description: PipelineDescription,
  architecture: Architecture,
): number | undefined {
  if (architecture === 'sdxl')
    return fixedDim(unet && input(unet, 'encoder_hidden_states'), -1) ?? 2048;
  return (
    fixedDim(textEncoder && output(textEncoder, 'last_hidden_state'), -1) ??
    fixedDim(unet && input(unet, 'encoder_hidden_states'), -1) ??
    number(record(description.json['text_encoder/config.json'])?.hidden_size) ??
    number(record(description.json['unet/config.json'])?.cross_attention_dim)
  );
}

function detectDistillation(
  description: PipelineDescription,
  index: Record<string, unknown> | undefined,
  scheduler: Record<string, unknown> | undefined,
  unet: ModelInfo | undefined,
  evidence: string[],
  notes: string[],
): Distillation {
  if (unet && input(unet, 'timestep_cond')) {
    evidence.push('the UNet takes timestep_cond (LCM guidance embedding)');
    return 'lcm';
  }
  const lcmScheduler = text(scheduler?._class_name) === 'LCMScheduler';
  if (lcmScheduler || /LatentConsistency/.test(text(index?._class_name) ?? '')) {
    evidence.push(
      lcmScheduler ? 'the scheduler is LCMScheduler' : 'model_index.json names an LCM pipeline',
    );
    notes.push(
      'An LCM model without a guidance embedding (LCM-LoRA style): guidance stays near 1.',
    );
    return 'lcm';
  }
  const hint = [
    description.name,
    text(index?._name_or_path) ?? '',
    text(scheduler?._name_or_path) ?? '',
  ].find((name) => /turbo/i.test(name));
  if (hint !== undefined) {
    evidence.push(`the name "${hint}" says Turbo`);
    return 'turbo';
  }
  if (text(scheduler?.timestep_spacing) === 'trailing') {
    evidence.push('the scheduler spaces timesteps "trailing" (few-step Turbo-style)');
    return 'turbo';
  }
  return 'none';
}

function variantLabel(architecture: Architecture, distillation: Distillation): string {
  if (architecture === 'sdxl') return distillation === 'none' ? 'sdxl' : `sdxl-${distillation}`;
  if (distillation === 'turbo') return 'sd-turbo';
  if (distillation === 'lcm') return 'lcm';
  return architecture === 'unknown' ? 'sd' : architecture;
}

/** Settings that suit each variant, for new sampler nodes. */
function defaults(
  architecture: Architecture,
  distillation: Distillation,
  guidanceEmbedding: boolean,
): ModelDetails {
  // Both Turbo models were distilled at 512×512.
  if (distillation === 'turbo') return { defaultSteps: 1, defaultGuidance: 0, defaultSize: 512 };
  if (distillation === 'lcm')
    return {
      defaultSteps: 4,
      defaultGuidance: guidanceEmbedding ? 8 : 1,
      defaultSize: architecture === 'sdxl' ? 1024 : 512,
    };
  if (architecture === 'sdxl') return { defaultSteps: 30, defaultGuidance: 5, defaultSize: 1024 };
  return {
    defaultSteps: 25,
    defaultGuidance: 7.5,
    defaultSize: architecture === 'sd2' ? 768 : 512,
  };
}

function componentProblems(component: (name: string) => ModelInfo | undefined): string[] {
  const problems: string[] = [];
  const check = (name: string, inputs: string[], outputs: string[]) => {
    const info = component(name);
    if (!info) return;
    for (const wanted of inputs)
      if (!input(info, wanted))
        problems.push(
          `${name}/model.onnx has no "${wanted}" input; it is not a diffusers/optimum ${name} export.`,
        );
    for (const wanted of outputs)
      if (!output(info, wanted))
        problems.push(
          `${name}/model.onnx has no "${wanted}" output; it is not a diffusers/optimum ${name} export.`,
        );
  };
  check('unet', ['sample', 'timestep', 'encoder_hidden_states'], ['out_sample']);
  check('text_encoder', ['input_ids'], ['last_hidden_state']);
  check('vae_decoder', ['latent_sample'], ['sample']);
  check('vae_encoder', ['sample'], []);
  const encoder = component('vae_encoder');
  if (encoder && !output(encoder, 'latent_sample') && !output(encoder, 'latent_parameters'))
    problems.push('vae_encoder/model.onnx gives neither "latent_sample" nor "latent_parameters".');
  return problems;
}

function checkWidths(
  textEncoder: ModelInfo | undefined,
  unet: ModelInfo | undefined,
  architecture: Architecture,
  problems: string[],
): void {
  if (architecture === 'sdxl') return;
  const text = fixedDim(textEncoder && output(textEncoder, 'last_hidden_state'), -1);
  const states = fixedDim(unet && input(unet, 'encoder_hidden_states'), -1);
  if (text !== undefined && states !== undefined && text !== states)
    problems.push(
      `The text encoder gives ${text}-wide states but the UNet takes ${states}: these components come from different models.`,
    );
}

function scalingFactor(
  description: PipelineDescription,
  architecture: Architecture,
): { value: number; source: string } {
  for (const file of ['vae_decoder/config.json', 'vae_encoder/config.json', 'vae/config.json']) {
    const value = number(record(description.json[file])?.scaling_factor);
    if (value !== undefined) return { value, source: file };
  }
  return { value: architecture === 'sdxl' ? 0.13025 : 0.18215, source: 'default' };
}

/**
 * The pad token: from the tokenizer's files, else the variant's
 * ("<|endoftext|>" for SD 1.x and SDXL's first tokenizer, CLIP ViT-L's; "!"
 * for SD 2.x and SDXL's second, OpenCLIP's).
 */
function padToken(
  description: PipelineDescription,
  architecture: Architecture,
  folder: 'tokenizer' | 'tokenizer_2' = 'tokenizer',
): string {
  for (const file of [`${folder}/special_tokens_map.json`, `${folder}/tokenizer_config.json`]) {
    const pad = record(description.json[file])?.pad_token;
    const content = text(pad) ?? text(record(pad)?.content);
    if (content !== undefined) return content;
  }
  const clipL = architecture === 'sd1' || (architecture === 'sdxl' && folder === 'tokenizer');
  return clipL ? '<|endoftext|>' : '!';
}

/** The highest N of a model's `hidden_states.N` outputs (N + 1 states), if it exports them. */
function lastHiddenState(info: ModelInfo | undefined): number | undefined {
  const numbers = (info?.outputs ?? [])
    .map((tensor) => /^hidden_states\.(\d+)$/.exec(tensor.name)?.[1])
    .filter((match) => match !== undefined)
    .map(Number);
  return numbers.length > 0 ? Math.max(...numbers) : undefined;
}

/**
 * SDXL's own facts: each encoder's width and the hidden state SDXL conditions
 * on (hidden_states[-2]), the pooled width, the time_ids length, the second
 * tokenizer's pad; and what would stop the Sampler (widths that do not add
 * up, a second encoder without text_embeds, a refiner's 5-wide time_ids).
 */
function xlDetails(
  component: (name: string) => ModelInfo | undefined,
  description: PipelineDescription,
  problems: string[],
  notes: string[],
): ModelDetails {
  const first = component('text_encoder');
  const second = component('text_encoder_2');
  const unet = component('unet');
  const widths = [first, second].map((info) =>
    fixedDim(info && output(info, 'last_hidden_state'), -1),
  );
  const penultimate = [first, second].map((info) => {
    const last = lastHiddenState(info);
    return last !== undefined && last > 0 ? `hidden_states.${last - 1}` : null;
  });
  const pooledWidth =
    fixedDim(second && output(second, 'text_embeds'), -1) ??
    fixedDim(unet && input(unet, 'text_embeds'), -1);
  const timeIds = fixedDim(unet && input(unet, 'time_ids'), -1);
  const states = fixedDim(unet && input(unet, 'encoder_hidden_states'), -1);

  if (second && !output(second, 'text_embeds'))
    problems.push(
      'text_encoder_2/model.onnx has no "text_embeds" output (the pooled prompt SDXL needs); it is not an SDXL CLIPTextModelWithProjection export.',
    );
  const [width1, width2] = widths;
  if (width1 !== undefined && width2 !== undefined && states !== undefined)
    if (width1 + width2 !== states)
      problems.push(
        `The text encoders give ${width1} + ${width2} wide states but the UNet takes ${states}: these components come from different models.`,
      );
  ['text_encoder', 'text_encoder_2'].forEach((name, index) => {
    if (component(name) && penultimate[index] === null)
      notes.push(
        `${name}/model.onnx was exported without hidden_states outputs, so Weft conditions on its last_hidden_state instead of the penultimate state SDXL was trained on; images will differ from diffusers'. Re-export with hidden states (optimum does by default).`,
      );
  });
  if (timeIds !== undefined && timeIds !== 6)
    problems.push(
      `The UNet takes ${timeIds} time_ids (${timeIds === 5 ? 'an SDXL refiner, conditioned on an aesthetic score' : 'not SDXL base’s 6'}); the Sampler drives SDXL base-style UNets (original size, crop, target size) only.`,
    );
  return {
    textWidths: widths.every((width) => width !== undefined) ? widths : null,
    /** The outputs the text encode node conditions on. */
    textStates: penultimate.map((name) => name ?? 'last_hidden_state'),
    pooledWidth: pooledWidth ?? null,
    timeIdsLength: timeIds ?? null,
    padToken2: padToken(description, 'sdxl', 'tokenizer_2'),
  };
}

/**
 * How the pipeline takes a ControlNet: its UNet accepts the residuals, or the
 * fused inputs; or (OnnxStack's layout) a second UNet in controlnet/ accepts
 * the residuals.
 */
function controlNet(unet: ModelInfo | undefined, controlUnet: ModelInfo | undefined): ModelDetails {
  if (unet && input(unet, 'controlnet_conds'))
    return { controlNet: 'fused', controlNetUnet: 'unet/model.onnx' };
  if (unet && input(unet, 'mid_block_additional_residual'))
    return { controlNet: 'residuals', controlNetUnet: 'unet/model.onnx' };
  if (controlUnet && input(controlUnet, 'mid_block_additional_residual'))
    return { controlNet: 'residuals', controlNetUnet: 'controlnet/model.onnx' };
  return { controlNet: 'none', controlNetUnet: null };
}

function describeOrNull(tensor: Parameters<typeof describeTensor>[0] | undefined): string | null {
  return tensor ? describeTensor(tensor) : null;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function number(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}
