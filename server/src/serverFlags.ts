/**
 * Node flags the editor starts the server with (the client's `execArgv`; the benchmark uses
 * them too). V8 sizes its heap growth by the old-space limit: with Node's default limit the
 * server kept 400 MB to 1.1 GB resident after linting the benchmark's 200 largest files (the
 * faster it linted, the more), of which ~63 MB were live. At 512 MB it kept 274–278 MB with
 * edit latency unchanged; 384 MB doubled the latency and 192 MB ran out of heap on a 1 MB file
 * (the default `maxFileSizeKb`), which 512 MB lints in about 2 s. `gc` is exposed for the idle
 * collection (idleCollector.ts).
 */
export const SERVER_EXEC_ARGV: readonly string[] = ['--expose-gc', '--max-old-space-size=512'];

/**
 * Environment the editor adds when it starts the server. glibc gives each thread that allocates
 * its own malloc arena, and V8's helper threads (parallel collection, compilation) leave part of
 * each resident: with two arenas the server kept 221–239 MB after the benchmark's 200 largest
 * files instead of 268–273 MB (same run, same flags), with no change to edit latency. Other C
 * libraries ignore the variable.
 */
export const SERVER_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '2' };
