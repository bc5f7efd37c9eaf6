/**
 * The shell's import rules (eslint.config.js) fire where they should: the
 * sandboxed preload loads no Node and no zod, main never loads the engine
 * (only its paths module), the engine process never touches Electron, and
 * the IPC contract stays pure.
 */
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({
  cwd: new URL('..', import.meta.url).pathname,
  overrideConfig: [tseslint.configs.disableTypeChecked],
});

async function refused(filePath: string, source: string): Promise<number> {
  const [result] = await eslint.lintText(`${source}\nexport const used = imported;\n`, {
    filePath,
  });
  return (result?.messages ?? []).filter(
    (message) => message.ruleId === '@typescript-eslint/no-restricted-imports',
  ).length;
}

describe('electron layering', () => {
  it('keeps the preload sandbox-safe', async () => {
    expect(
      await refused(
        'electron/preload/probe.ts',
        "import { contextBridge as imported } from 'electron';",
      ),
    ).toBe(0);
    expect(
      await refused('electron/preload/probe.ts', "import { readFile as imported } from 'node:fs';"),
    ).toBe(1);
    expect(await refused('electron/preload/probe.ts', "import { z as imported } from 'zod';")).toBe(
      1,
    );
    expect(
      await refused(
        'electron/preload/probe.ts',
        "import { Shell as imported } from '../main/shell.ts';",
      ),
    ).toBe(1);
  });

  it('keeps the engine out of the main process', async () => {
    expect(
      await refused(
        'electron/main/probe.ts',
        "import { Engine as imported } from '../../engine/node/engine.ts';",
      ),
    ).toBe(1);
    expect(
      await refused('electron/main/probe.ts', "import imported from 'onnxruntime-node';"),
    ).toBe(1);
    expect(
      await refused(
        'electron/main/probe.ts',
        "import { weftPaths as imported } from '../../engine/node/paths.ts';",
      ),
    ).toBe(0);
    expect(
      await refused('electron/main/probe.ts', "import { app as imported } from 'electron';"),
    ).toBe(0);
  });

  it('keeps Electron out of the engine process and the contract pure', async () => {
    expect(
      await refused('electron/utility/probe.ts', "import { app as imported } from 'electron';"),
    ).toBe(1);
    expect(
      await refused(
        'electron/utility/probe.ts',
        "import { createProtocolHandler as imported } from '../../engine/node/protocol/handler.ts';",
      ),
    ).toBe(0);
    expect(
      await refused('electron/common/probe.ts', "import { join as imported } from 'node:path';"),
    ).toBe(1);
    expect(
      await refused('electron/common/probe.ts', "import { ipcMain as imported } from 'electron';"),
    ).toBe(1);
  });
});
