#!/usr/bin/env node
// The `weft` command. Weft ships its TypeScript sources and runs them through
// tsx's loader, so a clone works right after `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
