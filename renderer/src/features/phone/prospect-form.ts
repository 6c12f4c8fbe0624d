// The prospect's connection request form, apart from its view: the draft a call starts it with (the
// caller's number), the places the contact center serves (Moscow, towns of the Moscow region, the
// Kaluga region; any other typed in), the tariffs that fit the connection type, the problems per
// field (i18n keys under phone.prospect.problems) and the `connectionRequests.create` input a valid
// draft becomes. Drafts are kept per call, so one begun while it rang survives the hang-up and the
// wrap-up form, and opens again from the call history.
import { CONNECTION_TYPES, type ConnectionType, type Tariff } from '../../../../contract/domain/customer.ts';
import type { ConnectionRequestInput } from '../../../../contract/domain/connection-request.ts';
import { dialTarget } from '../../sip/dial-target.ts';
import { callNumberText } from './call-format.ts';

export { CONNECTION_TYPES };

export const PROSPECT_LIMITS = { contactName: 200, street: 200, city: 200, house: 32, apartment: 32, preferredTime: 200, comment: 2000 } as const;

export interface ProspectDraft {
  /** As typed or prefilled (any Russian form); sent as E.164. */
  phone: string;
  contactName: string;
  connectionType: ConnectionType;
  region: string;
  city: string;
  street: string;
  house: string;
  /** Only for an apartment building; ignored for a private house. */
  apartment: string;
  tariffId: string | null;
  preferredTime: string;
  comment: string;
}

export type ProspectField = 'phone' | 'contactName' | 'region' | 'city' | 'street' | 'house' | 'apartment' | 'tariffId' | 'preferredTime' | 'comment';
export type ProspectProblem = 'required' | 'tooLong' | 'phone' | 'wrongTariff';
export type ProspectProblems = Partial<Record<ProspectField, ProspectProblem>>;

export const MOSCOW = 'Москва';
export const MOSCOW_REGION = 'Московская область';
export const KALUGA_REGION = 'Калужская область';

/** The places offered first; any other town is typed in (its region picked). */
export const PLACES: ReadonlyArray<{ region: string; cities: readonly string[] }> = [
  { region: MOSCOW, cities: [MOSCOW] },
  {
    region: MOSCOW_REGION,
    cities: ['Балашиха', 'Долгопрудный', 'Королёв', 'Красногорск', 'Люберцы', 'Мытищи', 'Одинцово', 'Подольск', 'Раменское', 'Реутов', 'Химки', 'Щёлково'],
  },
  { region: KALUGA_REGION, cities: ['Калуга', 'Обнинск', 'Малоярославец'] },
];
export const REGIONS = PLACES.map((p) => p.region);

/** The region a listed town is in; null for a town typed in. */
export function regionOfCity(city: string): string | null {
  const name = city.trim().toLocaleLowerCase('ru');
  return PLACES.find((p) => p.cities.some((c) => c.toLocaleLowerCase('ru') === name))?.region ?? null;
}

/**
 * The towns to offer for what is in the field: all of them while it is empty or holds a listed town
 * (prefilled or picked — the operator opens the list to choose another), else those containing it.
 */
export function citySuggestions(text: string): Array<{ region: string; cities: string[] }> {
  const q = text.trim().toLocaleLowerCase('ru');
  const all = !q || regionOfCity(text) !== null;
  return PLACES.map((p) => ({ region: p.region, cities: p.cities.filter((c) => all || c.toLocaleLowerCase('ru').includes(q)) })).filter((p) => p.cities.length > 0);
}

/** A new draft for a call from `number` (the caller's, as the call has it): an apartment in Moscow to begin with. */
export function draftForCall(number: string | null): ProspectDraft {
  return {
    // Written as people read it («8 (495) 111-22-33»); an extension is no number to call back.
    phone: number && prospectPhone(number) ? callNumberText(number) : '',
    contactName: '',
    connectionType: 'apartment_ethernet',
    region: MOSCOW,
    city: MOSCOW,
    street: '',
    house: '',
    apartment: '',
    tariffId: null,
    preferredTime: '',
    comment: '',
  };
}

/** The tariffs for this connection type, cheapest first. */
export function tariffsFor(tariffs: readonly Tariff[], type: ConnectionType): Tariff[] {
  return tariffs.filter((t) => t.connectionType === type).sort((a, b) => a.monthlyFee - b.monthlyFee || a.name.localeCompare(b.name, 'ru'));
}

