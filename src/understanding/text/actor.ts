/**
 * A person named as the one who made changes ("what has Christie been doing today?", "whose password did Avery reset?",
 * "Miriam updated a bunch of service principals", "did Debra touch any groups?"), not the one changes were made to.
 * The audit log is then read by initiator. One test for the intent rules (over "<name>"), the plan's conditions
 * (over "<pp>") and the audit skill (over the name itself).
 */

/** Changes the audit log records, as asked ("did she update …") and as told ("she updated …"). */
const ASKED = String.raw`(?:add|remove|delete|reset|update|change|modify|edit|touch|consent|invite|assign|grant|disable|revoke|restore|approve|create|move|rename)`;
/** Past forms only; not "disabled" or "created", which after a name describe the account ("is Lee disabled?"). */
const TOLD = String.raw`(?:added|removed|deleted|reset|updated|changed|modified|edited|touched|consented|invited|assigned|granted|revoked|restored|approved|moved|renamed)`;
/** "did Joni reset her password?": a change to the person's own things is asked of the audit log about that person. */
const NOT_OWN = String.raw`(?!\s+(?:his|her|their|my)\b)`;

/**
 * The text says the person made changes. `person` is a regular-expression source for the person: a placeholder
 * ("<name>", "<pp>"), an escaped name, or a pronoun alternation.
 */
export function asActor(person: string, options: { by?: boolean } = {}): RegExp {
  return new RegExp(
    [
      // "what has Christie been doing", "what did he change", "what's Avery been up to"
      String.raw`\bwhat(?:'s| (?:has|have|did|is|was))\s+${person}\s+(?:been\s+)?(?:doing|done|up to|do|change|changed|touch|touched|edit|edited)\b`,
      // "did Miriam touch any service principals", "has Debra ever reset …", "whose password did Avery reset"
      String.raw`\b(?:did|has|have)\s+${person}\s+(?:(?!been\b)[a-z]+\s+)?${ASKED}(?:e?d)?\b${NOT_OWN}`,
      // "Miriam updated a bunch of service principals", "he has changed lately" (not "was Lee added")
      String.raw`(?<!\b(?:was|were|is|are|been|being|get|got|gets|has|have|had)\s)${person}\s+(?:has\s+|had\s+|just\s+|recently\s+|also\s+)?${TOLD}\b${NOT_OWN}`,
      // "Debra's changes", "changes Raul made"
      String.raw`${person}'?s?\s+(?:changes|edits|activity|activities)\b|\bchanges\s+${person}\s+(?:made|did)\b`,
      // "changes by Raul": only where the question is already about changes ("apps owned by Raul" is not).
      ...(options.by ? [String.raw`\bby\s+${person}\b`] : []),
    ].join('|'),
  );
}
