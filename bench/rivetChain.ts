/**
 * The Rivet side of the overhead bench: a chain of `length` nodes, each
 * adding 1 to its input, built as a Rivet Project in memory and run through
 * @ironclad/rivet-node's `runGraph` (the API a Node host calls), so its
 * whole per-run path (GraphProcessor setup, queue, events) is measured.
 *
 * Two node flavours: a custom "add one" node registered next to Rivet's
 * built-ins (the same work as Weft's bench node, so only the scheduler
 * differs), and Rivet's built-in Code node (which compiles its snippet with
 * `new Function` on every call, so it is an upper bound, shown for context).
 */
import type {
  ChartNode,
  DataValue,
  GraphId,
  Inputs,
  NodeConnection,
  NodeGraph,
  NodeId,
  NodeInputDefinition,
  NodeOutputDefinition,
  NodeUIData,
  Outputs,
  PortId,
  Project,
  ProjectId,
} from '@ironclad/rivet-node';
import {
  NodeImpl,
  NodeRegistration,
  nodeDefinition,
  registerBuiltInNodes,
  runGraph,
} from '@ironclad/rivet-node';

export type RivetFlavour = 'custom-node' | 'code-node';

type AddOneNode = ChartNode<'benchAddOne', Record<string, never>>;

class AddOneNodeImpl extends NodeImpl<AddOneNode> {
  static create(): AddOneNode {
    return {
      type: 'benchAddOne',
      id: 'add-one' as NodeId,
      title: 'Add one',
      visualData: { x: 0, y: 0 },
      data: {},
    };
  }

  static getUIData(): NodeUIData {
    return { contextMenuTitle: 'Add one', group: ['Bench'] };
  }

  getInputDefinitions(): NodeInputDefinition[] {
    return [{ id: 'input' as PortId, title: 'Input', dataType: 'number', required: true }];
  }

  getOutputDefinitions(): NodeOutputDefinition[] {
    return [{ id: 'output' as PortId, title: 'Output', dataType: 'number' }];
  }

  async process(inputs: Inputs): Promise<Outputs> {
    const input = inputs['input' as PortId];
    const value = input?.type === 'number' ? input.value : Number.NaN;
    return { ['output' as PortId]: { type: 'number', value: value + 1 } };
  }
}

/** Rivet's built-ins plus the bench's add-one node. */
export function createRivetRegistry(): NodeRegistration {
  const registry = registerBuiltInNodes(new NodeRegistration());
  registry.register(nodeDefinition(AddOneNodeImpl, 'Add one'));
  // NodeRegistration's type parameters list the registered node types; runGraph
  // takes the plain NodeRegistration, which the generic one is not assignable to.
  return registry as unknown as NodeRegistration;
}

const CODE = `return { output: { type: 'number', value: inputs.input.value + 1 } };`;

/** number(0) → `length` add-one nodes → graphOutput "result" (the Project format Rivet files use). */
export function buildRivetChain(length: number, flavour: RivetFlavour): Project {
  const graphId = 'bench-chain' as GraphId;
  const nodes: ChartNode[] = [];
  const connections: NodeConnection[] = [];
  const node = (id: string, type: string, data: unknown): NodeId => {
    nodes.push({
      id: id as NodeId,
      type,
      title: id,
      visualData: { x: nodes.length * 10, y: 0 },
      data,
    });
    return id as NodeId;
  };
  const connect = (from: NodeId, output: string, to: NodeId, input: string): void => {
    connections.push({
      outputNodeId: from,
      outputId: output as PortId,
      inputNodeId: to,
      inputId: input as PortId,
    });
  };

  let previous = node('start', 'number', { value: 0 });
  let previousPort = 'value';
  for (let index = 1; index <= length; index++) {
    const id =
      flavour === 'custom-node'
        ? node(`add${index}`, 'benchAddOne', {})
        : node(`add${index}`, 'code', { code: CODE, inputNames: 'input', outputNames: 'output' });
    connect(previous, previousPort, id, 'input');
    previous = id;
    previousPort = 'output';
  }
  const output = node('result', 'graphOutput', { id: 'result', dataType: 'number' });
  connect(previous, previousPort, output, 'value');

  const graph: NodeGraph = {
    metadata: { id: graphId, name: 'Bench chain', description: '' },
    nodes,
    connections,
  };
  return {
    metadata: { id: 'bench' as ProjectId, title: 'Bench', description: '', mainGraphId: graphId },
    graphs: { [graphId]: graph },
  };
}

/** Runs the chain once and returns the graph's "result" output. */
export async function runRivetChain(project: Project, registry: NodeRegistration): Promise<number> {
  const outputs: Record<string, DataValue> = await runGraph(project, { registry });
  const result = outputs['result'];
  if (result?.type !== 'number')
    throw new Error(`Rivet returned ${JSON.stringify(result)} instead of a number`);
  return result.value;
}
