/** The user-risk skills (issue #7), for the composition's skills list. */
import type { Skill } from '../types';
import { riskUserSkill } from './riskUser';
import { riskUsersSkill } from './riskUsers';

export const riskUserSkills: readonly Skill[] = [riskUserSkill, riskUsersSkill];
