// The utility process's entry: registers tsx's loader (the engine runs from its
// TypeScript sources, as the CLI does), then loads the engine process. CommonJS,
// so Electron can start it whatever its ESM support in utility processes.
const { pathToFileURL } = require('node:url');
const { join } = require('node:path');
const { register } = require('tsx/esm/api');

register();
import(pathToFileURL(join(__dirname, 'engineProcess.ts')).href).catch((error) => {
  console.error(error);
  process.exit(1);
});
