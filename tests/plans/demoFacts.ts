/**
 * Expected answers computed straight from the demo tenant's snapshot files, independently of the bot: a plan test
 * compares the bot's answer with what the data says, not with a number typed into the test.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

type Row = Record<string, unknown>;

export class DemoFacts {
  constructor(private readonly tenantDir: string) {}

  read(file: string): Row[] {
    const json = JSON.parse(fs.readFileSync(path.join(this.tenantDir, file), 'utf8')) as { value?: Row[] } | Row[];
    return Array.isArray(json) ? json : (json.value ?? []);
  }

  get users(): Row[] {
    return this.read('users.json');
  }

  get signIns(): Row[] {
    return this.read('auditLogs/signIns.json');
  }

  /** Interactive sign-ins (the log's default view) created in [start, end]. */
  interactiveSignIns(start: string, end: string): Row[] {
    const a = Date.parse(start);
    const b = Date.parse(end);
    return this.signIns.filter((s) => {
      const t = Date.parse(String(s.createdDateTime));
      const types = (s.signInEventTypes as string[] | undefined) ?? ['interactiveUser'];
      return t >= a && t <= b && types.includes('interactiveUser');
    });
  }
}
