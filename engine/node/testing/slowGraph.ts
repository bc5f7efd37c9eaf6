/**
 * A graph of core nodes slow enough (a 2400² gradient padded eight times)
 * that a cancel sent after its first node lands mid-run: the CLI's [K1] test
 * and the protocol handler's cancel test share it.
 */
export function slowGraph(title = 'Slow'): {
  format: 'weft/graph';
  version: 1;
  meta: { title: string };
  nodes: Record<string, unknown>;
} {
  const nodes: Record<string, unknown> = {
    bg: {
      type: 'core/gradient',
      params: { width: 2400, height: 2400, from: '#000000', to: '#ffffff', angle: 45 },
    },
  };
  let previous = 'bg';
  for (let i = 0; i < 8; i++) {
    nodes[`pad${i}`] = {
      type: 'core/pad',
      params: { top: 1, color: i % 2 ? '#ff0000' : '#00ff00' },
      inputs: { image: `${previous}.image` },
    };
    previous = `pad${i}`;
  }
  nodes.save = { type: 'core/save-image', inputs: { image: `${previous}.image` } };
  return { format: 'weft/graph', version: 1, meta: { title }, nodes };
}
