/**
 * Colours that carry meaning: one per value type (handles and wires, so a
 * glance says what flows where) and one per node category (header accents).
 * Chosen to stay apart on the dark canvas and for common colour-vision
 * deficiencies (types also show their name on hover and in messages).
 */
import type { ValueType } from '../../engine/common/valueTypes.ts';

export const VALUE_TYPE_COLORS: Readonly<Record<ValueType, string>> = {
  TEXT: '#9fd18b',
  INT: '#7fb8e6',
  FLOAT: '#a3a7f0',
  BOOLEAN: '#e6a3c8',
  IMAGE: '#e8b04f',
  MASK: '#c9c9c9',
  LATENT: '#e07a8e',
  CONDITIONING: '#e8d35a',
  AUDIO: '#5fd0c0',
  MEL: '#3fa9a0',
  VIDEO: '#f08a5d',
  DIFFUSION_PIPELINE: '#b58cf0',
  CONTROLNET: '#59c27a',
  CONTROL: '#3e9e5c',
  VOCODER: '#4fc3e8',
  INTERPOLATOR: '#f0a0f0',
  ONNX_MODEL: '#9aa7b8',
  TENSOR: '#8894a3',
};

export function valueTypeColor(type: string | undefined): string {
  return (type && VALUE_TYPE_COLORS[type as ValueType]) || '#8a8f98';
}

const CATEGORY_COLORS: Readonly<Record<string, string>> = {
  Primitives: '#5b7fa6',
  Text: '#6f9a5a',
  Image: '#b08540',
  Control: '#4b9a68',
  Diffusion: '#8a6cc4',
  Models: '#6d7c91',
  Audio: '#3f9a93',
  Video: '#c0704a',
  Watermark: '#a85f82',
  Utility: '#6b6f78',
};

/** A category's accent; categories without one get a stable colour from their name. */
export function categoryColor(category: string | undefined): string {
  if (!category) return '#5a5f69';
  const known = CATEGORY_COLORS[category];
  if (known) return known;
  let hash = 0;
  for (const character of category) hash = (hash * 31 + character.charCodeAt(0)) | 0;
  return `hsl(${Math.abs(hash) % 360} 35% 48%)`;
}
