# METADATA
# title: Input schema
# description: >-
#   Every package under apigw reads `input` as the typed model; `opa check --schema schema/` type-checks
#   each rule against schema/model.json, generated from src/model/types.ts.
# scope: subpackages
# schemas:
#   - input: schema.model
package apigw
