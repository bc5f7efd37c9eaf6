/**
 * The palette's search: every word typed must match the node somewhere
 * (title, type, category, description, port names and types); matches in
 * the title count most, then the type, the category, the ports, and last the
 * description. With a wire in hand, only nodes that can take (or give) its
 * type are listed.
 */
import { paramValueType, type NodeDefinition } from '../../engine/common/catalog.ts';
import { canConnect, type ValueType } from '../../engine/common/valueTypes.ts';

export interface TypeFilter {
  type: ValueType;
  /** 'input': the node must take `type` (a wire from an output); 'output': it must give it. */
  needs: 'input' | 'output';
}

export function acceptsFilter(definition: NodeDefinition, filter: TypeFilter): boolean {
  if (filter.needs === 'output') {
    return definition.outputs.some((output) => canConnect(output.type, filter.type));
  }
  return (
    definition.inputs.some((input) => canConnect(filter.type, input.type)) ||
    definition.params.some((param) => canConnect(filter.type, paramValueType(param)))
  );
}

function wordScore(definition: NodeDefinition, word: string): number {
  const title = definition.title.toLowerCase();
  if (title === word) return 100;
  if (title.startsWith(word)) return 60;
  if (title.split(/[\s/-]+/).some((part) => part.startsWith(word))) return 45;
  if (title.includes(word)) return 30;
  if (definition.type.toLowerCase().includes(word)) return 25;
  if (definition.category.toLowerCase().startsWith(word)) return 15;
  const ports = [...definition.inputs, ...definition.outputs];
  if (ports.some((port) => port.type.toLowerCase() === word)) return 12;
  if (ports.some((port) => port.name.toLowerCase().startsWith(word))) return 8;
  if (definition.description.toLowerCase().includes(word)) return 5;
  if (isSubsequence(word, title)) return 2;
  return 0;
}

function isSubsequence(needle: string, haystack: string): boolean {
  let at = 0;
  for (const character of haystack) if (character === needle[at]) at += 1;
  return at === needle.length;
}

export function searchNodes(
  definitions: readonly NodeDefinition[],
  query: string,
  filter?: TypeFilter,
): NodeDefinition[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  const candidates = filter
    ? definitions.filter((definition) => acceptsFilter(definition, filter))
    : definitions;
  const scored: { definition: NodeDefinition; score: number }[] = [];
  for (const definition of candidates) {
    let score = 0;
    for (const word of words) {
      const points = wordScore(definition, word);
      if (points === 0) {
        score = -1;
        break;
      }
      score += points;
    }
    if (score >= 0) scored.push({ definition, score });
  }
  return scored
    .sort(
      (a, b) =>
        b.score - a.score ||
        (words.length === 0 ? a.definition.category.localeCompare(b.definition.category) : 0) ||
        a.definition.title.localeCompare(b.definition.title),
    )
    .map((entry) => entry.definition);
}
