import type { Entity } from '../types';

/** A piece of the message an extractor claimed, with the entity it found there (if it is one). */
export interface Span {
  start: number;
  end: number;
  /** What the span stands for in the cue text the intent rules read, e.g. "<email>" or "<time>". */
  placeholder: string;
  entity?: Entity;
}

/** The spans of one message; later extractors skip what earlier ones claimed. */
export class SpanSet {
  readonly spans: Span[] = [];

  isFree(start: number, end: number): boolean {
    return this.spans.every((s) => end <= s.start || start >= s.end);
  }

  claim(span: Span): boolean {
    if (!this.isFree(span.start, span.end)) return false;
    this.spans.push(span);
    return true;
  }

  /** Every match of a global regex that does not overlap a claimed span. */
  *freeMatches(text: string, pattern: RegExp): Generator<RegExpExecArray> {
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m[0].length === 0) {
        pattern.lastIndex++;
        continue;
      }
      if (this.isFree(m.index, m.index + m[0].length)) yield m;
    }
  }

  /** The text with each claimed span replaced by its placeholder. */
  masked(text: string): string {
    const ordered = [...this.spans].sort((a, b) => a.start - b.start);
    let out = '';
    let at = 0;
    for (const span of ordered) {
      out += `${text.slice(at, span.start)} ${span.placeholder} `;
      at = span.end;
    }
    return out + text.slice(at);
  }
}
