/**
 * The entry point of the bundled command: the `policy-check` command exactly as dist/src/cli/main.js runs it.
 * `npm run build` (scripts/bundle-cli.ts) bundles this file and all it imports into dist/cli.js, the npm
 * package's bin, and the standalone binary (scripts/package-binary.ts) embeds the same bundle; in a bundle no
 * module is `require.main`, so main.ts's own entry check stays false and this file starts the command.
 */
import { run, runAsProcess } from "./main";

runAsProcess(run);
