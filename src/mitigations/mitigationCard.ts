/** View models of the mitigation card (adaptiveCards/mitigation.json): the question before, the outcome after. */
import { escapeMarkdown } from '../cards/escape';
import { formatDate } from '../skills/common/format';
import type { MitigationPerson, MitigationRecord } from './mitigationStore';
import { wordingFor } from './mitigationText';

export interface MitigationCardModel {
  title: string;
  subtitle: string;
  callout: string;
  calloutStyle: 'warning' | 'good' | 'attention' | 'default';
  facts: Array<{ title: string; value: string }>;
  notes: Array<{ text: string }>;
  showButtons: boolean;
  confirmTitle: string;
  mitigationId: string;
}

const e = escapeMarkdown;

export function personName(person: MitigationPerson | undefined): string {
  return person?.name ? e(person.name) : person?.aadObjectId ? `user ${person.aadObjectId}` : 'someone';
}

function targetText(record: MitigationRecord): string {
  const t = record.proposal.target;
  const kind = t.kind === 'servicePrincipal' ? 'service principal' : t.kind === 'signIn' ? 'sign-in' : 'user';
  return `${e(t.displayName)}${t.userPrincipalName ? ` (${e(t.userPrincipalName)})` : ''} — ${kind}`;
}

function baseFacts(record: MitigationRecord): Array<{ title: string; value: string }> {
  const w = wordingFor(record.proposal);
  return [
    { title: 'Target', value: targetText(record) },
    { title: 'Action', value: w.title },
    { title: 'Before', value: e(record.stateWhenAsked) },
    { title: 'Asked by', value: `${personName(record.proposedBy)}, ${formatDate(record.proposedAt)}` },
  ];
}

/** The confirmation: names the target and the effect; the buttons work until the record expires. */
export function confirmationModel(record: MitigationRecord, notes: string[] = [], refusal?: string): MitigationCardModel {
  const w = wordingFor(record.proposal);
  const name = e(record.proposal.target.displayName);
  return {
    title: `Confirm: ${w.phrase(name)}?`,
    subtitle: `Nothing changes until someone allowed to do it selects ${w.title}. The buttons work until ${formatDate(record.expiresAt)}.`,
    callout: refusal ?? w.effect(name),
    calloutStyle: refusal ? 'attention' : 'warning',
    facts: [...baseFacts(record).map((f) => (f.title === 'Before' ? { title: 'Now', value: f.value } : f)), { title: 'Undo', value: w.undo }],
    notes: [...notes.map((text) => ({ text: e(text) })), { text: 'Every decision is recorded with who asked and who confirmed, and Microsoft Entra writes the change to its audit log.' }],
    showButtons: true,
    confirmTitle: w.title,
    mitigationId: record.id,
  };
}

/** After a decision: done, failed, cancelled, expired, or still running. No buttons. */
export function outcomeModel(record: MitigationRecord): MitigationCardModel {
  const w = wordingFor(record.proposal);
  const name = e(record.proposal.target.displayName);
  const decidedBy = personName(record.decidedBy);
  const base = { facts: baseFacts(record), showButtons: false, confirmTitle: w.title, mitigationId: record.id, notes: [] as Array<{ text: string }> };
  switch (record.status) {
    case 'done':
      return {
        ...base,
        title: `Done: ${w.title.toLowerCase()} — ${name}`,
        subtitle: `Confirmed by ${decidedBy}, ${formatDate(record.decidedAt)}`,
        callout: `✅ ${record.outcome?.message ?? ''}`,
        calloutStyle: 'good',
        facts: [...base.facts, { title: 'Confirmed by', value: `${decidedBy}, ${formatDate(record.decidedAt)}` }, { title: 'Undo', value: w.undo }],
        notes: [{ text: 'Microsoft Entra recorded the change in its audit log; ask "what changed for this user?" to see it.' }],
      };
    case 'failed':
      return {
        ...base,
        title: `Not done: ${w.title.toLowerCase()} — ${name}`,
        subtitle: `Confirmed by ${decidedBy}, ${formatDate(record.decidedAt)}`,
        callout: `❌ ${record.outcome?.message ?? 'The change failed.'}`,
        calloutStyle: 'attention',
        facts: [...base.facts, { title: 'Confirmed by', value: `${decidedBy}, ${formatDate(record.decidedAt)}` }],
      };
    case 'cancelled':
      return { ...base, title: `Cancelled: ${w.title.toLowerCase()} — ${name}`, subtitle: `Cancelled by ${decidedBy}, ${formatDate(record.decidedAt)}`, callout: 'Nothing was changed.', calloutStyle: 'default' };
    case 'expired':
      return {
        ...base,
        title: `Expired: ${w.title.toLowerCase()} — ${name}`,
        subtitle: `The confirmation was open until ${formatDate(record.expiresAt)}`,
        callout: 'Nothing was changed: the confirmation timed out. Ask again to get a fresh one (the state may have changed since).',
        calloutStyle: 'default',
      };
    default:
      return {
        ...base,
        title: `In progress: ${w.title.toLowerCase()} — ${name}`,
        subtitle: `Confirmed by ${decidedBy}, ${formatDate(record.decidedAt)}`,
        callout: 'The change is being made. Open the chat again in a moment to see the result.',
        calloutStyle: 'default',
      };
  }
}

export function outcomeSummary(model: MitigationCardModel): string {
  return [model.title, model.subtitle, model.callout, ...model.facts.map((f) => `${f.title}: ${f.value}`), ...model.notes.map((n) => n.text)].filter(Boolean).join('\n');
}
