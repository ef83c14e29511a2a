/**
 * Terminal colour for the text report, through Node's `util.styleText` (no hand-written escape codes). Whether
 * to colour is decided once, by the CLI (`--color`/`--no-color`, FORCE_COLOR, NO_COLOR, a terminal): styleText
 * is asked not to second-guess it (`validateStream: false`; Node 22.13+ would otherwise check process.stdout,
 * which is not where a report written in-process or to a file goes). Node before 20.12 has no styleText: the
 * report is then plain.
 */
import * as util from "node:util";

export type Style = "bold" | "dim" | "red" | "green" | "magenta" | "yellow" | "cyan";

type StyleText = (format: Style | Style[], text: string, options?: { validateStream?: boolean }) => string;

const styleText: StyleText | undefined = (util as unknown as { styleText?: StyleText }).styleText;

/** A function that styles text when `color` is on, and returns it unchanged otherwise. */
export function painter(color: boolean): (style: Style | Style[], text: string) => string {
  if (!color || styleText === undefined) return (_style, text) => text;
  return (style, text) => (text === "" ? text : styleText(style, text, { validateStream: false }));
}

/**
 * The colour decision: the flags; then NO_COLOR (no-color.org: set and non-empty), which wins over FORCE_COLOR
 * as in picocolors, since an explicit opt-out must hold even where a tool (jest's workers, some CI images)
 * exports FORCE_COLOR for everything; then FORCE_COLOR (set and not `0`/`false` forces colour, `0`/`false`
 * turns it off); then TERM=dumb; then whether standard output is a terminal.
 */
export function colorWanted(flag: boolean | null, env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (flag !== null) return flag;
  if ((env["NO_COLOR"] ?? "") !== "") return false;
  const force = env["FORCE_COLOR"];
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env["TERM"] === "dumb") return false;
  return isTty;
}
