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

export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return defangLinks(jsonText(value).replace(/[\r\n]+/g, ' '))
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
