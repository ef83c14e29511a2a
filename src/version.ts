import { readAsset } from "./assets";

/** The package version (package.json's); also the version of the policy bundle built with it. */
export const VERSION: string = (JSON.parse(readAsset("package.json").toString("utf8")) as { version: string }).version;
