// Labelled operator queries against the seed knowledge base (the 312 articles of
// server/src/seed/content): each query with the titles of the articles a senior operator would
// accept as the answer. Labelled by reading the articles, not from the search's output. Queries are
// as typed — no trailing space, so the last word counts as still being typed, as in the app.
// Kinds: `form` — other word forms than the article's; `typo`; `colloquial` — how callers and
// operators say it; `mixed` — Latin brand names and terms, transliteration, English.
// Used by tests/unit/kb/relevance.test.ts and bench/scenarios/kb-search.ts (top-3 hit rate).
// HELD_OUT was written after the search had been improved on RELEVANCE_SET, and nothing was tuned
// on it: its rate says how far those improvements carry to queries they were not made for.

export type QueryKind = 'form' | 'typo' | 'colloquial' | 'mixed';

export interface LabelledQuery {
  query: string;
  kind: QueryKind;
  /** Titles of acceptable answers; a query is a hit when one of them is in the top 3. */
  accept: readonly string[];
}

const ROUTERS = ['TP-Link', 'Keenetic', 'ASUS', 'D-Link', 'Xiaomi', 'Huawei', 'Mercusys', 'Tenda', 'Netis'] as const;
const perRouter = (title: (brand: string) => string) => ROUTERS.map(title);
const RESET_ROUTER = perRouter((b) => `Сброс роутера ${b} к заводским настройкам`);
const GUEST_WIFI = perRouter((b) => `Гостевая сеть Wi-Fi на роутере ${b}`);
const FIRMWARE = perRouter((b) => `Обновление прошивки роутера ${b}`);
const WIFI_NAME_PASSWORD = perRouter((b) => `Смена имени сети и пароля Wi-Fi на роутере ${b}`);
const SAVED_WIFI_PASSWORD = ['в Windows 10', 'в Windows 11', 'в macOS', 'на Android', 'на iPhone и iPad (iOS)'].map(
  (os) => `Как посмотреть сохранённый пароль Wi-Fi ${os}`,
);
const FIND_MAC = ['в Windows 10', 'в Windows 11', 'в macOS', 'на Android', 'на iPhone и iPad (iOS)', 'в Ubuntu Linux'].map(
  (os) => `Как узнать MAC-адрес ${os}`,
);
const PROMISED_PAYMENT = ['Обещанный платёж: условия и подключение', 'Обещанный платёж не подключается: причины'];
const RE_REGISTER = [
  'Переоформление договора на другого человека',
  'Переоформление договора при продаже квартиры',
  'Переоформление договора на родственника, живущего по адресу',
  'Наследство: переоформление договора после смерти абонента',
];
const STATIC_IP = [
  'Статический IP-адрес: описание и стоимость',
  'Статический IP-адрес: подключение и отключение во время звонка',
  'Статический IP-адрес: частые вопросы и неисправности',
  'Акция «Статический IP на 3 месяца»: условия и сроки',
];
const PARENTAL = [
  'Родительский контроль: описание и стоимость',
  'Родительский контроль: подключение и отключение во время звонка',
  'Родительский контроль: частые вопросы и неисправности',
  'Акция «Безопасный интернет для детей»: условия и сроки',
];
const NO_INTERNET = [
  'Нет подключения к интернету: первичная диагностика (Ethernet, многоквартирный дом)',
  'Интернет отключён из-за отрицательного баланса или блокировки',
  'Авария на домовом коммутаторе: как проверить и что сказать абоненту',
  'Индикаторы на роутере: не горит WAN или Internet',
  'Wi-Fi есть, а интернета нет: «Подключено, без доступа к интернету» на телефоне',
];
const PAYMENT_MISSING = [
  'Платёж не поступил на счёт: порядок проверки',
  'Платёж банковской картой не поступил: что проверить',
  'Платёж через СБП не поступил: что проверить',
  'Платёж банковским переводом не поступил: что проверить',
  'Платёж через терминал не поступил: что проверить',
  'Платёж через онлайн-банк не поступил: что проверить',
];
const SMART_TV_WIFI = [
  'Подключение к сети Wi-Fi на телевизоре Samsung Smart TV',
  'Подключение к сети Wi-Fi на телевизоре LG (webOS)',
  'Подключение к сети Wi-Fi на телевизоре с Android TV',
];

