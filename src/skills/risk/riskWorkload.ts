/**
 * risk.workload: risky workload identities (service principals) in Identity Protection (issue #7).
 *
 * With no app named it lists the open ones (at risk or confirmed compromised), highest level first and newest first
 * within a level, a page at a time with a "show more" cursor. With an app named it tells the story of that service
 * principal: its risk and how it changed, its detections and which credential each used, who can manage it (owners,
 * credentials, recent credential changes in the audit log), whether a credential was added just before the risky
 * activity, and what to do — with buttons for the mitigations the asker's roles allow.
 */
import type { PermissionKey } from '../../graph/permissions';
import type { TenantSession } from '../../graph/sessions';
import {
  applicationOwnersRequest,
  auditRequest,
  batchGet,
  bodyOf,
  userNamesRequests,
  type ApplicationDetails,
  type BatchRequest,
  type BatchResponse,
  type DirectoryAudit,
  type DirectoryObjectRef,
  type Page,
  type ServicePrincipalDetails,
} from '../../graph/directoryQueries';
import { workloadRiskRequests, type RiskyServicePrincipal, type RiskyServicePrincipalHistoryItem, type ServicePrincipalRiskDetection } from '../../graph/workloadRiskQueries';
import { mitigationPermission, type MitigationAction, type MitigationTarget } from '../../mitigations/types';
import { mitigationButton } from '../../mitigations/mitigationText';
import { entityOf, type Entity } from '../../understanding/types';
import type { AnswerAction, SkillAnswer, SkillRequest } from '../types';
import { mayRead, rolesFor, roleList, throwUnlessFound } from '../common/access';
import { defineSkill, type Subject } from '../common/defineSkill';
import { cardAnswer, CHANGE_DAYS, notRiskyText, workloadModel, type WorkloadFacts } from './riskWorkloadAnswer';
import { listAnswer } from './riskWorkloads';
import { isOpen } from './riskText';
import { credentialChanges, NEW_CREDENTIAL_WINDOW_DAYS, type CredentialChange } from './workloadCredentials';

const WHAT = 'risky workload identities';
const DAY_MS = 86_400_000;

function namesFrom(responses: Map<string, BatchResponse>, prefix: string, into: Map<string, string>): void {
  for (const [id, response] of responses) {
    if (!id.startsWith(`${prefix}-`) || response.status >= 300) continue;
    for (const u of (response.body as Page<DirectoryObjectRef>).value ?? []) into.set(u.id.toLowerCase(), u.displayName ?? u.userPrincipalName ?? u.id);
  }
}

const ACTIONS: readonly MitigationAction[] = ['confirmCompromised', 'dismiss', 'disable'];

/** The buttons the situation calls for, each only when the asker's roles allow it; the refused ones, to name roles. */
async function mitigationButtons(tenant: TenantSession, f: WorkloadFacts): Promise<{ actions: AnswerAction[]; refused: MitigationAction[] }> {
  const state = f.risky.riskState ?? '';
  const wanted = ACTIONS.filter((action) => {
    if (action === 'disable') return isOpen(state) && f.sp !== undefined && f.sp.accountEnabled !== false;
    return state === 'atRisk';
  });
  const target: MitigationTarget = { kind: 'servicePrincipal', id: f.risky.id, displayName: f.name, ...(f.sp?.appId || f.risky.appId ? { appId: (f.sp?.appId ?? f.risky.appId)! } : {}) };
  const actions: AnswerAction[] = [];
  const refused: MitigationAction[] = [];
  for (const action of wanted) {
    if (await mayRead(tenant, mitigationPermission(action, 'servicePrincipal'))) actions.push(mitigationButton(action, target));
    else refused.push(action);
  }
  return { actions, refused };
}

function refusedNote(refused: readonly MitigationAction[]): string | undefined {
  if (refused.length === 0) return undefined;
  const byKey = new Map<PermissionKey, MitigationAction[]>();
  for (const action of refused) {
    const key = mitigationPermission(action, 'servicePrincipal');
    byKey.set(key, [...(byKey.get(key) ?? []), action]);
  }
  const words: Record<MitigationAction, string> = {
    confirmCompromised: 'confirming it compromised',
    dismiss: 'dismissing its risk',
    disable: 'disabling it',
    confirmSafe: 'confirming it safe',
    revokeSessions: 'revoking sessions',
  };
  const parts = [...byKey.entries()].map(([key, actions]) => `${actions.map((a) => words[a]).join(' or ')} needs ${roleList(rolesFor(key))}`);
  return `You can read this risk but not act on it: ${parts.join('; ')}.`;
}

