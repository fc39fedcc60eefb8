/**
 * Tenant data (names, IPs, app names, failure reasons) goes into TextBlocks, which render a subset of Markdown.
 * Escaping keeps a display name like "[click](https://evil)" or "**URGENT**" from becoming a link or styling,
 * and a value starting with "- " or "1. " from becoming a list. Only characters that can open a Markdown
 * construct are escaped, so ordinary text (e-mail addresses, IPs) reads unchanged.
 */
export function escapeMarkdown(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>~|]/g, (c) => `\\${c}`)
    .replace(/\$\{/g, '$\\{')
    .replace(/^(\s*)([-+#>]|\d+\.)(\s)/, '$1\\$2$3');
}
