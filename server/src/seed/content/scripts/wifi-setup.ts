// «Не подключается к Wi-Fi» per operating system: the network is seen or not, the password, the
// band, the saved network, then the router. The OS-specific words are filled in per system.
import type { ScriptStep } from '../../../../../contract/domain/script.ts';

interface OsWords {
  name: string;
  /** Where the list of networks is. */
  networks: string;
  /** How to forget a saved network. */
  forget: string;
  /** How to see the 5 GHz support or switch bands, if relevant. */
  airplane: string;
}

export const WIFI_OS: Record<'windows' | 'macos' | 'android' | 'ios', OsWords> = {
  windows: {
    name: 'Windows 10/11',
    networks: 'значок сети в правом нижнем углу экрана (рядом с часами)',
    forget: '«Параметры» → «Сеть и Интернет» → «Wi-Fi» → «Управление известными сетями» → выбрать сеть → «Забыть»',
    airplane: 'включить и выключить «Режим в самолёте» в центре уведомлений',
  },
  macos: {
    name: 'macOS',
    networks: 'значок Wi-Fi в строке меню справа вверху',
    forget: '«Системные настройки» → «Wi-Fi» → «Подробнее…» рядом с сетью → «Забыть эту сеть»',
    airplane: 'выключить и включить Wi-Fi значком в строке меню',
  },
  android: {
    name: 'Android',
    networks: '«Настройки» → «Подключения» (или «Сеть и интернет») → «Wi-Fi»',
    forget: 'в списке Wi-Fi нажать на сеть и удерживать (или шестерёнка рядом) → «Удалить» / «Забыть»',
    airplane: 'включить и выключить «Режим полёта» в шторке уведомлений',
  },
  ios: {
    name: 'iPhone и iPad (iOS)',
    networks: '«Настройки» → «Wi-Fi»',
    forget: '«Настройки» → «Wi-Fi» → значок «i» рядом с сетью → «Забыть эту сеть»',
    airplane: 'включить и выключить «Авиарежим» в Пункте управления',
  },
};

export function wifiScript(os: OsWords): { title: string; steps: ScriptStep[] } {
  return {
    title: `Не подключается к Wi-Fi: ${os.name}`,
    steps: [
      {
        kind: 'question',
        id: 'wired-ok',
        text: 'Сначала отделим Wi-Fi от интернета: **работает ли интернет на другом устройстве** (по кабелю или по Wi-Fi)?',
        answers: [
          { label: 'Да, на другом устройстве работает', next: 'sees-network' },
          { label: 'Нет, не работает нигде', next: 'end-no-internet' },
        ],
      },
      {
        kind: 'end',
        id: 'end-no-internet',
        text: 'Проблема не в Wi-Fi: интернета нет совсем. Перейдите к скрипту «Нет подключения к интернету (Ethernet, многоквартирный дом)».',
        outcome: 'escalate',
      },
      {
        kind: 'question',
        id: 'sees-network',
        text: `Попросите открыть список сетей: ${os.networks}. **Видна ли в списке домашняя сеть** (её имя — на наклейке роутера или задано при настройке)?`,
        answers: [
          { label: 'Сеть видна', next: 'password' },
          { label: 'Сети нет в списке', next: 'band' },
        ],
      },
      {
        kind: 'question',
        id: 'band',
        text: `Возможно, устройство не видит сеть 5 ГГц или Wi-Fi на роутере выключен. Попросите ${os.airplane}, подойти ближе к роутеру и проверить индикатор Wi-Fi на роутере. **Сеть появилась?**`,
        answers: [
          { label: 'Появилась', next: 'password' },
          { label: 'Не появилась', next: 'end-router-wifi' },
        ],
      },
      {
        kind: 'end',
        id: 'end-router-wifi',
        text: 'Включите на роутере сеть 2,4 ГГц (старые устройства не видят 5 ГГц) или кнопку Wi-Fi на корпусе — по статье «Настройка Wi-Fi» для модели роутера. Если роутер арендован у нас — можно настроить удалённо через вторую линию.',
        outcome: 'customer_action',
      },
      {
        kind: 'question',
        id: 'password',
        text: '**Что происходит при подключении?**',
        answers: [
          { label: 'Пишет «неверный пароль»', next: 'end-password' },
          { label: 'Подключается, но «без доступа к интернету»', next: 'forget' },
          { label: 'Долго подключается и отваливается', next: 'forget' },
        ],
      },
      {
        kind: 'end',
        id: 'end-password',
        text: 'Пароль Wi-Fi — на наклейке снизу роутера (Password / PIN / Ключ сети), если его не меняли. Регистр букв важен. Если пароль меняли и забыли — его можно посмотреть на компьютере, подключённом по кабелю, или сбросить в настройках роутера по статье для модели.',
        outcome: 'resolved',
      },
      {
        kind: 'question',
        id: 'forget',
        text: `Попросите удалить сохранённую сеть: ${os.forget}. Затем подключиться заново с паролем. **Заработало?**`,
        answers: [
          { label: 'Да', next: 'end-resolved' },
          { label: 'Нет', next: 'end-reboot-router' },
        ],
      },
      {
        kind: 'end',
        id: 'end-resolved',
        text: 'Wi-Fi работает. Напомните, что при смене пароля Wi-Fi сеть на всех устройствах нужно будет «забыть» и подключить заново.',
        outcome: 'resolved',
      },
      {
        kind: 'end',
        id: 'end-reboot-router',
        text: 'Перезагрузите роутер (выключить из розетки на 30 секунд). Если не поможет — смените канал Wi-Fi в настройках роутера на 1, 6 или 11 (2,4 ГГц) по статье для модели; при повторении — заявка на вторую линию.',
        outcome: 'escalate',
      },
    ],
  };
}