export const RELEVANCE_SET: readonly LabelledQuery[] = [
  // Word forms.
  { kind: 'form', query: 'оплатил картой', accept: ['Оплата банковской картой в личном кабинете', 'Платёж банковской картой не поступил: что проверить', 'Двойное списание при оплате картой'] },
  { kind: 'form', query: 'сбросить настройки роутера', accept: RESET_ROUTER },
  { kind: 'form', query: 'обещанного платежа', accept: PROMISED_PAYMENT },
  { kind: 'form', query: 'смены тарифа', accept: ['Смена тарифа: когда применяется и как пересчитывается'] },
  { kind: 'form', query: 'переоформить договор', accept: RE_REGISTER },
  { kind: 'form', query: 'расторгнуть договор', accept: ['Расторжение договора'] },
  { kind: 'form', query: 'подключить автоплатеж', accept: ['Автоплатёж: подключение'] },
  { kind: 'form', query: 'отключить автоплатёж', accept: ['Автоплатёж: отключение и смена карты'] },
  { kind: 'form', query: 'ошибкой 651', accept: ['Ошибка PPPoE 651 в Windows: «Модем или другое устройство связи сообщило об ошибке»'] },
  { kind: 'form', query: 'пароля от wi-fi', accept: [...SAVED_WIFI_PASSWORD, ...WIFI_NAME_PASSWORD] },
  { kind: 'form', query: 'статического ip-адреса', accept: STATIC_IP },
  { kind: 'form', query: 'родительского контроля', accept: PARENTAL },
  { kind: 'form', query: 'гостевую сеть', accept: GUEST_WIFI },
  { kind: 'form', query: 'обновить прошивку роутера', accept: FIRMWARE },
  { kind: 'form', query: 'кодовое слово забыли', accept: ['Кодовое слово: установка, смена и что делать, если абонент его забыл'] },
  { kind: 'form', query: 'по доверенности', accept: ['Доверенность: кто может обращаться за абонента'] },
  { kind: 'form', query: 'копию договора', accept: ['Копия договора и дубликаты документов'] },
  { kind: 'form', query: 'перенести платёж на другой счёт', accept: ['Перенос платежа между лицевыми счетами одного абонента', 'Ошибочный платёж: оплата на неверный номер лицевого счёта'] },
  { kind: 'form', query: 'возвращённое оборудование', accept: ['Возврат арендованного оборудования при расторжении'] },
  { kind: 'form', query: 'низкой скорости по кабелю', accept: ['Низкая скорость по кабелю: как проверить'] },
  { kind: 'form', query: 'чеки об оплате', accept: ['Чек об оплате: где найти и как получить повторно'] },

  // Typos.
  { kind: 'typo', query: 'перезагрузкка роутера', accept: ['Как правильно перезагрузить роутер: объяснение абоненту'] },
  { kind: 'typo', query: 'абанентская плата', accept: ['Как рассчитывается абонентская плата: посуточное списание'] },
  { kind: 'typo', query: 'добравольная блакировка', accept: ['Добровольная блокировка: приостановка услуг на время отъезда'] },
  { kind: 'typo', query: 'обещаный платеж', accept: PROMISED_PAYMENT },
  { kind: 'typo', query: 'расторжение договра', accept: ['Расторжение договора'] },
  { kind: 'typo', query: 'интирнет отключили', accept: NO_INTERNET },
  { kind: 'typo', query: 'раутер tp-link настройка pppoe', accept: ['Настройка PPPoE на роутере TP-Link'] },
  { kind: 'typo', query: 'сайты не открываютя', accept: ['Сайты не открываются, но мессенджеры работают: проблема с DNS'] },
  { kind: 'typo', query: 'двойное списане', accept: ['Двойное списание при оплате картой'] },
  { kind: 'typo', query: 'перерасчет за аварию', accept: ['Перерасчёт за время аварии'] },
  { kind: 'typo', query: 'детолизация платежей', accept: ['Детализация начислений и платежей'] },
  { kind: 'typo', query: 'пароль от вайфая', accept: [...SAVED_WIFI_PASSWORD, ...WIFI_NAME_PASSWORD] },
  { kind: 'typo', query: 'видеонаблюдение стоимасть', accept: ['Облачное видеонаблюдение (1 камера): описание и стоимость'] },
  { kind: 'typo', query: 'мошеники звонят', accept: ['Мошенничество: поддельные квитанции и звонки «от провайдера»'] },

  // Colloquial: how callers put it.
  { kind: 'colloquial', query: 'инет не работает', accept: NO_INTERNET },
  { kind: 'colloquial', query: 'деньги ушли не на тот счёт', accept: ['Ошибочный платёж: оплата на неверный номер лицевого счёта', 'Перенос платежа между лицевыми счетами одного абонента'] },
  { kind: 'colloquial', query: 'заплатил, а деньги не пришли', accept: PAYMENT_MISSING },
  { kind: 'colloquial', query: 'забыл пароль от вайфая', accept: [...SAVED_WIFI_PASSWORD, ...WIFI_NAME_PASSWORD] },
  { kind: 'colloquial', query: 'хочу отказаться от интернета совсем', accept: ['Расторжение договора'] },
  { kind: 'colloquial', query: 'уезжаю в отпуск, не хочу платить', accept: ['Добровольная блокировка: приостановка услуг на время отъезда'] },
  { kind: 'colloquial', query: 'продаём квартиру, что делать с интернетом', accept: ['Переоформление договора при продаже квартиры', 'Расторжение договора'] },
  { kind: 'colloquial', query: 'звонили мошенники от провайдера', accept: ['Мошенничество: поддельные квитанции и звонки «от провайдера»'] },
  { kind: 'colloquial', query: 'скидка пенсионерам', accept: ['Акция «Серебряный возраст»: условия и сроки', 'Тариф «Социальный 50»: условия подключения и кому предложить'] },
  { kind: 'colloquial', query: 'интернет на дачу', accept: ['Подключение дачи и СНТ', 'Акция «Загородный сезон»: условия и сроки'] },
  { kind: 'colloquial', query: 'вайфай тормозит', accept: ['Низкая скорость по Wi-Fi: причины и рекомендации'] },
  { kind: 'colloquial', query: 'телевизор не подключается к wi-fi', accept: SMART_TV_WIFI },
  { kind: 'colloquial', query: 'пишет подключено без доступа к интернету', accept: ['Wi-Fi есть, а интернета нет: «Подключено, без доступа к интернету» на телефоне'] },
  { kind: 'colloquial', query: 'на роутере не горит лампочка wan', accept: ['Индикаторы на роутере: не горит WAN или Internet'] },
  { kind: 'colloquial', query: 'кот перегрыз кабель', accept: ['Проверка кабеля и коннектора RJ-45 в квартире'] },
  { kind: 'colloquial', query: 'вечером пропадает интернет', accept: ['Интернет пропадает по вечерам или периодически'] },
  { kind: 'colloquial', query: 'поменяла фамилию после свадьбы', accept: ['Смена ФИО абонента (после заключения или расторжения брака)'] },
  { kind: 'colloquial', query: 'умер муж, договор на нём', accept: ['Наследство: переоформление договора после смерти абонента'] },
  { kind: 'colloquial', query: 'сколько стоит провести интернет в квартиру', accept: ['Стоимость подключения квартиры'] },
  { kind: 'colloquial', query: 'в доме нет вашей сети', accept: ['Переезд в дом, где нет нашей сети: что предложить', 'Лист ожидания: если подключение пока невозможно', 'Отказ в подключении: как объяснить абоненту', 'Проверка технической возможности подключения по адресу'] },
  { kind: 'colloquial', query: 'хочу пожаловаться на оператора', accept: ['Жалоба на качество обслуживания: регистрация претензии'] },
  { kind: 'colloquial', query: 'списывают деньги за услугу, которую не подключал', accept: ['Абонент не подключал услугу, а деньги списываются'] },
  { kind: 'colloquial', query: 'пинг большой в играх', accept: ['Большой пинг и потери пакетов в онлайн-играх'] },
  { kind: 'colloquial', query: 'приведи друга бонус', accept: ['Акция «Приведи друга»: условия и сроки'] },
  { kind: 'colloquial', query: 'скидка студентам', accept: ['Акция «Студенческий»: условия и сроки'] },

  // Latin, transliteration, English.
  { kind: 'mixed', query: 'router reset', accept: RESET_ROUTER },
  { kind: 'mixed', query: 'pppoe 691', accept: ['Ошибка PPPoE 691 в Windows: «Доступ запрещён, поскольку такие имя пользователя и пароль недопустимы в этом домене»'] },
  { kind: 'mixed', query: 'keenetic гостевая сеть', accept: ['Гостевая сеть Wi-Fi на роутере Keenetic'] },
  { kind: 'mixed', query: 'кинетик сброс', accept: ['Сброс роутера Keenetic к заводским настройкам'] },
  { kind: 'mixed', query: 'тп линк вход в настройки', accept: ['Вход в веб-интерфейс роутера TP-Link'] },
  { kind: 'mixed', query: 'xiaomi 5 ггц', accept: ['Выбор канала и диапазона Wi-Fi (2,4 и 5 ГГц) на роутере Xiaomi'] },
  { kind: 'mixed', query: 'ont терминал частный дом', accept: ['Оборудование для частного дома: терминал ONT и роутер'] },
  { kind: 'mixed', query: 'samsung smart tv wifi', accept: ['Подключение к сети Wi-Fi на телевизоре Samsung Smart TV'] },
  { kind: 'mixed', query: 'ssid поменять asus', accept: ['Смена имени сети и пароля Wi-Fi на роутере ASUS'] },
  { kind: 'mixed', query: 'как узнать мак адрес', accept: FIND_MAC },
  { kind: 'mixed', query: 'айфон забыть сеть', accept: ['Как забыть сеть Wi-Fi и подключиться заново на iPhone и iPad (iOS)'] },
  { kind: 'mixed', query: 'windows 11 получить ip автоматически', accept: ['Автоматическое получение IP-адреса и DNS в Windows 11'] },
  { kind: 'mixed', query: 'оплата по qr сбп', accept: ['Оплата через СБП по QR-коду'] },
  { kind: 'mixed', query: 'сбер онлайн', accept: ['Оплата через онлайн-банк: СберБанк Онлайн'] },
  { kind: 'mixed', query: 'playstation nat', accept: ['Игровые приставки PlayStation и Xbox: тип NAT и проброс портов'] },
  { kind: 'mixed', query: 'mesh аренда', accept: ['Аренда Mesh-системы (2 модуля): описание и стоимость', 'Аренда Mesh-системы (2 модуля): подключение и отключение во время звонка', 'Аренда Mesh-системы (2 модуля): частые вопросы и неисправности'] },
  { kind: 'mixed', query: 'gpon частный дом', accept: ['Подключение частного дома: технология GPON'] },
];

