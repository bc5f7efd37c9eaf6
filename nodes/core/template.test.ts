import { describe, expect, it } from 'vitest';
import { createRng } from '../../engine/common/rng.ts';
import type { TemplateEnvironment } from './template.ts';
import { renderTemplate, wildcardOptions } from './template.ts';
import { expectNodeError } from '../../engine/node/testing/nodeErrors.ts';

function environment(
  seed: number,
  options: {
    variables?: Record<string, string | undefined>;
    wildcards?: Record<string, string[]>;
  } = {},
): TemplateEnvironment & { loaded: string[] } {
  const loaded: string[] = [];
  return {
    loaded,
    variables: options.variables ?? { a: 'cat', b: undefined },
    rng: createRng(seed),
    async wildcard(name) {
      loaded.push(name);
      const lines = options.wildcards?.[name];
      if (!lines) throw new Error(`no wildcard ${name}`);
      return lines;
    },
  };
}

describe('renderTemplate', () => {
  it('substitutes variables and keeps other text as is', async () => {
    expect(await renderTemplate('a {a} on a mat, 100% done', environment(0))).toBe(
      'a cat on a mat, 100% done',
    );
  });

  it('draws each choice in reading order from the seed', async () => {
    for (const seed of [0, 1, 2, 3, 42]) {
      const rng = createRng(seed);
      const colour = ['red', 'green', 'blue'][rng.int(3)];
      const shape = ['circle', 'square'][rng.int(2)];
      expect(await renderTemplate('a {red|green|blue} {circle|square}', environment(seed))).toBe(
        `a ${colour} ${shape}`,
      );
    }
  });

  it('gives the same text for the same seed, and varies with the seed', async () => {
    const template = '{a|b|c|d|e|f|g|h}{a|b|c|d|e|f|g|h}{a|b|c|d|e|f|g|h}';
    const first = await renderTemplate(template, environment(7));
    expect(await renderTemplate(template, environment(7))).toBe(first);
    const others = await Promise.all(
      [8, 9, 10, 11].map((seed) => renderTemplate(template, environment(seed))),
    );
    expect(new Set([first, ...others]).size).toBeGreaterThan(1);
  });

  it('expands only the chosen option of nested choices, drawing as it goes', async () => {
    const rng = createRng(3);
    const outer = rng.int(2);
    const expected = outer === 0 ? `big ${['red', 'blue'][rng.int(2)]}` : 'small';
    expect(await renderTemplate('{big {red|blue}|small}', environment(3))).toBe(expected);
    // An empty option is allowed: "{|very }" sometimes adds nothing.
    const optional = await renderTemplate('{|very }good', environment(0));
    expect(['good', 'very good']).toContain(optional);
  });

  it('picks wildcard lines with the same generator, and wildcard lines may use the syntax too', async () => {
    const wildcards = {
      colours: ['red', 'warm {orange|yellow}'],
      'sky/time': ['dawn', 'dusk', 'night'],
    };
    const rng = createRng(11);
    const colourIndex = rng.int(2);
    const colour = colourIndex === 0 ? 'red' : `warm ${['orange', 'yellow'][rng.int(2)]}`;
    const time = ['dawn', 'dusk', 'night'][rng.int(3)];
    const env = environment(11, { wildcards });
    expect(await renderTemplate('__colours__ sky at __sky/time__', env)).toBe(
      `${colour} sky at ${time}`,
    );
    expect(env.loaded).toEqual(['colours', 'sky/time']);
  });

  it('treats names with single underscores as one wildcard', async () => {
    const env = environment(0, { wildcards: { my_list: ['only'] } });
    expect(await renderTemplate('x __my_list__ y', env)).toBe('x only y');
  });

  it('reads escapes as literal characters and leaves unknown escapes alone', async () => {
    expect(await renderTemplate('\\{a\\} \\| \\\\ \\__x__ C:\\path', environment(0))).toBe(
      '{a} | \\ __x__ C:\\path',
    );
    expect(await renderTemplate('a | b __ c', environment(0))).toBe('a | b __ c');
  });

  it('names the line and column of an unclosed brace', async () => {
    const error = await expectNodeError(
      renderTemplate('first line\nsecond {red|green', environment(0)),
    );
    expect(error.code).toBe('TEMPLATE_SYNTAX');
    expect(error.field).toBe('template');
    expect(error.message).toBe(
      'This "{" is never closed. Close it with "}", or write \\{ for a literal brace (the template at line 2, column 8).',
    );
  });

  it('names the position of a stray closing brace and of empty braces', async () => {
    expect((await expectNodeError(renderTemplate('ab}', environment(0)))).message).toContain(
      'line 1, column 3',
    );
    expect((await expectNodeError(renderTemplate('x {}', environment(0)))).message).toMatch(
      /^Empty braces "\{\}".*column 3/,
    );
  });

  it('reports an unknown variable before drawing anything, even in an option never chosen', async () => {
    const env = environment(0);
    const error = await expectNodeError(renderTemplate('{x|y} and {red|{style}}', env));
    expect(error.code).toBe('TEMPLATE_UNKNOWN_VARIABLE');
    expect(error.message).toBe(
      'Unknown variable {style} (the template at line 1, column 16). The variables are {a}, {b}; write \\{ for a literal brace.',
    );
  });

  it('says when a variable is used but its input is not connected', async () => {
    const error = await expectNodeError(renderTemplate('a {b}', environment(0)));
    expect(error.code).toBe('TEMPLATE_INPUT_MISSING');
    expect(error.field).toBe('b');
    expect(error.message).toContain('input "b" is not connected');
  });

  it('names the wildcard file and option of an error inside a wildcard line', async () => {
    const env = environment(0, { wildcards: { broken: ['{oops'] } });
    const error = await expectNodeError(renderTemplate('__broken__', env));
    expect(error.message).toContain('(wildcards/broken.txt, option 1 at line 1, column 1)');
  });

  it('refuses an empty wildcard file and endless self-reference', async () => {
    const empty = await expectNodeError(
      renderTemplate('__none__', environment(0, { wildcards: { none: [] } })),
    );
    expect(empty.code).toBe('WILDCARD_EMPTY');
    expect(empty.message).toMatch(/^wildcards\/none\.txt has no options/);
    const loop = await expectNodeError(
      renderTemplate('__me__', environment(0, { wildcards: { me: ['again __me__'] } })),
    );
    expect(loop.code).toBe('TEMPLATE_TOO_DEEP');
    expect(loop.message).toContain('Does wildcards/me.txt refer to itself?');
  });
});

describe('wildcardOptions', () => {
  it('keeps one trimmed option per line, skipping blanks, comments and a BOM', () => {
    expect(
      wildcardOptions('\uFEFF# colours\r\nred\n\n  green  \n#blue\nyellow # not a comment\n'),
    ).toEqual(['red', 'green', 'yellow # not a comment']);
  });
});
