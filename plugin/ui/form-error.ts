/** A form value that is wrong, with the id of the field that holds it (shown on that field). */
import { PromptError } from '../../core/errors';

/** A wrong form value; `field` is the widget's id. */
export class FieldError extends PromptError {
  declare readonly field: string;

  constructor(field: string, message: string) {
    super(message, field);
  }
}
