/**
 * Every resource bound policy-check enforces on its inputs, in one place, each with why it is what it is.
 * Passing one is a one-line exit-2 error naming the input and the limit (never an out-of-memory crash, a
 * stack overflow or a hang). They are generous: real plans, sources and bundles stay far below them.
 */
import { constants } from "node:buffer";

const MiB = 1024 * 1024;

/**
 * An input read into one string before JSON.parse (a CDKTF stack, a plan that is not streamed: standard input
 * given as a string, and the second reading that names line and column in an error) can be no longer than
 * V8's longest string (about 512 MiB on 64-bit Node).
 */
export const MAX_PLAN_BYTES: number = constants.MAX_STRING_LENGTH;

/**
 * A plan read as a stream (src/ingest/plan/stream.ts): memory follows its API Gateway resources, not its
 * size, but every address is remembered to refuse duplicates (about 100 bytes each) and reading takes about
 * a second per 200 MiB. 64 GiB is far past any real plan and still ends in minutes, not hours.
 */
export const MAX_STREAMED_PLAN_BYTES = 64 * 1024 * MiB;

/**
 * One value the streaming plan reader parses at once (one entry of `resource_changes`, one configuration
 * resource): it is held as bytes and as a string while parsed. Real entries are kilobytes; an OpenAPI body
 * inlined in a resource is megabytes.
 */
export const STREAM_SLICE_BYTES = 256 * MiB;

/** Standard input kept while it is streamed, so a malformed plan can be read again for a precise error. */
export const STDIN_REREAD_BYTES = 64 * MiB;

/**
 * One Terraform source file (`.tf`, `.tf.json`, `.tfvars`, a `file()` argument) or `.policy-check.yaml`:
 * people write these; the HCL parser holds each in WebAssembly memory several times over.
 */
export const MAX_SOURCE_FILE_BYTES = 64 * MiB;

/** A `--bundle` file as stored (gzipped): the built-in bundle is under 1 MiB. */
export const MAX_BUNDLE_BYTES = 64 * MiB;

/** A bundle once gunzipped: a gzip bomb stops here instead of filling memory (built-in: under 1 MiB). */
export const MAX_BUNDLE_UNPACKED_BYTES = 256 * MiB;

/**
 * Nesting of arrays and objects in a JSON value (plans, stack files, policy documents, OpenAPI bodies,
 * `jsondecode`): the model is built and serialized by recursive code, and real plans nest about 20 deep.
 */
export const MAX_JSON_DEPTH = 256;

/** Nesting of one HCL expression (parentheses, calls, collections): the parser and evaluator recurse. */
export const MAX_EXPRESSION_DEPTH = 256;

/**
 * Values evaluated while evaluating another (`local.a = local.b`, variables, module outputs): a chain of
 * locals is evaluated by recursion, one frame set per link.
 */
export const MAX_REFERENCE_DEPTH = 256;

/** Module calls inside module calls; a module that calls itself (a cycle) reaches it too. */
export const MAX_MODULE_DEPTH = 32;

/** Instances of one `count` or `for_each` (API Gateway's own quotas are hundreds per account). */
export const MAX_INSTANCES_PER_BLOCK = 10_000;

/** Resource and module instances of one Terraform source scan, all modules together. */
export const MAX_INSTANCES = 100_000;

/** Human-readable size for messages: `64 MiB`. */
export function formatBytes(bytes: number): string {
  return bytes >= MiB ? `${Math.floor(bytes / MiB)} MiB` : `${bytes} bytes`;
}
