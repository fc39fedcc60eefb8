import * as fs from 'node:fs';
import { isIsoDateTime } from './dateTimes';
import type { GraphObject } from './layout';
import { forEachLine } from './lineReader';
import { ValueReviver } from './reviveValues';

/** Refusal of a malformed snapshot: names the file and the reason. */
export class SnapshotError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`Tenant snapshot file ${file}: ${reason}`);
    this.name = 'SnapshotError';
  }
}

/** The first line the tenant generator writes for big files: then one object per line, then "]}". */
const LINE_LAYOUT_HEAD = '{"value":[';

export function checkObject(file: string, item: unknown, where: string): GraphObject {
  if (!item || typeof item !== 'object' || Array.isArray(item)) throw new SnapshotError(file, `${where} is not an object`);
  const id = (item as GraphObject).id;
  if (typeof id !== 'string' || id === '') throw new SnapshotError(file, `${where} has no "id"`);
  return item as GraphObject;
}

async function firstLine(fullPath: string): Promise<string> {
  const handle = await fs.promises.open(fullPath, 'r');
  try {
    const buffer = Buffer.alloc(64);
    const { bytesRead } = await handle.read(buffer, 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/)[0].trim();
  } finally {
    await handle.close();
  }
}

/** Parses one line or file body and revives its values; a JSON or date-time error becomes the message. */
function parseRevived(json: string, reviver: ValueReviver): unknown {
  return reviver.revive(JSON.parse(json));
}

/**
 * Reads a file in the one-object-per-line layout line by line (files beyond a JS string's limit), handing over each
 * checked, revived item with the byte offset of its line and the line as read (its separating comma and blanks
 * included); returns the byte offset of the closing "]}" line.
 */
export async function scanLineLayout(file: string, fullPath: string, reviver: ValueReviver, onItem: (item: GraphObject, byteOffset: number, line: string) => void): Promise<number> {
  let closedAt = -1;
  await forEachLine(fullPath, (raw, lineNumber, byteOffset) => {
    const line = raw.trim();
    if (lineNumber === 1 || line === '') return;
    if (closedAt >= 0) throw new SnapshotError(file, `line ${lineNumber}: text after the closing "]}"`);
    if (line === ']}') {
      closedAt = byteOffset;
      return;
    }
    const json = line.endsWith(',') ? line.slice(0, -1) : line;
    let item: unknown;
    try {
      item = parseRevived(json, reviver);
    } catch (error) {
      throw new SnapshotError(file, `line ${lineNumber}: bad JSON or value: ${(error as Error).message}`);
    }
    onItem(checkObject(file, item, `line ${lineNumber}`), byteOffset, raw);
  });
  if (closedAt < 0) throw new SnapshotError(file, 'bad JSON: the "value" array is not closed by "]}"');
  return closedAt;
}

async function readLineLayout(file: string, fullPath: string, reviver: ValueReviver): Promise<GraphObject[]> {
  const items: GraphObject[] = [];
  await scanLineLayout(file, fullPath, reviver, (item) => items.push(item));
  return items;
}

/** Whether a file is in the one-object-per-line layout (the generator's and --persist's). */
export async function isLineLayout(fullPath: string): Promise<boolean> {
  return (await firstLine(fullPath)) === LINE_LAYOUT_HEAD;
}

/**
 * Reads one collection file `{ "value": [...] }`, checking that every item is an object with an id and every
 * `…DateTime` value is a date-time; rebases date-times by `shiftSeconds`. A missing file is an empty collection.
 */
export async function readCollectionFile(dir: string, file: string, shiftSeconds: number): Promise<GraphObject[]> {
  const fullPath = `${dir}/${file}`;
  if (!fs.existsSync(fullPath)) return [];
  const reviver = new ValueReviver(shiftSeconds);
  if ((await firstLine(fullPath)) === LINE_LAYOUT_HEAD) return readLineLayout(file, fullPath, reviver);
  let parsed: unknown;
  try {
    parsed = parseRevived(await fs.promises.readFile(fullPath, 'utf8'), reviver);
  } catch (error) {
    throw new SnapshotError(file, `bad JSON or value: ${(error as Error).message}`);
  }
  const value = (parsed as { value?: unknown } | null)?.value;
  if (!Array.isArray(value)) throw new SnapshotError(file, 'no "value" array');
  return value.map((item, index) => checkObject(file, item, `object #${index}`));
}

/** Reads snapshot.json (required: it names the tenant and the capture time). */
export async function readSnapshotMeta(dir: string, file: string): Promise<{ capturedDateTime: string; tenantId: string; description?: string }> {
  const fullPath = `${dir}/${file}`;
  if (!fs.existsSync(fullPath)) throw new SnapshotError(file, `missing in ${dir} (it names the tenant and the capture time)`);
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(await fs.promises.readFile(fullPath, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new SnapshotError(file, `bad JSON: ${(error as Error).message}`);
  }
  if (typeof meta.tenantId !== 'string' || !/^[0-9a-f-]{36}$/i.test(meta.tenantId)) throw new SnapshotError(file, '"tenantId" is not a GUID');
  if (typeof meta.capturedDateTime !== 'string' || !isIsoDateTime(meta.capturedDateTime)) {
    throw new SnapshotError(file, '"capturedDateTime" is not an ISO 8601 date-time');
  }
  return { capturedDateTime: meta.capturedDateTime, tenantId: meta.tenantId, description: typeof meta.description === 'string' ? meta.description : undefined };
}
