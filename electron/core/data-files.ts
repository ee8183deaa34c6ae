/** Data files shipped in resources/: read and validated once per folder, since they never change while the app runs. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';

const cache = new Map<string, Map<string, unknown>>();

/**
 * Every `<id>.json` in dir, in file-name order, parsed by the schema and mapped by `load`, keyed by
 * id; a missing folder holds none. A bad file, or one not named for its id, throws
 * `invalid(file, problems)`, each problem a path and what is wrong there.
 */
export function loadDataFiles<T extends { id: string }, V>(
  dir: string,
  schema: z.ZodType<T>,
  describeIssues: (error: z.ZodError) => string[],
  invalid: (file: string, problems: string[]) => Error,
  load: (data: T) => V,
): Map<string, V> {
  const cached = cache.get(dir);
  if (cached) return cached as Map<string, V>;
  const loaded = new Map<string, V>();
  const files = existsSync(dir) ? readdirSync(dir).filter((name) => name.endsWith('.json')) : [];
  for (const name of files.sort()) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (error) {
      throw invalid(file, [error instanceof Error ? error.message : String(error)]);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) throw invalid(file, describeIssues(parsed.error));
    const data = parsed.data;
    if (`${data.id}.json` !== name) throw invalid(file, [`id: "${data.id}" does not match the file name`]);
    loaded.set(data.id, load(data));
  }
  cache.set(dir, loaded);
  return loaded;
}
