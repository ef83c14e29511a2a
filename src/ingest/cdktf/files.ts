/** File names of a CDKTF output, in a module of their own: the registry names them without loading the adapter. */
export const MANIFEST = "manifest.json";
export const STACK_FILE = "cdk.tf.json";
