import { en } from './en.js';
import type { Messages } from './messages.js';

// Placeholder until the it catalogue lands.
export const it: Messages = en;
