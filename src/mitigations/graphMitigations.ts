/**
 * The Graph call behind each mitigation (each action's page on Microsoft Learn, e.g. https://learn.microsoft.com/en-us/graph/api/riskyuser-confirmcompromised,
 * https://learn.microsoft.com/en-us/graph/api/user-revokesigninsessions, https://learn.microsoft.com/en-us/graph/api/user-update): collection-bound risk actions with id arrays (204),
 * revokeSignInSessions (200 {value: true}), and PATCH accountEnabled (204). Only this module writes to the tenant.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { escapeMarkdown } from '../cards/escape';
import type { MitigationOutcome } from './mitigationStore';
import { wordingFor } from './mitigationText';
import type { MitigationProposal } from './types';

interface GraphCall {
  method: 'POST' | 'PATCH';
  path: string;
  body?: object;
  /** What Graph answers on success: 204, except revokeSignInSessions's 200 {value: true}. */
  okStatus: 200 | 204;
}

export function graphCallFor(proposal: MitigationProposal): GraphCall {
  const { action, target } = proposal;
  const id = encodeURIComponent(target.id);
  switch (target.kind) {
    case 'user':
      if (action === 'revokeSessions') return { method: 'POST', path: `/users/${id}/revokeSignInSessions`, okStatus: 200 };
      if (action === 'disable') return { method: 'PATCH', path: `/users/${id}`, body: { accountEnabled: false }, okStatus: 204 };
      return { method: 'POST', path: `/identityProtection/riskyUsers/${action}`, body: { userIds: [target.id] }, okStatus: 204 };
    case 'servicePrincipal':
      if (action === 'disable') return { method: 'PATCH', path: `/servicePrincipals/${id}`, body: { accountEnabled: false }, okStatus: 204 };
      return { method: 'POST', path: `/identityProtection/riskyServicePrincipals/${action}`, body: { servicePrincipalIds: [target.id] }, okStatus: 204 };
    case 'signIn':
      return { method: 'POST', path: `/auditLogs/signIns/${action}`, body: { requestIds: [target.id] }, okStatus: 204 };
  }
}

interface GraphFailure {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** Runs the call; a refusal or error from Graph becomes a failed outcome with Graph's own code and message. */
export async function performMitigation(client: Client, proposal: MitigationProposal): Promise<MitigationOutcome> {
  const call = graphCallFor(proposal);
  // The message is shown as Markdown on cards: tenant and Graph text in it is escaped here, once.
  const name = escapeMarkdown(proposal.target.displayName);
  try {
    const request = client.api(call.path);
    if (call.method === 'PATCH') await request.patch(call.body);
    else await request.post(call.body ?? {});
    return { ok: true, message: wordingFor(proposal).done(name), graphStatus: call.okStatus };
  } catch (err) {
    const failure = err as GraphFailure;
    const status = failure.statusCode;
    if (typeof status !== 'number' || status <= 0) throw err;
    const why =
      status === 403
        ? `Microsoft Graph refused it (${escapeMarkdown(failure.code ?? 'Forbidden')}: ${escapeMarkdown(failure.message ?? 'insufficient privileges')}). The account that confirmed, or the bot's app registration, lacks the role or permission this action needs.`
        : status === 404
          ? `Microsoft Graph could not find ${name} (it may have been deleted).`
          : status === 429
            ? 'Microsoft Graph is throttling requests right now; nothing was changed. Ask again in a minute.'
            : `Microsoft Graph answered ${status} (${escapeMarkdown(failure.code ?? 'error')}: ${escapeMarkdown(failure.message ?? 'no message')}); nothing was changed.`;
    return { ok: false, message: why, graphStatus: status, graphCode: failure.code };
  }
}