async function workloadAnswer(request: SkillRequest, tenant: TenantSession, subject: Subject, appId: string | undefined): Promise<SkillAnswer> {
  const now = request.now;
  const mayApps = await mayRead(tenant, 'applications.read');
  const first = await batchGet(tenant.client, workloadRiskRequests(subject.id, appId, { application: mayApps }));
  for (const id of ['risky', 'history', 'detections']) {
    const r = first.get(id);
    if (r) throwUnlessFound(r.status, r.body, 'riskyServicePrincipals.read');
  }
  const notes: string[] = [];
  const applicationRefused = ['servicePrincipal', 'spOwners', 'application'].some((id) => first.get(id)?.status === 403);
  if (!mayApps || applicationRefused) notes.push('Owners and credentials not shown: reading app registrations needs Application.Read.All or Directory.Read.All for the bot.');
  for (const id of ['servicePrincipal', 'spOwners', 'application']) {
    const r = first.get(id);
    if (r && r.status !== 403) throwUnlessFound(r.status, r.body, 'applications.read');
  }
  const risky = bodyOf<RiskyServicePrincipal>(first, 'risky');
  const history = bodyOf<Page<RiskyServicePrincipalHistoryItem>>(first, 'history')?.value ?? [];
  const detections = bodyOf<Page<ServicePrincipalRiskDetection>>(first, 'detections')?.value ?? [];
  const sp = bodyOf<ServicePrincipalDetails>(first, 'servicePrincipal');
  const app = bodyOf<Page<ApplicationDetails>>(first, 'application')?.value[0];
  const name = sp?.displayName ?? risky?.displayName ?? subject.displayName;
  const names = new Map<string, string>();
  const historyInitiators = history.map((h) => h.initiatedBy).filter((id): id is string => Boolean(id));

  if (!risky || !isOpen(risky.riskState)) {
    const named = historyInitiators.length ? await batchGet(tenant.client, userNamesRequests('historyNames', historyInitiators)) : new Map<string, BatchResponse>();
    namesFrom(named, 'historyNames', names);
    return { kind: 'text', text: notRiskyText(name, risky, history, names, now, detections) };
  }

  // Second step: the registration's owners, the audit log's credential changes, and the names of who changed the risk.
  const mayAudit = await mayRead(tenant, 'directoryAudits.read');
  const auditRoles = `Recent credential changes not shown: the audit log needs ${roleList(rolesFor('directoryAudits.read'))}.`;
  if (!mayAudit) notes.push(auditRoles);
  const firstActivity = Math.min(...detections.map((d) => Date.parse(d.activityDateTime ?? '')).filter(Number.isFinite), now.getTime());
  const since = new Date(Math.min(now.getTime() - CHANGE_DAYS * DAY_MS, firstActivity - NEW_CREDENTIAL_WINDOW_DAYS * DAY_MS)).toISOString();
  const second: BatchRequest[] = [...userNamesRequests('historyNames', historyInitiators)];
  if (app) second.push(applicationOwnersRequest(app.id));
  if (mayAudit) second.push(auditRequest('changes', { start: since }, { anyTarget: app ? [app.id, risky.id] : [risky.id] }));
  const more = second.length ? await batchGet(tenant.client, second) : new Map<string, BatchResponse>();
  namesFrom(more, 'historyNames', names);
  const ownerResponse = more.get('appOwners');
  if (ownerResponse) throwUnlessFound(ownerResponse.status, ownerResponse.body, 'applications.read');
  const changesResponse = more.get('changes');
  let changes: CredentialChange[] | undefined;
  if (changesResponse?.status === 403) notes.push(auditRoles);
  else if (changesResponse) {
    throwUnlessFound(changesResponse.status, changesResponse.body, 'directoryAudits.read');
    changes = credentialChanges(bodyOf<Page<DirectoryAudit>>(more, 'changes')?.value ?? []);
  }

  // Third step, only when the audit log names people by id alone: their names.
  const unnamed = (changes ?? []).map((c) => c.audit.initiatedBy?.user).filter((u) => u && !u.displayName && u.id && !names.has(u.id.toLowerCase())).map((u) => u!.id!);
  if (unnamed.length) namesFrom(await batchGet(tenant.client, userNamesRequests('auditNames', unnamed)), 'auditNames', names);

  const owners = [...(bodyOf<Page<DirectoryObjectRef>>(more, 'appOwners')?.value ?? []), ...(bodyOf<Page<DirectoryObjectRef>>(first, 'spOwners')?.value ?? [])];
  const facts: WorkloadFacts = { name, risky, history, detections, sp, app, owners: [...new Map(owners.map((o) => [o.id, o])).values()], changes, names, notes };
  const { actions, refused } = await mitigationButtons(tenant, facts);
  const note = refusedNote(refused);
  if (note) facts.notes.push(note);
  return cardAnswer(workloadModel(facts, now), actions);
}

export const riskWorkloadSkill = defineSkill<Entity | undefined>({
  name: 'riskWorkload',
  version: '1',
  intents: ['risk.workload'],
  what: WHAT,
  needs: 'riskyServicePrincipals.read',
  /** The app named; with none, the question is the list of risky workload identities. */
  asked: (request) => ({ asked: entityOf(request.understanding, 'app') }),
  subject: (_request, app) => (app ? 'app' : undefined),
  subjectFirst: false,
  async answer({ request, tenant, asked: entity, subject }): Promise<SkillAnswer> {
    if (!entity || !subject) return listAnswer(request, tenant);
    // A "show more" cursor only ever belongs to the list; on a one-app answer it is not one we handed out.
    if (request.cursor !== undefined) return { kind: 'text', text: 'That "show more" button does not belong to this question. Ask it again without it.' };
    return workloadAnswer(request, tenant, subject, entity.appId);
  },
});

