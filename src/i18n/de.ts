import { en } from './en.js';
import type { Messages } from './messages.js';

// Placeholder until the de catalogue lands.
export const de: Messages = en;
