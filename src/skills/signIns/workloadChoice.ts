/**
 * "Our nightly sync job keeps failing, is that Entra?": a workload word that names several apps. Before the admin is
 * asked which one, the tenant may already tell: when exactly one of them has failing sign-ins of its own (service
 * principal sign-ins) in the window, that is the job meant, and the answer says how it was chosen.
 */
import { querySignIns } from '../../graph/signInQueries';
import { isInterruptCode } from '../../knowledge/errorCodes';
import type { Candidate, Entity } from '../../understanding/types';
import { mayRead } from '../common/access';
import type { Settled, SkillRequest } from '../types';

/** The newest sign-ins read per candidate app: enough to see whether it fails now. */
const PER_APP_READ = { pageSize: 50, maxPages: 1 };

export interface WorkloadWindow {
  start: string;
  end: string;
  label: string;
}

function isFailure(errorCode: number): boolean {
  return errorCode !== 0 && !isInterruptCode(errorCode);
}

export async function settleWorkloadByFailures(request: SkillRequest, window: WorkloadWindow): Promise<Settled | undefined> {
  const { understanding, tenant } = request;
  if (!tenant || understanding.intent !== 'signin.troubleshoot') return undefined;
  if (understanding.entities.some((e) => (e.type === 'user' || e.type === 'requestId') && e.resolution !== 'ambiguous' && e.source === 'message')) return undefined;
  const index = understanding.entities.findIndex((e) => e.type === 'app' && e.resolution === 'ambiguous' && (e.candidates?.length ?? 0) > 1);
  if (index < 0) return undefined;
  const entity = understanding.entities[index];
  const candidates = entity.candidates!.filter((c): c is Candidate & { appId: string } => Boolean(c.appId));
  if (candidates.length !== entity.candidates!.length || !(await mayRead(tenant, 'signIns.read'))) return undefined;

  const failures = await Promise.all(
    candidates.map(async (candidate) => {
      const page = await querySignIns(tenant.client, { appId: candidate.appId, start: window.start, end: window.end, eventType: 'servicePrincipal', ...PER_APP_READ });
      return page.signIns.filter((s) => isFailure(s.status.errorCode)).length;
    }),
  );
  const failing = candidates.filter((_, i) => failures[i] > 0);
  if (failing.length !== 1) return undefined;

  const chosen = failing[0];
  const resolved: Entity = { ...entity, resolution: 'resolved', id: chosen.id, displayName: chosen.displayName, appId: chosen.appId };
  delete resolved.candidates;
  const others = candidates.filter((c) => c !== chosen).map((c) => c.displayName);
  const note =
    `“${entity.text}” matches ${candidates.length} apps (${candidates.map((c) => c.displayName).join(', ')}). ` +
    `I took ${chosen.displayName}: it is the only one whose own sign-ins (as a service principal) failed ${window.label}; ` +
    `${others.join(' and ')} had no such failures.`;
  return { understanding: { ...understanding, entities: understanding.entities.map((e, i) => (i === index ? resolved : e)) }, note };
}
