/**
 * Values known in part: a string built from literal text and values known only after apply
 * (`"https://${aws_lb.x.dns_name}/"`), or a document whose structure is known and only some leaves are not
 * (`jsonencode({...})` with an interpolated ARN, a heredoc JSON policy with `${...}` inside it).
 *
 * Input adapters hand such a value to the model as its *partial text*: the value as far as it is known,
 * with each unknown part spelled as a placeholder that starts with UNKNOWN_PART (`known-after-apply:` and
 * the expression it stands for, so two statements naming the same unknown ARN agree). The model reads the
 * partial text here, once: the known prefix of a string (so rules see the scheme of a URL), and documents
 * (policies, OpenAPI bodies) whose unknown leaves are then marked one by one.
 */
import { parseNestedJson } from "../ingest/json";
import { UNKNOWN_PART } from "./types";

export { UNKNOWN_PART };

/** The characters a placeholder may hold after UNKNOWN_PART (IAM patterns and globs treat them literally). */
const PLACEHOLDER = /known-after-apply(?::[A-Za-z0-9_.:/-]*)?/g;

/** True when a string of a partially known value holds an unknown part. */
export function hasUnknownPart(text: string): boolean {
  return text.includes(UNKNOWN_PART);
}

/** True when any string in a parsed JSON value (keys included) holds an unknown part. */
export function containsUnknownPart(value: unknown): boolean {
  if (typeof value === "string") return hasUnknownPart(value);
  if (Array.isArray(value)) return value.some(containsUnknownPart);
  if (typeof value === "object" && value !== null) {
    return Object.entries(value).some(([key, inner]) => hasUnknownPart(key) || containsUnknownPart(inner));
  }
  return false;
}

/**
 * The literal text a partially known string certainly starts with: everything before its first unknown
 * part (`https://` of `https://known-after-apply:aws_lb.x.dns_name/`). Empty when it starts unknown.
 */
export function knownPrefix(partial: string): string {
  const at = partial.indexOf(UNKNOWN_PART);
  return at < 0 ? partial : partial.slice(0, at);
}

/**
 * Parses the partial text of a JSON document. A placeholder inside a JSON string stays part of that string;
 * one standing as a whole value (`"Values": ${jsonencode(var.ids)}`) is quoted first, so it becomes a string
 * leaf that holds an unknown part. Placeholders anywhere else (a key, half a number) leave the text
 * unparsable: then this throws, as JSON.parse does.
 */
export function parsePartialJson(text: string): unknown {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (inString) {
      out += c;
      if (c === "\\") {
        out += text[i + 1] ?? "";
        i += 1;
      } else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    if (text.startsWith(UNKNOWN_PART, i)) {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(text);
      const placeholder = match?.index === i ? match[0] : UNKNOWN_PART;
      out += JSON.stringify(placeholder);
      i += placeholder.length - 1;
      continue;
    }
    out += c;
  }
  return parseNestedJson(out);
}
