import { AST_NODE_TYPES as NODE_TYPES } from '@typescript-eslint/utils';

/**
 * typescript-eslint's node type names, bound once for the whole plugin. Read through the import,
 * every `AST_NODE_TYPES.X` in the bundled plugin goes through three re-export getters
 * (`@typescript-eslint/utils` → `typescript-estree` → `types`): about 5 % of lint time in the
 * model before it bound the object once, and again in each rule's listeners.
 */
export const AST_NODE_TYPES = NODE_TYPES;
