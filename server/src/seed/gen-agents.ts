// Staff of the contact center: the demo accounts first, then operators, personal managers and
// supervisors at each site, with Russian names and Latin logins («ivanova.a»).
import type { Role, SiteId } from '../../../contract/index.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from './gen-demo-accounts.ts';
import { teamOf } from './gen-teams.ts';
import { personName, translit } from './gen-names.ts';
import { createRng, STREAMS } from './gen-random.ts';
import type { SeedAgent } from './seed-data.ts';

/** How many generated agents of each role work at each site (the demo accounts come on top). */
const STAFF: ReadonlyArray<readonly [SiteId, Role, number]> = [
  ['msk', 'personal_manager', 3], ['msk', 'operator', 11],
  ['mo', 'supervisor', 1], ['mo', 'personal_manager', 2], ['mo', 'operator', 7],
  ['kaluga', 'supervisor', 1], ['kaluga', 'quality_manager', 1], ['kaluga', 'personal_manager', 2], ['kaluga', 'operator', 6],
  ['home', 'supervisor', 1], ['home', 'operator', 7],
];

export function generateAgents(seed: number): SeedAgent[] {
  const rng = createRng(seed, STREAMS.agents);
  const agents: SeedAgent[] = DEMO_ACCOUNTS.map((a) => ({
    id: rng.uuid(), login: a.login, displayName: a.displayName, role: a.role, siteId: a.siteId, teamId: teamOf(a), password: a.password,
  }));
  const taken = new Set(agents.map((a) => a.login.toLowerCase()));
  for (const [siteId, role, count] of STAFF) {
    for (let i = 0; i < count; i++) {
      const n = personName(rng);
      const stem = `${translit(n.last)}.${translit(n.first).slice(0, 1)}`;
      let login = stem;
      if (taken.has(login)) login = `${stem}${translit(n.patronymic).slice(0, 1)}`;
      for (let k = 2; taken.has(login); k++) login = `${stem}${k}`;
      taken.add(login);
      agents.push({ id: rng.uuid(), login, displayName: `${n.first} ${n.last}`, role, siteId, teamId: teamOf({ role, siteId }), password: DEMO_PASSWORD });
    }
  }
  return agents;
}
