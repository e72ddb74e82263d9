/**
 * The fix kit's bindings: how a suggestion calls an imported function at a place — by the name
 * already in scope when it is that very function (imported or destructured from `require` of
 * one of the module's specifiers), else by a new named import (`imports.ts`). A name in scope
 * that is something else makes the call unwritable there.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '../model/node-types';
import { keyName, unwrap } from '../model/ast';
import { addNamedImport } from './imports';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** A callable name and the fixes that bring it into scope (undefined when they cannot). */
export interface Binding {
  call: string;
  imports: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[] | undefined;
}

function visibleVariable(
  sourceCode: SourceCode,
  name: string,
  at: TSESTree.Node,
): TSESLint.Scope.Variable | undefined {
  for (
    let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at);
    scope;
    scope = scope.upper
  ) {
    const variable = scope.set.get(name);
    if (variable) return variable;
  }
  return undefined;
}

/** The module and export a variable is bound to by its declaration, as written (`node:fs` stays). */
function importSource(
  variable: TSESLint.Scope.Variable,
): { module: string; imported?: string } | undefined {
  const def = variable.defs[0];
  if (def?.type === 'ImportBinding') {
    const declaration = def.parent as TSESTree.ImportDeclaration;
    const spec = def.node;
    return {
      module: String(declaration.source.value),
      imported:
        spec.type === AST_NODE_TYPES.ImportSpecifier
          ? spec.imported.type === AST_NODE_TYPES.Identifier
            ? spec.imported.name
            : String(spec.imported.value)
          : undefined,
    };
  }
  if (def?.type === 'Variable' && def.node.init) {
    const init = unwrap(def.node.init);
    if (
      init.type === AST_NODE_TYPES.CallExpression &&
      init.callee.type === AST_NODE_TYPES.Identifier &&
      init.callee.name === 'require' &&
      init.arguments[0]?.type === AST_NODE_TYPES.Literal
    ) {
      const module = String(init.arguments[0].value);
      if (def.node.id.type === AST_NODE_TYPES.Identifier) return { module };
      if (def.node.id.type === AST_NODE_TYPES.ObjectPattern) {
        for (const p of def.node.id.properties)
          if (
            p.type === AST_NODE_TYPES.Property &&
            p.value.type === AST_NODE_TYPES.Identifier &&
            p.value.name === variable.name
          )
            return { module, imported: keyName(p) };
      }
    }
  }
  return undefined;
}

/**
 * How to call the named export `name` of `modules` (the first is the specifier a new import
 * writes) at `at`, reusing the binding in scope or adding an import.
 */
export function namedBinding(
  sourceCode: SourceCode,
  filename: string,
  name: string,
  modules: readonly string[],
  at: TSESTree.Node,
): Binding | undefined {
  const existing = visibleVariable(sourceCode, name, at);
  if (existing) {
    const source = importSource(existing);
    return source && modules.includes(source.module) && source.imported === name
      ? { call: name, imports: () => [] }
      : undefined;
  }
  if (!sourceCode.ast.body[0]) return undefined;
  return {
    call: name,
    imports: (fixer) =>
      addNamedImport(fixer, sourceCode, filename, {
        name,
        from: modules[0],
        sameModule: [...modules],
        at,
      }),
  };
}
