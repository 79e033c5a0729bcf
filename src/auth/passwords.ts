import { randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { AppError } from '../core/errors';
import { PASSWORD_MIN } from '../users/contract';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 iterations, 1 lane is the baseline.
// It keeps a sign-in under ~50 ms on the 2-core servers this platform targets.
const ARGON2_OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, ARGON2_OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;
/** Spends the same time as a real check, so a wrong username is not told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  await verifyPassword(await dummyHash, password);
}

/** Length is what makes a password strong (NIST SP 800-63B §5.1.1.2); composition rules are not asked. */
export function assertStrongPassword(password: string, username: string): void {
  if (password.length < PASSWORD_MIN || password.toLowerCase() === username.toLowerCase()) {
    throw new AppError('WEAK_PASSWORD', { min: PASSWORD_MIN });
  }
}

/** 20 characters from an alphabet without look-alikes (0/O, 1/l/I), easy to read aloud on the phone. */
export function generatePassword(): string {
  const alphabet = 'abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(20);
  return Array.from(bytes, (b) => alphabet[b % alphabet.length]).join('');
}
