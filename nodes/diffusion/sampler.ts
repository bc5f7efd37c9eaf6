/**
 * diffusion/sampler: denoises a latent with the pipeline's UNet, guided by
 * the prompts (and ControlNets), with one of the k-diffusion-style samplers
 * of engine/common/diffusion/samplers on the pipeline's own schedule
 * (scheduler/scheduler_config.json).
 *
 * Noise and seeds: image b of a batch is sampled on its own with
 * TorchGenerator(seed + b), PyTorch's CPU generator: its first randn([1, 4,
 * h, w]) is the starting noise and the samplers that add noise per step
 * draw from it next, as a diffusers pipeline given
 * `torch.Generator().manual_seed(seed + b)` does. Image b of a batch is
 * therefore the image a batch of one with seed + b makes. Each image's seed
 * travels in the output LATENT (`seeds`), and on through VAE decode to the
 * saved files.
 *
 * Start: text-to-image (an empty latent, or denoise 1 on a latent of zeros)
 * starts at noise × the schedule's initial σ (initialNoiseScale);
 * image-to-image (denoise < 1 on a non-zero latent) runs the last
 * ⌊steps × denoise⌋ steps from latent + noise × σ of the first of them, as
 * diffusers' add_noise does in sigma space. Denoise 0 returns the latent.
 *
 * Per step: progress with a preview of the x0 estimate (latentSpace.ts) when
 * ctx.wantsPreview() (previews are throttled), and cancellation between
 * model calls. The denoiser (denoiser.ts) handles input
 * scaling, CFG, guidance rescale, ControlNets and LCM's guidance embedding;
 * an LCM UNet (one with a `timestep_cond` input) gets cfg as its embedded
 * guidance instead of CFG; an SDXL UNet gets each prompt's pooled embedding
 * and time_ids beside its text (sdxlInputs.ts).
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import type { ModelHandle, RunnableModel } from '../../engine/common/models.ts';
import type { NodeContext } from '../../engine/common/nodeApi.ts';
import { defineNode, NodeError } from '../../engine/common/nodeApi.ts';
import type { SchedulerConfig } from '../../engine/common/diffusion/schedulerConfig.ts';
import { parseSchedulerConfig } from '../../engine/common/diffusion/schedulerConfig.ts';
import { sample } from '../../engine/common/diffusion/samplers/sample.ts';
import {
  initialNoiseScale,
  samplingSchedule,
} from '../../engine/common/diffusion/samplers/schedule.ts';
import type {
  SamplerName,
  SamplingSchedule,
  SchedulerName,
} from '../../engine/common/diffusion/samplers/types.ts';
import { SAMPLERS, SCHEDULERS } from '../../engine/common/diffusion/samplers/types.ts';
import { TorchGenerator } from '../../engine/common/diffusion/torchRandom.ts';
import { Tensor } from '../../engine/common/tensor.ts';
import { readParams } from '../core/params.ts';
import { controlUnet, imageSize, prepareControls, residualInputs } from './controls.ts';
import { createDenoiser } from './denoiser.ts';
import { isAllZero, latentPreview } from './latentSpace.ts';
import { guidanceEmbedding } from './lcmGuidance.ts';
import {
  componentConfig,
  openComponent,
  parsePipelineJson,
  pipelineInput,
  pipelinePath,
  readPipelineText,
} from './pipeline.ts';
import type { Conditioning } from './values.ts';
import { sdxlAddedInputs } from './sdxlInputs.ts';
import {
  conditioningInput,
  controlInput,
  latentInput,
  latentValue,
  requiredConditioning,
} from './values.ts';

/** The UNet inputs the sampler feeds; any other required input means an architecture it does not drive. */
const KNOWN_INPUTS = new Set([
  'sample',
  'timestep',
  'encoder_hidden_states',
  'timestep_cond',
  'text_embeds',
  'time_ids',
]);
const DEFAULT_TIME_COND_DIM = 256;

