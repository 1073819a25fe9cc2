/** Parsers for numeric command-line options, shared by the commands so each refuses bad input the same way. */
import { InvalidArgumentError } from 'commander';

/** A whole number from 1 (to `max`, when given); `what` names the option in the error, e.g. --jobs. */
export function positiveInteger(what: string, max?: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1 || (max !== undefined && n > max)) {
      throw new InvalidArgumentError(max === undefined ? `${what} is a whole number of 1 or more` : `${what} is an integer from 1 to ${max}`);
    }
    return n;
  };
}
