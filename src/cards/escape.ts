/**
 * Tenant data (names, descriptions, IPs, app names, failure reasons) goes into TextBlocks and message text, which
 * render a subset of Markdown, and Teams turns addresses it recognises into links. Anyone who can edit a group
 * description or an app's notes writes this text, so none of it may become a link, a mention or styling:
 * - URLs are defanged and stay readable: "https://evil.example/login" becomes "https[:]//evil[.]example/login"
 *   (likewise www. hosts, "host.tld/path" and mailto:).
 * - An e-mail address inside text is defanged too ("name[@]host[.]com"). A value that is nothing but one address
 *   is kept as it is: that is how people's sign-in names (userPrincipalName, mail) are shown, as identifiers.
 * - Characters that open a Markdown construct are escaped, so "[click](…)" or "**URGENT**" show as typed, "<at>"
 *   cannot mention anyone, and a value starting with "- " or "1. " does not become a list.
 */
import { jsonText } from '../jsonText';

const URL_LIKE = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.|mailto:)[^\s<>"'`]*|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\/[^\s<>"'`]*/gi;
const EMAIL_LIKE = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gi;
const ONE_ADDRESS = /^[a-z0-9._%+'#-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;

/** "https://a.example/x.html" → "https[:]//a[.]example/x.html": the scheme and the host's dots, the path as it is. */
function defangUrl(url: string): string {
  const scheme = /^([a-z][a-z0-9+.-]*:)(\/\/)?/i.exec(url);
  const rest = scheme ? url.slice(scheme[0].length) : url;
  const slash = rest.search(/[/?#]/);
  const host = slash < 0 ? rest : rest.slice(0, slash);
  const tail = slash < 0 ? '' : rest.slice(slash);
  return `${scheme ? `${scheme[1].slice(0, -1)}[:]${scheme[2] ?? ''}` : ''}${host.replace(/@/g, '[@]').replace(/\./g, '[.]')}${tail}`;
}

/** Addresses in tenant text, defanged; a value that is exactly one e-mail address (a sign-in name) is left readable. */
export function defangLinks(text: string): string {
  if (ONE_ADDRESS.test(text.trim())) return text;
  return text
    .replace(URL_LIKE, defangUrl)
    .replace(EMAIL_LIKE, (address) => address.replace('@', '[@]').replace(/\.(?=[^@]*$)/g, '[.]'));
}

/**
 * Whether a text holds anything one of escapeAllPasses' passes changes: a line break, a character that opens a
 * Markdown construct, "${", a list marker at its start, or what an address needs (@, /, ://, www., mailto:). Most
 * values on a card hold none of them (names, IP addresses, times, codes: 75 of the 76 values of Megan's sign-in
 * diagnosis), and for those the six passes cost about 1.2 µs each, 90 µs a diagnosis (docs/bench.md, "Session 9").
 */
const NEEDS_ESCAPING = /[\r\n\\`*_[\]<>~|@/$]|:\/\/|www\.|mailto:|^\s*(?:[-+#>]|\d+\.)\s/i;

export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = jsonText(value);
  return NEEDS_ESCAPING.test(text) ? escapeAllPasses(text) : text;
}

/** Every pass of escapeMarkdown over a text, whatever it holds; NEEDS_ESCAPING says when one of them could change it. */
export function escapeAllPasses(text: string): string {
  return defangLinks(text.replace(/[\r\n]+/g, ' '))
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/\$\{/g, '$\\{')
    .replace(/^(\s*)([-+#>]|\d+\.)(\s)/, '$1\\$2$3');
}

/**
 * "Pradeep Gupta (pradeep.gupta@contoso.com)": a person's name and sign-in address, each escaped as its own value, so
 * the address stays readable as the identifier it is (an address inside the name would still be defanged).
 */
export function escapePerson(name: string | null | undefined, address: string | null | undefined): string {
  if (name && address) return `${escapeMarkdown(name)} (${escapeMarkdown(address)})`;
  return escapeMarkdown(name || address || '');
}
