// A stand-in engine process for the host's tests: it speaks the host's wire
// (ready, pong, protocol messages) and misbehaves on cue, the way a native
// model can take the real one down. Forked by node's child_process.
//   run.start  → starts a run, reports node "sampler" running, then aborts (SIGABRT)
//   runs.list  → spins forever (no more heartbeat answers)
//   catalog    → never answers
//   hello      → answers with its pid
// env FAKE_ENGINE_FATAL: sends `fatal` with that text and exits 1 instead of starting.
const send = (message) => process.send(message);
const workspace = process.argv[process.argv.indexOf('--workspace') + 1];

if (process.env.FAKE_ENGINE_FATAL) {
  send({ kind: 'fatal', message: process.env.FAKE_ENGINE_FATAL });
  setTimeout(() => process.exit(1), 20);
} else {
  process.on('message', (message) => {
    if (message.kind === 'ping') return send({ kind: 'pong', seq: message.seq });
    const { id, op } = message.request;
    const answer = (result) => send({ kind: 'message', message: { id, ok: true, result } });
    const push = (event) =>
      send({
        kind: 'message',
        message: { push: 'run-event', event: { runId: 'run-1', time: Date.now(), ...event } },
      });
    switch (op) {
      case 'hello':
        return answer({ protocol: 1, appVersion: 'fake', workspace, pid: process.pid });
      case 'run.start':
        answer({ runId: 'run-1' });
        push({ type: 'run-start', graphHash: 'h', nodes: ['prompt', 'sampler'], provider: 'cpu' });
        push({ type: 'node-start', nodeId: 'prompt', nodeType: 'prompt/text' });
        push({
          type: 'node-done',
          nodeId: 'prompt',
          nodeType: 'prompt/text',
          durationMs: 1,
          outputs: {},
          files: ['outputs/a.png'],
        });
        push({ type: 'node-start', nodeId: 'sampler', nodeType: 'diffusion/sampler' });
        return setTimeout(() => process.abort(), 50);
      case 'runs.list':
        setTimeout(() => {
          for (;;);
        }, 10);
        return undefined;
      case 'catalog':
        return undefined;
      default:
        return send({
          kind: 'message',
          message: { id, ok: false, error: { code: 'UNKNOWN_OPERATION', message: op } },
        });
    }
  });
  setTimeout(() => send({ kind: 'ready', workspace }), 20);
}
