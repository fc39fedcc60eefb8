import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { odata, RestError } from '@azure/data-tables';
import { TableStore } from '../storage/tableStore';
import { type AnswerRecord, type FeedbackStore, isKeptForever, type RatedAnswer, type RateOutcome, type RaterFeedback, refusalFor } from './types';

const ANSWER_ROW = 'answer';
const RATING_PREFIX = 'rating_';
const LINK_ROW = 'message';

interface AnswerEntity {
  partitionKey: string;
  rowKey: string;
  conversationId: string;
  answeredAt: string;
  messageId?: string;
  /** The record without its card: a string property holds at most 32K characters, a card can be bigger. */
  record: string;
  /** The card, gzipped into a binary property (64 KB at most; answer cards stay far below). */
  card?: Uint8Array;
}
interface RatingEntity {
  partitionKey: string;
  rowKey: string;
  feedback: string;
}

/**
 * Feedback in Azure Table Storage, for deployments that run several instances. One partition per answer holds the
 * answer and one row per rater, so rating again replaces that row. Writes resolve once the service acknowledged them.
 */
export class TableFeedbackStore extends TableStore implements FeedbackStore {
  async recordAnswer(answer: AnswerRecord): Promise<void> {
    await this.ensureTable();
    const { card, ...record } = answer;
    const entity: AnswerEntity = {
      partitionKey: key(answer.answerId),
      rowKey: ANSWER_ROW,
      conversationId: answer.conversationId,
      answeredAt: answer.answeredAt,
      record: JSON.stringify(record),
      ...(card ? { card: gzipSync(JSON.stringify(card)) } : {}),
    };
    await this.table.upsertEntity(entity, 'Replace');
  }

  async linkMessage(answerId: string, messageId: string): Promise<void> {
    await this.ensureTable();
    const answer = await this.answerEntity(answerId);
    if (!answer) return;
    await this.table.upsertEntity({ partitionKey: linkPartition(answer.conversationId, messageId), rowKey: LINK_ROW, answerId }, 'Replace');
    await this.table.updateEntity({ partitionKey: answer.partitionKey, rowKey: ANSWER_ROW, messageId }, 'Merge');
  }

  async answerForMessage(conversationId: string, messageId: string): Promise<string | undefined> {
    await this.ensureTable();
    const link = await this.entity<{ answerId: string }>(linkPartition(conversationId, messageId), LINK_ROW);
    return link?.answerId;
  }

  async getAnswer(answerId: string): Promise<RatedAnswer | undefined> {
    await this.ensureTable();
    const answer = await this.answerEntity(answerId);
    if (!answer) return undefined;
    const ratings: RatingEntity[] = [];
    for await (const r of this.table.listEntities<RatingEntity>({ queryOptions: { filter: odata`PartitionKey eq ${answer.partitionKey} and RowKey gt ${RATING_PREFIX}` } })) {
      ratings.push(r);
    }
    return toRatedAnswer(answer, ratings);
  }

  async rate(answerId: string, conversationId: string, feedback: RaterFeedback): Promise<RateOutcome> {
    await this.ensureTable();
    const answer = await this.answerEntity(answerId);
    const refusal = refusalFor(answer && (JSON.parse(answer.record) as AnswerRecord), conversationId);
    if (refusal) return refusal;
    const entity: RatingEntity = { partitionKey: key(answerId), rowKey: RATING_PREFIX + key(feedback.rater), feedback: JSON.stringify(feedback) };
    await this.table.upsertEntity(entity, 'Replace');
    return 'saved';
  }

  async listAnswers(): Promise<RatedAnswer[]> {
    await this.ensureTable();
    const answers: AnswerEntity[] = [];
    const ratings = new Map<string, RatingEntity[]>();
    for await (const e of this.table.listEntities<AnswerEntity & RatingEntity>()) {
      if (e.rowKey === ANSWER_ROW) answers.push(e);
      else if (e.rowKey.startsWith(RATING_PREFIX)) ratings.set(e.partitionKey, [...(ratings.get(e.partitionKey) ?? []), e]);
    }
    return answers
      .map((a) => toRatedAnswer(a, ratings.get(a.partitionKey) ?? []))
      .sort((a, b) => a.answeredAt.localeCompare(b.answeredAt) || a.answerId.localeCompare(b.answerId));
  }

  async deleteUnratedBefore(cutoff: string): Promise<number> {
    await this.ensureTable();
    let deleted = 0;
    const old = this.table.listEntities<AnswerEntity>({ queryOptions: { filter: odata`RowKey eq ${ANSWER_ROW} and answeredAt lt ${cutoff}`, select: ['PartitionKey', 'RowKey', 'conversationId', 'messageId', 'record'] } });
    for await (const answer of old) {
      if (isKeptForever(JSON.parse(answer.record) as AnswerRecord)) continue;
      const rated = this.table.listEntities({ queryOptions: { filter: odata`PartitionKey eq ${answer.partitionKey} and RowKey gt ${RATING_PREFIX}`, select: ['RowKey'] } });
      if (!(await rated.next()).done) continue;
      if (answer.messageId) await this.deleteIfPresent(linkPartition(answer.conversationId, answer.messageId), LINK_ROW);
      await this.deleteIfPresent(answer.partitionKey, ANSWER_ROW);
      deleted += 1;
    }
    return deleted;
  }

  private async deleteIfPresent(partitionKey: string, rowKey: string): Promise<void> {
    try {
      await this.table.deleteEntity(partitionKey, rowKey);
    } catch (err) {
      if (!(err instanceof RestError && err.statusCode === 404)) throw err;
    }
  }

  async close(): Promise<void> {
    // TableClient holds no connection of its own to release.
  }

  private answerEntity(answerId: string): Promise<AnswerEntity | undefined> {
    return this.entity<AnswerEntity>(key(answerId), ANSWER_ROW);
  }

  private async entity<T extends object>(partitionKey: string, rowKey: string): Promise<T | undefined> {
    try {
      return await this.table.getEntity<T>(partitionKey, rowKey, { disableTypeConversion: false });
    } catch (err) {
      if (err instanceof RestError && err.statusCode === 404) return undefined;
      throw err;
    }
  }
}

/** Table keys may not hold / \ # ? or control characters; ids come from clients, so encode them. */
function key(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

function linkPartition(conversationId: string, messageId: string): string {
  return `link_${createHash('sha256').update(`${conversationId}\n${messageId}`).digest('hex')}`;
}

function toRatedAnswer(answer: AnswerEntity, ratings: RatingEntity[]): RatedAnswer {
  const record = JSON.parse(answer.record) as AnswerRecord;
  const card = answer.card ? (JSON.parse(gunzipSync(answer.card).toString('utf8')) as Record<string, unknown>) : undefined;
  const feedback = ratings.map((r) => JSON.parse(r.feedback) as RaterFeedback).sort((a, b) => a.ratedAt.localeCompare(b.ratedAt));
  return { ...record, ...(card ? { card } : {}), messageId: answer.messageId, ratings: feedback };
}
