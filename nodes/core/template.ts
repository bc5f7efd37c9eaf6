/**
 * The prompt template language of core/text-template:
 *
 *   {a} … {d}        the text of an input
 *   {red|green|blue} one option, drawn with the node's seed ({|very } may pick nothing)
 *   __name__         one line of wildcards/name.txt (names: letters, digits, _ - /)
 *   \{ \} \| \\ \_   a literal {, }, |, \ or _ (any other \ is kept as is)
 *
 * Options and wildcard lines are templates themselves, so they nest. Every
 * choice draws one number from the generator when it is reached, in reading
 * order, and only the chosen branch is expanded: the same seed and template
 * always give the same text. The template is parsed completely before
 * anything is drawn, so a mistake anywhere is reported first, with its
 * line and column.
 */
import type { Rng } from '../../engine/common/nodeApi.ts';
import { NodeError } from '../../engine/common/nodeApi.ts';

type Part =
  | { kind: 'text'; text: string }
  | { kind: 'variable'; name: string; offset: number }
  | { kind: 'choice'; options: Part[][]; offset: number }
  | { kind: 'wildcard'; name: string; offset: number };

export interface TemplateEnvironment {
  /** The variables the template may use; undefined marks one that exists but has no value (an unconnected input). */
  variables: Readonly<Record<string, string | undefined>>;
  rng: Rng;
  /** The options of wildcard `name` (blank lines and comments already removed). */
  wildcard(name: string): Promise<readonly string[]>;
}

const ESCAPABLE = new Set(['{', '}', '|', '\\', '_']);
const WILDCARD = /__([A-Za-z0-9][A-Za-z0-9_\-/]*?)__/y;
const VARIABLE = /^[A-Za-z][A-Za-z0-9_]*$/;
const MAX_DEPTH = 16;

/** Where an error happened: "line 2, column 7", plus the wildcard file when inside one. */
interface Source {
  text: string;
  label: string;
}

function where(source: Source, offset: number): string {
  const before = source.text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `${source.label} at line ${line}, column ${column}`;
}

function syntaxError(source: Source, offset: number, message: string): NodeError {
  return new NodeError('TEMPLATE_SYNTAX', `${message} (${where(source, offset)}).`, 'template');
}

function parse(source: Source, variables: TemplateEnvironment['variables']): Part[] {
  const { text } = source;
  let index = 0;

  function sequence(inBraces: boolean): Part[] {
    const parts: Part[] = [];
    let literal = '';
    const flush = () => {
      if (literal) parts.push({ kind: 'text', text: literal });
      literal = '';
    };
    while (index < text.length) {
      const character = text[index]!;
      if (character === '\\') {
        const next = text[index + 1];
        if (next !== undefined && ESCAPABLE.has(next)) {
          literal += next;
          index += 2;
        } else {
          literal += character;
          index += 1;
        }
      } else if (character === '{') {
        flush();
        parts.push(braces());
      } else if (character === '}' || character === '|') {
        if (inBraces) break;
        if (character === '}') {
          throw syntaxError(
            source,
            index,
            'This "}" closes nothing. Write \\} for a literal brace',
          );
        }
        literal += character;
        index += 1;
      } else if (character === '_' && text[index + 1] === '_') {
        WILDCARD.lastIndex = index;
        const match = WILDCARD.exec(text);
        if (match) {
          flush();
          parts.push({ kind: 'wildcard', name: match[1]!, offset: index });
          index += match[0].length;
        } else {
          literal += '__';
          index += 2;
        }
      } else {
        literal += character;
        index += 1;
      }
    }
    flush();
    return parts;
  }

  function braces(): Part {
    const offset = index;
    index += 1;
    const options: Part[][] = [];
    for (;;) {
      options.push(sequence(true));
      const closer = text[index];
      index += 1;
      if (closer === '}') break;
      if (closer === undefined) {
        throw syntaxError(
          source,
          offset,
          'This "{" is never closed. Close it with "}", or write \\{ for a literal brace',
        );
      }
    }
    if (options.length > 1) return { kind: 'choice', options, offset };
    const only = options[0]!;
    const first = only[0];
    const name =
      only.length === 0 ? '' : only.length === 1 && first?.kind === 'text' ? first.text : null;
    if (name === '') {
      throw syntaxError(
        source,
        offset,
        'Empty braces "{}". Write a variable like {a}, a choice like {x|y}, or \\{\\} for literal braces',
      );
    }
    if (name === null || !VARIABLE.test(name)) {
      throw syntaxError(
        source,
        offset,
        'A single value in braces must be a variable like {a}; for a random choice separate options with "|"',
      );
    }
    checkVariable(name, offset);
    return { kind: 'variable', name, offset };
  }

  function checkVariable(name: string, offset: number): void {
    if (!Object.hasOwn(variables, name)) {
      const known = Object.keys(variables)
        .map((variable) => `{${variable}}`)
        .join(', ');
      throw new NodeError(
        'TEMPLATE_UNKNOWN_VARIABLE',
        `Unknown variable {${name}} (${where(source, offset)}). The variables are ${known}; write \\{ for a literal brace.`,
        'template',
      );
    }
    if (variables[name] === undefined) {
      throw new NodeError(
        'TEMPLATE_INPUT_MISSING',
        `The template uses {${name}} (${where(source, offset)}) but input "${name}" is not connected. Connect it, or remove {${name}}.`,
        name,
      );
    }
  }

  return sequence(false);
}

async function expand(
  parts: readonly Part[],
  source: Source,
  environment: TemplateEnvironment,
  depth: number,
): Promise<string> {
  let result = '';
  for (const part of parts) {
    switch (part.kind) {
      case 'text':
        result += part.text;
        break;
      case 'variable':
        result += environment.variables[part.name] ?? '';
        break;
      case 'choice': {
        const chosen = part.options[environment.rng.int(part.options.length)]!;
        result += await expand(chosen, source, environment, depth);
        break;
      }
      case 'wildcard':
        result += await expandWildcard(part.name, part.offset, source, environment, depth);
        break;
    }
  }
  return result;
}

async function expandWildcard(
  name: string,
  offset: number,
  source: Source,
  environment: TemplateEnvironment,
  depth: number,
): Promise<string> {
  const file = `wildcards/${name}.txt`;
  if (depth >= MAX_DEPTH) {
    throw new NodeError(
      'TEMPLATE_TOO_DEEP',
      `Wildcards nest more than ${MAX_DEPTH} deep at __${name}__ (${where(source, offset)}). Does ${file} refer to itself?`,
      'template',
    );
  }
  const lines = await environment.wildcard(name);
  if (lines.length === 0) {
    throw new NodeError(
      'WILDCARD_EMPTY',
      `${file} has no options (${where(source, offset)}). Write one option per line; lines starting with # are comments.`,
      'template',
    );
  }
  const index = environment.rng.int(lines.length);
  const line = lines[index]!;
  const lineSource: Source = { text: line, label: `${file}, option ${index + 1}` };
  return expand(parse(lineSource, environment.variables), lineSource, environment, depth + 1);
}

/**
 * Expands a template. Syntax errors, unknown variables and unconnected
 * inputs anywhere in it (chosen or not) are reported before anything is
 * drawn; those inside a wildcard line when that line is chosen.
 */
export async function renderTemplate(
  template: string,
  environment: TemplateEnvironment,
): Promise<string> {
  const source: Source = { text: template, label: 'the template' };
  return expand(parse(source, environment.variables), source, environment, 0);
}

/** The options of a wildcard file: one per line, trimmed; blank lines and lines starting with # are skipped. */
export function wildcardOptions(fileText: string): string[] {
  return fileText
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
