/**
 * Input bytes to text. Terraform writes and reads UTF-8 only; a UTF-8 byte order mark (Windows editors,
 * PowerShell's `Out-File -Encoding utf8`) carries no meaning and is dropped. UTF-16, which PowerShell's `>`
 * writes (`terraform show -json tfplan > plan.json`), and bytes that are not UTF-8 are refused with the
 * input named: decoding them leniently would give replacement characters, and a garbled value is judged
 * as something it is not. Binary content (a saved plan, which is a zip) is not text: it is passed on as
 * it was before, for the binary plan adapter to recognize.
 */
import { PolicyCheckError } from "../errors";

const UTF8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const UTF16_REFUSED = "UTF-16/BOM: re-save as UTF-8 (PowerShell: `terraform show -json tfplan | Out-File -Encoding utf8 plan.json`)";

/** True when the bytes start like UTF-16: a UTF-16 byte order mark, or ASCII text with every other byte zero. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return true;
  const head = bytes.subarray(0, Math.min(bytes.length, 16) & ~1);
  if (head.length < 4) return false;
  const ascii = (zero: number): boolean => head.every((b, i) => (i % 2 === zero ? b === 0 : b !== 0 && b < 0x80));
  return ascii(1) || ascii(0);
}

/** A NUL byte near the start: binary content (a saved plan is a zip), left to the adapters that read it. */
function looksBinary(bytes: Uint8Array): boolean {
  return bytes.subarray(0, 1024).includes(0);
}

/** Decodes input bytes as UTF-8 (without its byte order mark); `input` names the input in errors. */
export function decodeText(bytes: Uint8Array, input: string): string {
  if (looksLikeUtf16(bytes)) throw new PolicyCheckError("INPUT_UNSUPPORTED", UTF16_REFUSED, { input });
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  try {
    return UTF8.decode(bytes.subarray(start));
  } catch {
    if (looksBinary(bytes)) return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
    throw new PolicyCheckError("INPUT_UNSUPPORTED", `is not valid UTF-8 (at byte ${firstInvalidByte(bytes, start)}): re-save as UTF-8`, { input });
  }
}

/** Text already decoded elsewhere (standard input given as a string): drops a byte order mark, refuses UTF-16 read as UTF-8. */
export function decodedText(text: string, input: string): string {
  if (text.startsWith("\ufffd\ufffd") || /^[^\0]?\0/.test(text)) throw new PolicyCheckError("INPUT_UNSUPPORTED", UTF16_REFUSED, { input });
  return text.startsWith("\ufeff") ? text.slice(1) : text;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
function firstInvalidByte(bytes: Uint8Array, from: number): number {
  let i = from;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    // The second byte's range excludes overlong forms, UTF-16 surrogates and code points above U+10FFFF.
    const second = bytes[i + 1] ?? 0;
    const low = lead === 0xe0 ? 0xa0 : lead === 0xf0 ? 0x90 : 0x80;
    const high = lead === 0xed ? 0x9f : lead === 0xf4 ? 0x8f : 0xbf;
    if (length > 1 && (second < low || second > high)) return i;
    for (let k = 2; k < length; k += 1) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += length;
  }
  return i;
}
