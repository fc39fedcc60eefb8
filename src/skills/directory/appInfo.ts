/**
 * app.info: an application by name or appId — its owners, its secrets and certificates with their expiry (expired
 * and soon-expiring ones called out) and the recent credential changes in the audit log. With no app named ("which
 * app secrets expire this month?") it lists the credentials across the tenant's app registrations that expire in the
 * window, and the expired ones apart.
 */
import { escapeMarkdown, escapePerson } from '../../cards/escape';
import { namePeopleIn,
  APPLICATION_CREDENTIALS_REQUEST,
  applicationOwnersRequest,
  appRequests,
  auditRequest,
  batchGet,
  bodyOf,
  ownedApplicationIds,
  type ApplicationDetails,
  type BatchRequest,
  type BatchResponse,
  type DirectoryAudit,
  type DirectoryObjectRef,
  type Page,
  type ServicePrincipalDetails,
} from '../../graph/directoryQueries';
import type { TenantSession } from '../../graph/sessions';
import { entityOf, type Entity } from '../../understanding/types';
import type { SkillAnswer, SkillRequest } from '../types';
import { rolesFor, roleList, throwUnlessFound } from '../common/access';
import { auditRowText } from '../common/auditText';
import { directorySummary, type DirectoryCardModel } from '../common/cardModel';
import { credentialsOf, expiryHorizon, warnUntilOf, type AppCredential } from '../common/credentials';
import { defineSkill } from '../common/defineSkill';
import { formatDate, formatWhen } from '../common/format';

/** How far back "recent credential changes" reach. */
const CHANGE_DAYS = 30;

function credentialText(c: AppCredential, now: Date, withApp: boolean): string {
  const what = `${withApp ? `${escapeMarkdown(c.app)}: ` : ''}${c.kind} "${escapeMarkdown(c.name)}"`;
  return `${what} — ${c.state === 'expired' ? 'expired' : 'expires'} ${formatWhen(c.endDateTime, now)}`;
}

/** Who may sign in to an app, by its registration's signInAudience (Graph's values). */
const SIGN_IN_AUDIENCES: Record<string, string> = {
  AzureADMyOrg: 'accounts in this tenant only (single tenant)',
  AzureADMultipleOrgs: 'accounts in any Microsoft Entra tenant (multitenant)',
  AzureADandPersonalMicrosoftAccount: 'accounts in any Microsoft Entra tenant and personal Microsoft accounts',
  PersonalMicrosoftAccount: 'personal Microsoft accounts only',
};

function ownerText(o: DirectoryObjectRef): string {
  return escapePerson(o.displayName ?? o.id, o.userPrincipalName);
}

export function appInfoModel(
  sp: ServicePrincipalDetails,
  app: ApplicationDetails | undefined,
  owners: DirectoryObjectRef[],
  changes: DirectoryAudit[] | undefined,
  hidden: string[],
  now: Date,
  warnUntil: Date,
): DirectoryCardModel {
  const name = sp.displayName ?? app?.displayName ?? sp.id;
  const credentials = [...(app ? credentialsOf(name, app, now, warnUntil) : []), ...credentialsOf(name, sp, now, warnUntil)];
  const callouts: Array<{ text: string }> = [];
  for (const c of credentials.filter((x) => x.state !== 'valid')) callouts.push({ text: credentialText(c, now, false) });
  if (owners.length === 0) callouts.push({ text: 'This app has no owners: nobody but administrators answers for it or rotates its credentials.' });
  if (sp.accountEnabled === false) callouts.push({ text: 'Sign-in is disabled for this app in this tenant.' });
  const facts = [{ title: 'Application (client) ID', value: sp.appId ?? app?.appId ?? '' }];
  facts.push({ title: 'Registered', value: app ? 'In this tenant' : 'In another tenant (only the service principal is here)' });
  // "does the HR Portal require users to be assigned?"
  if (typeof sp.appRoleAssignmentRequired === 'boolean') facts.push({ title: 'User assignment required', value: sp.appRoleAssignmentRequired ? 'Yes: only assigned users and groups can sign in' : 'No: anyone in the tenant can sign in' });
  // "sign-in audience of the partner portal app", "is it multi-tenant?"
  if (app?.signInAudience) facts.push({ title: 'Sign-in audience', value: `${SIGN_IN_AUDIENCES[app.signInAudience] ?? 'as registered'} (${escapeMarkdown(app.signInAudience)})` });
  if (app?.createdDateTime) facts.push({ title: 'Created', value: formatDate(app.createdDateTime) });
  if (app?.description) facts.push({ title: 'Description', value: escapeMarkdown(app.description) });
  const sections = [
    { heading: 'Owners', items: owners.length ? owners.map((o) => ({ text: ownerText(o) })) : [{ text: 'none' }] },
    { heading: 'Credentials', items: credentials.length ? credentials.map((c) => ({ text: credentialText(c, now, false) })) : [{ text: 'none' }] },
  ];
  if (changes) {
    sections.push({
      heading: `Credential and app changes (last ${CHANGE_DAYS} days)`,
      items: changes.length ? changes.map((a) => ({ text: auditRowText(a, now) })) : [{ text: 'none' }],
    });
  }
  return { title: escapeMarkdown(name), subtitle: app ? 'App registration and enterprise app' : 'Enterprise app', callouts, facts, sections, notes: hidden.map((text) => ({ text })) };
}

