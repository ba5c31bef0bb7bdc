/**
 * A stable code (and its parameters) for every problem an import can report, so that the web app
 * says it in the reader's language (locale key `interchange.problems.<code>`) while the API keeps
 * its English `message` for other clients and the CLI. The checks keep writing plain English; the
 * code is read off the message here, and issue-codes.test.ts fails when a check writes a message
 * this table does not know.
 */
export type IssueParams = Record<string, string | number>;

type Entry = [code: string, pattern: RegExp, params?: string[]];

const NUM = ['count'];
export const ISSUE_CODES: readonly Entry[] = [
  ['required', /^is required$/],
  ['unitRequired', /^is required \(the Child Protection Unit's name or id\)$/],
  ['placeRequired', /^is required \(a region code such as BG-16, or a municipality name or code\)$/],
  ['requiredWhenClosed', /^is required when status is closed$/],
  ['refRequiredWhenNamed', /^is required when the child is named$/],
  ['dateTimeFormat', /^must be a date \(YYYY-MM-DD\) or date and time/],
  ['dateFormat', /^must be a date as YYYY-MM-DD$/],
  ['notRealDateTime', /^is not a real date or time$/],
  ['notRealDate', /^is not a real calendar date$/],
  ['inFuture', /^is in the future$/],
  ['beforeOpened', /^is before opened_at$/],
  ['afterReceived', /^is after the signal was received$/],
  ['tooLong', /^is longer than (\d+) characters$/, NUM],
  ['oneOf', /^must be one of: (.+)$/, ['values']],
  ['blankUnlessClosed', /^must be blank unless status is closed$/],
  ['differsFromLine', /^differs from line (\d+) for the same (\w+)$/, ['line', 'ref']],
  ['differsFromStoredCase', /^differs from the child of the stored case with this case_ref$/],
  ['managedInApp', /^differs from a case managed in the app; change it there$/],
  ['unitUnknown', /^names no active Child Protection Unit/],
  ['unitAmbiguous', /^names more than one Child Protection Unit/],
  ['outsideCountry', /^is outside your country$/],
  ['notYourUnit', /^is not your unit$/],
  ['notYourMunicipality', /^is not your unit's municipality$/],
  ['childNotFound', /^names no child in your records/],
  ['signalNotFound', /^names no signal in your records/],
  ['openCaseInFile', /^has another case not closed in this file \(line (\d+)\)$/, ['line']],
  ['openCaseExists', /^already has a case not closed in the system$/],
  ['childRepeated', /^repeats the child of an earlier row of this signal$/],
  ['refFormat', /^must be 1–100 letters, digits/],
  ['placeUnknown', /^is not a known region code, municipality code or municipality name$/],
  ['placeAmbiguous', /^names more than one municipality/],
  ['unknownCode', /^is not a known (.+) code$/, ['taxonomy']],
  ['atLeastOneCode', /^needs at least one code/],
  ['unknownCodes', /^has (?:unknown codes|an unknown code)(?:: (.+?))? \(not (.+) codes\)$/, ['codes', 'taxonomy']],
  ['endsInRecord', /^the file ends in the middle of a record$/],
  ['quoteNotClosed', /^a quoted value is never closed/],
  ['quoteFollowed', /^a quote is followed by other characters/],
  ['quoteInside', /^a " inside an unquoted value/],
  ['notUtf8', /^the file is not UTF-8 text/],
  ['fieldsMissing', /^is missing: the row has (\d+) fields, the header (\d+)$/, ['count', 'header']],
  ['fieldTooMany', /^is one field too many: the row has (\d+) fields, the header (\d+)/, ['count', 'header']],
  ['emptyFile', /^the file is empty; its first line must be the header: (.+)$/, ['columns']],
  ['notCommaSeparated', /^the file is not comma-separated \(it looks separated by (.+)\); save it as CSV with commas$/, ['separator']],
  ['notAColumn', /^is not a column of this file type \(expected: (.+)\)$/, ['columns']],
  ['headerTwice', /^appears twice in the header$/],
  ['missingFromHeader', /^is missing from the header$/],
  // residents.csv (src/institutions/residents-type.ts, residents-writer.ts)
  ['institutionUnknown', /^names no active residential care institution/],
  ['caseNotFound', /^names no case in your records/],
  ['beforeAdmitted', /^is before admitted_on$/],
  ['blankUnlessLeft', /^must be blank unless left_on is given$/],
  ['residentElsewhere', /^names a resident outside your records$/],
  ['differsFromStoredResident', /^differs from the stored resident with this resident_ref; change it in the app$/],
  ['currentPlacementExists', /^already has a current placement$/],
  // shelter_admissions.csv (src/shelters/admissions-type.ts, admissions-writer.ts)
  ['shelterUnknown', /^names no active shelter/],
  ['blankUnlessCompanion', /^must be blank unless companion_name is given$/],
  ['blankUnlessDischarged', /^must be blank unless discharged_on is given$/],
  ['admissionElsewhere', /^names an admission outside your records$/],
  ['differsFromStoredAdmission', /^differs from the stored admission with this admission_ref; change it in the app$/],
  ['alreadyStaying', /^is already staying in a shelter \(a current admission\)$/],
];

/** The code and parameters of a problem's English message, or undefined for one not in the table. */
export function issueCode(message: string): { code: string; params?: IssueParams } | undefined {
  for (const [code, pattern, names = []] of ISSUE_CODES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const params: IssueParams = {};
    names.forEach((name, i) => {
      const value = match[i + 1];
      if (value !== undefined) params[name] = /^\d+$/.test(value) ? Number(value) : value;
    });
    return names.length ? { code, params } : { code };
  }
  return undefined;
}
