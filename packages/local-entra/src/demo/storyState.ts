import { onDay } from './clock';
import type { Directory } from './people';

/** Account changes the storylines describe, applied before groups and sign-ins are derived. */
export function applyStoryState(directory: Directory): void {
  const lee = directory.cast.lee;
  lee.accountEnabled = false;
  lee.disabledMs = onDay(-1, 16, 20);
}
