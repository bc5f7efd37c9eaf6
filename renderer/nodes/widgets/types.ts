/** What every param widget gets. */
import type { ParamSpec, ParamValue } from '../../../engine/common/catalog.ts';
import type { GraphNode } from '../../../engine/common/graph/schema.ts';

export interface WidgetProps<Spec extends ParamSpec = ParamSpec> {
  nodeId: string;
  node: GraphNode;
  spec: Spec;
  /** The saved value, or the definition's default when the file leaves it out. */
  value: ParamValue;
  /** Set when validation found a problem with this field (the widget shows it as invalid). */
  invalid: boolean;
}

export type SpecOf<Kind extends ParamSpec['kind']> = Extract<ParamSpec, { kind: Kind }>;

export function paramLabel(spec: ParamSpec): string {
  return spec.label ?? spec.name;
}
