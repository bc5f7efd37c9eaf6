/**
 * The toy vocoder: HiFi-GAN V1's contract with an analytic inversion instead of
 * a neural network. Input `mel` float32 [1, 80, frames] (log mel of the HiFi-GAN
 * analysis, see audio/melSpectrogram.ts) → output `waveform` float32
 * [1, 1, frames·256] at 22050 Hz.
 *
 * Per frame it reads one sinusoid off the mel frame:
 * - each band's magnitude above the log floor, eᵢ = max(exp(melᵢ) − 1.001e-5, 0)
 *   (0.1% over the floor, which float32 rounding of log(1e-5) lands just above), is
 *   multiplied by its half-width Δᵢ. That undoes the slaney unit-area scaling, and
 *   the unscaled triangles interpolate linearly, so Σ Δᵢeᵢ = Σₖ|Xₖ| and
 *   Σ cᵢΔᵢeᵢ = Σₖ fₖ|Xₖ| exactly (cᵢ: band centres, |Xₖ|: the STFT magnitudes
 *   inside the filter range, any frequency);
 * - frequency = Σ cᵢΔᵢeᵢ / Σ Δᵢeᵢ, the magnitude-weighted centroid of the
 *   spectrum: a pure tone's own frequency, up to the Hann main lobe's asymmetry;
 * - amplitude = 2·Σ Δᵢeᵢ / n_fft (a Hann-windowed sine of amplitude A has
 *   Σₖ|Xₖ| ≈ A·n_fft/2 over its main lobe).
 * Both are interpolated linearly from frame centres to samples, and the phase is
 * the running sum of 2π·f/sr (in float64, wrapped to [0, 2π)), so the tone is
 * continuous across frames. A chord comes back as one tone at its centroid.
 * The first and last two frames see the reflect padding's kink, whose broadband
 * leakage pulls their centroid up and their amplitude up to ~2.5×; the amplitude
 * is capped at 1 so the waveform stays in [−1, 1].
 */
import { join } from 'node:path';
import { Tensor } from '../../engine/common/tensor.ts';
import { HIFIGAN_V1_MEL, LOG_FLOOR } from './audio/melSpectrogram.ts';
import { melBandEdges } from './audio/melFilterbank.ts';
import { writeFixtureFiles } from './files.ts';
import { OnnxBuilder } from './onnx/builder.ts';

const INT64_MAX = Number.MAX_SAFE_INTEGER;
/** onnx.TensorProto.DataType, for Cast. */
const FLOAT = 1;
const DOUBLE = 11;

/** HiFi-GAN's config.json keys (config_v1.json), the values the toy was built for. */
export const TOY_VOCODER_CONFIG = {
  resblock: '1',
  upsample_rates: [8, 8, 2, 2],
  upsample_kernel_sizes: [16, 16, 4, 4],
  upsample_initial_channel: 512,
  resblock_kernel_sizes: [3, 7, 11],
  resblock_dilation_sizes: [
    [1, 3, 5],
    [1, 3, 5],
    [1, 3, 5],
  ],
  segment_size: 8192,
  num_mels: HIFIGAN_V1_MEL.nMels,
  num_freq: HIFIGAN_V1_MEL.nFft / 2 + 1,
  n_fft: HIFIGAN_V1_MEL.nFft,
  hop_size: HIFIGAN_V1_MEL.hopLength,
  win_size: HIFIGAN_V1_MEL.winLength,
  sampling_rate: HIFIGAN_V1_MEL.sampleRate,
  fmin: HIFIGAN_V1_MEL.fmin,
  fmax: HIFIGAN_V1_MEL.fmax,
  fmax_for_loss: null,
  weft_fixture:
    'toy-vocoder: an analytic inversion (one sinusoid per frame at the mel centroid), not a trained HiFi-GAN',
} as const;

