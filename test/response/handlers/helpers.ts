import * as fs from 'fs';
import * as path from 'path';

/** A documented sample event from test/response/events. */
export function sample(name: string): any {
  return JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'events', `${name}.json`), 'utf8')).event;
}

/** Runs `fn` with DRY_RUN set to `value` (undefined: unset), restoring it after. */
export async function withDryRun<T>(value: string | undefined, fn: () => Promise<T>): Promise<T> {
  const before = process.env.DRY_RUN;
  if (value === undefined) delete process.env.DRY_RUN; else process.env.DRY_RUN = value;
  try {
    return await fn();
  } finally {
    if (before === undefined) delete process.env.DRY_RUN; else process.env.DRY_RUN = before;
  }
}
