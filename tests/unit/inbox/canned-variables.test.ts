// Filling canned responses: every variable from the card and the operator, a missing value left
// visible as {{…}} and listed, hostile values inserted as inert text (no second expansion, no
// control or direction characters, no length blow-up), the Russian form of address, WhatsApp
// template parameters kept to what Meta accepts, and which responses the composer offers.
import { describe, expect, it } from 'vitest';
import type { CannedResponse } from '../../../contract/domain/canned-response.ts';
import { addressName, cleanValue, fillTemplate, fillVariables, templateParameter, unfilledVariables } from '../../../renderer/src/features/inbox/canned-variables.ts';
import { cannedFor, matchCanned } from '../../../renderer/src/features/inbox/composer-canned.ts';
import { soleVariable, templateToSend } from '../../../renderer/src/features/inbox/composer-template.ts';

const ALL = { name: 'Анна Сергеевна', account: '77-123456', tariff: 'Домашний 100', operator: 'Ольга Петрова' };

describe('fillVariables', () => {
  it('fills every known variable, wherever and however often it appears', () => {
    const r = fillVariables('Здравствуйте, {{name}}! Я {{operator}}. Договор {{account}}, тариф «{{tariff}}». {{name}}, всё верно?', ALL);
    expect(r).toEqual({
      text: 'Здравствуйте, Анна Сергеевна! Я Ольга Петрова. Договор 77-123456, тариф «Домашний 100». Анна Сергеевна, всё верно?',
      missing: [],
    });
    expect(fillVariables('{{ name }}', ALL).text).toBe('Анна Сергеевна');
  });

  it('leaves a variable without a value visible and lists it, never silently empty', () => {
    for (const empty of [undefined, null, '', '   ', '\u0000\u202e']) {
      const r = fillVariables('Здравствуйте, {{name}}! Договор {{account}}.', { ...ALL, name: empty });
      expect(r.text).toBe('Здравствуйте, {{name}}! Договор 77-123456.');
      expect(r.missing).toEqual(['name']);
    }
    const none = fillVariables('{{name}} {{account}} {{tariff}} {{operator}} {{name}}', {});
    expect(none.text).toBe('{{name}} {{account}} {{tariff}} {{operator}} {{name}}');
    expect(none.missing).toEqual(['name', 'account', 'tariff', 'operator']);
    expect(unfilledVariables(none.text)).toEqual(['name', 'account', 'tariff', 'operator']);
  });

  it('leaves unknown {{…}} and single braces alone', () => {
    const r = fillVariables('{{balance}} {name} {{Name}} {{1}}', ALL);
    expect(r).toEqual({ text: '{{balance}} {name} {{Name}} {{1}}', missing: [] });
    expect(unfilledVariables(r.text)).toEqual([]);
  });

  it('inserts hostile values as inert text: no second expansion, no markup meaning, no hidden characters', () => {
    const r = fillVariables('Здравствуйте, {{name}}! Я {{operator}}.', {
      name: '{{operator}} <img src=x onerror=alert(1)> $& $1',
      operator: 'Ольга\u202eакчемертас\u202c\u0007\r\nВторая строка',
    });
    // The customer's "{{operator}}" stays as written; $-patterns of String#replace mean nothing.
    expect(r.text).toBe('Здравствуйте, {{operator}} <img src=x onerror=alert(1)> $& $1! Я Ольгаакчемертас Вторая строка.');
    expect(r.missing).toEqual([]);
    expect(fillVariables('{{name}}', { name: 'x'.repeat(10_000) }).text).toHaveLength(200);
    expect(cleanValue('  a\t\tb\n c ')).toBe('a b c');
  });
});

describe('addressName', () => {
  it('addresses a Russian customer by first name and patronymic, anyone else by the name as written', () => {
    expect(addressName('Иванова Анна Сергеевна')).toBe('Анна Сергеевна');
    expect(addressName('  Семёнов   Пётр  Ильич ')).toBe('Пётр Ильич');
    expect(addressName('Анна Иванова')).toBe('Анна Иванова');
    expect(addressName('John Ronald Tolkien')).toBe('John Ronald Tolkien');
    expect(addressName('ООО «Ромашка»')).toBe('ООО «Ромашка»');
    expect(addressName(null)).toBe('');
  });
});

