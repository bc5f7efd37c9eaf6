/**
 * adaptFeeds (adaptFeeds.ts) with what it decided remembered: a sampler
 * feeds its UNet the same kinds of values a thousand times (a latent tensor,
 * a timestep number, the text tensor), and checking every rule on every call
 * cost ~5 µs of a ~50 µs toy UNet call (bench/pipeline).
 *
 * A plan is learned from one successful adaptFeeds call and reused for feeds
 * of the same signature: the same input names (no others), each a Tensor of
 * the same dtype and dims, or a number. For such feeds adaptFeeds' outcome depends on
 * nothing else, except for the value of a number filling an integer or
 * float16 input (range and wholeness checks, rounding), which is why plans
 * cover only two cases:
 * - "pass": a tensor adaptFeeds handed through as it is;
 * - "fill": a number spread over a float32 or float64 shape.
 * Feeds with any other conversion, and every error, take adaptFeeds itself,
 * so messages and results are exactly its own.
 *
 * Pure (no ONNX Runtime).
 */
import { Tensor, elementCount } from '../../common/tensor.ts';
import { adaptFeeds } from './adaptFeeds.ts';
import type { Feeds, TensorSpec } from './feedErrors.ts';

type InputPlan =
  /** A tensor of this dtype and these dims, handed through as it is. */
  | { readonly kind: 'pass'; readonly dtype: string; readonly dims: readonly number[] }
  /** A number, spread over a float32 or float64 tensor of these dims. */
  | {
      readonly kind: 'fill';
      readonly dtype: 'float32' | 'float64';
      readonly dims: readonly number[];
    };

export type FeedAdapter = (feeds: Feeds) => Record<string, Tensor>;

/** Signatures seen per model are few (one per batch size, say); this bounds a pathological caller. */
const PLAN_LIMIT = 8;

export function createFeedAdapter(
  model: string,
  specs: readonly TensorSpec[],
  pinned: Readonly<Record<string, number>> = {},
): FeedAdapter {
  const plans: (readonly InputPlan[])[] = [];
  return (feeds) => {
    const plan = plans.find((candidate) => matches(specs, candidate, feeds));
    if (plan) return applyPlan(specs, feeds, plan);
    const adapted = adaptFeeds(model, specs, feeds, pinned);
    const learned = learnPlan(specs, feeds, adapted);
    if (learned) {
      if (plans.length >= PLAN_LIMIT) plans.shift();
      plans.push(learned);
    }
    return adapted;
  };
}

/** Whether the feeds have the plan's signature: the same names, tensors of the same dtype and dims, numbers. */
function matches(specs: readonly TensorSpec[], plan: readonly InputPlan[], feeds: Feeds): boolean {
  if (Object.keys(feeds).length !== specs.length) return false;
  for (let index = 0; index < specs.length; index++) {
    const step = plan[index]!;
    const value = feeds[specs[index]!.name];
    if (step.kind === 'fill') {
      if (typeof value !== 'number') return false;
    } else if (!(value instanceof Tensor) || value.dtype !== step.dtype) {
      return false;
    } else if (!sameDims(value.dims, step.dims)) return false;
  }
  return true;
}

function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return false;
  return true;
}

function learnPlan(
  specs: readonly TensorSpec[],
  feeds: Feeds,
  adapted: Readonly<Record<string, Tensor>>,
): InputPlan[] | undefined {
  if (Object.keys(feeds).length !== specs.length) return undefined;
  const plan: InputPlan[] = [];
  for (const spec of specs) {
    const given = feeds[spec.name];
    const result = adapted[spec.name]!;
    if (given instanceof Tensor && given === result) {
      plan.push({ kind: 'pass', dtype: given.dtype, dims: given.dims });
    } else if (
      typeof given === 'number' &&
      (result.dtype === 'float32' || result.dtype === 'float64')
    ) {
      plan.push({ kind: 'fill', dtype: result.dtype, dims: result.dims });
    } else return undefined;
  }
  return plan;
}

function applyPlan(
  specs: readonly TensorSpec[],
  feeds: Feeds,
  plan: readonly InputPlan[],
): Record<string, Tensor> {
  const adapted: Record<string, Tensor> = {};
  for (let index = 0; index < specs.length; index++) {
    const step = plan[index]!;
    const name = specs[index]!.name;
    const given = feeds[name]!;
    if (step.kind === 'pass') {
      adapted[name] = given as Tensor;
      continue;
    }
    const count = elementCount(step.dims);
    adapted[name] =
      step.dtype === 'float32'
        ? new Tensor('float32', step.dims, new Float32Array(count).fill(given as number))
        : new Tensor('float64', step.dims, new Float64Array(count).fill(given as number));
  }
  return adapted;
}
