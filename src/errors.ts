/**
 * Errors that carry their HTTP status. Messages are for people and never contain child data.
 */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Out of reach and absent look the same: the caller learns nothing about what exists. */
export class NotFoundError extends AppError {
  constructor(what = 'record') {
    super(404, `No such ${what}`);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You may not do this') {
    super(403, message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(409, message, extra);
  }
}

export class InputError extends AppError {
  constructor(message: string, issues: Array<{ path: string; message: string; code?: string; params?: Record<string, string | number> }>) {
    super(400, message, { issues });
  }
}