describe('WhatsApp template parameters', () => {
  const template = { name: 'pult_ticket_update', language: 'ru', parameters: ['{{name}}', 'договор {{account}}'] };

  it('are filled like texts and kept to one line without runs of spaces', () => {
    expect(templateParameter('a\n\nb\tc      d')).toBe('a b c   d');
    expect(fillTemplate(template, { ...ALL, name: 'Анна\nСергеевна' })).toEqual({
      template: { ...template, parameters: ['Анна Сергеевна', 'договор 77-123456'] },
      missing: [],
    });
    expect(fillTemplate(template, { name: 'Анна' }).missing).toEqual(['account']);
  });

  const picked: CannedResponse = {
    id: 'wa-ticket-update', kind: 'whatsapp_template', title: 'Новости', body: '{{name}}, по договору {{account}} есть новости.', language: 'ru',
    channels: ['whatsapp'], template, sort: 10, active: true,
  };

  it('take the operator\'s own value, which the preview shows too; an empty one blocks sending', () => {
    expect(soleVariable(' {{name}} ')).toBe('name');
    expect(soleVariable('договор {{account}}')).toBeNull();
    expect(soleVariable('{{balance}}')).toBeNull();

    const filled = templateToSend({ response: picked, edits: {} }, ALL);
    expect(filled).toEqual({ body: 'Анна Сергеевна, по договору 77-123456 есть новости.', template: { ...template, parameters: ['Анна Сергеевна', 'договор 77-123456'] }, missing: [] });

    const unknownCustomer = templateToSend({ response: picked, edits: {} }, { operator: 'Ольга' });
    expect(unknownCustomer.missing).toEqual([1, 2]);
    expect(unknownCustomer.body).toBe('{{name}}, по договору {{account}} есть новости.');

    const typed = templateToSend({ response: picked, edits: { 0: 'Пётр Ильич', 1: 'договор 50-000001' } }, {});
    expect(typed).toMatchObject({ body: 'Пётр Ильич, по договору {{account}} есть новости.', missing: [] });
    expect(typed.template.parameters).toEqual(['Пётр Ильич', 'договор 50-000001']);
    expect(templateToSend({ response: picked, edits: { 0: '   ' } }, ALL).missing).toEqual([1]);
  });
});

describe('which canned responses the composer offers', () => {
  const r = (id: string, over: Partial<CannedResponse>): CannedResponse => ({
    id, kind: 'text', title: id, body: 'Текст', language: 'ru', channels: [], template: null, sort: 0, active: true, ...over,
  });
  const list = [
    r('greeting', { title: 'Приветствие', body: 'Здравствуйте, {{name}}!' }),
    r('receipt', { title: 'Прислать чек', channels: ['email', 'whatsapp', 'telegram'], body: 'Пришлите фото чёка' }),
    r('retired', { active: false }),
    r('wa', { kind: 'whatsapp_template', channels: ['whatsapp'], template: { name: 'pult_follow_up', language: 'ru', parameters: [] } }),
  ];
  const ids = (xs: CannedResponse[]) => xs.map((x) => x.id);

  it('texts that suit the channel while replies are free; only templates after WhatsApp\'s 24 hours', () => {
    expect(ids(cannedFor(list, 'telegram', { kind: 'free' }))).toEqual(['greeting', 'receipt']);
    expect(ids(cannedFor(list, 'fax', { kind: 'free' }))).toEqual(['greeting']);
    expect(ids(cannedFor(list, 'whatsapp', { kind: 'free' }))).toEqual(['greeting', 'receipt']);
    expect(ids(cannedFor(list, 'whatsapp', { kind: 'templates_only', lastInboundAt: null }))).toEqual(['wa']);
  });

  it('filter by every word in the title or text, any case, ё as е', () => {
    expect(ids(matchCanned(list, ''))).toEqual(ids(list));
    expect(ids(matchCanned(list, 'ПРИВЕТ'))).toEqual(['greeting']);
    expect(ids(matchCanned(list, 'чек фото'))).toEqual(['receipt']);
    expect(ids(matchCanned(list, 'чёк'))).toEqual(['receipt']);
    expect(ids(matchCanned(list, 'нет такого'))).toEqual([]);
  });
});
