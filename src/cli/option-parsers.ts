/** Options and parsers shared by the commands, so each takes and refuses input the same way. */
import { InvalidArgumentError, Option } from 'commander';
import { CONTROL_TOKEN_ENV } from '../http/control-access.js';

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

/** `--control-token` of the commands that talk to a running sandbox's control API (or its environment variable). */
export function controlTokenOption(what = "the running sandbox's control token (needed when it listens off loopback)"): Option {
  return new Option('--control-token <token>', what).env(CONTROL_TOKEN_ENV);
}
