import { type IssueParams, issueCode } from './issue-codes.ts';

/**
 * Problems found in an interchange file. Every one names its line (the header is line 1) and
 * its column, and is printed as `line N, column C: message`. Messages never repeat cell values:
 * a cell may hold a child's name, and errors end up in terminals, logs and browser tabs.
 * `code` and `params` (issue-codes.ts) let the web app say the message in the reader's language.
 */
export type Issue = { line: number; column: string; message: string; code?: string; params?: IssueParams };

/** How many issues are kept for printing; the rest are only counted. */
export const ISSUE_CAP = 1000;

export class IssueList {
  readonly items: Issue[] = [];
  total = 0;

  add(line: number, column: string, message: string): void {
    this.total += 1;
    if (this.items.length < ISSUE_CAP) this.items.push({ line, column, message, ...issueCode(message) });
  }

  get empty(): boolean {
    return this.total === 0;
  }
}

export function formatIssue(i: Issue): string {
  return `line ${i.line}, column ${i.column}: ${i.message}`;
}

/** A problem that stops reading the file (not a CSV, not UTF-8, broken quoting). */
export class FileProblem extends Error {
  constructor(
    readonly line: number,
    readonly column: string,
    message: string,
  ) {
    super(message);
  }
}
