// Every migration, in order. Add a numbered file and list it here; never edit an applied one.
import type { Migration } from 'kysely/migration';
import * as m0001 from './0001-initial.ts';
import * as m0002 from './0002-sync.ts';
import * as m0003 from './0003-troubleshooting-scripts.ts';
import * as m0004 from './0004-article-versions.ts';
import * as m0005 from './0005-kb-images.ts';
import * as m0006 from './0006-promotions-wrap-up.ts';
import * as m0007 from './0007-calls-wrap-up-tasks-states.ts';
import * as m0008 from './0008-connection-requests.ts';
import * as m0009 from './0009-inbox.ts';
import * as m0010 from './0010-email.ts';
import * as m0011 from './0011-canned-responses.ts';
import * as m0012 from './0012-teams-sla.ts';

export const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-sync': m0002,
  '0003-troubleshooting-scripts': m0003,
  '0004-article-versions': m0004,
  '0005-kb-images': m0005,
  '0006-promotions-wrap-up': m0006,
  '0007-calls-wrap-up-tasks-states': m0007,
  '0008-connection-requests': m0008,
  '0009-inbox': m0009,
  '0010-email': m0010,
  '0011-canned-responses': m0011,
  '0012-teams-sla': m0012,
};
