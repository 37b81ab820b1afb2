import { en } from './en.js';
import type { Messages } from './messages.js';

// Placeholder until the es catalogue lands.
export const es: Messages = en;
