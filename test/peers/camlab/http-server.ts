import type http from 'node:http';
import type { DeviceAccounts } from './auth.js';
import { onvifAnswer } from './onvif-responder.js';
import type { Profile } from './profiles.js';

/** 16-byte stand-in favicon, distinct per vendor so favicon hashes differ. */
const favicon = (p: Profile) =>
  Buffer.from(`\0\0\x01\0${p.manufacturer.padEnd(12, '.').slice(0, 12)}`, 'latin1');

/**
 * Web UI + ONVIF on one HTTP server: vendor `Server` and title, a root redirect (Hikvision), the
 * ISAPI userCheck with Digest and lockout, and the ONVIF device service at /onvif/device_service.
 */
export function httpHandler(
  profile: Profile,
  accounts: DeviceAccounts,
  base: () => string,
  serveWeb: boolean,
) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1_000_000) req.destroy();
      else chunks.push(c);
    });
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (profile.http?.server) res.setHeader('Server', profile.http.server);
      if (req.url?.startsWith('/onvif/') && profile.onvif) {
        const [status, xml] = onvifAnswer(profile, accounts, body, base());
        res.writeHead(status, { 'Content-Type': 'application/soap+xml; charset=utf-8' });
        return res.end(xml);
      }
      if (!serveWeb || !profile.http) return notFound(res);
      web(profile, accounts, req, res);
    });
  };
}

function notFound(res: http.ServerResponse) {
  res.writeHead(404, { 'Content-Type': 'text/plain' });
  res.end('Not Found');
}

function web(
  profile: Profile,
  accounts: DeviceAccounts,
  req: http.IncomingMessage,
  res: http.ServerResponse,
) {
  const h = profile.http!;
  const url = req.url ?? '/';
  if (url === '/favicon.ico') {
    res.writeHead(200, { 'Content-Type': 'image/x-icon' });
    return res.end(favicon(profile));
  }
  if (url === '/' && h.redirectRoot) {
    res.writeHead(302, { Location: '/doc/page/login.asp' });
    return res.end();
  }
  if (url === '/ISAPI/Security/userCheck' && h.isapi) return userCheck(accounts, req, res);
  if (url === '/' || url === '/doc/page/login.asp') {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    return res.end(`<html><head><title>${h.title}</title></head><body>${h.body ?? ''}</body></html>`);
  }
  notFound(res);
}

function userCheck(accounts: DeviceAccounts, req: http.IncomingMessage, res: http.ServerResponse) {
  const r = accounts.checkHttpAuth(req.headers.authorization, req.method ?? 'GET', 'IP Camera');
  if (r === 'ok') {
    res.writeHead(200, { 'Content-Type': 'application/xml' });
    return res.end(
      '<?xml version="1.0" encoding="UTF-8"?><userCheck><statusValue>200</statusValue><statusString>OK</statusString></userCheck>',
    );
  }
  if (r === 'locked') {
    res.writeHead(403, { 'Content-Type': 'application/xml' });
    return res.end(
      '<userCheck><statusValue>401</statusValue><lockStatus>lock</lockStatus><unlockTime>1800</unlockTime></userCheck>',
    );
  }
  res.writeHead(401, {
    'WWW-Authenticate': accounts.challenge('digest', 'IP Camera'),
    'Content-Type': 'application/xml',
  });
  res.end(
    '<userCheck><statusValue>401</statusValue><lockStatus>unlock</lockStatus><retryLoginTime>4</retryLoginTime></userCheck>',
  );
}
