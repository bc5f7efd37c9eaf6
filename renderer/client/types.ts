/**
 * The renderer's one way to the engine: typed requests, pushed messages and
 * the connection state. Two transports implement the wire (WebSocket for
 * `weft serve`, the preload bridge in Electron); nothing else in the renderer
 * knows which one it has.
 */
import type {
  HostMessage,
  Operation,
  OperationParams,
  OperationResult,
  ProtocolError,
  PushMessage,
  Request,
} from '../../engine/common/protocol/messages.ts';

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface EngineClient {
  request<Op extends Operation>(op: Op, params: OperationParams<Op>): Promise<OperationResult<Op>>;
  /** Messages the host pushes (run events, download progress). Returns an unsubscribe. */
  onPush(listener: (message: PushMessage) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
  readonly connection: ConnectionState;
  /** A URL for a workspace file (an output image, say) usable in <img src>. */
  fileUrl(path: string): string;
  close(): void;
}

/** What a transport does: carry requests out and host messages in, and report its state. */
export interface Transport {
  send(request: Request): void;
  onMessage(listener: (message: HostMessage) => void): () => void;
  onState(listener: (state: ConnectionState) => void): () => void;
  readonly state: ConnectionState;
  fileUrl(path: string): string;
  close(): void;
}

/** A request the host refused; `code`, `field` and `issues` come from the protocol. */
export class ClientError extends Error {
  readonly code: ProtocolError['code'] | 'DISCONNECTED';
  readonly field: string | undefined;
  readonly issues: ProtocolError['issues'];
  constructor(error: ProtocolError | { code: 'DISCONNECTED'; message: string }) {
    super(error.message);
    this.name = 'ClientError';
    this.code = error.code;
    this.field = 'field' in error ? error.field : undefined;
    this.issues = 'issues' in error ? error.issues : undefined;
  }
}
