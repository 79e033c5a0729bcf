import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors';
import { createSecretBox, loadSecretKey } from './secrets';

describe('secrets at rest', () => {
  const box = createSecretBox(randomBytes(32));

  it('round-trips and never stores the plain text', () => {
    const sealed = box.seal('smtp-pass-Ơ-123');
    expect(sealed).not.toContain('smtp-pass');
    expect(sealed.startsWith('v1:')).toBe(true);
    expect(box.open(sealed)).toBe('smtp-pass-Ơ-123');
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a tampered value and a wrong key with SECRET_UNREADABLE', () => {
    const sealed = box.seal('camera-password');
    const parts = sealed.split(':');
    parts[3] = Buffer.from('tampered').toString('base64url');
    expect(() => box.open(parts.join(':'))).toThrow(AppError);
    expect(() => createSecretBox(randomBytes(32)).open(sealed)).toThrow(/decrypt|wrong key/i);
    expect(() => box.open('garbage')).toThrow(AppError);
  });

  it('creates a 0600 key file once and reads the same key back', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-key-'));
    const first = loadSecretKey(dir, undefined);
    expect(fs.statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    expect(loadSecretKey(dir, undefined).equals(first)).toBe(true);
    fs.writeFileSync(path.join(dir, 'secret.key'), 'short');
    expect(() => loadSecretKey(dir, undefined)).toThrow(/64-hex/);
    expect(loadSecretKey(dir, 'ab'.repeat(32)).toString('hex')).toBe('ab'.repeat(32));
  });
});
