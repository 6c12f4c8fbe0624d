// Conversation templates: what customers write or say about a request, what operators answer.
// Placeholders in braces are filled by the generator (gen-conversations.ts); {a} is the customer's
// past-tense ending («оплатил{a}» → «оплатила» for a woman). Operators' lines are written so they
// do not depend on the operator's gender.
import type { Channel, RequestCategory } from '../../../../contract/index.ts';
import type { Gender } from './names.ts';
import { ADMIN_DIALOGS } from './dialogs-admin.ts';
import { MONEY_DIALOGS } from './dialogs-money.ts';
import { TECH_DIALOGS } from './dialogs-tech.ts';

export interface DialogScenario {
  key: string;
  category: RequestCategory;
  weight: number;
  channels: readonly Channel[];
  /** Who starts it: a customer, or someone who wants to become one. */
  from: 'customer' | 'prospect';
  /** Only customers of this gender (the text says «вышла замуж»). */
  gender?: Gender;
  /** Extra services the request is about; any service when absent. */
  services?: readonly string[];
  /** E-mail and fax subjects. */
  subjects: readonly string[];
  /** First message in WhatsApp or Telegram. */
  chat: readonly string[];
  /** First message by e-mail. */
  email: readonly string[];
  /** What a fax said, as the operator describes it. */
  fax: readonly string[];
  /** Ways the conversation goes on; the lines of one thread belong together. */
  threads: readonly DialogThread[];
}

export interface DialogThread {
  /** Only in these channels (the reply assumes what the opening sent, e.g. documents by fax). */
  channels?: readonly Channel[];
  /** The operator's first answer. */
  reply: string;
  /** The customer's answer to it. */
  followUp: string;
  /** The operator's last message, when the request is resolved. */
  closing: string;
  /** The operator's summary: the record of a phone call, an internal note elsewhere. */
  note: string;
}

/** Every placeholder a template may use. */
export const DIALOG_PLACEHOLDERS = [
  'first', 'firstPatr', 'fullName', 'account', 'address', 'newAddress', 'tariff', 'speed', 'fee', 'amount', 'date',
  'dueDate', 'wrongAccount', 'service', 'serviceFee', 'router', 'a', 'ticket', 'city',
] as const;
export type DialogValues = Record<(typeof DIALOG_PLACEHOLDERS)[number], string>;

export const DIALOGS: readonly DialogScenario[] = [...MONEY_DIALOGS, ...TECH_DIALOGS, ...ADMIN_DIALOGS];

/** Notes an operator leaves after a call back that nobody answered. */
export const CALLBACK_NOTES: readonly string[] = [
  'Исходящий перезвон: абонент не взял трубку. Повторный звонок — завтра в первой половине дня.',
  'Исходящий перезвон: вызов отклонён. Отправлено SMS с просьбой перезвонить в контакт-центр.',
  'Перезвон по обращению: не дозвонились, номер занят. Ждём ответа абонента в этом обращении.',
];

/** Routers customers name in their messages. */
export const CUSTOMER_ROUTERS: readonly string[] = [
  'TP-Link Archer C6', 'TP-Link Archer AX23', 'Keenetic Viva', 'Keenetic Speedster', 'ASUS RT-AX55', 'D-Link DIR-842',
  'Xiaomi Mi Router 4A', 'Huawei WiFi AX3', 'Mercusys MR70X', 'Tenda AC10', 'Netis N3',
];
