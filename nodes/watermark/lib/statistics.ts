// Confidence numbers for watermark detection and quality numbers for marks.

/** P(X ≥ successes) for X ~ Binomial(trials, 1/2), summed in log space (exact to float precision). */
export function binomialTail(successes: number, trials: number): number {
  if (successes <= 0) return 1;
  if (successes > trials) return 0;
  const logHalf = trials * Math.log(0.5);
  let logTerm = logHalf;
  // log C(trials, successes)
  for (let index = 1; index <= successes; index++)
    logTerm += Math.log((trials - successes + index) / index);
  let total = 0;
  for (let count = successes; count <= trials; count++) {
    total += Math.exp(logTerm);
    logTerm += Math.log((trials - count) / (count + 1));
  }
  return Math.min(1, total);
}

/** Upper tail of the standard normal, P(Z ≥ z) (erfc by W. J. Cody's rational fit via Numerical Recipes' erfcc, |error| < 1.2e-7 relative). */
export function normalTail(z: number): number {
  const x = z / Math.SQRT2;
  const magnitude = Math.abs(x);
  const t = 1 / (1 + 0.5 * magnitude);
  const erfc =
    t *
    Math.exp(
      -magnitude * magnitude -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return (x >= 0 ? erfc : 2 - erfc) / 2;
}

/** PSNR in dB between two 8-bit images of the same size (Infinity when identical). */
export function psnr(first: Uint8Array, second: Uint8Array): number {
  if (first.length !== second.length) throw new Error('PSNR needs two images of the same size.');
  let sum = 0;
  for (let index = 0; index < first.length; index++) {
    const difference = (first[index] ?? 0) - (second[index] ?? 0);
    sum += difference * difference;
  }
  const mse = sum / first.length;
  return mse === 0 ? Infinity : 10 * Math.log10((255 * 255) / mse);
}

function logGamma(value: number): number {
  // Lanczos approximation (g = 7, n = 9), |relative error| < 1e-13 for value > 0.
  const coefficients = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  const shifted = value - 1;
  let sum = coefficients[0] ?? 1;
  for (let index = 1; index < 9; index++) sum += (coefficients[index] ?? 0) / (shifted + index);
  const t = shifted + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** Continued fraction of the regularised incomplete beta (Lentz), converging for x < (a + 1)/(a + b + 2). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = 1 / (Math.abs(d) < tiny ? tiny : d);
  let result = d;
  for (let m = 1; m <= 300; m++) {
    for (const numerator of [
      (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m)),
      -((a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1)),
    ]) {
      d = 1 + numerator * d;
      d = 1 / (Math.abs(d) < tiny ? tiny : d);
      c = 1 + numerator / c;
      if (Math.abs(c) < tiny) c = tiny;
      result *= d * c;
    }
    if (Math.abs(d * c - 1) < 1e-15) break;
  }
  return result;
}

/** Regularised incomplete beta I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaFraction(a, b, x)) / a
    : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** Upper tail of Student's t with `freedom` degrees of freedom, P(T ≥ t). */
export function studentTail(t: number, freedom: number): number {
  const tail = 0.5 * incompleteBeta(freedom / (freedom + t * t), freedom / 2, 0.5);
  return t >= 0 ? tail : 1 - tail;
}
