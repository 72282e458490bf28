import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { badRequest } from './errors.ts';

/**
 * zxcvbn score below which a new password is refused: 4 (at least 10^10 guesses) is "very
 * unguessable", fit for staff who hold minors' sensitive data. The offline dictionaries (common and breached
 * passwords, keyboard patterns, dates, sequences) ship with the package; nothing is fetched.
 */
export const MIN_PASSWORD_SCORE = 4;

/** Words anyone guessing a Pumpurs password would try first. */
const PRODUCT_WORDS = ['pumpurs', 'parole', 'skola', 'latvija', 'riga', 'izglitiba', 'demo'];

let checker: ZxcvbnFactory | null = null;

function getChecker(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    dictionary: { ...dictionary, userInputs: PRODUCT_WORDS },
    graphs: adjacencyGraphs,
  });
  return checker;
}

/**
 * True when `password` is common, breached or otherwise guessable (OWASP ASVS 2.1.7), also
 * counting the account's own email and names as guessable words.
 */
export async function isPasswordGuessable(password: string, personalWords: string[] = []): Promise<boolean> {
  const words = personalWords
    .flatMap((w) => [w.toLowerCase(), ...w.toLowerCase().split(/[^\p{L}\p{N}]+/u)])
    .filter((w) => w.length >= 3);
  const result = await getChecker().check(password, words);
  return result.score < MIN_PASSWORD_SCORE;
}

/** Refuses a new password that is common, breached or guessable with a 400 `password_too_common`. */
export async function assertPasswordNotGuessable(
  password: string,
  personalWords: string[] = [],
): Promise<void> {
  if (await isPasswordGuessable(password, personalWords)) throw badRequest('password_too_common', 'password');
}