export const HELD_OUT: readonly LabelledQuery[] = [
  { kind: 'colloquial', query: 'не могу зайти в личный кабинет', accept: ['Восстановление доступа к личному кабинету'] },
  { kind: 'form', query: 'как поменять пароль pppoe', accept: ['Смена пароля PPPoE'] },
  { kind: 'colloquial', query: 'оплата через почту', accept: ['Оплата по квитанции в отделении Почты России'] },
  { kind: 'colloquial', query: 'сменил паспорт', accept: ['Изменение паспортных данных абонента'] },
  { kind: 'colloquial', query: 'монтажник не пришёл', accept: ['Жалоба на качество обслуживания: регистрация претензии', 'Подготовка к визиту монтажника'] },
  { kind: 'colloquial', query: 'сколько стоит антивирус', accept: ['Антивирус (до 3 устройств): описание и стоимость'] },
  { kind: 'form', query: 'тв пакет кино отключить', accept: ['ТВ-пакет «Кино»: подключение и отключение во время звонка'] },
  { kind: 'form', query: 'ошибка 678', accept: ['Ошибка PPPoE 678 в Windows: «Удалённый компьютер не отвечает»'] },
  { kind: 'mixed', query: 'днс не работает', accept: ['Сайты не открываются, но мессенджеры работают: проблема с DNS'] },
  { kind: 'form', query: 'роутер в аренду', accept: ['Аренда Wi-Fi роутера: описание и стоимость', 'Аренда Wi-Fi роутера: подключение и отключение во время звонка', 'Акция «Роутер за 1 ₽»: условия и сроки'] },
  { kind: 'form', query: 'подключить частный дом в калужской области', accept: ['Подключение частного дома в Калужской области'] },
  { kind: 'form', query: 'документы на договор', accept: ['Документы для заключения договора'] },
  { kind: 'form', query: 'перенести розетку', accept: ['Перенос розетки или удлинение кабеля в квартире'] },
  { kind: 'colloquial', query: 'ноутбук не видит кабель', accept: ['Проверка сетевой карты при подключении по кабелю в Windows 10', 'Проверка сетевой карты при подключении по кабелю в Windows 11', 'Проверка сетевой карты при подключении по кабелю в macOS', 'Подключение компьютера к интернету кабелем без роутера'] },
  { kind: 'colloquial', query: 'акция для новых абонентов', accept: ['Акция «Первый месяц за 1 ₽»: условия и сроки', 'Акция «Переходи к нам»: условия и сроки', 'Акция «Новый дом — новые соседи»: условия и сроки'] },
  { kind: 'form', query: 'обращение от управляющей компании', accept: ['Обращения управляющих компаний и ТСЖ'] },
  { kind: 'colloquial', query: 'полиция запрашивает данные абонента', accept: ['Запросы правоохранительных органов, адвокатов и судов'] },
  { kind: 'colloquial', query: 'отписаться от рассылки', accept: ['Отказ от рекламных рассылок'] },
  { kind: 'mixed', query: 'mac адрес сбросить привязку', accept: ['Привязка по MAC-адресу: когда сбрасывать и как'] },
  { kind: 'form', query: 'гигабит тариф кому', accept: ['Тариф «Гигабит»: условия подключения и кому предложить'] },
];
