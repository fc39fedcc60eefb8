/**
 * A workload identity's credentials in the risk story: which one a detection used, which the audit log says were
 * added or removed (parsed from the audit's KeyDescription), and a credential added just before risky activity.
 */
import { escapeMarkdown } from '../../cards/escape';
import type { DirectoryAudit, KeyCredential, PasswordCredential } from '../../graph/directoryQueries';
import type { ServicePrincipalRiskDetection } from '../../graph/workloadRiskQueries';
import { auditRowText } from '../common/auditText';
import { formatWhen } from '../common/format';

const DAY_MS = 86_400_000;
/** How close before risky activity a new credential is suspicious. */
export const NEW_CREDENTIAL_WINDOW_DAYS = 7;

export interface NamedCredential {
  keyId: string;
  /** 'secret "Payroll sync rotation"' or 'certificate "CN=…"'. */
  label: string;
}

function credentialLabel(kind: 'secret' | 'certificate', c: PasswordCredential | KeyCredential): string {
  return `${kind} "${c.displayName || c.hint || c.keyId || 'unnamed'}"`;
}

/** Every credential the app registration and the service principal hold, by keyId. */
export function credentialsByKeyId(holders: ReadonlyArray<{ passwordCredentials?: PasswordCredential[]; keyCredentials?: KeyCredential[] } | undefined>): Map<string, NamedCredential> {
  const out = new Map<string, NamedCredential>();
  for (const holder of holders) {
    for (const c of holder?.passwordCredentials ?? []) if (c.keyId) out.set(c.keyId.toLowerCase(), { keyId: c.keyId, label: credentialLabel('secret', c) });
    for (const c of holder?.keyCredentials ?? []) if (c.keyId) out.set(c.keyId.toLowerCase(), { keyId: c.keyId, label: credentialLabel('certificate', c) });
  }
  return out;
}

export interface CredentialChange {
  audit: DirectoryAudit;
  added: NamedCredential[];
  removed: NamedCredential[];
}

/** One "[KeyIdentifier=…,KeyType=Password,KeyUsage=Verify,DisplayName=…]" entry of an audit's KeyDescription. */
function parseKeyDescription(entry: string): NamedCredential | undefined {
  const keyId = /KeyIdentifier=([^,\]]+)/.exec(entry)?.[1];
  if (!keyId) return undefined;
  const type = /KeyType=([^,\]]+)/.exec(entry)?.[1];
  const name = /DisplayName=(.*?)\]?$/.exec(entry)?.[1];
  const kind = type && /password/i.test(type) ? 'secret' : 'certificate';
  return { keyId, label: `${kind} "${name || keyId}"` };
}

function keyDescriptions(value: string | null | undefined): NamedCredential[] {
  if (!value) return [];
  try {
    const parsed = JSON.parse(value) as unknown;
    const entries = Array.isArray(parsed) ? parsed : [parsed];
    return entries.filter((e): e is string => typeof e === 'string').map(parseKeyDescription).filter((c): c is NamedCredential => Boolean(c));
  } catch {
    return [];
  }
}

const CREDENTIAL_ACTIVITY = /certificates and secrets|credentials/i;

/** The audit entries that changed an app's or a service principal's credentials, with what was added and removed. */
export function credentialChanges(audits: readonly DirectoryAudit[]): CredentialChange[] {
  const out: CredentialChange[] = [];
  for (const audit of audits) {
    const properties = (audit.targetResources ?? []).flatMap((t) => t.modifiedProperties ?? []);
    const keys = properties.filter((p) => /^Key(Description|Credentials)$|PasswordCredentials/i.test(p.displayName ?? ''));
    if (keys.length === 0 && !CREDENTIAL_ACTIVITY.test(audit.activityDisplayName)) continue;
    const before = keys.flatMap((p) => keyDescriptions(p.oldValue));
    const after = keys.flatMap((p) => keyDescriptions(p.newValue));
    const has = (list: NamedCredential[], c: NamedCredential) => list.some((x) => x.keyId.toLowerCase() === c.keyId.toLowerCase());
    out.push({ audit, added: after.filter((c) => !has(before, c)), removed: before.filter((c) => !has(after, c)) });
  }
  return out;
}

/** Who did it: the audit's own name, else the name the directory gave for the id, else the sign-in name. */
export function initiatorText(a: DirectoryAudit, names: ReadonlyMap<string, string>): string {
  const user = a.initiatedBy?.user;
  if (user) {
    const resolved = user.displayName || (user.id ? names.get(user.id.toLowerCase()) : undefined) || user.userPrincipalName;
    if (resolved) return resolved;
  }
  const app = a.initiatedBy?.app;
  if (app && (app.displayName || app.servicePrincipalName)) return `the app ${app.displayName ?? app.servicePrincipalName}`;
  return 'someone';
}

export function changeText(change: CredentialChange, names: ReadonlyMap<string, string>, now: Date): string {
  const who = initiatorText(change.audit, names);
  const parts = [
    ...(change.added.length ? [`added the ${change.added.map((c) => c.label).join(' and the ')}`] : []),
    ...(change.removed.length ? [`removed the ${change.removed.map((c) => c.label).join(' and the ')}`] : []),
  ];
  if (parts.length === 0) return auditRowText(change.audit, now);
  const failed = change.audit.result && change.audit.result !== 'success' ? ` [${change.audit.result}]` : '';
  // The audit activity's own name stays beside the story, so the entry can be found in the admin center's audit log.
  return escapeMarkdown(`${formatWhen(change.audit.activityDateTime, now)} — ${who} ${parts.join(', and ')}${failed} (audit: ${change.audit.activityDisplayName})`);
}

/** The new credential used soon after it was added: the callout of the story. */
export interface NewCredentialFinding {
  change: CredentialChange;
  credential: NamedCredential;
  detection: ServicePrincipalRiskDetection;
  /** True when the detection's keyIds name this very credential. */
  used: boolean;
}

/**
 * A credential added within the window before a risky activity. When Graph gives the detection's keyIds, only the
 * credential it used counts; otherwise any credential added in the window is worth saying.
 */
export function newCredentialBeforeRisk(detections: readonly ServicePrincipalRiskDetection[], changes: readonly CredentialChange[]): NewCredentialFinding | undefined {
  const byActivity = detections.filter((d) => d.activityDateTime).sort((a, b) => Date.parse(a.activityDateTime!) - Date.parse(b.activityDateTime!));
  for (const detection of byActivity) {
    const at = Date.parse(detection.activityDateTime!);
    const keyIds = (detection.keyIds ?? []).map((k) => k.toLowerCase());
    for (const change of changes) {
      const added = Date.parse(change.audit.activityDateTime);
      if (!(added <= at && at - added <= NEW_CREDENTIAL_WINDOW_DAYS * DAY_MS)) continue;
      for (const credential of change.added) {
        const used = keyIds.includes(credential.keyId.toLowerCase());
        if (keyIds.length === 0 || used) return { change, credential, detection, used };
      }
    }
  }
  return undefined;
}

