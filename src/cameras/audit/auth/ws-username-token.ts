import { createHash, randomBytes } from 'node:crypto';

/**
 * WS-Security UsernameToken with PasswordDigest (OASIS UsernameToken Profile 1.0), as ONVIF uses it:
 * PasswordDigest = Base64(SHA1(nonceBytes ‖ Created ‖ password)), nonceBytes being the *decoded* Nonce.
 */
export function passwordDigest(nonceBase64: string, created: string, password: string): string {
  const nonce = Buffer.from(nonceBase64, 'base64');
  return createHash('sha1')
    .update(Buffer.concat([nonce, Buffer.from(created, 'utf8'), Buffer.from(password, 'utf8')]))
    .digest('base64');
}

const WSSE = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
const WSU = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd';
const DIGEST_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest';
const NONCE_TYPE =
  'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary';

/**
 * The `<Security>` SOAP header. `clockOffsetMs` is the device clock minus ours (from
 * GetSystemDateAndTime): devices refuse a Created too far from their own time.
 */
export function usernameTokenHeader(
  username: string,
  password: string,
  clockOffsetMs = 0,
  nonce: Buffer = randomBytes(16),
  now: Date = new Date(),
): string {
  const created = new Date(now.getTime() + clockOffsetMs).toISOString();
  const nonceB64 = nonce.toString('base64');
  const digest = passwordDigest(nonceB64, created, password);
  return (
    `<Security s:mustUnderstand="1" xmlns="${WSSE}"><UsernameToken>` +
    `<Username>${escapeXml(username)}</Username>` +
    `<Password Type="${DIGEST_TYPE}">${digest}</Password>` +
    `<Nonce EncodingType="${NONCE_TYPE}">${nonceB64}</Nonce>` +
    `<Created xmlns="${WSU}">${created}</Created>` +
    '</UsernameToken></Security>'
  );
}

export function escapeXml(s: string): string {
  return s.replace(
    /[<>&'"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c] ?? c,
  );
}
