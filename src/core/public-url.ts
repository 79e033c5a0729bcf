/**
 * The address people reach the platform at (CANHGAC_PUBLIC_URL, else http://HOST:PORT), set once at boot, so
 * that mail sent by background jobs links back to the console. Only core/config.ts reads the environment.
 */
let base = 'http://127.0.0.1:8080';

export function setPublicUrl(url: string): void {
  base = url.replace(/\/+$/, '');
}

/** `path` starts with "/": publicLink('/directives/42') → "https://soc.example.vn/directives/42". */
export function publicLink(path: string): string {
  return `${base}${path}`;
}
