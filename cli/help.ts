export const HELP = `weft: run Weft node graphs from the command line

Usage:
  weft run GRAPH.weft.json [name=value …] [--set node.param=value …] [options]
  weft validate GRAPH.weft.json …  [--json]
  weft nodes [--json]
  weft graph-from IMAGE.png

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
  --memory-budget SIZE   memory cache budget, e.g. 512MB (default 2GB)
  --disk-budget SIZE     disk cache budget, e.g. 5GB (default 20GB)
  -v, --verbose          show stack traces for internal errors

Exit codes: 0 ok, 1 the run failed, 2 invalid graph or usage, 130 cancelled.
Environment: WEFT_HOME moves Weft's data, cache and run records.
`;
