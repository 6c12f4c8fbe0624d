// Reference data: the sites of the contact center, the tariffs and the extra services. Fees are in
// kopecks. Articles and dialogs quote these, so a price is written once.
import type { ExtraService, Site, Tariff } from '../../../../contract/index.ts';

export const SITES: readonly Site[] = [
  { id: 'msk', name: 'Москва', timezone: 'Europe/Moscow' },
  { id: 'mo', name: 'Московская область', timezone: 'Europe/Moscow' },
  { id: 'kaluga', name: 'Калужская область', timezone: 'Europe/Moscow' },
  { id: 'home', name: 'Надомные операторы', timezone: 'Europe/Moscow' },
];

export interface TariffInfo extends Tariff {
  /** Who the tariff is for, in an operator's words. */
  audience: string;
  /** Rental or installation notes specific to the tariff. */
  includes: string;
}

export const TARIFFS: readonly TariffInfo[] = [
  {
    id: 'social-50', name: 'Социальный 50', speedMbps: 50, monthlyFee: 35_000, connectionType: 'apartment_ethernet',
    audience: 'пенсионерам, людям с инвалидностью и многодетным семьям, которым нужен интернет для почты, Госуслуг и видеозвонков',
    includes: 'Подключается только при предъявлении пенсионного удостоверения, справки об инвалидности или удостоверения многодетной семьи.',
  },
  {
    id: 'home-100', name: 'Домашний 100', speedMbps: 100, monthlyFee: 55_000, connectionType: 'apartment_ethernet',
    audience: 'одиноко живущим и небольшим семьям: сайты, соцсети, фильмы в HD на одном-двух устройствах',
    includes: 'Роутер абонента или аренда роутера за отдельную плату.',
  },
  {
    id: 'home-300', name: 'Домашний 300', speedMbps: 300, monthlyFee: 70_000, connectionType: 'apartment_ethernet',
    audience: 'семьям из трёх-четырёх человек: одновременно видео, онлайн-игры и работа из дома',
    includes: 'Самый популярный тариф для квартир; аренда роутера со скидкой 50% первые 6 месяцев.',
  },
  {
    id: 'home-500', name: 'Домашний 500', speedMbps: 500, monthlyFee: 85_000, connectionType: 'apartment_ethernet',
    audience: 'большим семьям и тем, кто качает игры и смотрит 4K на нескольких телевизорах',
    includes: 'Двухдиапазонный роутер Wi-Fi 6 в аренду включён в абонентскую плату.',
  },
  {
    id: 'gigabit', name: 'Гигабит', speedMbps: 1000, monthlyFee: 110_000, connectionType: 'apartment_ethernet',
    audience: 'геймерам, стримерам и тем, кто работает с большими файлами',
    includes: 'Роутер Wi-Fi 6 с гигабитными портами и статический IP-адрес включены в абонентскую плату.',
  },
  {
    id: 'house-100', name: 'Частный дом 100', speedMbps: 100, monthlyFee: 90_000, connectionType: 'private_house',
    audience: 'дачам и домам, где живут один-два человека',
    includes: 'Оптический терминал ONT предоставляется в аренду, плата за аренду не взимается.',
  },
  {
    id: 'house-300', name: 'Частный дом 300', speedMbps: 300, monthlyFee: 120_000, connectionType: 'private_house',
    audience: 'семьям, которые живут в доме круглый год',
    includes: 'Оптический терминал ONT со встроенным Wi-Fi 6 включён в абонентскую плату.',
  },
  {
    id: 'house-500', name: 'Загородный 500', speedMbps: 500, monthlyFee: 150_000, connectionType: 'private_house',
    audience: 'большим домам с несколькими этажами, видеонаблюдением и умным домом',
    includes: 'Терминал ONT и Mesh-система из двух модулей включены в абонентскую плату.',
  },
];

export interface ServiceInfo extends ExtraService {
  /** Only for this kind of connection; undefined for both. */
  only?: Tariff['connectionType'];
}

export const EXTRA_SERVICES: readonly ServiceInfo[] = [
  { id: 'static-ip', name: 'Статический IP-адрес', monthlyFee: 15_000 },
  { id: 'antivirus', name: 'Антивирус (до 3 устройств)', monthlyFee: 14_900 },
  { id: 'tv-basic', name: 'ТВ-пакет «Базовый»', monthlyFee: 19_900 },
  { id: 'tv-extended', name: 'ТВ-пакет «Расширенный»', monthlyFee: 34_900 },
  { id: 'tv-kino', name: 'ТВ-пакет «Кино»', monthlyFee: 29_900 },
  { id: 'router-rent', name: 'Аренда Wi-Fi роутера', monthlyFee: 9_900, only: 'apartment_ethernet' },
  { id: 'parental-control', name: 'Родительский контроль', monthlyFee: 7_900 },
  { id: 'cloud-video', name: 'Облачное видеонаблюдение (1 камера)', monthlyFee: 25_000 },
  { id: 'mesh-rent', name: 'Аренда Mesh-системы (2 модуля)', monthlyFee: 24_900, only: 'private_house' },
];

/** «550 ₽» or «1 100 ₽»; kopecks shown only when there are any. */
export function rub(kopecks: number): string {
  const whole = Math.trunc(Math.abs(kopecks) / 100);
  const kop = Math.abs(kopecks) % 100;
  const grouped = String(whole).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return `${kopecks < 0 ? '−' : ''}${grouped}${kop ? `,${String(kop).padStart(2, '0')}` : ''} ₽`;
}

export function tariffById(id: string): TariffInfo {
  const t = TARIFFS.find((x) => x.id === id);
  if (!t) throw new Error(`unknown tariff ${id}`);
  return t;
}

export function serviceById(id: string): ServiceInfo {
  const s = EXTRA_SERVICES.find((x) => x.id === id);
  if (!s) throw new Error(`unknown extra service ${id}`);
  return s;
}
