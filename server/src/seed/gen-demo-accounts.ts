// The accounts `npm start` prints: one per role, fixed logins, one password. No faker here, so the
// starter can list them without loading the generator's data.
import type { Role, SiteId } from '../../../contract/index.ts';

export const DEMO_PASSWORD = 'pult-demo';

export interface DemoAccount {
  login: string;
  password: string;
  role: Role;
  displayName: string;
  siteId: SiteId;
}

export const DEMO_ACCOUNTS: ReadonlyArray<DemoAccount> = [
  { login: 'operator', password: DEMO_PASSWORD, role: 'operator', displayName: 'Анна Кузнецова', siteId: 'msk' },
  { login: 'manager', password: DEMO_PASSWORD, role: 'personal_manager', displayName: 'Борис Орлов', siteId: 'msk' },
  { login: 'supervisor', password: DEMO_PASSWORD, role: 'supervisor', displayName: 'Вера Соколова', siteId: 'msk' },
  { login: 'quality', password: DEMO_PASSWORD, role: 'quality_manager', displayName: 'Галина Морозова', siteId: 'kaluga' },
  { login: 'admin', password: DEMO_PASSWORD, role: 'admin', displayName: 'Дмитрий Волков', siteId: 'msk' },
];
