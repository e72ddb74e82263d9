/**
 * UI state hooks: calls whose type argument declares the state they hold. `const [specimens,
 * setSpecimens] = useState<{ [specimenId: string]: { date: string } }>({})` keeps what the type
 * spells out, whatever the variable is named.
 */

/** Hooks returning `[state, setState]`, the state typed by their first type argument. */
export const STATE_TUPLE_HOOKS: ReadonlySet<string> = new Set([
  'useState', // React, Preact
  'useImmer', // use-immer
  'useLocalStorage', // usehooks-ts and similar: [value, setValue]
  'useSessionStorage',
]);
