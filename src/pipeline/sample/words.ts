/**
 * Vocabulary for generated titles and names, in several scripts, plus the nasty characters real IMDb
 * rows contain: stray and unbalanced double quotes, accents, CJK, Cyrillic, Arabic, emoji, backslashes.
 * Nothing here may contain a tab or a newline, and no generated field may be exactly `\N`.
 */
import type { RowRandom } from './row-random.ts';

const words = (text: string): readonly string[] => text.split(' ');

export const ENGLISH = words(
  'The A Last First Night Day Dark Light Love War Man Woman Girl Boy House Road City River Sea Sky Star Moon Sun ' +
    'Blood Fire Ice Storm Dream Secret Lost Little Big Black White Red Blue Golden Silent Wild Broken Hidden ' +
    'Return Rise Fall Journey Story Song Dance Game Heart Soul Time Family Brothers Sisters Ghost Shadow King ' +
    'Queen Prince Kingdom Empire World Island Mountain Garden Winter Summer Spring Autumn Midnight Morning ' +
    'Murder Mystery Affair Escape Run Hunt Mission Code Zero One Two Three Hundred Thousand Love, Actually Of In ' +
    'And on the of at from Without Beyond Under Over After Before Forever Never Again Home Street Train Letter ' +
    'Doctor Detective Captain Soldier Stranger Friend Enemy Angel Devil Witch Dragon Machine Robot Planet',
);

/** Words in other languages, with the IMDb language code of their region. */
export const FOREIGN: Record<string, readonly string[]> = {
  fr: words(
    'Le La Les Un Une Nuit Jour Amour Été Hiver Château Rêve Cœur Fenêtre Éternité Mystère Forêt Crème à été de',
  ),
  de: words(
    'Der Die Das Ein Eine Nacht Tag Liebe Straße Mädchen Über Müller Schön Grün Träume Geheimnis Weiß Brücke',
  ),
  es: words(
    'El La Los Las Noche Día Amor Corazón Niño Señor Mañana Canción Sueño Fuego Añoranza Camino Ciudad',
  ),
  it: words('Il La Gli Notte Giorno Amore Città Perché Cuore Sogno Strada Fuoco Più Già Così Bella Vita'),
  ja: words('東京 物語 夜 愛 夢 月 花 侍 風 の 空 海 桜 ゴジラ となり トトロ 千と千尋 神隠し 君の名は 七人'),
  zh: words('春 天 爱 情 龙 虎 江湖 英雄 卧虎藏龙 花样年华 霸王别姬 无间道 红 高粱 月 光'),
  ko: words('사랑 밤 기생충 봄 여름 가을 겨울 그리고 올드보이 살인 추억 바다 별'),
  ru: words('Война и мир Ночь День Любовь Брат Солнце Сталкер Москва слезам не верит Ирония судьбы'),
  ar: words('الحب الليل القمر الصحراء البحر الطريق المدينة'),
  hi: words('प्यार दिल रात शोले दीवार ज़िंदगी सपना'),
  pt: words('Cidade de Deus Amor Noite Coração São Paulo Ação Não Irmão Saudade'),
  tr: words('Aşk Gece Gün Şehir Kış Uyku Bir Zamanlar Anadolu'),
};

export const EMOJI = words('🎬 ❤️ 🔥 👻 🚀 🌙 ⭐ 😂 🐉 🎄');

const FIRST = words(
  'James Mary John Patricia Robert Jennifer Michael Linda David Elizabeth William Barbara Richard Susan Joseph ' +
    'Jessica Thomas Sarah Charles Karen Daniel Nancy Matthew Lisa Anthony Betty Mark Sandra Paul Ashley ' +
    'José María François Zoë Björn Søren Łukasz Ágnes Chloé Renée Jürgen Dmitri Ngozi Aisha Raúl Inés Noël',
);
const LAST = words(
  'Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Wilson Anderson ' +
    'Taylor Moore Jackson Martin Lee Thompson White Harris Clark Lewis Walker Hall Allen Young King Wright ' +
    "Müller Núñez Ødegaard Dvořák Kowalczyk Öztürk Gonçalves Lefèvre O'Brien D'Angelo García-Márquez van der Berg",
);
const CJK_NAMES = words('山田太郎 黒澤明 宮崎駿 是枝裕和 张艺谋 王家卫 巩俐 봉준호 송강호 박찬욱');
const CYRILLIC_NAMES = words('Андрей Тарковский Сергей Эйзенштейн Никита Михалков');

