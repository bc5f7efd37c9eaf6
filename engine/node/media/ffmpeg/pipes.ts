/**
 * Moving raw bytes through ffmpeg's pipes with backpressure both ways:
 * `readBlocks` pulls fixed-size blocks (one audio chunk, one video frame) and
 * the stream is paused while the consumer has not asked for the next one, so
 * memory stays at the pipe's buffer plus one block; `writeAll` waits for
 * 'drain' and fails if ffmpeg closes its input first.
 */
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';

/**
 * Yields `blockBytes`-sized blocks (each a fresh buffer the consumer may
 * keep), then the remainder, if any, as a shorter last block. Pipe chunks
 * arrive at any size: blocks are assembled across them.
 */
export async function* readBlocks(
  stream: Readable,
  blockBytes: number,
): AsyncGenerator<Uint8Array, void, undefined> {
  let block = new Uint8Array(blockBytes);
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(blockBytes - filled, chunk.length - offset);
      block.set(chunk.subarray(offset, offset + take), filled);
      filled += take;
      offset += take;
      if (filled === blockBytes) {
        yield block;
        block = new Uint8Array(blockBytes);
        filled = 0;
      }
    }
  }
  if (filled > 0) yield block.subarray(0, filled);
}

/** Writes `data`, waiting while the pipe is full; rejects when the reader has gone. */
export async function writeAll(stream: Writable, data: Uint8Array): Promise<void> {
  if (stream.destroyed || stream.writableEnded) throw new PipeClosedError();
  if (stream.write(data)) return;
  await new Promise<void>((resolve, reject) => {
    const settle = (error?: Error): void => {
      stream.off('drain', onDrain);
      stream.off('close', onClose);
      stream.off('error', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(new PipeClosedError());
    stream.on('drain', onDrain);
    stream.on('close', onClose);
    stream.on('error', onClose);
  });
}

/** ffmpeg stopped reading: the real reason is in its exit status, which callers report instead. */
export class PipeClosedError extends Error {
  override readonly name = 'PipeClosedError';
  constructor() {
    super('ffmpeg closed its input before all data was written');
  }
}

/** Ends the pipe and waits until it has flushed (or ffmpeg has gone). */
export async function endInput(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableFinished) return;
  const finished = Promise.race([
    once(stream, 'finish').catch(() => {}),
    once(stream, 'close').catch(() => {}),
  ]);
  stream.end();
  await finished;
}
