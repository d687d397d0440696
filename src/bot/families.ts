// The command families the bot runs, in the order 帮助 lists their commands. A new family is a
// folder under src/bot/ with an index.ts declaring it, and one line here.
import { admin } from './admin/index.js';
import { assessment } from './assessment/index.js';
import { audit } from './audit/index.js';
import { campaigns } from './campaigns/index.js';
import { clues } from './clues/index.js';
import { consultations } from './consultations/index.js';
import type { CommandFamily } from './core/spec.js';
import { digest } from './digest/index.js';
import { documents } from './documents/index.js';
import { lawsuits } from './lawsuits/index.js';
import { ledger } from './ledger/index.js';
import { meetings } from './meetings/index.js';
import { recommendations } from './recommendations/index.js';
import { review } from './review/index.js';
import { submissions } from './submissions/index.js';
import { supervision } from './supervision/index.js';
import { tasks } from './tasks/index.js';

export const FAMILIES: CommandFamily[] = [
  admin,
  recommendations,
  supervision,
  clues,
  meetings,
  tasks,
  lawsuits,
  consultations,
  review,
  campaigns,
  submissions,
  ledger,
  digest,
  assessment,
  documents,
  audit,
];
