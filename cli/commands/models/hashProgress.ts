/**
 * Progress while the library hashes new or changed models (a multi-gigabyte
 * UNet takes a while, once): a redrawn line on a terminal, one line per large
 * file otherwise.
 */
import type { ScanProgress } from '../../../engine/node/models/library.ts';
import type { CliIo } from '../../io.ts';
import { formatBytes } from './format.ts';

/** Without a terminal, files smaller than this hash too fast to be worth a line. */
const QUIET_BELOW = 64e6;

export function hashProgress(io: CliIo): {
  onProgress: (progress: ScanProgress) => void;
  done: () => void;
} {
  let current = '';
  let drawn = false;
  return {
    onProgress: (progress) => {
      const started = progress.file !== current;
      current = progress.file;
      if (io.isTty) {
        const percent =
          progress.total === 0 ? 100 : Math.floor((progress.bytes / progress.total) * 100);
        const line = `hashing ${progress.model}  ${formatBytes(progress.bytes)} / ${formatBytes(progress.total)}  ${percent}%`;
        io.stderr(`\r\x1b[2K${line.slice(0, Math.max(20, io.columns - 1))}`);
        drawn = true;
      } else if (started && progress.total >= QUIET_BELOW) {
        io.stderr(`hashing ${progress.model}: ${progress.file} (${formatBytes(progress.total)})\n`);
      }
    },
    done: () => {
      if (drawn) io.stderr('\r\x1b[2K');
      drawn = false;
    },
  };
}
