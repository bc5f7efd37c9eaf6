/**
 * The settings panel's form: the engine's Settings as editable text, checked
 * field by field with the protocol's own schema (so the form never accepts
 * what the engine would refuse), and turned back into the patch settings.set
 * takes (changed fields only). Pure.
 */
import type { ProviderInfo, Settings } from '../../engine/common/protocol/messages.ts';
import { settingsSchema } from '../../engine/common/protocol/messages.ts';

export interface SettingsForm {
  provider: string;
  memoryBudgetMiB: string;
  diskBudgetMiB: string;
  cacheDir: string;
  modelsRoot: string;
  /** One folder per line. */
  modelSearchPaths: string;
}

export type SettingsField = keyof SettingsForm;
export type FieldErrors = Partial<Record<SettingsField, string>>;

export const SETTINGS_FIELDS: readonly SettingsField[] = [
  'provider',
  'memoryBudgetMiB',
  'diskBudgetMiB',
  'cacheDir',
  'modelsRoot',
  'modelSearchPaths',
];

export function toForm(settings: Settings): SettingsForm {
  return {
    provider: settings.provider,
    memoryBudgetMiB: String(settings.memoryBudgetMiB),
    diskBudgetMiB: String(settings.diskBudgetMiB),
    cacheDir: settings.cacheDir,
    modelsRoot: settings.modelsRoot,
    modelSearchPaths: settings.modelSearchPaths.join('\n'),
  };
}

const MEMORY = { min: 64, max: 1024 * 1024 };
const DISK = { min: 0, max: 64 * 1024 * 1024 };

function readMiB(text: string, range: { min: number; max: number }, what: string): number | string {
  const trimmed = text.trim();
  const value = Number(trimmed);
  if (trimmed === '' || !Number.isInteger(value) || value < range.min || value > range.max) {
    return `${what} is a whole number of MiB from ${range.min} to ${range.max}.`;
  }
  return value;
}

export type FormResult =
  { ok: true; patch: Partial<Settings> } | { ok: false; errors: FieldErrors };

/** Reads the form; `providers` are the ones the engine offers (unavailable ones are refused). */
export function readForm(
  form: SettingsForm,
  current: Settings,
  providers: readonly ProviderInfo[] = [],
): FormResult {
  const errors: FieldErrors = {};
  const next: Partial<Settings> = {};

  const provider = settingsSchema.shape.provider.safeParse(form.provider);
  const info = providers.find((candidate) => candidate.name === form.provider);
  if (!provider.success)
    errors.provider = `"${form.provider}" is not an execution provider Weft knows.`;
  else if (info && !info.available && form.provider !== current.provider) {
    errors.provider = `${info.label} is not available here${info.reason ? `: ${info.reason}` : '.'}`;
  } else next.provider = provider.data;

  const memory = readMiB(form.memoryBudgetMiB, MEMORY, 'The memory budget');
  if (typeof memory === 'string') errors.memoryBudgetMiB = memory;
  else next.memoryBudgetMiB = memory;
  const disk = readMiB(form.diskBudgetMiB, DISK, 'The disk budget');
  if (typeof disk === 'string') errors.diskBudgetMiB = disk;
  else next.diskBudgetMiB = disk;

  const cacheDir = form.cacheDir.trim();
  if (cacheDir === '') errors.cacheDir = 'Choose a folder for the disk cache.';
  else next.cacheDir = cacheDir;
  const modelsRoot = form.modelsRoot.trim();
  if (modelsRoot === '') errors.modelsRoot = 'Choose the model library folder.';
  else next.modelsRoot = modelsRoot;
  next.modelSearchPaths = form.modelSearchPaths
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, patch: changedFields(next, current) };
}

function changedFields(next: Partial<Settings>, current: Settings): Partial<Settings> {
  const patch: Partial<Settings> = {};
  for (const key of Object.keys(next) as (keyof Settings)[]) {
    if (JSON.stringify(next[key]) !== JSON.stringify(current[key]))
      Object.assign(patch, { [key]: next[key] });
  }
  return patch;
}

/** The form field a host's error names ("modelSearchPaths.1" → "modelSearchPaths"). */
export function fieldOfError(field: string | undefined): SettingsField | undefined {
  if (!field) return undefined;
  const head = field.split('.')[0];
  return SETTINGS_FIELDS.find((name) => name === head);
}
