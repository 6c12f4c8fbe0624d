// The contact center's teams and who is in which: the first line by office (Moscow, the Moscow
// region, Kaluga) and the operators working from home, each with the supervisor of that site; the
// personal managers as one team, whatever their office. Quality managers and admins work across
// teams and belong to none. A team's operators see each other's open conversations (team queue).
import type { Role, SiteId } from '../../../contract/index.ts';
import type { SeedTeam } from './seed-data.ts';

export const TEAMS: readonly SeedTeam[] = [
  { id: 'line1-msk', name: 'Первая линия, Москва' },
  { id: 'line1-mo', name: 'Первая линия, Московская область' },
  { id: 'line1-kaluga', name: 'Первая линия, Калуга' },
  { id: 'line1-home', name: 'Надомные операторы' },
  { id: 'personal-managers', name: 'Персональные менеджеры' },
];

const FIRST_LINE_OF_SITE: Readonly<Record<SiteId, string>> = {
  msk: 'line1-msk',
  mo: 'line1-mo',
  kaluga: 'line1-kaluga',
  home: 'line1-home',
};

export function teamOf(agent: { role: Role; siteId: SiteId }): string | null {
  switch (agent.role) {
    case 'operator':
    case 'supervisor':
      return FIRST_LINE_OF_SITE[agent.siteId];
    case 'personal_manager':
      return 'personal-managers';
    default:
      return null;
  }
}