const definition: NodeDefinition = {
  type: 'diffusion/sampler',
  version: 1,
  title: 'Sampler',
  category: 'Diffusion',
  description:
    'Makes images from noise (or reworks a latent, with denoise below 1) guided by the prompts. A batch of N uses seeds seed … seed + N − 1.',
  inputs: [
    { name: 'pipeline', type: 'DIFFUSION_PIPELINE', label: 'Pipeline' },
    { name: 'positive', type: 'CONDITIONING', label: 'Positive' },
    {
      name: 'negative',
      type: 'CONDITIONING',
      label: 'Negative',
      optional: true,
      description: 'What to steer away from; needed when CFG is above 1 (an empty prompt is fine).',
    },
    { name: 'latent', type: 'LATENT', label: 'Latent' },
    {
      name: 'control',
      type: 'CONTROL',
      label: 'Control',
      optional: true,
      description: 'From Apply ControlNet.',
    },
  ],
  outputs: [{ name: 'latent', type: 'LATENT' }],
  params: [
    { name: 'seed', kind: 'seed', label: 'Seed', default: 0 },
    { name: 'steps', kind: 'int', label: 'Steps', default: 20, min: 1, max: 150, slider: true },
    {
      name: 'cfg',
      kind: 'float',
      label: 'CFG',
      default: 7.5,
      min: 0,
      max: 30,
      step: 0.5,
      description:
        'How strongly the prompt steers (classifier-free guidance); 1 or less turns it off (Turbo: 0). LCM models embed it instead.',
    },
    { name: 'sampler', kind: 'enum', label: 'Sampler', options: [...SAMPLERS], default: 'euler' },
    {
      name: 'scheduler',
      kind: 'enum',
      label: 'Scheduler',
      options: [...SCHEDULERS],
      default: 'normal',
      description:
        'normal: the model’s own timestep spacing; karras and exponential respace the noise levels.',
    },
    {
      name: 'denoise',
      kind: 'float',
      label: 'Denoise',
      default: 1,
      min: 0,
      max: 1,
      step: 0.01,
      slider: true,
      description:
        'Image-to-image strength: 1 repaints everything, 0.3 keeps most of the input latent.',
    },
    {
      name: 'guidanceRescale',
      kind: 'float',
      label: 'Guidance rescale',
      default: 0,
      min: 0,
      max: 1,
      step: 0.05,
      description: 'Tames over-saturation at high CFG (0.7 is common for v-prediction models).',
    },
  ],
};

/** Parsed once per version of the file: its schema check costs ~0.2 ms, every run. */
function schedulerConfig(ctx: NodeContext, pipeline: ModelHandle): Promise<SchedulerConfig> {
  const file = 'scheduler/scheduler_config.json';
  return ctx.models.cached('scheduler-config', [pipelinePath(pipeline, file)], async () => {
    const text = await readPipelineText(ctx, pipeline, file, 'the scheduler settings');
    try {
      return parseSchedulerConfig(parsePipelineJson(pipeline, file, text), file);
    } catch (error) {
      if (error instanceof NodeError) throw error;
      throw new NodeError('SCHEDULER_CONFIG_INVALID', (error as Error).message);
    }
  });
}

function checkUnet(pipeline: ModelHandle, unet: RunnableModel): void {
  const residuals = new Set(residualInputs(unet));
  const unknown = unet.inputs
    .map((io) => io.name)
    .filter((name) => !KNOWN_INPUTS.has(name) && !residuals.has(name));
  if (unknown.length > 0) {
    throw new NodeError(
      'PIPELINE_UNSUPPORTED',
      `The UNet of "${pipeline.summary.name}" needs ${unknown.map((name) => `"${name}"`).join(', ')}, which the Sampler does not provide yet. It drives SD 1.x, SD 2.x, SDXL, Turbo and LCM pipelines.`,
    );
  }
}

/** The conditioning's width must be the one the UNet reads. */
function checkTextWidth(
  pipeline: ModelHandle,
  unet: RunnableModel,
  positive: Conditioning,
  negative: Conditioning | undefined,
): number {
  const width = positive.embeds.dims[2]!;
  if (negative && negative.embeds.dims[2] !== width) {
    throw new NodeError(
      'CONDITIONING_MISMATCH',
      `The positive prompt is ${width} wide but the negative is ${negative.embeds.dims[2]}: they were encoded by different pipelines. Connect both Text encode nodes to the same pipeline.`,
      'negative',
    );
  }
  const expected = unet.inputs.find((io) => io.name === 'encoder_hidden_states')?.shape[2];
  if (typeof expected === 'number' && expected !== width) {
    throw new NodeError(
      'CONDITIONING_MISMATCH',
      `The prompt was encoded ${width} wide, but the UNet of "${pipeline.summary.name}" reads ${expected}-wide text: it comes from another pipeline's text encoder. Connect the Text encode nodes to the same pipeline as the Sampler.`,
      'positive',
    );
  }
  return width;
}

async function lcmEmbedding(
  ctx: NodeContext,
  pipeline: ModelHandle,
  unet: RunnableModel,
  cfg: number,
): Promise<Float32Array | undefined> {
  const input = unet.inputs.find((io) => io.name === 'timestep_cond');
  if (!input) return undefined;
  const declared = input.shape[input.shape.length - 1];
  const configured = (await componentConfig(ctx, pipeline, 'unet')).time_cond_proj_dim;
  const dim =
    typeof declared === 'number'
      ? declared
      : typeof configured === 'number'
        ? configured
        : DEFAULT_TIME_COND_DIM;
  return guidanceEmbedding(cfg, dim);
}

function makeSchedule(
  config: SchedulerConfig,
  sampler: SamplerName,
  scheduler: SchedulerName,
  steps: number,
  strength: number,
): SamplingSchedule {
  try {
    return samplingSchedule(config, sampler, scheduler, steps, strength);
  } catch (error) {
    throw new NodeError(
      'SCHEDULE_INVALID',
      `${(error as Error).message}.`.replace(/\.\.$/, '.'),
      'steps',
    );
  }
}

