/**
 * `npm run entra -- event …`: adds an event to a running local Entra through its loopback admin endpoint, found in
 * the control file it wrote at start (`npm start` writes data/local-entra.json).
 *
 *   event risky-user <user> [--level low|medium|high] [--type <riskEventType>]
 *   event risky-app <service principal: name, id or appId> [--level …] [--type …]
 *   event role-change <user> --role "<role name or template id>" [--remove] [--by <user>]
 *   … [--control FILE]
 */
import * as fs from 'node:fs';
import * as https from 'node:https';
import { parseArgs } from 'node:util';
import type { ControlFile } from './index';

const DEFAULT_CONTROL_FILE = 'data/local-entra.json';

export const EVENT_USAGE = [
  'npm run entra -- event risky-user <user> [--level low|medium|high] [--type <riskEventType>]',
  'npm run entra -- event risky-app <service principal name, id or appId> [--level …] [--type …]',
  'npm run entra -- event role-change <user> --role "<role>" [--remove] [--by <user>]',
  '(add --control FILE when the local Entra was started with another control file than data/local-entra.json)',
].join('\n  ');

/** The event's JSON body from the command line; throws an Error that says what is missing. */
export function eventFromArgs(args: string[]): { event: Record<string, unknown>; controlFile: string } {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { level: { type: 'string' }, type: { type: 'string' }, role: { type: 'string' }, remove: { type: 'boolean' }, by: { type: 'string' }, control: { type: 'string' } },
  });
  const [what, target] = positionals;
  if (!target) throw new Error(`say what and whom:\n  ${EVENT_USAGE}`);
  const risk = { ...(values.level ? { riskLevel: values.level } : {}), ...(values.type ? { riskEventType: values.type } : {}) };
  const controlFile = values.control ?? DEFAULT_CONTROL_FILE;
  switch (what) {
    case 'risky-user':
      return { event: { kind: 'riskyUser', user: target, ...risk }, controlFile };
    case 'risky-app':
      return { event: { kind: 'riskyServicePrincipal', servicePrincipal: target, ...risk }, controlFile };
    case 'role-change':
      if (!values.role) throw new Error('role-change needs --role "<role name or template id>"');
      return { event: { kind: 'roleChange', user: target, role: values.role, change: values.remove ? 'remove' : 'add', ...(values.by ? { by: values.by } : {}) }, controlFile };
    default:
      throw new Error(`unknown event "${what ?? ''}":\n  ${EVENT_USAGE}`);
  }
}

export async function runEventCommand(args: string[]): Promise<string> {
  const { event, controlFile } = eventFromArgs(args);
  let control: ControlFile;
  try {
    control = JSON.parse(fs.readFileSync(controlFile, 'utf8')) as ControlFile;
  } catch {
    throw new Error(`no running local Entra found: ${controlFile} is missing or unreadable (start it with npm start, or pass --control FILE)`);
  }
  const url = new URL('/_local-entra/events', control.url);
  const body = JSON.stringify(event);
  const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = https.request(url, { method: 'POST', ca: control.caCertPem, headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'x-local-entra-key': control.adminKey } }, (res) => {
      let data = '';
      res.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
    });
    req.on('error', (err) => reject(new Error(`the local Entra at ${control.url} did not answer (${err.message}); is it still running?`)));
    req.end(body);
  });
  const answer = (text ? JSON.parse(text) : {}) as { summary?: string; error_description?: string };
  if (status !== 201) throw new Error(answer.error_description ?? `HTTP ${status}`);
  return answer.summary ?? 'added';
}
