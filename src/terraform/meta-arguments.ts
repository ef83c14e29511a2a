/**
 * Terraform language facts every reader of configuration shares: which arguments of a block are
 * meta-arguments (they shape instances, not values), and what JSON syntax ignores.
 * https://developer.hashicorp.com/terraform/language/meta-arguments
 */

/** Meta-arguments of `resource`, `data` and `module` blocks: never values of the resource or module inputs. */
export const META_ARGUMENTS: ReadonlySet<string> = new Set([
  "count",
  "for_each",
  "provider",
  "providers",
  "depends_on",
  "lifecycle",
  "provisioner",
  "connection",
  "source",
  "version",
]);

/**
 * A property named `//` in a Terraform JSON block body is a comment, ignored by Terraform (CDKTF writes its
 * metadata there: construct path, unique ID, stack name).
 * https://developer.hashicorp.com/terraform/language/syntax/json#comment-properties
 */
export const JSON_COMMENT = "//";

/** Terraform's own diagnostic for a block with both `count` and `for_each`. */
export const COUNT_AND_FOR_EACH = 'Invalid combination of "count" and "for_each": a block may use one of them, not both';

/** True when a block body uses both `count` and `for_each`, which Terraform rejects before planning. */
export function hasCountAndForEach(body: Readonly<Record<string, unknown>>): boolean {
  return body["count"] !== undefined && body["for_each"] !== undefined;
}
