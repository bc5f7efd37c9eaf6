/** Writes one fixture's files into its folder: bytes as they are, objects as stable JSON. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

export type FixtureFile = Uint8Array | Record<string, unknown>;

export async function writeFixtureFiles(
  folder: string,
  files: Record<string, FixtureFile>,
): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const path = join(folder, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(
      path,
      content instanceof Uint8Array ? content : `${JSON.stringify(content, null, 2)}\n`,
    );
  }
}
