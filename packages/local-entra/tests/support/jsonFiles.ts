import * as fs from 'node:fs';

/** The items of a tenant collection file (`{ "value": [...] }`), their fields unknown until a test checks them. */
export function readValueFile(file: string): Array<Record<string, unknown>> {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { value: Array<Record<string, unknown>> }).value;
}
