// Internal errors of the engine, carrying an offset into the template text; the API layer (templar.ts)
// turns them into TemplateError with file:line:column.

export type ErrorKind = 'syntax' | 'undefined' | 'type' | 'filter' | 'lookup' | 'recursion' | 'error'

export class JinjaError extends Error {
  constructor(
    message: string,
    readonly kind: ErrorKind = 'error',
    public pos?: number,
    public variable?: string,
    public hint?: string,
  ) {
    super(message)
  }
  /** The template text `pos` points into (set by the innermost template that saw the error). */
  text?: string
}

export class SyntaxErr extends JinjaError {
  constructor(message: string, pos?: number, hint?: string) {
    super(message, 'syntax', pos, undefined, hint)
  }
}

/** Python's TypeError / ValueError raised while evaluating. */
export const typeError = (message: string): JinjaError => new JinjaError(message, 'type')
/** A filter or test refused its input (AnsibleFilterError). */
export const filterError = (message: string): JinjaError => new JinjaError(message, 'filter')
