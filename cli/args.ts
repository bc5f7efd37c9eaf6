/**
 * Command-line flags, parsed by node:util and checked by one zod schema per
 * command, so the type and the check never drift.
 */
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { PROVIDER_SETTINGS } from '../engine/node/onnx/providers.ts';
import { UsageError } from './io.ts';

const commaList = z.string().transform((text) =>
  text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0),
);

const override = z.string().transform((text, context) => {
  const equals = text.indexOf('=');
  if (equals <= 0) {
    context.addIssue({ code: 'custom', message: `"${text}" is not of the form name=value` });
    return z.NEVER;
  }
  return { target: text.slice(0, equals), value: text.slice(equals + 1) };
});

/** "512MB", "2GB", "1.5 GiB", "1048576" → bytes. */
const byteSize = z.string().transform((text, context) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([KMGT]?)(?:i?B)?\s*$/i.exec(text);
  if (!match) {
    context.addIssue({
      code: 'custom',
      message: `"${text}" is not a size; write it like 512MB or 2GB`,
    });
    return z.NEVER;
  }
  const power = ' KMGT'.indexOf((match[2] || ' ').toUpperCase());
  return Math.round(Number(match[1]) * 1024 ** power);
});

export const runFlagsSchema = z.object({
  file: z.string(),
  /** name=value positionals and --set node.param=value, in the order given. */
  overrides: z.array(override),
  out: z.string().optional(),
  targets: commaList.optional(),
  json: z.boolean().default(false),
  cacheDir: z.string().optional(),
  noCache: z.boolean().default(false),
  inputDirs: z.array(z.string()).default([]),
  concurrency: z.coerce.number().int().min(1).max(64).optional(),
  provider: z.enum(PROVIDER_SETTINGS).optional(),
  memoryBudget: byteSize.optional(),
  diskBudget: byteSize.optional(),
  verbose: z.boolean().default(false),
});
export type RunFlags = z.infer<typeof runFlagsSchema>;

export function parseRunFlags(args: readonly string[]): RunFlags {
  const { values, positionals } = parse(args, {
    set: { type: 'string', multiple: true },
    out: { type: 'string', short: 'o' },
    targets: { type: 'string' },
    json: { type: 'boolean' },
    'cache-dir': { type: 'string' },
    'no-cache': { type: 'boolean' },
    'input-dir': { type: 'string', multiple: true },
    concurrency: { type: 'string' },
    provider: { type: 'string' },
    'memory-budget': { type: 'string' },
    'disk-budget': { type: 'string' },
    verbose: { type: 'boolean', short: 'v' },
  });
  const [file, ...named] = positionals;
  if (!file)
    throw new UsageError(
      'weft run needs a graph file: weft run GRAPH.weft.json [name=value …] [--set node.param=value …]',
    );
  return check(runFlagsSchema, {
    file,
    overrides: [...named, ...((values.set as string[] | undefined) ?? [])],
    out: values.out,
    targets: values.targets,
    json: values.json,
    cacheDir: values['cache-dir'],
    noCache: values['no-cache'],
    inputDirs: values['input-dir'],
    concurrency: values.concurrency,
    provider: values.provider,
    memoryBudget: values['memory-budget'],
    diskBudget: values['disk-budget'],
    verbose: values.verbose,
  });
}

export const serveFlagsSchema = z.object({
  host: z.string().min(1).default('127.0.0.1'),
  /** 0 picks any free port. */
  port: z.coerce.number().int().min(0).max(65535).default(7860),
  /** Default: a new random token each start. */
  token: z
    .string()
    .regex(
      /^[A-Za-z0-9._~-]{16,256}$/,
      'a token is 16 to 256 letters, digits, ".", "_", "~" or "-"',
    )
    .optional(),
  workspace: z.string().min(1).optional(),
  noBuild: z.boolean().default(false),
  verbose: z.boolean().default(false),
});
export type ServeFlags = z.infer<typeof serveFlagsSchema>;

export function parseServeFlags(args: readonly string[]): ServeFlags {
  const { values, positionals } = parse(args, {
    host: { type: 'string' },
    port: { type: 'string', short: 'p' },
    token: { type: 'string' },
    workspace: { type: 'string', short: 'w' },
    'no-build': { type: 'boolean' },
    verbose: { type: 'boolean', short: 'v' },
  });
  if (positionals.length > 0)
    throw new UsageError(
      `weft serve takes no file names ("${positionals[0]}"); choose the folder with --workspace DIR.`,
    );
  return check(serveFlagsSchema, {
    host: values.host,
    port: values.port,
    token: values.token,
    workspace: values.workspace,
    noBuild: values['no-build'],
    verbose: values.verbose,
  });
}

type ArgOptions = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

export function parseFlags(
  args: readonly string[],
  options: ArgOptions,
): {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
} {
  return parse(args, options);
}

function parse(args: readonly string[], options: ArgOptions) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(
      error instanceof Error ? error.message.replace(/^.*?: /, '') : String(error),
    );
  }
}

function check<T>(schema: z.ZodType<T>, input: unknown): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  throw new UsageError(`${where}${issue.message}`);
}
