import * as fs from 'fs';
import * as path from 'path';

/** The account the playbooks under test act in (their ACCOUNT_ID). */
export const OWN_ACCOUNT = '123456789012';
/** The account of some documented samples, moved into OWN_ACCOUNT by `sample`. */
const OTHER_SAMPLE_ACCOUNT = '111122223333';

beforeEach(() => { process.env.ACCOUNT_ID = OWN_ACCOUNT; });
afterEach(() => { delete process.env.ACCOUNT_ID; });

/** A documented sample event from test/response/events, as if reported about OWN_ACCOUNT. */
export function sample(name: string): any {
  const text = fs.readFileSync(path.join(__dirname, '..', 'events', `${name}.json`), 'utf8');
  return JSON.parse(text.split(OTHER_SAMPLE_ACCOUNT).join(OWN_ACCOUNT)).event;
}

/** `event` (a documented sample or an inline one) as if it came from `account` instead. */
export function fromAccount(event: any, account: string): any {
  return JSON.parse(JSON.stringify(event).split(OWN_ACCOUNT).join(account));
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
