// Every migration, in order. Each is a numbered file exporting up(db); its number is the
// PRAGMA user_version the replica has once it ran. Listed statically so a bundler sees them all.
import type { Db } from '../open-replica-file.ts';
import * as m0001 from './0001-replica.ts';
import * as m0002 from './0002-customer-index.ts';
import * as m0003 from './0003-script.ts';
import * as m0004 from './0004-kb-local.ts';
import * as m0005 from './0005-kb-image.ts';
import * as m0006 from './0006-payment.ts';
import * as m0007 from './0007-promotion-wrap-up.ts';
import * as m0008 from './0008-task-call-customer.ts';
import * as m0009 from './0009-connection-request.ts';
import * as m0010 from './0010-inbox.ts';
import * as m0011 from './0011-canned-responses.ts';
import * as m0012 from './0012-inbox-counts.ts';
import * as m0013 from './0013-waiting-uploads.ts';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: '0001-replica', up: m0001.up },
  { version: 2, name: '0002-customer-index', up: m0002.up },
  { version: 3, name: '0003-script', up: m0003.up },
  { version: 4, name: '0004-kb-local', up: m0004.up },
  { version: 5, name: '0005-kb-image', up: m0005.up },
  { version: 6, name: '0006-payment', up: m0006.up },
  { version: 7, name: '0007-promotion-wrap-up', up: m0007.up },
  { version: 8, name: '0008-task-call-customer', up: m0008.up },
  { version: 9, name: '0009-connection-request', up: m0009.up },
  { version: 10, name: '0010-inbox', up: m0010.up },
  { version: 11, name: '0011-canned-responses', up: m0011.up },
  { version: 12, name: '0012-inbox-counts', up: m0012.up },
  { version: 13, name: '0013-waiting-uploads', up: m0013.up },
];