export const samplerNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const pipeline = pipelineInput(definition, inputs);
    const positive = requiredConditioning(definition, inputs, 'positive');
    const negative = conditioningInput(definition, inputs, 'negative');
    const { samples, seeds: incomingSeeds } = latentInput(definition, inputs, 'latent');
    const applied = controlInput(definition, inputs, 'control');
    const read = readParams(definition, params);
    const seed = read.int('seed');
    const steps = read.int('steps');
    const cfg = read.float('cfg');
    const samplerName = read.option<SamplerName>('sampler');
    const scheduler = read.option<SchedulerName>('scheduler');
    const denoise = read.float('denoise');
    const guidanceRescale = read.float('guidanceRescale');
    const [batch = 0, channels = 0, height = 0, width = 0] = samples.dims;

    const empty = isAllZero(samples.data);
    if (denoise === 0 && !empty) {
      ctx.log.info('Denoise is 0, so the latent passes through unchanged.');
      // Nothing was sampled: the latent keeps the seeds it came with, if any.
      return {
        latent: latentValue({ samples, ...(incomingSeeds ? { seeds: incomingSeeds } : {}) }),
      };
    }
    if (empty && denoise < 1) {
      ctx.log.info(
        `The latent is empty, so denoise ${denoise} does not apply: the image starts from pure noise.`,
      );
    }
    const strength = empty ? 1 : denoise;

    const config = await schedulerConfig(ctx, pipeline);
    const unet = await openComponent(ctx, pipeline, 'unet');
    checkUnet(pipeline, unet);
    const textWidth = checkTextWidth(pipeline, unet, positive, negative);
    const added = sdxlAddedInputs(pipeline, unet, { positive, negative }, height, width);
    const timestepCond = await lcmEmbedding(ctx, pipeline, unet, cfg);
    if (cfg > 1 && !negative && !timestepCond) {
      throw new NodeError(
        'MISSING_INPUT',
        `CFG ${cfg} needs a negative prompt: connect a Text encode to "Negative" (an empty prompt is fine), or set CFG to 1 or less.`,
        'negative',
      );
    }
    const needsResiduals = residualInputs(unet).length > 0;
    if (needsResiduals && applied.length === 0) {
      throw new NodeError(
        'MISSING_INPUT',
        `The UNet of "${pipeline.summary.name}" takes ControlNet residuals and has no plain twin: connect an Apply ControlNet to "Control".`,
        'control',
      );
    }
    const withControl = applied.length > 0 ? await controlUnet(ctx, pipeline, unet) : undefined;
    const controls = await prepareControls(ctx, applied, {
      unet: withControl ?? unet,
      textWidth,
      ...imageSize(height, width),
      batch,
    });

    const schedule = makeSchedule(config, samplerName, scheduler, steps, strength);
    const total = schedule.timesteps.length;
    const integerTimesteps = /int/.test(
      unet.inputs.find((io) => io.name === 'timestep')?.dtype ?? '',
    );
    const size = channels * height * width;
    const result = new Float32Array(samples.size);

    for (let b = 0; b < batch; b++) {
      const generator = new TorchGenerator(seed + b);
      const draw = () => generator.randn([1, channels, height, width]).data;
      const noise = draw();
      const latent = samples.data.subarray(b * size, (b + 1) * size);
      const start = empty ? initialNoiseScale(schedule) : schedule.sigmas[0]!;
      const x = Float32Array.from(noise, (value, i) => (empty ? 0 : latent[i]!) + value * start);
      let step = 0;
      const denoiser = createDenoiser({
        unet: needsResiduals ? undefined : unet,
        controlUnet: withControl,
        shape: [channels, height, width],
        positive: positive.embeds,
        negative: negative?.embeds,
        ...(added ? { added } : {}),
        cfg,
        guidanceRescale,
        prediction: config.prediction_type,
        timestepCond,
        integerTimesteps,
        controls: controls[b] ?? [],
        progress: () => ({ step, total }),
        signal: ctx.signal,
      });
      const final = await sample({
        sampler: samplerName,
        schedule,
        latent: x,
        denoise: denoiser,
        noise: draw,
        signal: ctx.signal,
        config,
        onStep(info) {
          step = info.step;
          // Previews are throttled: build one only when it will be sent.
          const preview = ctx.wantsPreview()
            ? latentPreview(info.denoised, height, width)
            : undefined;
          ctx.progress(b * total + info.step, batch * total, preview);
        },
      });
      result.set(final, b * size);
    }
    return {
      latent: latentValue({
        samples: new Tensor('float32', samples.dims, result),
        seeds: Array.from({ length: batch }, (_, b) => seed + b),
      }),
    };
  },
});
