/**
 * The guidance embedding an LCM UNet takes as `timestep_cond` instead of
 * classifier-free guidance (diffusers LatentConsistencyModelPipeline,
 * get_guidance_scale_embedding): with w = (guidance − 1) · 1000 and
 * half = dim / 2,
 *
 *   f_k = exp(−k · ln(10000) / (half − 1)),  k = 0 … half − 1
 *   embedding = [sin(w · f_0 … w · f_{half−1}), cos(w · f_0 … w · f_{half−1})]
 *
 * zero-padded by one when dim is odd. torch computes it in float32; this
 * computes in float64 and rounds once, within a few float32 ulps. Pure.
 */

export function guidanceEmbedding(guidance: number, dim: number): Float32Array {
  const w = (guidance - 1) * 1000;
  const half = Math.floor(dim / 2);
  const step = half > 1 ? Math.log(10000) / (half - 1) : 0;
  const embedding = new Float32Array(dim);
  for (let k = 0; k < half; k++) {
    const angle = w * Math.exp(-k * step);
    embedding[k] = Math.sin(angle);
    embedding[half + k] = Math.cos(angle);
  }
  return embedding;
}
