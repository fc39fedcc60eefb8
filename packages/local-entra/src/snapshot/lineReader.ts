import * as fs from 'node:fs';

/** Bytes read per call: big reads keep the number of system calls and buffer copies small on multi-GB files. */
const CHUNK_BYTES = 16 * 1024 * 1024;
const NEWLINE = 0x0a;

/**
 * Calls `onLine` for each line of a UTF-8 file, numbered from 1, without the line break ("\n" or "\r\n"), with the
 * byte offset where the line starts (what a reader needs to come back to it later).
 * Lines are split on the newline byte, which never occurs inside a multi-byte UTF-8 character, so each line
 * decodes on its own. Each line is handed over and dropped at once: retaining a chunk's lines until the chunk is
 * done would make the garbage collector copy them (readline's buffering cost half the load time on big files).
 */
export async function forEachLine(fullPath: string, onLine: (line: string, lineNumber: number, byteOffset: number) => void): Promise<void> {
  const handle = await fs.promises.open(fullPath, 'r');
  try {
    let buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    let filled = 0;
    let lineNumber = 0;
    /** File offset of buffer[0]. */
    let base = 0;
    const emit = (start: number, end: number) => {
      const last = end > start && buffer[end - 1] === 0x0d ? end - 1 : end;
      onLine(buffer.toString('utf8', start, last), ++lineNumber, base + start);
    };
    for (;;) {
      if (filled === buffer.length) {
        // One line longer than the buffer: grow it rather than split the line.
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, filled);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, null);
      const end = filled + bytesRead;
      const read = buffer.subarray(0, end);
      let start = 0;
      for (;;) {
        const newline = read.indexOf(NEWLINE, start);
        if (newline < 0) break;
        emit(start, newline);
        start = newline + 1;
      }
      if (bytesRead === 0) {
        if (start < end) emit(start, end);
        return;
      }
      buffer.copy(buffer, 0, start, end);
      base += start;
      filled = end - start;
    }
  } finally {
    await handle.close();
  }
}
