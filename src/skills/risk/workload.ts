/** The workload-identity risk skills (issue #7), for the composition's skills list. */
import type { Skill } from '../types';
import { riskWorkloadSkill } from './riskWorkload';

export const riskWorkloadSkills: readonly Skill[] = [riskWorkloadSkill];
