/**
 * The import rules of docs/ARCHITECTURE.md are enforced by eslint.config.js;
 * this proves the lint actually fires for each layer (a rule that silently
 * matched nothing would pass CI forever).
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

// The probes are not files on disk, so type-aware rules are switched off;
// the layering rules under test need no types.
const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

describe('layering', () => {
  it('pure engine code may not import Node built-ins or native libraries', async () => {
    expect(
      await restrictedImports(
        'engine/common/probe.ts',
        "import { readFile } from 'node:fs';\nexport const f = readFile;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'engine/common/probe.ts',
        "import sharp from 'sharp';\nexport const s = sharp;\n",
      ),
    ).toHaveLength(1);
  });

  it('nodes may not import sharp or node:*; they get capabilities through ctx', async () => {
    expect(
      await restrictedImports(
        'nodes/core/probe.ts',
        "import sharp from 'sharp';\nexport const s = sharp;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'nodes/core/probe.ts',
        "import { join } from 'node:path';\nexport const j = join;\n",
      ),
    ).toHaveLength(1);
  });

  it('the Node side of the engine may use Node but never Electron or React', async () => {
    expect(
      await restrictedImports(
        'engine/node/probe.ts',
        "import { join } from 'node:path';\nexport const j = join;\n",
      ),
    ).toHaveLength(0);
    expect(
      await restrictedImports(
        'engine/node/probe.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(1);
    expect(
      await restrictedImports(
        'engine/node/probe.ts',
        "import React from 'react';\nexport const r = React;\n",
      ),
    ).toHaveLength(1);
  });

  it('the CLI never imports Electron', async () => {
    expect(
      await restrictedImports(
        'cli/probe.ts',
        "import { app } from 'electron';\nexport const a = app;\n",
      ),
    ).toHaveLength(1);
  });
});
