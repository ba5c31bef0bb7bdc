import { LOCALES, isLanguage } from './languages.ts';

/**
 * Numbers and percentages as each language writes them (GLOSSARY, "Numbers and dates"): a decimal
 * comma in sq and bg, and the per cent sign after a no-break space in bg („12,3 %“), directly after
 * the number in sq („12,3%“) and en („12.3%“). Shared by the web app and the server's exports.
 *
 * Some engines ship without Albanian locale data (Debian's Chromium): there a locale with the same
 * separators (space for thousands, comma for decimals) stands in.
 */
const FALLBACK = 'fr-FR';
const PERCENT_SIGN: Record<string, string> = { bg: '\u00a0%', sq: '%', en: '%' };

const cache = new Map<string, Intl.NumberFormat>();

function numberFormat(language: string, maximumFractionDigits: number): Intl.NumberFormat {
  const id = `${language}/${maximumFractionDigits}`;
  let format = cache.get(id);
  if (!format) {
    const locale = isLanguage(language) ? LOCALES[language] : LOCALES.en;
    const native = Intl.NumberFormat.supportedLocalesOf([locale]).length > 0;
    format = new Intl.NumberFormat(native ? locale : FALLBACK, { maximumFractionDigits });
    cache.set(id, format);
  }
  return format;
}

/** A number in the language's digits grouping and decimal separator (at most 2 decimals). */
export function formatNumber(language: string, value: number): string {
  return numberFormat(language, 2).format(value);
}

/** A share already in per cent (12.3 for 12.3 %), with one decimal at most. */
export function formatPercent(language: string, value: number): string {
  return `${numberFormat(language, 1).format(value)}${PERCENT_SIGN[isLanguage(language) ? language : 'en']}`;
}
