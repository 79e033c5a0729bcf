import { isIPv4, isIPv6 } from 'node:net';
import { domainToASCII } from 'node:url';
import type { IndicatorType } from './model';

export type IndicatorCheck = { ok: true; value: string } | { ok: false; reason: string };

const HASH_LENGTHS: Record<'md5' | 'sha1' | 'sha256', number> = { md5: 32, sha1: 40, sha256: 64 };
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** A hostname in ASCII (IDN to punycode), lowercase, without a trailing dot; null when it is not one. */
function normaliseDomain(raw: string): string | null {
  const trimmed = raw.trim().replace(/\.$/, '');
  if (trimmed.length === 0 || trimmed.length > 253 || isIPv4(trimmed)) return null;
  const ascii = domainToASCII(trimmed.toLowerCase());
  if (!ascii) return null;
  const labels = ascii.split('.');
  if (labels.length < 2 || !labels.every((label) => LABEL.test(label))) return null;
  // A top-level label is never all digits.
  if (/^\d+$/.test(labels[labels.length - 1]!)) return null;
  return ascii;
}

function normaliseUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (!['http:', 'https:', 'ftp:'].includes(url.protocol)) return null;
  if (!url.hostname) return null;
  return url.href;
}

/**
 * Validates and normalises one indicator (MONITORING.md §4: lowercase, punycode IDN, strip the trailing dot), so that
 * the same value typed twice is one indicator and every export carries a value its peers accept.
 */
export function checkIndicator(type: IndicatorType, raw: string): IndicatorCheck {
  const value = raw.trim();
  switch (type) {
    case 'ipv4':
      return isIPv4(value) ? { ok: true, value } : { ok: false, reason: 'ipv4' };
    case 'ipv6':
      return isIPv6(value) ? { ok: true, value: value.toLowerCase() } : { ok: false, reason: 'ipv6' };
    case 'domain': {
      const domain = normaliseDomain(value);
      return domain ? { ok: true, value: domain } : { ok: false, reason: 'domain' };
    }
    case 'url': {
      const url = normaliseUrl(value);
      return url ? { ok: true, value: url } : { ok: false, reason: 'url' };
    }
    default: {
      const hex = value.toLowerCase();
      const ok = hex.length === HASH_LENGTHS[type] && /^[0-9a-f]+$/.test(hex);
      return ok ? { ok: true, value: hex } : { ok: false, reason: type };
    }
  }
}

/** The type a pasted value most likely is, for the console's "detect" button; null when none fits. */
export function guessIndicatorType(raw: string): IndicatorType | null {
  const value = raw.trim();
  if (isIPv4(value)) return 'ipv4';
  if (isIPv6(value)) return 'ipv6';
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return 'url';
  if (/^[0-9a-f]+$/i.test(value)) {
    const byLength = { 32: 'md5', 40: 'sha1', 64: 'sha256' } as const;
    return byLength[value.length as 32 | 40 | 64] ?? null;
  }
  return normaliseDomain(value) ? 'domain' : null;
}
