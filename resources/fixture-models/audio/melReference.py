# Reference numbers for melFilterbank.test.ts and melSpectrogram.test.ts.
#
# librosa is not available where Weft is built, so this is librosa's
# filters.mel(sr, n_fft, n_mels, fmin, fmax, htk=False, norm="slaney") and
# HiFi-GAN's meldataset.mel_spectrogram transcribed into plain numpy, array
# by array (float32 weights, float64 ramps, as librosa computes them).
# Run: python3 resources/fixture-models/audio/melReference.py
import numpy as np

F_SP = 200.0 / 3
MIN_LOG_HZ = 1000.0
MIN_LOG_MEL = MIN_LOG_HZ / F_SP
LOGSTEP = np.log(6.4) / 27.0


def hz_to_mel(hz):
    hz = np.asanyarray(hz, dtype=np.float64)
    mels = hz / F_SP
    log_t = hz >= MIN_LOG_HZ
    mels = np.where(log_t, MIN_LOG_MEL + np.log(np.maximum(hz, 1e-300) / MIN_LOG_HZ) / LOGSTEP, mels)
    return mels


def mel_to_hz(mels):
    mels = np.asanyarray(mels, dtype=np.float64)
    freqs = F_SP * mels
    log_t = mels >= MIN_LOG_MEL
    return np.where(log_t, MIN_LOG_HZ * np.exp(LOGSTEP * (mels - MIN_LOG_MEL)), freqs)


def mel_filterbank(sr, n_fft, n_mels, fmin, fmax):
    weights = np.zeros((n_mels, 1 + n_fft // 2), dtype=np.float32)
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin), hz_to_mel(fmax), n_mels + 2))
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    for i in range(n_mels):
        lower = -ramps[i] / fdiff[i]
        upper = ramps[i + 2] / fdiff[i + 1]
        weights[i] = np.maximum(0, np.minimum(lower, upper))
    enorm = 2.0 / (mel_f[2 : n_mels + 2] - mel_f[:n_mels])
    weights *= enorm[:, np.newaxis]
    return weights, mel_f


def hifigan_mel(y, sr=22050, n_fft=1024, hop=256, win=1024, n_mels=80, fmin=0, fmax=8000):
    basis, _ = mel_filterbank(sr, n_fft, n_mels, fmin, fmax)
    pad = (n_fft - hop) // 2
    y = np.pad(y.astype(np.float64), (pad, pad), mode="reflect")
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(win) / win)  # torch.hann_window: periodic
    frames = 1 + (len(y) - n_fft) // hop
    out = np.zeros((n_mels, frames))
    for t in range(frames):
        spectrum = np.fft.rfft(y[t * hop : t * hop + n_fft] * window)
        magnitude = np.sqrt(spectrum.real**2 + spectrum.imag**2 + 1e-9)
        out[:, t] = basis.astype(np.float64) @ magnitude
    return np.log(np.maximum(out, 1e-5))


np.set_printoptions(precision=17)
weights, mel_f = mel_filterbank(22050, 1024, 80, 0.0, 8000.0)
print("mel_f[:4], mel_f[-3:]", repr(mel_f[:4]), repr(mel_f[-3:]))
print("row sums 0, 1, 10, 40, 79", [repr(float(weights[i].sum(dtype=np.float64))) for i in (0, 1, 10, 40, 79)])
for row in (0, 1, 10, 40, 79):
    nz = np.nonzero(weights[row])[0]
    print("row", row, "nonzero bins", nz[0], nz[-1], "values", [repr(float(v)) for v in weights[row, nz]])
print("total", repr(float(weights.sum(dtype=np.float64))))

sr = 22050
n = np.arange(4096)
signal = (0.5 * np.sin(2 * np.pi * 440 * n / sr) + 0.25 * np.sin(2 * np.pi * 3000 * n / sr)).astype(np.float32)
mel = hifigan_mel(signal)
print("mel shape", mel.shape)
for (m, t) in ((0, 0), (11, 0), (11, 8), (12, 15), (55, 7), (54, 0), (30, 4), (79, 3)):
    print("mel", m, t, repr(float(mel[m, t])))
