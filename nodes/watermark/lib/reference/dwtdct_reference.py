"""Known answers for Weft's dwtDct (nodes/watermark/lib/dwtDct.ts).

Re-implements the invisible-watermark library's 'dwtDct' method (imwatermark's
EmbedMaxDct with its defaults: scales [0, 36, 36], 4x4 blocks) with the same
numpy, OpenCV and pywt calls in the same order, because the library itself is
not installable here (no PyPI). Steps, as in the library:
  encode: yuv = cv2.cvtColor(bgr, COLOR_BGR2YUV) (uint8); for the U channel
  cropped to multiples of 4: ca, (h, v, d) = pywt.dwt2(U, 'haar'); in each 4x4
  block of ca the largest-|v| coefficient other than [0,0] becomes
  sign * (|v| // 36 + 0.25 + 0.5 * bit) * 36, block k carrying bit k mod L;
  U[...] = pywt.idwt2((ca, (v, h, d)), 'haar') (note the swapped detail
  bands, and numpy's float -> uint8 cast); bgr = cvtColor(yuv, COLOR_YUV2BGR).
  decode: per block (|v| % 36) > 18; mean per bit position; bit = mean*255 > 127.

Run with Debian's python3-opencv / python3-pywt / python3-numpy:
  /usr/bin/python3 dwtdct_reference.py
It writes dwtdct-*.png (inputs that are not formulas, and the marked outputs)
and dwtdct-reference.json here (then run `npx prettier --write` on the JSON,
as the repository checks formatting). The test suite never runs it.
"""
import hashlib
import json
import os

import cv2
import numpy as np
import pywt

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
SDXL_BITS = '101100111110110010010000011110111011000110011110'
SCALE = 36
BLOCK = 4


def formula_pattern(width, height):
    """'pattern' test image (RGB), mirrored by referenceImages.ts."""
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    r = (x * 7 + y * 3 + ((x * y) >> 7)) & 255
    g = ((x ^ y) * 5 + (x >> 2)) & 255
    b = (255 - x + ((y * y) >> 8)) & 255
    rgb = np.stack([r, g, b], -1)
    rgb[16:48, 16:48] = [0, 0, 255]      # saturated blue: U near its top
    rgb[16:48, 64:96] = [255, 255, 0]    # saturated yellow: U near its bottom
    rgb[64:96, 16:48] = [255, 255, 255]
    return rgb.astype(np.uint8)


def formula_gradient(width, height):
    """'gradient' test image (RGB), mirrored by referenceImages.ts."""
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    r = (x * 255) // (width - 1)
    g = (y * 255) // (height - 1)
    b = ((x + y) * 255) // (width + height - 2)
    return np.stack([r, g, b], -1).astype(np.uint8)


def strongest(block):
    flat = block.flatten()
    position = np.argmax(np.abs(flat[1:])) + 1
    return position // BLOCK, position % BLOCK


def embed(bgr, bits):
    rows, cols = bgr.shape[0] // 4 * 4, bgr.shape[1] // 4 * 4
    yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV)
    ca, (h, v, d) = pywt.dwt2(yuv[:rows, :cols, 1], 'haar')
    k = 0
    for i in range(ca.shape[0] // BLOCK):
        for j in range(ca.shape[1] // BLOCK):
            block = ca[i * BLOCK:(i + 1) * BLOCK, j * BLOCK:(j + 1) * BLOCK]  # a view
            bit = bits[k % len(bits)]
            a, b = strongest(block)
            value = block[a][b]
            if value >= 0.0:
                block[a][b] = (value // SCALE + 0.25 + 0.5 * bit) * SCALE
            else:
                block[a][b] = -1.0 * (abs(value) // SCALE + 0.25 + 0.5 * bit) * SCALE
            k += 1
    yuv[:rows, :cols, 1] = pywt.idwt2((ca, (v, h, d)), 'haar')
    return cv2.cvtColor(yuv, cv2.COLOR_YUV2BGR)


def detect(bgr, count):
    rows, cols = bgr.shape[0] // 4 * 4, bgr.shape[1] // 4 * 4
    yuv = cv2.cvtColor(bgr, cv2.COLOR_BGR2YUV)
    ca, _ = pywt.dwt2(yuv[:rows, :cols, 1], 'haar')
    scores = [[] for _ in range(count)]
    k = 0
    for i in range(ca.shape[0] // BLOCK):
        for j in range(ca.shape[1] // BLOCK):
            block = ca[i * BLOCK:(i + 1) * BLOCK, j * BLOCK:(j + 1) * BLOCK]
            a, b = strongest(block)
            scores[k % count].append(1 if (abs(block[a][b]) % SCALE) > 0.5 * SCALE else 0)
            k += 1
    means = [float(np.array(s).mean()) for s in scores]
    return [int(m * 255 > 127) for m in means], means


def main():
    bits = [int(c) for c in SDXL_BITS]
    landscape = cv2.imread(os.path.join(ROOT, 'graphs', 'assets', 'landscape.jpg'))[32:288, 48:432]
    cv2.imwrite(os.path.join(HERE, 'dwtdct-landscape-input.png'), landscape)
    cases = [
        ('pattern', cv2.cvtColor(formula_pattern(256, 256), cv2.COLOR_RGB2BGR)),
        ('gradient', cv2.cvtColor(formula_gradient(263, 258), cv2.COLOR_RGB2BGR)),
        ('landscape', landscape),
    ]
    out = {'payload': SDXL_BITS, 'cases': []}
    for name, bgr in cases:
        marked = embed(bgr.copy(), bits)
        rgb = cv2.cvtColor(marked, cv2.COLOR_BGR2RGB)
        cv2.imwrite(os.path.join(HERE, f'dwtdct-{name}-marked.png'), marked)
        read, means = detect(marked, len(bits))
        mse = np.mean((marked.astype(np.float64) - bgr.astype(np.float64)) ** 2)
        samples = [[x, y, *map(int, rgb[y, x])] for (x, y) in [(0, 0), (5, 7), (20, 20), (70, 20), (100, 200), (rgb.shape[1] - 1, rgb.shape[0] - 1)]]
        out['cases'].append({
            'name': name,
            'width': int(bgr.shape[1]),
            'height': int(bgr.shape[0]),
            'inputSha256': hashlib.sha256(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB).tobytes()).hexdigest(),
            'markedSha256': hashlib.sha256(rgb.tobytes()).hexdigest(),
            'markedSamples': samples,
            'changedBytes': int((marked != bgr).sum()),
            'psnr': float(10 * np.log10(255 ** 2 / mse)),
            'decodedBits': ''.join(map(str, read)),
            'decodedScores': means,
            'unmarkedBits': ''.join(map(str, detect(bgr, len(bits))[0])),
        })
    with open(os.path.join(HERE, 'dwtdct-reference.json'), 'w') as handle:
        json.dump(out, handle, indent=1)
        handle.write('\n')


if __name__ == '__main__':
    main()
