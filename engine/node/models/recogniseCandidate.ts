/**
 * Reads what recognition needs from disk (each ONNX file's I/O, a pipeline's
 * small JSON files) and hands it to the pure recognisers. Unreadable files
 * become problems on the result, never exceptions: one broken model must
 * not hide the rest of the library.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Candidate } from './findCandidates.ts';
import { absoluteFile } from './findCandidates.ts';
import type { InspectModel, ModelInfo } from './modelInfo.ts';
import { recogniseFile, recognisePipeline } from './recognise.ts';
import type { Recognition } from './recognition.ts';
import { recognition } from './recognition.ts';

export interface CandidateRecognition {
  recognition: Recognition;
  /** Each ONNX file's I/O: `model` for a single file, the component name in a pipeline. */
  io: Record<string, ModelInfo>;
}

/** The JSON files that carry settings; vocab.json (a megabyte of tokens) is not one of them. */
const SETTINGS_JSON =
  /^(model_index\.json|scheduler\/scheduler_config\.json|[^/]+\/config\.json|tokenizer(_2)?\/(special_tokens_map|tokenizer_config)\.json)$/;
const COMPONENT = /^([^/]+)\/model\.onnx$/;

export async function recogniseCandidate(
  candidate: Candidate,
  inspect: InspectModel,
): Promise<CandidateRecognition> {
  if (candidate.type === 'file') {
    try {
      const info = await inspect(candidate.path);
      const hint = `${candidate.name} ${basename(candidate.path)}`;
      const found = recogniseFile(hint, info);
      const missing = await missingExternalData(candidate.path, basename(candidate.path), info);
      return {
        recognition: { ...found, problems: [...missing, ...found.problems] },
        io: { model: info },
      };
    } catch (error) {
      return {
        recognition: recognition(
          'onnx',
          undefined,
          {},
          {
            problems: [
              `${basename(candidate.path)} could not be read as an ONNX model (${message(error)}). It may be incomplete or damaged: download it again.`,
            ],
          },
        ),
        io: {},
      };
    }
  }
  const json: Record<string, unknown> = {};
  const problems: string[] = [];
  const components: Record<string, ModelInfo | { error: string }> = {};
  const io: Record<string, ModelInfo> = {};
  for (const file of candidate.files) {
    if (SETTINGS_JSON.test(file.path)) {
      try {
        json[file.path] = JSON.parse(await readFile(absoluteFile(candidate, file), 'utf8'));
      } catch (error) {
        problems.push(`${file.path} is not valid JSON (${message(error)}).`);
      }
    }
    const component = COMPONENT.exec(file.path)?.[1];
    if (component) {
      try {
        const info = await inspect(absoluteFile(candidate, file));
        components[component] = info;
        io[component] = info;
        problems.push(
          ...(await missingExternalData(absoluteFile(candidate, file), file.path, info)),
        );
      } catch (error) {
        components[component] = { error: message(error) };
      }
    }
  }
  const found = recognisePipeline({
    name: candidate.name,
    files: candidate.files.map((file) => file.path),
    json,
    components,
  });
  return { recognition: { ...found, problems: [...problems, ...found.problems] }, io };
}

/** The external weights a model names must sit beside it; ONNX Runtime fails late and vaguely otherwise. */
async function missingExternalData(
  absolutePath: string,
  shownPath: string,
  info: ModelInfo,
): Promise<string[]> {
  const missing: string[] = [];
  for (const location of info.externalData ?? []) {
    const exists = await stat(join(dirname(absolutePath), location)).catch(() => undefined);
    if (!exists?.isFile())
      missing.push(
        `${location} is missing: ${shownPath} keeps its weights in it. Download it into the same folder.`,
      );
  }
  return missing;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
