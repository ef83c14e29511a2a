/**
 * Which arguments of a block body are nested blocks. Native syntax says so itself (a block is written as a
 * block), JSON syntax does not: there Terraform asks the provider's schema, and a block that occurs once may
 * be written as one object instead of a list of objects (CDKTF always writes it so). Readers of configuration
 * reshape such objects into one-element lists, Terraform's value shape (a plan's).
 * https://developer.hashicorp.com/terraform/language/syntax/json#nested-block-mapping
 */

/** The nested blocks of a block type, by name; `tree`: every object below is a block (untyped bindings). */
export interface BlockSchema {
  readonly blocks: Readonly<Record<string, BlockSchema>>;
  readonly tree?: true;
}

/** The part of a model type specification that names nested blocks (src/model/spec.ts). */
export interface BlockSpec {
  singleBlocks?: Readonly<Record<string, readonly string[]>>;
  listBlocks?: Readonly<Record<string, ListBlock>>;
}

interface ListBlock {
  listBlocks?: Readonly<Record<string, ListBlock>>;
}

export const NO_BLOCKS: BlockSchema = { blocks: {} };
const TREE: BlockSchema = { blocks: {}, tree: true };

/**
 * Blocks whose whole content is blocks: the WAF rule's `action` and recursive `statement` are typed as
 * untyped objects in CDKTF's provider bindings (`statement: { rate_based_statement: {...} }`).
 */
const BLOCK_TREES: Readonly<Record<string, readonly string[]>> = {
  aws_wafv2_web_acl: ["rule"],
};

function listSchema(blocks: Readonly<Record<string, ListBlock>> | undefined): Record<string, BlockSchema> {
  const out: Record<string, BlockSchema> = Object.create(null) as Record<string, BlockSchema>;
  for (const [name, inner] of Object.entries(blocks ?? {})) out[name] = { blocks: listSchema(inner.listBlocks) };
  return out;
}

/** The blocks of a resource type's body that the model reads (`spec`), plus the block trees above. */
export function resourceBlocks(type: string, spec: BlockSpec | undefined): BlockSchema {
  const blocks = listSchema(spec?.listBlocks);
  for (const name of Object.keys(spec?.singleBlocks ?? {})) blocks[name] = NO_BLOCKS;
  for (const name of Object.hasOwn(BLOCK_TREES, type) ? (BLOCK_TREES[type] as readonly string[]) : []) blocks[name] = TREE;
  return { blocks };
}

/** The schema of a nested block `name` inside a block of `schema`; null when `name` is not a known block. */
export function nestedBlock(schema: BlockSchema, name: string): BlockSchema | null {
  if (schema.tree === true) return TREE;
  return Object.hasOwn(schema.blocks, name) ? (schema.blocks[name] as BlockSchema) : null;
}
