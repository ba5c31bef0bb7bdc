/**
 * The deprecated variants of /shared/GLOSSARY.md ("not" column, and the native reader's review of
 * issue 12): words that mean something else to a professional, or a second name for a concept that
 * already has one. glossary.test.ts fails when any appears in a locale file or a source file.
 *
 * `variant` is a regular expression matched case-insensitively at word boundaries (it lists the
 * inflected forms it covers); `allowKeys` names the keys where the word means what it says (e.g. bg
 * „увреждане“ is right for a disability, wrong for harm); `onlyKeys` limits a rule to some keys.
 */
export interface Deprecated {
  language: 'sq' | 'bg';
  variant: string;
  use: string;
  allowKeys?: RegExp;
  onlyKeys?: RegExp;
  caseSensitive?: boolean;
  /** Checked in the locale files only (demo data's proper names keep their own spelling). */
  localeOnly?: boolean;
}

const L = '\\p{L}*';

export const DEPRECATED: readonly Deprecated[] = [
  // Albanian
  { language: 'sq', variant: 'familje birësuese', use: 'familje kujdestare (foster care)' },
  { language: 'sq', variant: `vlerësim${L} fillestar${L}`, use: 'vlerësim paraprak (screening); vlerësim fillestar is the initial assessment', allowKeys: /initial|assessment/i },
  { language: 'sq', variant: `takim${L}`, use: 'mbledhje koordinimi (coordination meeting)', allowKeys: /contactKind\.office_meeting/ },
  { language: 'sq', variant: `strehë emergjen${L}`, use: 'strehëz emergjente' },
  { language: 'sq', variant: `mbikëqyrës${L}`, use: 'përgjegjës/e (head of the unit)' },
  { language: 'sq', variant: `qëllim${L}`, use: 'objektiv (goal of a plan)' },
  { language: 'sq', variant: `juridiksion${L}`, use: 'njësi territoriale (jurisdiction)' },
  { language: 'sq', variant: `institucion${L}(?! (?:rezidencial|shëndetësor|ose shërbim rezidencial))`, use: 'organizatë (one name for an organisation); institucion rezidencial (placement)' },
  { language: 'sq', variant: `Njësi${L} për Mbrojtjen e Fëmijëve`, use: 'Njësia për mbrojtjen e fëmijëve (only the first word capitalised)', caseSensitive: true, localeOnly: true },
  // Address: the plural of politeness (GLOSSARY „Address“), never the familiar imperative.
  { language: 'sq', variant: '(?:Regjistro|Ruaj|Anulo|Hyr|Dil|Shto|Hiq|Kthehu|Cakto|Kërko|Hap|Prano|Refuzo|Konfirmo|Tërhiq|Përfundo|Përgatit|Rishiko|Vlerëso|Thirr|Shko|Shkarko|Importo|Eksporto|Kontrollo|Filtro|Aktivizo|Çaktivizo|Krijo|Rivendos|Zbato|Hidh|Shëno|Rihap|Përditëso|Dërgo|Fillo|Provo|Kalo|Shfaq|Fshi|Ndrysho|Mirato|Pastro|Printo|Mbyll|Lidh|Qëndro|Largo|Kthe|Refero|Bashko|Regjistroje|Bashkoje|Ktheje|Referoje|Përfundoje|Dërgoje)', use: 'the polite plural imperative (Regjistroni, Ruani, Hyni)', caseSensitive: true, localeOnly: true },
  { language: 'sq', variant: '"[^"]+"', use: '„…“ quotes', localeOnly: true, allowKeys: /quoteInside/ },
  // Bulgarian
  { language: 'bg', variant: `увреждан${L}`, use: 'вреда, насилие (harm); увреждане is a disability', allowKeys: /disability/i },
  { language: 'bg', variant: `план${L} за защита`, use: 'план за закрила' },
  { language: 'bg', variant: '(?:внос|износ)(?:а|ът)?', use: 'импорт / експорт (of files)' },
  { language: 'bg', variant: 'грижа от роднини', use: 'настаняване в семейство на роднини или близки' },
  { language: 'bg', variant: `резидентн${L} институци${L}`, use: 'специализирана институция' },
  { language: 'bg', variant: `(?:не)?приключ(?:ван|ен)${L}`, use: 'закриване на случая (closure)' },
  { language: 'bg', variant: `грижещ${L}`, use: 'лицето, полагащо грижи' },
  { language: 'bg', variant: 'сигнал за загриженост', use: 'сигнал' },
  { language: 'bg', variant: `отдел${L} за закрила на детето`, use: 'отдел „Закрила на детето“ (ОЗД)' },
  { language: 'bg', variant: `действи${L}`, use: 'дейност по плана (plan action)', onlyKeys: /plan_?action|planAction|actions?\b.*plan|plan.*\bactions?/i },
  { language: 'bg', variant: `действи${L} (?:от|по) план${L}`, use: 'дейност по плана (plan action)' },
  { language: 'bg', variant: `ръководител${L}`, use: 'началник на отдела (head of the unit)' },
  { language: 'bg', variant: `(?<!специализиран${L}\\s)институци${L}`, use: 'организация (one name for an organisation); специализирана институция (placement)' },
  { language: 'bg', variant: `юрисдикци${L}`, use: 'територия (jurisdiction)' },
  { language: 'bg', variant: `административн${L} единиц${L}`, use: 'територия (jurisdiction)' },
  { language: 'bg', variant: `(?:доклад${L} за мониторинг${L}|мониторингов${L} доклад${L})`, use: 'доклад от мониторинга' },
  { language: 'bg', variant: '(?:Активирай|Деактивирай|Добави|Задай|Запази|Изтегли|Изчисти|Опитай|Отбележи|Отвори|Откажи|Открий|Покажи|Премахни|Приложи|Провери|Регистрирай|Свикай|Смени|Създай|Влез|Излез|Върни|Одобри|Приеми|Изпрати|Затвори|Отмени|Изтрий|Избери|Прехвърли|Поискай|Разпредели|Насочи|Импортирай|Експортирай|Остани|Напусни|Продължи|Потвърди|Отхвърли|Отпечатай|Възложи|Оттегли|Внеси)', use: 'the polite imperative (Одобрете, Запазете, Влезте)', caseSensitive: true, localeOnly: true },
  { language: 'bg', variant: '"[^"]+"', use: '„…“ quotes', localeOnly: true, allowKeys: /quoteInside/ },
];

