/**
 * The named value types of connections. A connection is allowed only between
 * equal types (checked live in the editor and again by validation).
 */
export const VALUE_TYPES = [
  'TEXT',
  'INT',
  'FLOAT',
  'BOOLEAN',
  'IMAGE',
  'MASK',
  'LATENT',
  'CONDITIONING',
  'AUDIO',
  'MEL',
  'VIDEO',
  'DIFFUSION_PIPELINE',
  'CONTROLNET',
  /** ControlNets applied with their image, strength and step window (Apply ControlNet → sampler); they stack. */
  'CONTROL',
  'VOCODER',
  'INTERPOLATOR',
  'ONNX_MODEL',
  /** Any tensor, e.g. a generic ONNX model's raw output. */
  'TENSOR',
] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

export function canConnect(from: ValueType, to: ValueType): boolean {
  return from === to;
}
