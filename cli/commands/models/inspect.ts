/**
 * `weft models inspect PATH [--json]`: a model file or pipeline folder's
 * inputs and outputs (name, dtype, shape), metadata, and what Weft
 * recognises it as. Reads declarations only: no session, no hashing. PATH may
 * also be a library model as KIND/NAME.
 */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { candidatesAt } from '../../../engine/node/models/findCandidates.ts';
import { FAMILY_TITLES, isModelKind } from '../../../engine/node/models/kinds.ts';
import type { ModelInfo } from '../../../engine/node/models/modelInfo.ts';
import { inspectFile } from '../../../engine/node/models/modelInfo.ts';
import { recogniseCandidate } from '../../../engine/node/models/recogniseCandidate.ts';
import type { ModelDetails } from '../../../engine/node/models/recognition.ts';
import { parseFlags } from '../../args.ts';
import type { CliIo } from '../../io.ts';
import { EXIT, UsageError } from '../../io.ts';
import { familyLabel } from './list.ts';
import { formatBytes, formatShape, table } from './format.ts';
import { openLibrary } from './openLibrary.ts';

export async function modelsInspectCommand(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseFlags(args, { json: { type: 'boolean' } });
  if (positionals.length !== 1)
    throw new UsageError(
      'weft models inspect needs one model: weft models inspect PATH (a .onnx file, a pipeline folder, or KIND/NAME).',
    );
  const path = await modelPath(positionals[0]!, io);
  const candidates = await candidatesAt(path);
  if (candidates.length === 0)
    throw new UsageError(`${path} holds no ONNX model (no .onnx file, no model_index.json).`);
  const report = [];
  for (const candidate of candidates) {
    const { recognition, io: components } = await recogniseCandidate(candidate, inspectFile);
    report.push({
      name: candidate.name,
      path: candidate.path,
      type: candidate.type,
      size: candidate.files.reduce((total, file) => total + file.size, 0),
      ...recognition,
      kind: recognition.kind ?? null,
      io: components,
    });
  }
  if (values.json) {
    io.stdout(JSON.stringify(report.length === 1 ? report[0] : report, null, 2) + '\n');
    return EXIT.ok;
  }
  for (const model of report) {
    const kind = model.kind ? ` · ${model.kind}` : '';
    io.stdout(`${model.path}\n  ${familyLabel(model)}${kind} · ${formatBytes(model.size)}\n`);
    for (const [component, info] of Object.entries(model.io))
      io.stdout(describeIo(model.type === 'pipeline' ? component : undefined, info));
    io.stdout(describeDetails(model.details));
    for (const problem of model.problems) io.stdout(`✖ ${problem}\n`);
    for (const note of model.notes) io.stdout(`i ${note}\n`);
    if (model.family === 'onnx' && model.problems.length === 0)
      io.stdout(
        `i Not one of the families Weft knows (${Object.values(FAMILY_TITLES).slice(0, -1).join(', ')}): usable with the generic ONNX node.\n`,
      );
  }
  return report.some((model) => model.problems.length > 0) ? EXIT.failed : EXIT.ok;
}

/** A path, or KIND/NAME of a library model. */
async function modelPath(text: string, io: CliIo): Promise<string> {
  const path = resolve(io.cwd, text);
  if (await stat(path).catch(() => undefined)) return path;
  const [kind, ...rest] = text.split('/');
  if (kind && isModelKind(kind) && rest.length > 0) {
    const library = await openLibrary(io);
    await library.scan({ signal: io.signal });
    const entry = library.find(kind, rest.join('/'));
    if (entry) return entry.path;
  }
  throw new UsageError(
    `There is no file or folder at ${path}, and no library model called "${text}".`,
  );
}

function describeIo(component: string | undefined, info: ModelInfo): string {
  const facts = [
    info.opset !== undefined ? `opset ${info.opset}` : undefined,
    info.irVersion !== undefined ? `IR ${info.irVersion}` : undefined,
    info.producer ? `made by ${info.producer}` : undefined,
    info.externalData?.length ? `weights in ${info.externalData.join(', ')}` : undefined,
  ].filter(Boolean);
  const rows = [
    ['', 'NAME', 'DTYPE', 'SHAPE'],
    ...info.inputs.map((tensor) => ['in', tensor.name, tensor.dtype, formatShape(tensor.shape)]),
    ...info.outputs.map((tensor) => ['out', tensor.name, tensor.dtype, formatShape(tensor.shape)]),
  ];
  const metadata = Object.entries(info.metadata).map(
    ([key, value]) => `  ${key}: ${value.length > 200 ? `${value.slice(0, 200)}…` : value}\n`,
  );
  return (
    `\n${component ? `${component}: ` : ''}${facts.join(', ')}\n` +
    indent(table(rows)) +
    (metadata.length > 0 ? `metadata\n${metadata.join('')}` : '')
  );
}

function describeDetails(details: ModelDetails): string {
  const lines = Object.entries(details)
    .filter(([, value]) => value !== null && !(Array.isArray(value) && value.length === 0))
    .map(
      ([key, value]) => `  ${key}: ${Array.isArray(value) ? value.join('; ') : String(value)}\n`,
    );
  return lines.length > 0 ? `\ndetails\n${lines.join('')}` : '';
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}
