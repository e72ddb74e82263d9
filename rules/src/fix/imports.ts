/**
 * The fix kit's imports: bring a name into scope for a suggestion that calls a helper
 * (`requireAuth`, `encryptForStorage`, `createHmac`), the same way in every rule — one test of
 * ES module or CommonJS, next to the file's own imports, merged into an existing import of the
 * same module.
 */
import { dirname, isAbsolute, relative, resolve as resolvePath, sep } from 'node:path';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findProjectConfig } from '../config/project-config';
import { AST_NODE_TYPES } from '../model/node-types';
import { unwrap } from '../model/ast';
import { requiredSpecifier } from '../model/project-graph';

type SourceCode = Readonly<TSESLint.SourceCode>;

/** `require('x')` as a declaration's initialiser: the module, or undefined. */
function requiredBy(declaration: TSESTree.VariableDeclarator): string | undefined {
  return declaration.init ? requiredSpecifier(unwrap(declaration.init)) : undefined;
}

function topLevelRequires(program: TSESTree.Program): TSESTree.VariableDeclaration[] {
  return program.body.filter(
    (s): s is TSESTree.VariableDeclaration =>
      s.type === AST_NODE_TYPES.VariableDeclaration &&
      s.declarations.some((d) => requiredBy(d) !== undefined),
  );
}

function imports(program: TSESTree.Program): TSESTree.ImportDeclaration[] {
  return program.body.filter(
    (s): s is TSESTree.ImportDeclaration => s.type === AST_NODE_TYPES.ImportDeclaration,
  );
}

/** An `import` or `export` at the top level: the file is written as an ES module, whatever its parse. */
function hasModuleSyntax(program: TSESTree.Program): boolean {
  return program.body.some(
    (s) =>
      s.type === AST_NODE_TYPES.ImportDeclaration ||
      s.type === AST_NODE_TYPES.ExportNamedDeclaration ||
      s.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      s.type === AST_NODE_TYPES.ExportAllDeclaration,
  );
}

/**
 * Whether a new import should be written as `require`: the file's extension when it says
 * (`.cjs`/`.cts` CommonJS; `.mjs`/`.mts` ES module), else what the file already does (imports or
 * exports, or `require`/`module.exports`), else, for JavaScript, how the file was parsed (the
 * presets parse by package.json `type`). TypeScript compiles `import` to whatever the package
 * needs, so a TypeScript file without either gets an `import`.
 */
function usesCommonJs(sourceCode: SourceCode, filename: string): boolean {
  if (/\.c[jt]s$/i.test(filename)) return true;
  if (/\.m[jt]s$/i.test(filename)) return false;
  const program = sourceCode.ast;
  if (hasModuleSyntax(program)) return false;
  if (topLevelRequires(program).length > 0 || /\bmodule\.exports\b/.test(sourceCode.text))
    return true;
  if (/\.tsx?$/i.test(filename)) return false;
  return program.sourceType === 'script';
}

/**
 * Whether `name` is already bound where it will be used (`at`, through every enclosing scope), or
 * else at the file's top level: the global scope and the scope of the program itself (module
 * scope, or the function scope of CommonJS).
 */
function bound(sourceCode: SourceCode, name: string, at: TSESTree.Node | undefined): boolean {
  if (at) {
    for (
      let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(at);
      scope;
      scope = scope.upper
    ) {
      if (scope.set.get(name)?.defs.length) return true;
    }
    return false;
  }
  const global = sourceCode.scopeManager?.globalScope;
  if (!global) return false;
  const top = [global, ...global.childScopes.filter((scope) => scope.block === sourceCode.ast)];
  return top.some((scope) => Boolean(scope.set.get(name)?.defs.length));
}

export interface NamedImport {
  /** The name to bring into scope: the root of a dotted helper (`crypto` of `crypto.seal`). */
  name: string;
  /** The module specifier, as the file should write it; without one, nothing is added. */
  from: string | undefined;
  /** Other specifiers of the same module whose import may take the name (`crypto` for `node:crypto`). */
  sameModule?: readonly string[];
  /** Where the name will be used: a local binding there makes the import unnecessary. */
  at?: TSESTree.Node;
}

/**
 * Fixes that bring `name` into scope from `from`, or none when the file already binds it: added
 * to a named import or destructured `require` of the same module, else a new import after the
 * file's last import (or `require`), else at the top in the file's module system.
 */
export function addNamedImport(
  fixer: TSESLint.RuleFixer,
  sourceCode: SourceCode,
  filename: string,
  request: NamedImport,
): TSESLint.RuleFix[] {
  const { name, from } = request;
  if (!from || bound(sourceCode, name, request.at)) return [];
  const modules = [from, ...(request.sameModule ?? [])];
  const program = sourceCode.ast;
  const declarations = imports(program);
  const named = declarations.find(
    (d) =>
      modules.includes(d.source.value) &&
      d.importKind !== 'type' &&
      d.specifiers.some((s) => s.type === AST_NODE_TYPES.ImportSpecifier),
  );
  if (named)
    return [fixer.insertTextAfter(named.specifiers[named.specifiers.length - 1]!, `, ${name}`)];
  if (declarations.length > 0)
    return [
      fixer.insertTextAfter(
        declarations[declarations.length - 1]!,
        `\nimport { ${name} } from '${from}';`,
      ),
    ];
  const requires = topLevelRequires(program);
  for (const statement of requires) {
    const declaration = statement.declarations[0]!;
    const module = requiredBy(declaration);
    if (
      module !== undefined &&
      modules.includes(module) &&
      declaration.id.type === AST_NODE_TYPES.ObjectPattern &&
      declaration.id.properties.length > 0
    ) {
      const last = declaration.id.properties[declaration.id.properties.length - 1]!;
      return [fixer.insertTextAfter(last, `, ${name}`)];
    }
  }
  const line = `const { ${name} } = require('${from}');`;
  if (requires.length > 0)
    return [fixer.insertTextAfter(requires[requires.length - 1]!, `\n${line}`)];
  const first = program.body[0];
  if (!first) return [];
  const statement = usesCommonJs(sourceCode, filename)
    ? line
    : `import { ${name} } from '${from}';`;
  return [fixer.insertTextBefore(first, `${statement}\n`)];
}

/**
 * The module of a configured helper (`encryption.fix.import`, `redaction.fix.import`,
 * `deidentification.fix.import`, `auth.fix.import`) as the linted file imports it: a
 * relative specifier is relative to the configuration file that declares it, or to the working
 * directory when the helper comes from ESLint settings.
 */
export function helperModule(
  module: string,
  section: 'encryption' | 'redaction' | 'deidentification' | 'auth',
  filename: string,
  cwd: string,
): string {
  if (!module.startsWith('.')) return module;
  const file = isAbsolute(filename) ? filename : resolvePath(cwd, filename);
  const project = findProjectConfig(file);
  const base =
    project.file && project.config[section].fix?.import === module ? dirname(project.file) : cwd;
  let path = relative(dirname(file), resolvePath(base, module)).split(sep).join('/');
  if (!path.startsWith('.')) path = `./${path}`;
  return path;
}

/** Whether an edit may use TypeScript syntax (`as const`, a non-null `!`): the file is TypeScript. */
export function acceptsTypeScript(filename: string): boolean {
  return /\.[cm]?tsx?$/i.test(filename);
}
