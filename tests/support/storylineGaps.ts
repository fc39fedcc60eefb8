/**
 * Storyline facts the answers do not carry yet, each with what is missing; issue #14 (answers that tell the whole
 * story, evidence one click away) closes them, and each entry goes when its answer carries the facts. Shared by the
 * answer test (which skips these storylines) and the Playground test (which checks every other fact of them).
 */
export interface StorylineGap {
  /** The facts of docs/demo-tenant.md the answer lacks. */
  missing: string[];
  why: string;
}

export const STORYLINE_GAPS: Readonly<Record<string, StorylineGap>> = {
};
