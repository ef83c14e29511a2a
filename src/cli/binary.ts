/**
 * The standalone binary's entry point: the `policy-check` command exactly as dist/src/cli/main.js runs it
 * for the npm package. `npm run package:binary` (scripts/package-binary.ts) bundles this file and all it
 * imports into the one script the binary runs; in that bundle no module is `require.main`, so main.ts's own
 * entry check stays false and this file starts the command.
 */
import { run, runAsProcess } from "./main";

runAsProcess(run);