export function buildToyVocoder(): Uint8Array {
  const { nMels, nFft, hopLength, sampleRate, fmin, fmax } = HIFIGAN_V1_MEL;
  const edges = melBandEdges(nMels, fmin, fmax);
  const centres = Array.from({ length: nMels }, (_, i) => edges[i + 1]!);
  const halfWidths = Array.from({ length: nMels }, (_, i) => (edges[i + 2]! - edges[i]!) / 2);

  const model = new OnnxBuilder('toy_vocoder');
  const mel = model.input('mel', 'float32', [1, nMels, 'frames']);

  const magnitude = model.op('Relu', [
    model.op('Sub', [model.op('Exp', [mel]), model.floats([LOG_FLOOR * 1.001])]),
  ]);
  const weighted = model.op('Mul', [magnitude, model.floats(halfWidths, [nMels, 1])]);
  const axes = model.ints([1]);
  const total = model.op('ReduceSum', [weighted, axes], { keepdims: 0 });
  const moment = model.op(
    'ReduceSum',
    [model.op('Mul', [weighted, model.floats(centres, [nMels, 1])]), axes],
    { keepdims: 0 },
  );
  const frequency = model.op('Div', [moment, model.op('Add', [total, model.floats([1e-9])])]);
  const amplitude = model.op('Min', [
    model.op('Mul', [total, model.floats([2 / nFft])]),
    model.floats([1]),
  ]);

  const sampleFrequency = toSamples(model, frequency, hopLength);
  const sampleAmplitude = toSamples(model, amplitude, hopLength);

  const increment = model.op('Mul', [sampleFrequency, model.floats([(2 * Math.PI) / sampleRate])]);
  const twoPi = model.constant(new Tensor('float64', [1], Float64Array.from([2 * Math.PI])));
  const phase = model.op(
    'Mod',
    [model.op('CumSum', [model.op('Cast', [increment], { to: DOUBLE }), model.ints([1])]), twoPi],
    { fmod: 1 },
  );
  const tone = model.op('Sin', [model.op('Cast', [phase], { to: FLOAT })]);
  model.op(
    'Reshape',
    [model.op('Mul', [tone, sampleAmplitude]), model.ints([1, 1, -1])],
    {},
    'waveform',
  );
  model.output('waveform', 'float32', [1, 1, 'samples']);

  model
    .metadata('weft.fixture', 'toy-vocoder')
    .metadata(
      'weft.contract',
      'hifigan-v1: mel [1,80,T] log(clamp(slaney mel magnitude, 1e-5)) → waveform [1,1,T·256]',
    )
    .metadata(
      'weft.computes',
      'one sinusoid per frame: frequency = magnitude-weighted mel centroid, amplitude = 2·Σ|X|/n_fft; not a trained network',
    )
    .metadata('sampling_rate', String(sampleRate))
    .metadata('hop_size', String(hopLength))
    .metadata('n_fft', String(nFft))
    .metadata('num_mels', String(nMels))
    .metadata('fmin', String(fmin))
    .metadata('fmax', String(fmax));
  return model.build();
}

/**
 * Per-frame values [1, frames] → per-sample values [1, frames·hop], linear between
 * frame centres (frame t is centred on sample t·hop + hop/2; edges hold their value).
 */
function toSamples(model: OnnxBuilder, perFrame: string, hop: number): string {
  const column = model.op('Reshape', [perFrame, model.ints([-1, 1])]);
  const slice = (start: number, end: number) =>
    model.op('Slice', [column, model.ints([start]), model.ints([end]), model.ints([0])]);
  const previous = model.op('Concat', [slice(0, 1), slice(0, -1)], { axis: 0 });
  const next = model.op('Concat', [slice(1, INT64_MAX), slice(-1, INT64_MAX)], { axis: 0 });
  const offsets = Array.from({ length: hop }, (_, s) => (s + 0.5) / hop - 0.5);
  const towardNext = model.floats(
    offsets.map((o) => Math.max(o, 0)),
    [1, hop],
  );
  const towardPrevious = model.floats(
    offsets.map((o) => Math.max(-o, 0)),
    [1, hop],
  );
  const blended = model.op('Add', [
    column,
    model.op('Add', [
      model.op('Mul', [model.op('Sub', [next, column]), towardNext]),
      model.op('Mul', [model.op('Sub', [previous, column]), towardPrevious]),
    ]),
  ]);
  return model.op('Reshape', [blended, model.ints([1, -1])]);
}

/** Writes `vocoder/toy-vocoder/{model.onnx, config.json}` under the models root. */
export async function writeToyVocoder(root: string): Promise<void> {
  await writeFixtureFiles(join(root, 'vocoder', 'toy-vocoder'), {
    'model.onnx': buildToyVocoder(),
    'config.json': TOY_VOCODER_CONFIG,
  });
}
