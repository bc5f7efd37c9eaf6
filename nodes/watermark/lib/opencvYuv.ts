// OpenCV's 8-bit COLOR_BGR2YUV and COLOR_YUV2BGR, transcribed from
// imgproc's color_yuv (RGB2YUV_i / YUV2RGB_i, yuv_shift = 14): the
// coefficients are the float ones × 2^14 rounded, and every product is
// descaled with CV_DESCALE(x, 14) = (x + 2^13) >> 14 (an arithmetic shift, so
// it floors), then saturated to [0, 255].
//
//   Y = D(B·1868 + G·9617 + R·4899)
//   U = D((B − Y)·8061 + 128·2^14)        (B2UI = 0.492 × 2^14)
//   V = D((R − Y)·14369 + 128·2^14)       (R2VI = 0.877 × 2^14)
//
//   B = Y + D((U − 128)·33292)            (U2BI = 2.032 × 2^14)
//   G = Y + D((U − 128)·−6472 + (V − 128)·−9519)
//   R = Y + D((V − 128)·18678)            (V2RI = 1.140 × 2^14)
//
// Checked against python3-opencv 4.6 on all 2^24 inputs in both directions
// (reference/color_check.py). The planes here take Weft's RGB order; the
// formulas are the BGR ones applied to the same colours.

const SHIFT = 14;
const HALF = 1 << (SHIFT - 1);
const DELTA = 128 << SHIFT;

function descale(value: number): number {
  return (value + HALF) >> SHIFT;
}

function saturate(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

/** Interleaved RGB bytes → interleaved Y, U, V bytes (OpenCV's COLOR_BGR2YUV). */
export function rgbToOpencvYuv(rgb: Uint8Array): Uint8Array {
  const yuv = new Uint8Array(rgb.length);
  for (let index = 0; index < rgb.length; index += 3) {
    const red = rgb[index] ?? 0;
    const green = rgb[index + 1] ?? 0;
    const blue = rgb[index + 2] ?? 0;
    const luma = descale(blue * 1868 + green * 9617 + red * 4899);
    yuv[index] = saturate(luma);
    yuv[index + 1] = saturate(descale((blue - luma) * 8061 + DELTA));
    yuv[index + 2] = saturate(descale((red - luma) * 14369 + DELTA));
  }
  return yuv;
}

/** Interleaved Y, U, V bytes → interleaved RGB bytes (OpenCV's COLOR_YUV2BGR). */
export function opencvYuvToRgb(yuv: Uint8Array): Uint8Array {
  const rgb = new Uint8Array(yuv.length);
  for (let index = 0; index < yuv.length; index += 3) {
    const luma = yuv[index] ?? 0;
    const u = (yuv[index + 1] ?? 0) - 128;
    const v = (yuv[index + 2] ?? 0) - 128;
    rgb[index] = saturate(luma + descale(v * 18678));
    rgb[index + 1] = saturate(luma + descale(u * -6472 + v * -9519));
    rgb[index + 2] = saturate(luma + descale(u * 33292));
  }
  return rgb;
}
