import { once } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Writes a Graph collection file as `{"value":[`, one JSON object per line, `]}`. The file is plain JSON, and a
 * reader can also stream it line by line, which is how the server loads millions of sign-ins without holding the
 * whole text in one string.
 */
export class CollectionWriter {
  private readonly stream: fs.WriteStream;
  private count = 0;
  private failure: Error | undefined;

  private constructor(readonly file: string) {
    this.stream = fs.createWriteStream(file, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failure = error;
    });
    this.stream.write('{"value":[\n');
  }

  static open(file: string): CollectionWriter {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return new CollectionWriter(file);
  }

  get written(): number {
    return this.count;
  }

  /** Appends one object; waits when the disk is slower than the generator, so memory stays bounded. */
  async write(item: object): Promise<void> {
    if (this.failure) throw this.failure;
    const line = (this.count === 0 ? '' : ',\n') + JSON.stringify(item);
    this.count++;
    if (!this.stream.write(line)) await once(this.stream, 'drain');
  }

  async close(): Promise<number> {
    if (this.failure) throw this.failure;
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject);
      this.stream.end(this.count === 0 ? ']}\n' : '\n]}\n', () => resolve());
    });
    return this.count;
  }
}

/** Writes a small collection in the same one-object-per-line layout. */
export async function writeCollection(file: string, items: Iterable<object>): Promise<number> {
  const writer = CollectionWriter.open(file);
  for (const item of items) await writer.write(item);
  return writer.close();
}

/** Writes a plain JSON document (snapshot.json). */
export function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2) + '\n', 'utf8');
}
