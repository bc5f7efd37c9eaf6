/**
 * The kinds of model the library keeps (one folder each) and the families it
 * recognises. A kind is where a model is used (which node lists it); a family
 * is what the model is (which contract it follows).
 */
import type { ModelKind } from '../../common/models.ts';
import { MODEL_KINDS } from '../../common/models.ts';

export { MODEL_KINDS } from '../../common/models.ts';
export type { ModelKind } from '../../common/models.ts';

export const MODEL_FAMILIES = [
  'stable-diffusion',
  'controlnet',
  'rife',
  'film',
  'hifigan',
  'vocos',
  'midas',
  'piper',
  'onnx',
] as const;
export type ModelFamily = (typeof MODEL_FAMILIES)[number];

/** The kind each recognised family belongs to; undefined: wherever the user put it. */
export const FAMILY_KIND: Record<ModelFamily, ModelKind | undefined> = {
  'stable-diffusion': 'diffusion',
  controlnet: 'controlnet',
  rife: 'interpolation',
  film: 'interpolation',
  hifigan: 'vocoder',
  vocos: 'vocoder',
  midas: 'depth',
  piper: undefined,
  onnx: undefined,
};

export function isModelKind(text: string): text is ModelKind {
  return (MODEL_KINDS as readonly string[]).includes(text);
}

/** Human names for tables and messages. */
export const FAMILY_TITLES: Record<ModelFamily, string> = {
  'stable-diffusion': 'Stable Diffusion',
  controlnet: 'ControlNet',
  rife: 'RIFE',
  film: 'FILM',
  hifigan: 'HiFi-GAN',
  vocos: 'Vocos',
  midas: 'MiDaS/DPT depth',
  piper: 'Piper voice',
  onnx: 'ONNX model',
};
