import { en } from './en.js';
import type { Messages } from './messages.js';

// Placeholder until the nl catalogue lands.
export const nl: Messages = en;
