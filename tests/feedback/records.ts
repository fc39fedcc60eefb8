import { randomUUID } from 'node:crypto';
import type { AnswerRecord, RaterFeedback } from '../../src/feedback/types';

export const ASKER = '0b8e2a9c-4d6f-4e21-8c1b-5a3f9e7d2c01';
export const TENANT = '8f3c1f2a-6b1d-4c57-9a55-2f1e4b7d0c11';

/** An answer as the bot records it, with a card; fields a test cares about can be overridden. */
export function answerRecord(overrides: Partial<AnswerRecord> = {}): AnswerRecord {
  return {
    answerId: randomUUID(),
    conversationId: `a:${randomUUID()}`,
    conversationType: 'personal',
    question: "Why can't Megan sign in?",
    intent: 'signin.troubleshoot',
    entities: [{ type: 'user', text: 'Megan', value: 'megan@contoso.com' }],
    answer: { cardId: 'help', skill: 'signIns', skillVersion: '1', graphRequests: [{ method: 'GET', url: '/v1.0/auditLogs/signIns?$top=5', status: 200 }] },
    askerAadObjectId: ASKER,
    tenantId: TENANT,
    answeredAt: '2026-11-20T12:00:00.000Z',
    card: { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Megan is blocked by “Require compliant device”' }] },
    ...overrides,
  };
}

export function rating(overrides: Partial<RaterFeedback> = {}): RaterFeedback {
  return { rater: ASKER, rating: 'up', categories: [], source: 'card', ratedAt: '2026-11-20T12:01:00.000Z', ...overrides };
}
