// What the demo-data generator produces and the seed inserter writes: plain, validated domain objects.
import type { Promotion } from '../../../contract/domain/promotion.ts';
import type { TroubleshootingScript } from '../../../contract/domain/script.ts';
import type { WrapUpCode } from '../../../contract/domain/wrap-up.ts';
import type { Agent, Article, Call, Conversation, Customer, ExtraService, Message, Payment, Site, Tariff } from '../../../contract/index.ts';

export interface SeedAgent extends Agent {
  /** Demo password, hashed by the inserter; printed by `npm start` for the demo accounts. */
  password: string;
}

export interface SeedTeam {
  id: string;
  name: string;
}

export interface SeedData {
  sites: Site[];
  /** Teams the agents' teamId names (gen-teams.ts); none when absent. */
  teams?: SeedTeam[];
  agents: SeedAgent[];
  tariffs: Tariff[];
  extraServices: ExtraService[];
  customers: Customer[];
  payments: Payment[];
  articles: Article[];
  scripts: TroubleshootingScript[];
  promotions: Promotion[];
  wrapUpCodes: WrapUpCode[];
  conversations: Conversation[];
  messages: Message[];
  calls: Call[];
  /** Pictures the articles refer to (kb-image:NAME). */
  images?: SeedImage[];
}

export interface SeedImage {
  name: string;
  mime: string;
  bytes: Uint8Array;
}

export interface SeedOptions {
  /** Same seed, same data, byte for byte. */
  seed: number;
  customers: number;
  /** Anchor for generated dates so output does not depend on the day it runs. */
  now: Date;
}