/** Another region: a town of another region is cleared (Moscow is its own only town). */
export function withRegion(draft: ProspectDraft, region: string): ProspectDraft {
  if (region === draft.region) return draft;
  const inRegion = regionOfCity(draft.city) === region;
  return { ...draft, region, city: inRegion ? draft.city : region === MOSCOW ? MOSCOW : '' };
}

/** A town picked or typed: a listed one brings its region along. */
export function withCity(draft: ProspectDraft, city: string): ProspectDraft {
  return { ...draft, city, region: regionOfCity(city) ?? draft.region };
}

/** Switching apartment ↔ house keeps what fits: a tariff of the other type is dropped. */
export function withConnectionType(draft: ProspectDraft, type: ConnectionType, tariffs: readonly Tariff[]): ProspectDraft {
  const keep = tariffs.find((t) => t.id === draft.tariffId)?.connectionType === type;
  return { ...draft, connectionType: type, tariffId: keep ? draft.tariffId : null };
}

/** The number as E.164, or null when it is not a phone number. */
export function prospectPhone(text: string): string | null {
  const target = dialTarget(text);
  return target?.kind === 'phone' ? target.user : null;
}

export function checkProspect(draft: ProspectDraft, tariffs: readonly Tariff[]): ProspectProblems {
  const problems: ProspectProblems = {};
  const text = (field: keyof typeof PROSPECT_LIMITS & ProspectField, value: string, required: boolean) => {
    const v = value.trim();
    if (required && !v) problems[field] = 'required';
    else if (v.length > PROSPECT_LIMITS[field]) problems[field] = 'tooLong';
  };
  if (!draft.phone.trim()) problems.phone = 'required';
  else if (!prospectPhone(draft.phone)) problems.phone = 'phone';
  text('contactName', draft.contactName, true);
  if (!draft.region.trim()) problems.region = 'required';
  text('city', draft.city, true);
  text('street', draft.street, true);
  text('house', draft.house, true);
  if (draft.connectionType === 'apartment_ethernet') text('apartment', draft.apartment, true);
  if (draft.tariffId !== null && tariffs.find((t) => t.id === draft.tariffId)?.connectionType !== draft.connectionType) problems.tariffId = 'wrongTariff';
  text('preferredTime', draft.preferredTime, false);
  text('comment', draft.comment, false);
  return problems;
}

/** The `connectionRequests.create` input, or null while the draft has problems. */
export function prospectInput(draft: ProspectDraft, tariffs: readonly Tariff[], callId: string | null): ConnectionRequestInput | null {
  if (Object.keys(checkProspect(draft, tariffs)).length > 0) return null;
  const apartment = draft.connectionType === 'apartment_ethernet' ? draft.apartment.trim() : null;
  return {
    phone: prospectPhone(draft.phone)!,
    contactName: draft.contactName.trim(),
    connectionType: draft.connectionType,
    address: { region: draft.region.trim(), city: draft.city.trim(), street: draft.street.trim(), house: draft.house.trim(), apartment },
    tariffId: draft.tariffId,
    preferredTime: draft.preferredTime.trim() || null,
    comment: draft.comment.trim(),
    callId,
  };
}

/**
 * A server's refusal names a field like "mutations.0.args.address.apartment" or "input.tariffId":
 * the form's field it is about, to show the message there.
 */
export function fieldOfError(field: string | undefined): ProspectField | null {
  if (!field) return null;
  const last = field.split('.').at(-1) ?? '';
  const known: readonly string[] = ['phone', 'contactName', 'region', 'city', 'street', 'house', 'apartment', 'tariffId', 'preferredTime', 'comment'];
  return known.includes(last) ? (last as ProspectField) : null;
}

/** Drafts by call id, for this window's life: the form can close and open again without losing them. */
const drafts = new Map<string, ProspectDraft>();

export const prospectDrafts = {
  get: (callId: string): ProspectDraft | undefined => drafts.get(callId),
  set: (callId: string, draft: ProspectDraft): void => void drafts.set(callId, draft),
  /** Saved: the next form for this call starts afresh. */
  clear: (callId: string): void => void drafts.delete(callId),
};
