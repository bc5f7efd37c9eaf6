/**
 * core/text-template: prompt text from a template with inputs, seeded
 * choices and wildcard files (the language is described in template.ts).
 */
import type { NodeDefinition } from '../../engine/common/catalog.ts';
import { defineNode } from '../../engine/common/nodeApi.ts';
import { optionalTextInput } from './inputs.ts';
import { readParams } from './params.ts';
import { renderTemplate, wildcardOptions } from './template.ts';

const VARIABLES = ['a', 'b', 'c', 'd'] as const;

const definition: NodeDefinition = {
  type: 'core/text-template',
  version: 1,
  title: 'Text Template',
  category: 'Text',
  description:
    'Builds text from a template. {a}–{d} insert the connected inputs, {red|green|blue} picks one option using the seed, and __name__ picks a line of wildcards/name.txt next to the graph. Write \\{ for a literal brace.',
  inputs: VARIABLES.map((name) => ({
    name,
    type: 'TEXT' as const,
    optional: true,
    description: `Inserted wherever the template says {${name}}.`,
  })),
  outputs: [{ name: 'text', type: 'TEXT' }],
  params: [
    {
      name: 'template',
      kind: 'string',
      label: 'Template',
      default: 'a {red|green|blue} circle',
      multiline: true,
      placeholder: 'a {red|green|blue} {a} on __backgrounds__',
    },
    {
      name: 'seed',
      kind: 'seed',
      label: 'Seed',
      default: 0,
      description:
        'Chooses the options of {x|y} and __wildcards__; the same seed always gives the same text.',
    },
  ],
};

export const textTemplateNode = defineNode({
  definition,
  async run(inputs, params, ctx) {
    const read = readParams(definition, params);
    const template = read.string('template');
    const seed = read.int('seed');
    const variables: Record<string, string | undefined> = {};
    for (const name of VARIABLES) variables[name] = optionalTextInput(definition, inputs, name);

    const files = new Map<string, Promise<readonly string[]>>();
    const decoder = new TextDecoder('utf-8');
    const text = await renderTemplate(template, {
      variables,
      rng: ctx.rng(seed),
      wildcard(name) {
        let options = files.get(name);
        if (!options) {
          options = ctx.files
            .read(`wildcards/${name}.txt`)
            .then((bytes) => wildcardOptions(decoder.decode(bytes)));
          files.set(name, options);
        }
        return options;
      },
    });
    return { text };
  },
});
