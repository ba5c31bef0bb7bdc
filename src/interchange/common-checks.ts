import { type TaxonomyName, isCode } from '../domain/taxonomies.ts';
import type { Place } from './reference-index.ts';
import type { Cells, ValidateContext } from './record-types.ts';
import { type Instant, parseInstant, splitCodes } from './values.ts';

/** Checks shared by the record types; each reports on its column and returns null when bad. */

export const REF = /^[\p{L}\p{N}][\p{L}\p{N}._:/-]{0,99}$/u;
// Most refs are ASCII: a plain pattern is several times cheaper than the Unicode one.
const ASCII_REF = /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}$/;

export function checkRef(ctx: ValidateContext, cells: Cells, column: string, line: number, required = true): string | null {
  const v = cells(column);
  if (v === '') {
    if (required) ctx.issues.add(line, column, 'is required');
    return null;
  }
  if (!ASCII_REF.test(v) && !REF.test(v)) {
    ctx.issues.add(line, column, 'must be 1–100 letters, digits or . _ : / - (starting with a letter or digit)');
    return null;
  }
  return v;
}

export function checkLocation(ctx: ValidateContext, cells: Cells, column: string, line: number): Place | null {
  const v = cells(column);
  if (v === '') {
    ctx.issues.add(line, column, 'is required (a region code such as BG-16, or a municipality name or code)');
    return null;
  }
  const place = ctx.reference.locate(v);
  if (place === 'unknown') {
    ctx.issues.add(line, column, 'is not a known region code, municipality code or municipality name');
    return null;
  }
  if (place === 'ambiguous') {
    ctx.issues.add(line, column, 'names more than one municipality; give the municipality code');
    return null;
  }
  if (ctx.onlyCountry && place.country !== ctx.onlyCountry) {
    ctx.issues.add(line, column, 'is outside your country');
    return null;
  }
  if (ctx.onlyUnit && place.unitId !== ctx.onlyUnit) {
    ctx.issues.add(line, column, "is not your unit's municipality");
    return null;
  }
  return place;
}

export function checkInstant(ctx: ValidateContext, cells: Cells, column: string, line: number, zone: string | null): Instant | null {
  const v = cells(column);
  if (v === '') {
    ctx.issues.add(line, column, 'is required');
    return null;
  }
  const at = parseInstant(v, zone ?? 'UTC');
  if (at === 'format') {
    ctx.issues.add(line, column, 'must be a date (YYYY-MM-DD) or date and time (YYYY-MM-DDTHH:MM[:SS][offset])');
    return null;
  }
  if (at === 'impossible') {
    ctx.issues.add(line, column, 'is not a real date or time');
    return null;
  }
  if (at.ms > ctx.now) {
    ctx.issues.add(line, column, 'is in the future');
    return null;
  }
  return zone ? at : null;
}

export function checkCode(ctx: ValidateContext, cells: Cells, column: string, line: number, taxonomy: TaxonomyName, blank?: string): string | null {
  const v = cells(column);
  if (v === '') {
    if (blank !== undefined) return blank;
    ctx.issues.add(line, column, 'is required');
    return null;
  }
  if (!isCode(taxonomy, v)) {
    ctx.issues.add(line, column, `is not a known ${TAXONOMY_LABEL[taxonomy] ?? taxonomy} code`);
    return null;
  }
  return v;
}

export function checkCodes(ctx: ValidateContext, cells: Cells, column: string, line: number, taxonomy: TaxonomyName, min: number): string[] | null {
  const v = cells(column);
  const codes = splitCodes(v);
  if (codes.length < min) {
    ctx.issues.add(line, column, min === 1 ? 'needs at least one code (separate several with ;)' : 'is required');
    return null;
  }
  const bad = codes.filter((c) => !isCode(taxonomy, c));
  if (bad.length) {
    // A code-like value is named to help fix the file; anything else (a name in the wrong
    // column) is not repeated, so no child data reaches the error.
    const shown = bad.filter((b) => /^[a-z0-9_]{1,40}$/.test(b)).slice(0, 5);
    ctx.issues.add(line, column, `has ${bad.length > 1 ? 'unknown codes' : 'an unknown code'}${shown.length ? `: ${shown.join(', ')}` : ''} (not ${TAXONOMY_LABEL[taxonomy] ?? taxonomy} codes)`);
    return null;
  }
  return codes;
}

export function checkText(ctx: ValidateContext, cells: Cells, column: string, line: number, max: number, required: boolean): string | null | undefined {
  const v = cells(column);
  if (v === '') {
    if (required) ctx.issues.add(line, column, 'is required');
    return required ? undefined : null;
  }
  if (v.length > max) {
    ctx.issues.add(line, column, `is longer than ${max} characters`);
    return undefined;
  }
  return v;
}

const TAXONOMY_LABEL: Partial<Record<TaxonomyName, string>> = {
  signalSource: 'signal source',
  harmType: 'harm type',
  perpetrator: 'perpetrator',
  meetingType: 'meeting type',
};
