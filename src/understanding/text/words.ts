/** One word of a message: where it stands, as written, and folded (lower case, no accents, straight apostrophe). */
export interface Token {
  start: number;
  end: number;
  folded: string;
  raw: string;
}

const JOINED = /[\p{L}\p{N}]+(?:['’&.-][\p{L}\p{N}]+)*/gu;
/** Hyphens split words ("blocked-country sign-ins": "blocked", "country"). */
const SPLIT_AT_HYPHENS = /[\p{L}\p{N}]+(?:['’&.][\p{L}\p{N}]+)*/gu;

export function fold(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/’/g, "'");
}

/** The words of a text; a possessive ("Gu's sessions") is not part of its word. */
export function tokens(text: string, options: { splitHyphens?: boolean } = {}): Token[] {
  const pattern = options.splitHyphens ? SPLIT_AT_HYPHENS : JOINED;
  const out: Token[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const raw = m[0].replace(/['’]s$/i, '');
    out.push({ start: m.index, end: m.index + raw.length, folded: fold(raw), raw });
  }
  return out;
}
