/**
 * A loopback stand-in for the advisory sources, serving the real fixture files with the real APIs'
 * shapes: MSRC's `updates` index → month documents, the CSAF provider's changes.csv → files, KEV JSON,
 * EPSS gz, NVD 2.0 paging (lastMod window, resultsPerPage, startIndex, apiKey header) and the CVE
 * Services API. Answers carry ETag and honour If-None-Match. Faults on demand: an HTTP status for the
 * next N requests of a path, a body cut short, a redirect. It counts connections and requests.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFixture } from '../../../src/vulns/feeds/test-support';

type Fault = { status?: number; truncate?: boolean; redirectTo?: string; remaining: number };
type Doc = { body: Buffer; type: string };

const MONTH_FILES: Record<string, string> = {
  '2023-May': 'p0w3rsh3ll-msrc-data/cvrfDocument-2023-May.xml',
  '2024-Mar': 'vuls-data-update/msrc-cvrf/2024-Mar',
};
const NVD_FILES = ['CVE-2021-33044', 'CVE-2023-23397', 'CVE-2023-24880'];
/** NVD's own date form: 2024-01-01T00:00:00.000+00:00 (we accept Z too). */
const NVD_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?(Z|[+-]\d{2}:\d{2})$/;

export class AdvisoryServer {
  readonly requests: { path: string; headers: http.IncomingHttpHeaders }[] = [];
  connections = 0;
  /** NVD's page size here, smaller than NVD's 2,000 so three fixture records take two pages. */
  nvdMaxPage = 2;
  private readonly docs = new Map<string, Doc>();
  private readonly faults = new Map<string, Fault>();
  private index: { ID: string; InitialReleaseDate: string; CurrentReleaseDate: string }[] = [];
  private server = http.createServer((req, res) => this.handle(req, res));
  private nvd: Record<string, unknown>[] = [];

