/**
 * The facts migration analysis finds in a file: the places where patient data is put down on
 * its way out (stagings: a file, a table, a bucket object), the calls that remove such places
 * (deletions), and the plan for a suggestion that deletes a staging (how its sink is removed).
 */
import type { TSESTree } from '@typescript-eslint/utils';

export type SinkKind = 'file' | 'table' | 'object';

/** How a staging can be deleted by a suggestion: which API removes it, with what. */
export type FixPlan =
  | { sink: 'file' }
  | { sink: 'table'; call: string; tagged: boolean }
  | { sink: 's3v3'; client: string; bucket: TSESTree.Node; key: TSESTree.Node }
  | { sink: 's3v2'; client: string; bucket: TSESTree.Node; key: TSESTree.Node }
  | { sink: 'gcs'; file: TSESTree.Node };

/** A place where patient data is put down on its way out: a file, a table, a bucket object. */
export interface Staging {
  node: TSESTree.Node;
  kind: SinkKind;
  /** How the message names the place: "file `stagingPath`", "staging table `staging_patients`". */
  where: string;
  /** The path, key or table expression, for matching deletions and writing the fix. */
  target?: TSESTree.Node;
  table?: string;
  /** Lazily: what patient data it holds, or undefined when it holds none that we can see. */
  data: () => string | undefined;
  /** The staging declares its own expiry (S3 `Expires`, a lifecycle tag): nothing more to do. */
  expires?: boolean;
  /** Source-side copy of patient tables into the new system (reported only when asked). */
  source?: { tables: string[] };
  fix?: FixPlan;
  /** The write completes before the call returns (`writeFileSync`, `execSync`, SheetJS). */
  sync?: boolean;
  /** A stream or writer whose writes the routine awaits later (`createWriteStream`, `new Upload`). */
  stream?: boolean;
}

/** A call that removes staged data. */
export interface Deletion {
  node: TSESTree.Node;
  kinds: readonly SinkKind[];
  /** The deleted path, key or table; undefined when unknown (it then matches any target of its kind). */
  target?: TSESTree.Node;
  table?: string;
  /** Removes a folder, a prefix or a tmp object: matches what was staged under it. */
  recursive: boolean;
  /** A configured deletion helper (`scheduleDeletion`): counts wherever the routine calls it. */
  helper: boolean;
  /** `tmp.setGracefulCleanup()`: every tmp-created file of the module is removed at exit. */
  tmpGlobal?: boolean;
  /** The object the deletion came with (`tmpobj.removeCallback()`, `const { cleanup } = await file()`). */
  owner?: TSESTree.Node;
}
