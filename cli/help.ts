export const HELP = `weft: run Weft node graphs from the command line

Usage:
  weft run GRAPH.weft.json [name=value …] [--set node.param=value …] [options]
  weft validate GRAPH.weft.json …  [--json]
  weft nodes [--json]
  weft graph-from IMAGE.png
  weft models list [--kind KIND] [--json]
  weft models inspect PATH|KIND/NAME [--json]
  weft models verify [GRAPH.weft.json …] [--json]
  weft models download URL [--sha256 HASH] [--kind KIND] [--name NAME]
  weft serve [--port N] [--host H] [--token T] [--workspace DIR] [--no-build]
  weft doctor [--json]

weft run options:
  name=value             set a named graph input (see the graph's "inputs")
  --set node.param=value set any param of any node (repeatable)
  -o, --out DIR          where outputs are written (default ./weft-output)
  --targets id,…         run only what these nodes need
  --json                 events as JSON lines on stderr, a JSON result on stdout
  --cache-dir DIR        the disk cache folder (default: the user cache folder)
  --no-cache             neither read nor write the cache
  --input-dir DIR        also allow reading input files from DIR (repeatable)
  --concurrency N        nodes that may run at once (default 4)
  --provider NAME        auto (default), cpu, cuda, dml, coreml or webgpu
  --memory-budget SIZE   memory cache budget, e.g. 512MB (default 2GB)
  --disk-budget SIZE     disk cache budget, e.g. 5GB (default 20GB)
  -v, --verbose          show stack traces for internal errors

weft models:
  Models live in <data>/models/<kind>/ (kinds: diffusion, controlnet, vocoder,
  interpolation, depth, onnx), plus the folders in config.json "models.searchPaths"
  and the bundled fixture models. See docs/MODELS.md.
  list                   every model found: kind, name, family, size, where
  inspect                inputs, outputs, metadata and the recognised family
  verify                 recompute sha256s; exit 1 if a model changed or a graph's is missing
  download               resumable; --sha256 refuses another file; never overwrites
  WEFT_BUNDLED_MODELS=DIR uses another bundled folder; set empty, none.

weft serve: the editor in a browser, on this machine's engine
  Prints "Weft editor: http://127.0.0.1:7860/?token=…": open that address.
  -p, --port N           the port (default 7860; 0 picks any free port)
  --host H               the address to listen on (default 127.0.0.1, this
                         machine only; 0.0.0.0 lets other machines in)
  --token T              a fixed token (default: a random one kept in Weft's data
                         folder, so a restarted server keeps it and open editors
                         reconnect; delete <data>/serve-token for a new one)
  -w, --workspace DIR    the folder the editor opens, saves and runs in
                         (default: the current folder; outputs go to DIR/outputs)
  --no-build             serve dist/renderer as it is, without rebuilding it
  Ctrl+C stops the server (exit 0).

weft doctor: ffmpeg (path, version, codecs), ONNX Runtime providers, model
  folders, cache size and Chromium; exit 1 when something Weft needs is missing.
  FFMPEG_PATH=FILE uses that ffmpeg instead of the bundled one.

Exit codes: 0 ok, 1 the run failed, 2 invalid graph or usage, 130 cancelled.
Environment: WEFT_HOME moves Weft's data, cache and run records.
`;