/**
 * Every app's credentials, the soonest to end first across all apps: "the one that expires first" is the first row.
 * Each carries its app, so the card and the rows it shows keep one order.
 */
function credentialsSoonestFirst(apps: ApplicationDetails[], now: Date, warnUntil: Date) {
  return apps
    .flatMap((a) => credentialsOf(a.displayName ?? a.appId ?? a.id, a, now, warnUntil).map((c) => ({ ...c, appId: a.appId ?? a.id })))
    .sort((a, b) => Date.parse(a.endDateTime) - Date.parse(b.endDateTime));
}

export function expiringCredentialsModel(apps: ApplicationDetails[], now: Date, warnUntil: Date, windowName: string): DirectoryCardModel {
  const all = credentialsSoonestFirst(apps, now, warnUntil);
  const expiring = all.filter((c) => c.state === 'expiring');
  const expired = all.filter((c) => c.state === 'expired');
  return {
    title: `App credentials expiring ${windowName}`,
    subtitle: `${expiring.length} expiring, ${expired.length} already expired, across ${apps.length} app registrations`,
    callouts: expired.length ? [{ text: `${expired.length} credential${expired.length === 1 ? ' has' : 's have'} expired: apps that still use them fail to sign in.` }] : [],
    facts: [],
    sections: [
      { heading: `Expiring ${windowName}`, items: expiring.length ? expiring.map((c) => ({ text: credentialText(c, now, true) })) : [{ text: 'none' }] },
      { heading: 'Already expired', items: expired.length ? expired.map((c) => ({ text: credentialText(c, now, true) })) : [{ text: 'none' }] },
    ],
    notes: [],
  };
}

/** The apps of the expiring-credentials card in the order it shows them (expiring, then expired), once each. */
function shownApps(apps: ApplicationDetails[], now: Date, warnUntil: Date): Array<{ appId: string; displayName: string; shownAs: string }> {
  const rows = credentialsSoonestFirst(apps, now, warnUntil).filter((c) => c.state === 'expiring' || c.state === 'expired');
  const ordered = [...rows.filter((r) => r.state === 'expiring'), ...rows.filter((r) => r.state === 'expired')];
  // Each app with the kinds and states of its credentials shown: "the certificate ones", "the expired ones".
  const shown = new Map<string, { appId: string; displayName: string; words: Set<string> }>();
  for (const c of ordered) {
    const app = shown.get(c.appId) ?? { appId: c.appId, displayName: c.app, words: new Set<string>() };
    app.words.add(c.kind).add(c.state);
    shown.set(c.appId, app);
  }
  return [...shown.values()].map((a) => ({ appId: a.appId, displayName: a.displayName, shownAs: [...a.words].join(' ') }));
}

async function expiringAnswer(request: SkillRequest, tenant: TenantSession): Promise<SkillAnswer> {
  const range = entityOf(request.understanding, 'timeRange');
  const horizon = expiryHorizon(request.understanding.text, request.now);
  const warnUntil = horizon?.until ?? warnUntilOf(range?.value, request.now);
  const windowName = horizon?.name ?? (range?.value === 'thisMonth' ? 'this month' : `in the next 30 days`);
  const responses = await batchGet(tenant.client, [APPLICATION_CREDENTIALS_REQUEST]);
  for (const r of responses.values()) throwUnlessFound(r.status, r.body, 'applications.read');
  const all = bodyOf<Page<ApplicationDetails>>(responses, 'applications')?.value ?? [];
  // "which of those have expired creds?": only the apps the last answer showed.
  const among = request.understanding.among;
  // "of the apps Irvin owns, which expire this month?": only the registrations that person owns.
  const owner = entityOf(request.understanding, 'user');
  const owned = !among && owner?.id && owner.resolution === 'resolved' ? await ownedApplicationIds(tenant.client, owner.id) : undefined;
  const apps = among ? all.filter((a) => among.ids.includes(a.appId ?? a.id)) : owned ? all.filter((a) => owned.has(a.id)) : all;
  const model = expiringCredentialsModel(apps, request.now, warnUntil, windowName);
  if (among) model.subtitle = `${model.subtitle.replace(/, across \d+ app registrations$/, '')}, among ${among.label}`;
  else if (owned) model.subtitle = `${model.subtitle.replace(/, across \d+ app registrations$/, '')}, among the ${apps.length} app registration${apps.length === 1 ? '' : 's'} ${owner!.displayName ?? owner!.text} owns`;
  // The apps in the order shown (expiring, then expired): "who owns the first one". Their service principals are
  // found by application id when a follow-up names one.
  const subjects = shownApps(apps, request.now, warnUntil).map((a) => ({ type: 'app' as const, id: a.appId, appId: a.appId, displayName: a.displayName, shownAs: a.shownAs }));
  return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), ...(subjects.length ? { subjects } : {}) };
}

