// Wrap-up codes of the contact center: what the operator picks after a call or a conversation,
// grouped by request category. Names are as the service says them; ids stay when names change.
import type { ArticleCategory, WrapUpCode } from '../../../../contract/index.ts';

const CODES: Readonly<Record<ArticleCategory, ReadonlyArray<readonly [id: string, name: string]>>> = {
  financial: [
    ['fin.balance', 'Баланс и списания'],
    ['fin.payment-methods', 'Способы оплаты'],
    ['fin.payment-missing', 'Платёж не поступил'],
    ['fin.payment-mistaken', 'Ошибочный платёж'],
    ['fin.promised-payment', 'Обещанный платёж'],
    ['fin.refund', 'Возврат средств'],
    ['fin.documents', 'Счета и закрывающие документы'],
  ],
  administrative: [
    ['adm.moving', 'Переезд'],
    ['adm.reregistration', 'Переоформление договора'],
    ['adm.personal-data', 'Смена паспортных данных, ФИО'],
    ['adm.suspend', 'Добровольная блокировка'],
    ['adm.terminate', 'Расторжение договора'],
    ['adm.tariff-change', 'Смена тарифа'],
  ],
  technical: [
    ['tech.no-connection', 'Нет подключения'],
    ['tech.slow-speed', 'Низкая скорость'],
    ['tech.wifi-setup', 'Настройка Wi-Fi'],
    ['tech.router-setup', 'Настройка роутера'],
    ['tech.outage', 'Авария на участке'],
    ['tech.engineer-visit', 'Выезд инженера'],
    ['tech.tv', 'Проблемы с ТВ'],
  ],
  promotions: [
    ['promo.info', 'Консультация по акциям'],
    ['promo.enrolled', 'Подключена акция'],
    ['promo.outbound-offer', 'Предложение при исходящем звонке'],
    ['promo.dispute', 'Спор по условиям акции'],
  ],
  extra_services: [
    ['svc.enabled', 'Подключена услуга'],
    ['svc.disabled', 'Отключена услуга'],
    ['svc.info', 'Консультация по услугам'],
    ['svc.static-ip', 'Статический IP'],
  ],
  connection: [
    ['conn.request-apartment', 'Заявка на подключение: квартира'],
    ['conn.request-house', 'Заявка на подключение: частный дом'],
    ['conn.availability', 'Проверка возможности подключения'],
    ['conn.installation-date', 'Дата и время монтажа'],
    // Kept for conversations closed with it before the split into apartment and house requests.
    ['conn.request', 'Заявка на подключение'],
  ],
};

const RETIRED = new Set(['conn.request']);

export function wrapUpCodes(): WrapUpCode[] {
  return Object.entries(CODES).flatMap(([category, codes]) =>
    codes.map(([id, name], i) => ({ id, category: category as ArticleCategory, name, sort: (i + 1) * 10, active: !RETIRED.has(id) })));
}
