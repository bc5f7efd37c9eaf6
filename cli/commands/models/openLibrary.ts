/**
 * Opens the user's model library for a command: config errors are usage
 * errors, warnings go to stderr. The bundled fixtures are generated when
 * missing (see openHostLibrary; WEFT_BUNDLED_MODELS="" leaves them out).
 */
import { ModelConfigError } from '../../../engine/node/models/config.ts';
import type { ModelLibrary } from '../../../engine/node/models/library.ts';
import { openHostLibrary } from '../../../engine/node/host.ts';
import { weftPaths } from '../../../engine/node/paths.ts';
import type { CliIo } from '../../io.ts';
import { UsageError } from '../../io.ts';

export async function openLibrary(io: CliIo): Promise<ModelLibrary> {
  try {
    return await openHostLibrary(weftPaths(io.env), io.env, {
      onWarning: (message) => io.stderr(`weft: ${message}\n`),
      onInfo: (message) => io.stderr(`weft: ${message}\n`),
    });
  } catch (error) {
    if (error instanceof ModelConfigError) throw new UsageError(error.message);
    throw error;
  }
}
