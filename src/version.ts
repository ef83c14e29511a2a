import packageJson from "../package.json";

/** The package version; also the version of the policy bundle built with it. */
export const VERSION: string = packageJson.version;
