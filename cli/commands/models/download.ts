/**
 * `weft models download URL [--sha256 H] [--kind K] [--name N]`: into the
 * library folder's KIND folder (default onnx), resuming an interrupted
 * download, refusing a wrong hash, never overwriting. The saved path goes to
 * stdout; progress to stderr (a bar on a terminal, a line per 10% otherwise).
 */
import { extname } from 'node:path';
import type { DownloadProgress } from '../../../engine/node/models/download.ts';
import { DownloadError, downloadModel, nameFromUrl } from '../../../engine/node/models/download.ts';
import { readModelConfig } from '../../../engine/node/models/config.ts';
import { candidatesAt } from '../../../engine/node/models/findCandidates.ts';
import { FAMILY_TITLES, isModelKind, MODEL_KINDS } from '../../../engine/node/models/kinds.ts';
import type { ModelKind } from '../../../engine/node/models/kinds.ts';
import { inspectFile } from '../../../engine/node/models/modelInfo.ts';
import { recogniseCandidate } from '../../../engine/node/models/recogniseCandidate.ts';
import { weftPaths } from '../../../engine/node/paths.ts';
import { parseFlags } from '../../args.ts';
import type { CliIo } from '../../io.ts';
import { EXIT, UsageError } from '../../io.ts';
import { formatBytes, formatDuration } from './format.ts';
import { openLibrary } from './openLibrary.ts';

export async function modelsDownloadCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    sha256: { type: 'string' },
    kind: { type: 'string' },
    name: { type: 'string' },
  });
  const [url, ...extra] = positionals;
  if (!url || extra.length > 0)
    throw new UsageError(
      'weft models download needs one address: weft models download URL [--sha256 H] [--kind K] [--name N]',
    );
  const kind = typeof values.kind === 'string' ? values.kind : 'onnx';
  if (!isModelKind(kind))
    throw new UsageError(`--kind must be one of ${MODEL_KINDS.join(', ')} (got "${kind}").`);
  const name = fileName(url, typeof values.name === 'string' ? values.name : undefined);
  // Opening the library checks config.json and creates the kind folders.
  await openLibrary(io);
  const { root } = await readModelConfig(weftPaths(io.env));

  io.stderr(`Downloading ${url}\n`);
  const progress = io.isTty ? barPrinter(io) : linePrinter(io);
  let result;
  try {
    result = await downloadModel({
      url,
      folder: root,
      kind,
      name,
      ...(typeof values.sha256 === 'string' ? { sha256: values.sha256 } : {}),
      onProgress: progress.update,
      signal: io.signal,
    });
  } catch (error) {
    progress.end();
    if (!(error instanceof DownloadError)) throw error;
    if (error.code === 'bad-name') throw new UsageError(error.message);
    io.stderr(`weft: ${error.message}\n`);
    return error.code === 'cancelled' ? EXIT.cancelled : EXIT.failed;
  }
  progress.end();
  io.stdout(`${result.path}\n`);
  if (result.alreadyPresent) io.stderr(`✓ Already in the library, with the expected sha256.\n`);
  else
    io.stderr(
      `✓ Saved ${formatBytes(result.size)}${result.resumedFrom > 0 ? ` (resumed after ${formatBytes(result.resumedFrom)})` : ''}.\n  sha256 ${result.sha256}${values.sha256 ? ' (verified)' : ''}\n`,
    );
  if (result.path.toLowerCase().endsWith('.onnx')) await describe(result.path, kind, io);
  return EXIT.ok;
}

/** --name without an extension takes the URL's ("rife-v4.6" + ".../model.onnx" → "rife-v4.6.onnx"). */
function fileName(url: string, name: string | undefined): string {
  let fromUrl: string;
  try {
    fromUrl = nameFromUrl(url);
  } catch (error) {
    if (name === undefined) throw new UsageError((error as Error).message);
    return name;
  }
  if (name === undefined) return fromUrl;
  const extension = extname(fromUrl);
  return extension && !name.toLowerCase().endsWith(extension.toLowerCase())
    ? `${name}${extension}`
    : name;
}

async function describe(path: string, kind: ModelKind, io: CliIo): Promise<void> {
  const [candidate] = await candidatesAt(path, kind);
  if (!candidate) return;
  const { recognition } = await recogniseCandidate(candidate, inspectFile);
  const listed = recognition.kind ?? kind;
  io.stderr(
    `  recognised as ${FAMILY_TITLES[recognition.family]}${recognition.variant ? ` (${recognition.variant})` : ''}${listed !== kind ? `; Weft lists it under ${listed}` : ''}\n`,
  );
  for (const problem of recognition.problems) io.stderr(`  ✖ ${problem}\n`);
}

interface Printer {
  update: (progress: DownloadProgress) => void;
  end: () => void;
}

function summary(progress: DownloadProgress): string {
  const size = progress.total
    ? `${formatBytes(progress.bytes)} / ${formatBytes(progress.total)}`
    : formatBytes(progress.bytes);
  const rate = `${formatBytes(Math.round(progress.rate))}/s`;
  const left =
    progress.total && progress.rate > 0
      ? `  ${formatDuration((progress.total - progress.bytes) / progress.rate)} left`
      : '';
  return `${size}  ${rate}${left}`;
}

function barPrinter(io: CliIo): Printer {
  let drawn = false;
  return {
    update: (progress) => {
      const width = Math.max(10, Math.min(30, io.columns - 50));
      const fraction = progress.total ? Math.min(1, progress.bytes / progress.total) : 0;
      const filled = Math.round(fraction * width);
      const percent = progress.total ? `${Math.floor(fraction * 100)}% ` : '';
      const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${percent}${summary(progress)}`;
      io.stderr(`\r\x1b[2K${line.slice(0, Math.max(20, io.columns - 1))}`);
      drawn = true;
    },
    end: () => {
      if (drawn) io.stderr('\r\x1b[2K');
    },
  };
}

/** Without a terminal: a line at the start (saying so when resuming) and at each 10%. */
function linePrinter(io: CliIo): Printer {
  let lastStep = -1;
  let lastBytes = 0;
  return {
    update: (progress) => {
      if (lastStep === -1 && progress.resumedFrom > 0)
        io.stderr(`  resuming after ${formatBytes(progress.resumedFrom)}\n`);
      const step = progress.total
        ? Math.floor((progress.bytes / progress.total) * 10)
        : Math.floor(progress.bytes / 100e6);
      if (step !== lastStep || progress.bytes < lastBytes) {
        if (lastStep !== -1 || step > 0 || progress.total === progress.bytes)
          io.stderr(`  ${progress.total ? `${step * 10}%  ` : ''}${summary(progress)}\n`);
        lastStep = step;
      }
      lastBytes = progress.bytes;
    },
    end: () => undefined,
  };
}