  constructor(private readonly host = '127.0.0.1') {
    this.server.on('connection', () => {
      this.connections += 1;
    });
    for (const [id, file] of Object.entries(MONTH_FILES)) {
      this.docs.set(`/msrc/cvrf/${id}`, { body: readFixture(file), type: 'application/xml' });
    }
    this.index = [
      {
        ID: '2016-Apr',
        InitialReleaseDate: '2016-04-12T07:00:00Z',
        CurrentReleaseDate: '2018-04-10T07:00:00Z',
      },
      {
        ID: '2023-May',
        InitialReleaseDate: '2023-05-09T07:00:00Z',
        CurrentReleaseDate: '2023-05-23T00:00:00Z',
      },
      {
        ID: '2024-Mar',
        InitialReleaseDate: '2024-03-12T07:00:00Z',
        CurrentReleaseDate: '2024-04-09T07:00:00Z',
      },
    ];
    this.docs.set('/kev.json', {
      body: readFixture('cisagov-kev-data/known_exploited_vulnerabilities.json'),
      type: 'application/json',
    });
    this.docs.set('/epss.csv.gz', {
      body: readFixture('vuls-data-update/epss/epss_scores-2023-03-07.csv.gz'),
      type: 'application/gzip',
    });
    for (const name of ['msrc_cve-2025-29806', 'msrc_cve-2025-29795']) {
      this.docs.set(`/csaf/2025/${name}.json`, {
        body: readFixture(`vuls-data-update/msrc-csaf/${name}.json`),
        type: 'application/json',
      });
    }
    this.docs.set('/csaf/changes.csv', {
      body: Buffer.from(
        '"2025/msrc_cve-2025-29806.json","2025-04-04T07:00:00Z"\n"2025/msrc_cve-2025-29795.json","2025-03-28T07:00:00Z"\n',
      ),
      type: 'text/csv',
    });
    for (const cve of ['CVE-2023-23397', 'CVE-2023-24880']) {
      this.docs.set(`/cve/${cve}`, { body: readFixture(`cvelistV5/${cve}.json`), type: 'application/json' });
    }
    this.nvd = NVD_FILES.map((cve) => JSON.parse(readFixture(`nvd-api-2.0/${cve}.json`).toString('utf8')));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, this.host, resolve));
    return this;
  }

  get url(): string {
    return `http://${this.host}:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` requests of `path` get this fault. */
  fault(path: string, fault: Omit<Fault, 'remaining'>, times = 1): void {
    this.faults.set(path, { ...fault, remaining: times });
  }

  hits(path: string): number {
    return this.requests.filter((r) => r.path.split('?')[0] === path).length;
  }

  /** Microsoft revises a month: a later CurrentReleaseDate in the document and in the index. */
  reviseMonth(id: string, currentReleaseDate: string): void {
    const doc = this.docs.get(`/msrc/cvrf/${id}`)!;
    const text = doc.body
      .toString('utf8')
      .replace(
        /<cvrf:CurrentReleaseDate>[^<]*</,
        `<cvrf:CurrentReleaseDate>${currentReleaseDate.replace(/Z$/, '')}<`,
      );
    doc.body = Buffer.from(text);
    const entry = this.index.find((e) => e.ID === id)!;
    entry.CurrentReleaseDate = currentReleaseDate;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ path: `${url.pathname}${url.search}`, headers: req.headers });
    const stored = this.faults.get(url.pathname);
    const fault = stored && stored.remaining > 0 ? stored : undefined;
    if (fault) {
      fault.remaining -= 1;
      if (fault.status) return void res.writeHead(fault.status, { 'content-type': 'text/plain' }).end('boom');
      if (fault.redirectTo) return void res.writeHead(302, { location: fault.redirectTo }).end();
    }
    const doc = this.answer(url, res);
    if (!doc) return;
    const etag = `"${createHash('sha256').update(doc.body).digest('hex').slice(0, 16)}"`;
    if (req.headers['if-none-match'] === etag) return void res.writeHead(304, { etag }).end();
    res.writeHead(200, { 'content-type': doc.type, 'content-length': doc.body.length, etag });
    if (fault?.truncate) {
      // Content-Length promises the whole file; half arrives, then the connection drops.
      res.flushHeaders();
      res.write(doc.body.subarray(0, Math.floor(doc.body.length / 2)));
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    res.end(doc.body);
  }

  private answer(url: URL, res: http.ServerResponse): Doc | undefined {
    if (url.pathname === '/msrc/updates') {
      const body = {
        '@odata.context': 'https://api.msrc.microsoft.com/$metadata#Updates',
        value: this.index,
      };
      return { body: Buffer.from(JSON.stringify(body)), type: 'application/json' };
    }
    if (url.pathname === '/nvd') return this.nvdPage(url, res);
    const doc = this.docs.get(url.pathname);
    if (!doc) res.writeHead(404).end('not found');
    return doc;
  }

  private nvdPage(url: URL, res: http.ServerResponse): Doc | undefined {
    const start = url.searchParams.get('lastModStartDate') ?? '';
    const end = url.searchParams.get('lastModEndDate') ?? '';
    const days = (Date.parse(end) - Date.parse(start)) / 86_400_000;
    if (!NVD_INSTANT.test(start) || !NVD_INSTANT.test(end) || !(days > 0 && days <= 120)) {
      res.writeHead(404, { message: 'Invalid lastMod date range' }).end();
      return undefined;
    }
    const startIndex = Number(url.searchParams.get('startIndex') ?? 0);
    const perPage = Math.min(Number(url.searchParams.get('resultsPerPage') ?? 2000), this.nvdMaxPage);
    const slice = this.nvd.slice(startIndex, startIndex + perPage);
    const body = {
      resultsPerPage: slice.length,
      startIndex,
      totalResults: this.nvd.length,
      format: 'NVD_CVE',
      version: '2.0',
      timestamp: '2026-12-02T00:00:00.000',
      vulnerabilities: slice.map((cve) => ({ cve })),
    };
    return { body: Buffer.from(JSON.stringify(body)), type: 'application/json' };
  }
}
