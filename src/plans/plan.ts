/**
 * A question plan: what to read from the tenant and what to do with it, independent of how the question was
 * worded. Understanding fills plans; one compiler turns them into Graph requests (src/plans/compile.ts); one answer
 * shows their results (src/skills/planAnswer.ts). Plain JSON: `ask --json` shows it and the conversation keeps it
 * for follow-ups ("those attempts", "the first one").
 */

/** The collections a plan can read; each one is described once in src/plans/resources.ts. */
export const PLAN_RESOURCES = [
  'users',
  'groups',
  'groupMembers',
  'groupOwners',
  'memberOf',
  'ownedGroups',
  'ownedApps',
  'directReports',
  'applications',
  'servicePrincipals',
  'signIns',
  'directoryAudits',
  'riskyUsers',
  'riskyServicePrincipals',
  'riskDetections',
  'conditionalAccessPolicies',
  'namedLocations',
  'roleAssignments',
  'registrationDetails',
] as const;

export type PlanResource = (typeof PLAN_RESOURCES)[number];

/** `inRange`: an IP address inside any of the CIDR ranges given (a named location's), checked here: Graph has no such filter. */
export type FilterOp = 'eq' | 'ne' | 'ge' | 'le' | 'in' | 'startsWith' | 'present' | 'absent' | 'contains' | 'inRange';

export type FilterValue = string | number | boolean | string[];

/** One condition on a field of the resource (field names are the resource's own, see resources.ts). */
export interface PlanFilter {
  field: string;
  op: FilterOp;
  value?: FilterValue;
  /** How the admin said it, for the restatement ("Russia" for RU). */
  label?: string;
}

/** A time window on the resource's time field; instants are ISO 8601. */
export interface PlanWindow {
  start: string;
  end: string;
  /** "last 7 days", "since Monday". */
  label: string;
}

/** The tenant object a relationship resource starts from: a group's members, a user's or an app's groups. */
export interface PlanAnchor {
  type: 'user' | 'group' | 'servicePrincipal' | 'application';
  id: string;
  displayName: string;
  /** Members or groups reached through nesting too. */
  transitive?: boolean;
}

export type PlanOperation =
  | { kind: 'list' }
  | { kind: 'count' }
  | { kind: 'countDistinct'; field: string }
  | { kind: 'groupBy'; field: string }
  | { kind: 'latest' }
  | { kind: 'first' }
  | { kind: 'exists' }
  | { kind: 'top'; n: number; field: string };

export interface QuestionPlan {
  resource: PlanResource;
  anchor?: PlanAnchor;
  filters: PlanFilter[];
  window?: PlanWindow;
  operation: PlanOperation;
  /** Set when the plan continues the previous answer's rows ("those attempts"). */
  basedOnPrevious?: boolean;
  /** Fields to show beside the resource's own columns ("when did Patti last sign in": the last sign-ins). */
  columns?: string[];
}

export function isQuestionPlan(value: unknown): value is QuestionPlan {
  const plan = value as QuestionPlan | undefined;
  return (
    typeof plan === 'object' &&
    plan !== null &&
    (PLAN_RESOURCES as readonly string[]).includes(plan.resource) &&
    Array.isArray(plan.filters) &&
    typeof plan.operation === 'object' &&
    plan.operation !== null &&
    typeof plan.operation.kind === 'string'
  );
}
