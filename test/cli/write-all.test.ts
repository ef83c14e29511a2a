/**
 * writeAllSync (src/cli/main.ts): every byte of the text reaches the descriptor, whether a write takes it all,
 * is cut short (a pipe with little room) or finds no room yet (EAGAIN on a non-blocking pipe).
 */
import fs, { closeSync, mkdtempSync, openSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { writeAllSync } from "../../src/cli/main";

const realWriteSync = fs.writeSync;

afterEach(() => {
  jest.restoreAllMocks();
});

/** Writes `text` through writeAllSync to a new file, with `write` standing in for fs.writeSync; the file's bytes. */
function written(text: string, write: typeof fs.writeSync): Buffer {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "write-all-")), "out");
  const fd = openSync(file, "w");
  jest.spyOn(fs, "writeSync").mockImplementation(write);
  try {
    writeAllSync(fd, text, "out");
  } finally {
    jest.restoreAllMocks();
    closeSync(fd);
  }
  return readFileSync(file);
}

// Characters of two and four UTF-8 bytes: a write cut short ends inside one of them.
const TEXT = `${"ascii ".repeat(50)}é ü — 🔒 ${"more ".repeat(50)}`;

test("a write that takes everything: the text as it is, in one call", () => {
  const calls: unknown[] = [];
  const bytes = written(TEXT, ((fd: number, data: string | NodeJS.ArrayBufferView, ...rest: never[]) => {
    calls.push(data);
    return realWriteSync(fd, data as string, ...rest);
  }) as typeof fs.writeSync);
  expect(bytes.toString("utf8")).toBe(TEXT);
  expect(calls).toEqual([TEXT]);
});

test("writes cut short, inside a character too, and a pipe without room: the rest follows, byte for byte", () => {
  let call = 0;
  const bytes = written(TEXT, ((fd: number, data: string | NodeJS.ArrayBufferView, offset?: number, length?: number) => {
    call += 1;
    const all = typeof data === "string" ? Buffer.from(data, "utf8") : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    const from = typeof data === "string" ? 0 : (offset ?? 0);
    const end = typeof data === "string" ? all.length : from + (length ?? all.length - from);
    if (call === 2) throw Object.assign(new Error("EAGAIN: resource temporarily unavailable, write"), { code: "EAGAIN" });
    // Seven bytes at a time: cuts fall inside the multi-byte characters.
    return realWriteSync(fd, all, from, Math.min(7, end - from));
  }) as typeof fs.writeSync);
  expect(bytes.equals(Buffer.from(TEXT, "utf8"))).toBe(true);
  expect(call).toBeGreaterThan(Buffer.byteLength(TEXT) / 7);
});