export const appInfoSkill = defineSkill<Entity | undefined>({
  name: 'appInfo',
  version: '1',
  intents: ['app.info'],
  what: 'applications',
  needs: 'applications.read',
  /** The app named; with none, the question is about the tenant's expiring credentials. */
  asked: (request) => ({ asked: entityOf(request.understanding, 'app') }),
  subject: (_request, app) => (app ? 'app' : undefined),
  subjectFirst: false,
  async answer({ request, tenant, asked: entity, subject, may }): Promise<SkillAnswer> {
    // "which of those have expired creds?": the apps asked of, together, not the first one's page.
    if (!entity || !subject || request.understanding.among) return expiringAnswer(request, tenant);
    const now = request.now;
    const first = await batchGet(tenant.client, appRequests(subject.id, entity.appId));
    for (const r of first.values()) throwUnlessFound(r.status, r.body, 'applications.read');
    const sp = bodyOf<ServicePrincipalDetails>(first, 'servicePrincipal');
    if (!sp) return { kind: 'text', text: `${escapeMarkdown(subject.displayName)} is no longer in the directory.` };
    const app = bodyOf<Page<ApplicationDetails>>(first, 'application')?.value[0];
    const mayAudit = await may('directoryAudits.read');
    const hidden = mayAudit ? [] : [`Recent changes not shown: the audit log needs ${roleList(rolesFor('directoryAudits.read'))}.`];
    const since = new Date(now.getTime() - CHANGE_DAYS * 86_400_000).toISOString();
    const second: BatchRequest[] = [];
    if (app) second.push(applicationOwnersRequest(app.id));
    if (mayAudit) second.push(auditRequest('changes', { start: since }, { anyTarget: app ? [app.id, sp.id] : [sp.id] }));
    const more = second.length ? await batchGet(tenant.client, second) : new Map<string, BatchResponse>();
    const changesResponse = more.get('changes');
    if (changesResponse?.status === 403) hidden.push(`Recent changes not shown: the audit log needs ${roleList(rolesFor('directoryAudits.read'))}.`);
    else if (changesResponse) throwUnlessFound(changesResponse.status, changesResponse.body, 'directoryAudits.read');
    const ownerResponse = more.get('appOwners');
    if (ownerResponse) throwUnlessFound(ownerResponse.status, ownerResponse.body, 'applications.read');
    const owners = [...(bodyOf<Page<DirectoryObjectRef>>(more, 'appOwners')?.value ?? []), ...(bodyOf<Page<DirectoryObjectRef>>(first, 'spOwners')?.value ?? [])];
    const unique = [...new Map(owners.map((o) => [o.id, o])).values()];
    const changes = mayAudit && changesResponse?.status !== 403 ? (bodyOf<Page<DirectoryAudit>>(more, 'changes')?.value ?? []) : undefined;
    if (changes) await namePeopleIn(tenant.client, changes);
    const model = appInfoModel(sp, app, unique, changes, hidden, now, warnUntilOf(undefined, now));
    // Its owners are the people this answer shows: "what else does she own?" is about the one owner.
    const subjects = unique.filter((o) => !(o['@odata.type'] ?? '').endsWith('servicePrincipal')).map((o) => ({ type: 'user' as const, id: o.id, displayName: o.displayName ?? o.id }));
    const about = subjects.slice(0, 1).map((o) => ({ ...o, as: 'owner' as const }));
    return { kind: 'card', template: 'directory', data: model, summary: directorySummary(model), ...(subjects.length ? { subjects } : {}), ...(about.length ? { about } : {}) };
  },
});