export interface Hit {
  where: string;
  found: string;
  use: string;
}

const compiled = new Map<Deprecated, RegExp>();
function pattern(rule: Deprecated): RegExp {
  let re = compiled.get(rule);
  if (!re) {
    // Word-aware: the variant starts and ends at a boundary between letters and non-letters.
    re = new RegExp(`(?<![\\p{L}\\p{N}])(?:${rule.variant})(?![\\p{L}\\p{N}])`, rule.caseSensitive ? 'gu' : 'giu');
    compiled.set(rule, re);
  }
  return re;
}

/**
 * The deprecated variants found in [key or file, text] pairs of one language. With `ignoreKeys`
 * (source files, whose "key" is a path) rules limited to some keys are skipped and no exception
 * by key applies.
 */
export function findDeprecated(language: Deprecated['language'], texts: Array<[string, string]>, options: { ignoreKeys?: boolean } = {}): Hit[] {
  const hits: Hit[] = [];
  for (const rule of DEPRECATED) {
    if (rule.language !== language) continue;
    if (options.ignoreKeys && (rule.onlyKeys || rule.localeOnly)) continue;
    for (const [where, text] of texts) {
      if (!options.ignoreKeys && rule.allowKeys?.test(where)) continue;
      if (!options.ignoreKeys && rule.onlyKeys && !rule.onlyKeys.test(where)) continue;
      for (const match of text.matchAll(pattern(rule))) hits.push({ where, found: match[0], use: rule.use });
    }
  }
  return hits;
}