/**
 * A title: mostly English words, sometimes another language, now and then the quirks real rows have.
 * `lang` forces the language (for localized akas).
 */
export function makeTitle(r: RowRandom, lang?: string): string {
  const foreign = lang ? FOREIGN[lang] : r.chance(0.12) ? FOREIGN[r.pick(LANGS)] : undefined;
  const vocabulary = foreign ?? ENGLISH;
  const n = r.chance(0.25) ? 1 : r.range(2, 5);
  const cjk = lang === 'ja' || lang === 'zh';
  let text = r.pick(vocabulary);
  for (let k = 1; k < n; k++) text += (cjk ? '' : ' ') + r.pick(vocabulary);
  return nasty(r, text);
}

/** Episode titles look like IMDb's own placeholders most of the time. */
export function makeEpisodeTitle(r: RowRandom): string {
  const x = r.next();
  if (x < 0.45) return `Episode #${r.range(1, 12)}.${r.range(1, 40)}`;
  if (x < 0.55) return `Episode dated ${r.range(1, 28)} ${r.pick(MONTHS)} ${r.range(1990, 2025)}`;
  return makeTitle(r);
}

export function makePersonName(r: RowRandom): string {
  const x = r.next();
  if (x < 0.04) return r.pick(CJK_NAMES);
  if (x < 0.05) return `${r.pick(CYRILLIC_NAMES)} ${r.pick(CYRILLIC_NAMES)}`;
  if (x < 0.07) return r.pick(FIRST); // a mononym
  if (x < 0.071) return `"${r.pick(LAST)}" ${r.pick(FIRST)}`; // nickname in quotes, as real rows have
  const middle = r.chance(0.08) ? ` ${String.fromCharCode(65 + r.int(26))}.` : '';
  const suffix = r.chance(0.01) ? ' Jr.' : r.chance(0.005) ? ' II' : '';
  return `${r.pick(FIRST)}${middle} ${r.pick(LAST)}${suffix}`;
}

/** The `characters` field: a JSON-like list with double quotes inside (no quoting of the field). */
export function makeCharacters(r: RowRandom, self: boolean): string {
  if (self) return r.chance(0.8) ? '["Self"]' : `["Self - ${r.pick(SELF_ROLES)}"]`;
  return r.chance(0.06) ? `["${character(r)}","${character(r)}"]` : `["${character(r)}"]`;
}

// --- internal ---

const SELF_ROLES = words('Host Guest Narrator Contestant');
const TITLES_OF_ADDRESS = words('Dr. Mr. Mrs. Captain Detective');
const EXTRAS = words('Man Woman Girl Boy Policeman Waiter');

function character(r: RowRandom): string {
  const x = r.next();
  if (x < 0.5) return `${r.pick(FIRST)} ${r.pick(LAST)}`;
  if (x < 0.7) return r.pick(FIRST);
  if (x < 0.8) return `${r.pick(TITLES_OF_ADDRESS)} ${r.pick(LAST)}`;
  if (x < 0.9) return `${r.pick(EXTRAS)} #${r.range(1, 5)}`;
  return `${r.pick(FIRST)} (voice)`;
}

const LANGS = Object.keys(FOREIGN);
const MONTHS = words('January February March April May June July August September October November December');

/** Rare real-world quirks: quotes (balanced or not), emoji, backslashes, trailing punctuation. */
function nasty(r: RowRandom, text: string): string {
  const x = r.next();
  if (x >= 0.012) return text;
  if (x < 0.003) return `"${text}"`;
  if (x < 0.005) return `"${text}`; // unbalanced, at the start: readers that honour quotes break here
  if (x < 0.007) return `${text} "${r.pick(ENGLISH)}" ${r.pick(ENGLISH)}`;
  if (x < 0.009) return `${text} ${r.pick(EMOJI)}`;
  if (x < 0.01) return `${text}\\${r.pick(ENGLISH)}`;
  return `${text}...?!`;
}
