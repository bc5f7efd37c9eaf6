/**
 * One WebSocket client of the protocol: each text message is a request
 * (JSON), each answer a Response; every push of the handler goes to every
 * connected socket (two tabs both see a run's progress).
 */
import type { WebSocket } from 'ws';
import type { HostMessage } from '../../common/protocol/messages.ts';
import type { ProtocolHandler } from '../protocol/handler.ts';

export function serveSocket(socket: WebSocket, handler: ProtocolHandler): void {
  const send = (message: HostMessage) => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const unsubscribe = handler.subscribe(send);
  socket.on('message', (data, isBinary) => {
    let request: unknown;
    try {
      request = isBinary ? undefined : JSON.parse(rawText(data));
    } catch {
      request = undefined;
    }
    void handler.handle(request).then(send);
  });
  socket.on('close', unsubscribe);
  socket.on('error', () => socket.terminate());
}

function rawText(data: Buffer | ArrayBuffer | Buffer[]): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return (Buffer.isBuffer(data) ? data : Buffer.from(data)).toString('utf8');
}
