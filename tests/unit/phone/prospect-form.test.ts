// The connection request form's rules: the draft a call starts with, per-field problems (required,
// too long, not a phone, a tariff of the other type), the flat's number only for an apartment
// building, region and town following each other, and the input a valid draft becomes — which the
// contract accepts.
import { describe, expect, it } from 'vitest';
import { ConnectionRequestInput } from '../../../contract/domain/connection-request.ts';
import type { Tariff } from '../../../contract/domain/customer.ts';
import {
  checkProspect, citySuggestions, draftForCall, fieldOfError, KALUGA_REGION, MOSCOW, MOSCOW_REGION, prospectDrafts, prospectInput, tariffsFor, withCity, withConnectionType,
  withRegion, type ProspectDraft,
} from '../../../renderer/src/features/phone/prospect-form.ts';

const TARIFFS: Tariff[] = [
  { id: 'home-300', name: 'Домашний 300', speedMbps: 300, monthlyFee: 70_000, connectionType: 'apartment_ethernet' },
  { id: 'home-100', name: 'Домашний 100', speedMbps: 100, monthlyFee: 55_000, connectionType: 'apartment_ethernet' },
  { id: 'house-100', name: 'Частный дом 100', speedMbps: 100, monthlyFee: 90_000, connectionType: 'private_house' },
];

const filled = (over: Partial<ProspectDraft> = {}): ProspectDraft => ({
  ...draftForCall('+74951112233'),
  contactName: ' Ольга Сергеевна ', street: 'Профсоюзная улица', house: '43к2', apartment: '118', tariffId: 'home-100', ...over,
});

describe('prospect form', () => {
  it('starts from the caller\'s number, read as people write it, in a Moscow flat', () => {
    expect(draftForCall('+74951112233')).toMatchObject({ phone: '8 (495) 111-22-33', connectionType: 'apartment_ethernet', region: MOSCOW, city: MOSCOW, tariffId: null });
    expect(draftForCall('1002').phone).toBe('');
  });

  it('an empty draft names every required field', () => {
    const p = checkProspect({ ...draftForCall(null), city: '' }, TARIFFS);
    expect(p).toEqual({ phone: 'required', contactName: 'required', city: 'required', street: 'required', house: 'required', apartment: 'required' });
  });

  it('a flat needs its number; a private house has none and its field is ignored', () => {
    expect(checkProspect(filled({ apartment: ' ' }), TARIFFS)).toEqual({ apartment: 'required' });
    const house = withConnectionType(filled(), 'private_house', TARIFFS);
    expect(checkProspect(house, TARIFFS)).toEqual({});
    expect(prospectInput(house, TARIFFS, null)?.address.apartment).toBeNull();
  });

  it('switching to a house drops an apartment tariff; a tariff of the other type is refused', () => {
    expect(withConnectionType(filled(), 'private_house', TARIFFS).tariffId).toBeNull();
    expect(withConnectionType(filled({ tariffId: 'home-300' }), 'apartment_ethernet', TARIFFS).tariffId).toBe('home-300');
    expect(checkProspect(filled({ tariffId: 'house-100' }), TARIFFS)).toEqual({ tariffId: 'wrongTariff' });
    expect(tariffsFor(TARIFFS, 'apartment_ethernet').map((t) => t.id)).toEqual(['home-100', 'home-300']);
  });

  it('refuses what is not a phone number and texts over the limit', () => {
    expect(checkProspect(filled({ phone: '12' }), TARIFFS)).toEqual({ phone: 'phone' });
    expect(checkProspect(filled({ comment: 'я'.repeat(2001), house: '1'.repeat(33) }), TARIFFS)).toEqual({ comment: 'tooLong', house: 'tooLong' });
  });

  it('a listed town brings its region; another region clears a town that is not in it', () => {
    expect(withCity(filled(), 'Обнинск')).toMatchObject({ city: 'Обнинск', region: KALUGA_REGION });
    expect(withCity(filled({ region: MOSCOW_REGION }), 'деревня Жостово')).toMatchObject({ region: MOSCOW_REGION });
    expect(withRegion(filled(), MOSCOW_REGION).city).toBe('');
    expect(withRegion(withCity(filled(), 'Химки'), MOSCOW_REGION).city).toBe('Химки');
    expect(withRegion(filled({ region: KALUGA_REGION, city: 'Калуга' }), MOSCOW).city).toBe(MOSCOW);
  });

  it('a valid draft becomes an input the contract accepts: trimmed, E.164, blanks as null', () => {
    const input = prospectInput(filled({ phone: '8 (495) 111-22-33', preferredTime: '  ' }), TARIFFS, '10000000-0000-4000-8000-000000000001');
    expect(input).toEqual({
      phone: '+74951112233', contactName: 'Ольга Сергеевна', connectionType: 'apartment_ethernet',
      address: { region: MOSCOW, city: MOSCOW, street: 'Профсоюзная улица', house: '43к2', apartment: '118' },
      tariffId: 'home-100', preferredTime: null, comment: '', callId: '10000000-0000-4000-8000-000000000001',
    });
    expect(ConnectionRequestInput.safeParse(input).success).toBe(true);
    expect(prospectInput(filled({ contactName: '' }), TARIFFS, null)).toBeNull();
  });

  it('reads a refusal\'s field path as the form\'s field', () => {
    expect(fieldOfError('mutations.0.args.address.apartment')).toBe('apartment');
    expect(fieldOfError('args.tariffId')).toBe('tariffId');
    expect(fieldOfError('args.address')).toBeNull();
    expect(fieldOfError(undefined)).toBeNull();
  });

  it('offers every town while the field holds a listed one, else those containing what is typed', () => {
    const towns = (text: string) => citySuggestions(text).flatMap((p) => p.cities);
    expect(towns(MOSCOW)).toContain('Обнинск');
    expect(towns('')).toHaveLength(towns('Химки').length);
    expect(citySuggestions('бн')).toEqual([{ region: KALUGA_REGION, cities: ['Обнинск'] }]);
    expect(towns('деревня Жостово')).toEqual([]);
  });

  it('keeps a draft per call until it is saved', () => {
    const callId = 'call-1';
    prospectDrafts.set(callId, filled());
    expect(prospectDrafts.get(callId)?.street).toBe('Профсоюзная улица');
    prospectDrafts.clear(callId);
    expect(prospectDrafts.get(callId)).toBeUndefined();
  });
});
