/**
 * The starts of a log's lines kept in memory, up to a budget of bytes. A count over a window reads the same few
 * values (an id, a time) of the same lines at every question asked, and reading each line's start from the file
 * costs a system call. The bytes live outside the JavaScript heap (the garbage collector never copies them); when
 * the budget is spent, every kept start is dropped and the newest reads fill it again.
 */
const LONGEST_KEPT = 0xffff;

export class LineHeads {
  /** Per position: 1 + where its kept start begins in `bytes`, 0 when none is kept. */
  private at: Uint32Array | undefined;
  private lengths: Uint16Array | undefined;
  private arena: Buffer | undefined;
  private used = 0;

  constructor(
    private readonly count: number,
    private readonly budget: number,
  ) {}

  /** The bytes kept starts are read from (`startOf` says where). */
  get bytes(): Buffer {
    return this.arena as Buffer;
  }

  /** Where the kept start of line `position` begins in `bytes`, or -1 when none is kept. */
  startOf(position: number): number {
    return this.at ? this.at[position] - 1 : -1;
  }

  /** How many bytes of line `position` are kept (after `startOf` found it). */
  lengthOf(position: number): number {
    return (this.lengths as Uint16Array)[position];
  }

  /** Keeps bytes [start, start + length) of `source` as the start of line `position`. */
  keep(position: number, source: Buffer, start: number, length: number): void {
    if (length > LONGEST_KEPT || length > this.budget) return;
    if (!this.arena || !this.at || !this.lengths) {
      this.arena = Buffer.allocUnsafe(this.budget);
      this.at = new Uint32Array(this.count);
      this.lengths = new Uint16Array(this.count);
    }
    if (this.used + length > this.budget) this.clear();
    source.copy(this.arena, this.used, start, start + length);
    this.at[position] = this.used + 1;
    this.lengths[position] = length;
    this.used += length;
  }

  /** Drops every kept start (the budget is spent, or the file was rewritten). */
  clear(): void {
    this.at?.fill(0);
    this.used = 0;
  }
}
