/** The Contoso demo tenant: a deterministic generator of tenant snapshots, and the built-in demo snapshot. */
export { generateTenant, type GenerateOptions } from './generate';
export { ensureDemoTenant, demoTenantDir } from './ensure';
export { STORYLINES, STORY, type Storyline } from './storylines';
