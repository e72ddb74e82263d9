import { statSync, type Stats } from 'node:fs';
import { dirname, join } from 'node:path';

/** A file's stats, or undefined when it is missing or not a file: a missing file is an answer. */
export function statFile(path: string): Stats | undefined {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats?.isFile() ? stats : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The nearest file of one name in a folder or above (`package.json`, `healthdata.config.json`),
 * cached per folder: every folder walked through on the way learns the answer too.
 */
export class NearestFile {
  private readonly byDir = new Map<string, string | null>();

  constructor(private readonly name: string) {}

  find(dir: string): string | null {
    const visited: string[] = [];
    let found: string | null = null;
    for (let current = dir; ; current = dirname(current)) {
      const cached = this.byDir.get(current);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(current);
      const candidate = join(current, this.name);
      if (statFile(candidate)) {
        found = candidate;
        break;
      }
      if (dirname(current) === current) break;
    }
    for (const path of visited) this.byDir.set(path, found);
    return found;
  }

  clear(): void {
    this.byDir.clear();
  }
}
