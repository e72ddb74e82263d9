/**
 * When the plugin's rules are done with a file, per-file state is dropped at once.
 *
 * Why it matters: module-level caches are old objects for V8. A per-file entry that can reach
 * the file's `SourceCode` (the model, with its memo tables keyed by nodes; the routes of a
 * program) is an old-to-young pointer, and V8's young-generation collector treats such pointers
 * as roots until the next full collection. Left in a `WeakMap` after the lint, an entry keeps
 * the whole file (AST, tokens, scopes) alive through the parses of the next files: it is copied
 * by every minor collection and promoted, which cost about 0.2× of parse time over the benchmark
 * corpus (docs/performance.md). Deleting the entries when the last rule leaves the file ends
 * that retention; a lint that throws half-way only leaves them to the weak maps, as before.
 */

import type { TSESLint } from '@typescript-eslint/utils';

type FileSource = Readonly<TSESLint.SourceCode>;
type Release = (sourceCode: FileSource) => void;

const releases: Release[] = [];
/** How many of this plugin's rules are still running on a file (its SourceCode). */
const running = new WeakMap<object, number>();

/** Registers what to drop when the last rule leaves a file. Called once per cache, at load. */
export function onFileDone(release: Release): void {
  releases.push(release);
}

/** A rule starts on a file (its `create` ran). */
export function enterFile(sourceCode: FileSource): void {
  running.set(sourceCode, (running.get(sourceCode) ?? 0) + 1);
}

/** A rule has run its last listener on a file; after the last one, per-file state is dropped. */
export function leaveFile(sourceCode: FileSource): void {
  const left = (running.get(sourceCode) ?? 1) - 1;
  if (left > 0) {
    running.set(sourceCode, left);
    return;
  }
  running.delete(sourceCode);
  for (const release of releases) release(sourceCode);
}
