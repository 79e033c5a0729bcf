import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchDocument, reportDocument } from '../directives/documents';
import { DISPATCH_REQUEST, REPORT_REQUEST } from '../directives/test-fixtures';
import type { Incident } from '../incidents/contract';
import { buildReportDocument, type CaseFacts, defaultFields } from '../incidents/forms';
import type { OfficialDocument } from './contract';
import { renderDocx } from './render-docx';

/**
 * The generated DOCX as LibreOffice lays it out (issue 6, "Tests"): converted to PDF by soffice, page 1 to PNG by
 * pdftoppm at 50 dpi, compared with a committed reference by a tolerant pixel diff; and the positions Decree
 * 30/2020 fixes, read with pdftotext -bbox. Inputs are fixed (dates, names, the render clock) so the output is
 * deterministic; Times New Roman resolves to Liberation Serif (fonts-liberation2, metric-compatible), the
 * substitution fontconfig makes on Debian. A missing reference is written (delete one to refresh it).
 */
const TOOLS = ['soffice', 'pdftoppm', 'pdftotext'];
const missingTool = TOOLS.find((tool) => {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return false;
  } catch {
    return true;
  }
});
if (missingTool) {
  process.stderr.write(
    `[render-check] ${missingTool} not found: LibreOffice render tests skipped (apt: ${TOOLS.join(', ')})\n`,
  );
}

const REFERENCES = path.join(__dirname, 'render-references');
const NOW = new Date('2023-03-24T09:00:00+07:00');
/** pixelmatch's per-pixel colour distance: ignores anti-aliasing shades, not ink where paper should be. */
const PIXEL_THRESHOLD = 0.1;
/**
 * At most 0.5 % of page 1 may differ (about 1,200 of 413 × 585 px): glyph rasterising differs by a few edge pixels
 * between poppler/freetype builds, while one text line moved or re-wrapped changes 2 % or more.
 */
const MAX_DIFF_RATIO = 0.005;
const MM = 72 / 25.4;

const DIRECTIVE = {
  number: '285/STTTT-CNBCVT',
  issuer: 'Sở Thông tin và Truyền thông',
  issuedOn: '2023-03-21',
  subject: 'cảnh báo lỗ hổng bảo mật trong các sản phẩm Microsoft',
};
const UNIT = {
  issuer: { parentName: 'UBND TỈNH NINH BÌNH', name: 'ỦY BAN NHÂN DÂN HUYỆN KIM SƠN' },
  place: 'Kim Sơn',
  shortName: 'UBND huyện',
};
const TASKS = [
  {
    position: 1,
    text: 'Chủ động rà soát, cập nhật bản vá các lỗ hổng trong sản phẩm Microsoft.',
    deadline: '2023-04-05',
  },
  {
    position: 2,
    text: 'Tổ chức lực lượng tại chỗ trực giám sát sự cố an toàn thông tin mạng 24/7.',
    deadline: null,
  },
];

function incidentForm(): OfficialDocument {
  const at = new Date('2023-03-20T08:30:00+07:00');
  const incident = {
    id: '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b',
    unitId: '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
    unitName: 'UBND xã Kim Chính',
    reference: 'SC-2023-0001',
    title: 'Máy tính bộ phận một cửa nhiễm mã độc tống tiền',
    description: 'Các tệp trên máy bị mã hóa, xuất hiện thông báo đòi tiền chuộc.',
    category: 'ransomware',
    severity: 'high',
    serious: false,
    beyondCapacity: true,
    regime: 'nd85-2016',
    status: 'containment',
    detectedAt: at,
    responseEndedAt: null,
    affectedSystems: 'Máy trạm một cửa (192.0.2.15)',
    affectedUnitIds: [],
    hostIds: [],
    sourceKind: 'manual',
    sourceId: null,
    sourceSummary: null,
    lessonsLearned: null,
    ownerUserId: null,
    ownerName: null,
    createdBy: 'kimchinh',
    createdAt: at,
    updatedAt: at,
  } satisfies Incident;
  const facts: CaseFacts = {
    incident,
    timeline: [],
    indicators: [],
    evidence: [],
    unit: {
      name: 'UBND xã Kim Chính',
      issuerParentName: 'UBND HUYỆN KIM SƠN',
      issuerName: 'ỦY BAN NHÂN DÂN XÃ KIM CHÍNH',
      placeName: 'Kim Chính',
      signerAuthority: null,
      signerTitle: 'CHỦ TỊCH',
    },
    contact: { name: 'Phạm Thị Hoa', email: 'hoa@kimchinh.example.vn' },
  };
  const fields = {
    ...defaultFields('bao_cao_ban_dau', facts),
    contactPhone: '0912 345 678',
    measures: 'Cách ly máy khỏi mạng, giữ nguyên hiện trạng.',
    signerName: 'Lê Văn Minh',
  };
  return buildReportDocument(
    'bao_cao_ban_dau',
    fields,
    facts,
    ['Trung tâm Ứng cứu khẩn cấp không gian mạng Việt Nam'],
    NOW,
  );
}

const DOCUMENTS: Record<string, () => OfficialDocument> = {
  dispatch: () => dispatchDocument(DIRECTIVE, TASKS, UNIT, { ...DISPATCH_REQUEST, date: '2023-03-24' }),
  report: () =>
    reportDocument(
      DIRECTIVE,
      UNIT,
      {
        units: 2,
        tasks: TASKS.map((t, i) => ({
          ...t,
          assigned: 2,
          counts: { not_started: i, in_progress: 0, done: 2 - i, cannot_do: 0 },
          doneUnits: i === 0 ? ['UBND xã Kim Chính', 'Phòng Văn hóa và Thông tin'] : ['UBND xã Kim Chính'],
          answers: [{ unitName: 'UBND xã Kim Chính', text: 'Đã rà soát 12 máy, cập nhật bản vá tháng 3.' }],
          evidence: null,
        })),
        late: [
          {
            unitName: 'Phòng Văn hóa và Thông tin',
            position: 2,
            deadline: '2023-04-05',
            status: 'not_started',
            reason: null,
          },
        ],
      },
      REPORT_REQUEST,
    ),
  incident: incidentForm,
};

type Word = { text: string; xMin: number; yMin: number; xMax: number };
type Page = { width: number; height: number; words: Word[] };

/** pdftotext -bbox: the page size and every word with its box, in PDF points. */
function wordsOf(pdf: string): Page {
  const html = execFileSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
  const page = /<page width="([\d.]+)" height="([\d.]+)">/.exec(html)!;
  const words = [
    ...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<\/word>/g),
  ].map((m) => ({ xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text: m[4]! }));
  return { width: Number(page[1]), height: Number(page[2]), words };
}

describe.skipIf(!!missingTool)('LibreOffice render of the generated documents', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'canhgac-render-'));
  const pages: Record<string, { png: PNG; page: Page }> = {};

  beforeAll(async () => {
    for (const [name, build] of Object.entries(DOCUMENTS)) {
      fs.writeFileSync(path.join(dir, `${name}.docx`), await renderDocx(build(), { now: NOW }));
    }
    // One soffice run for all three (start-up is most of its time), with its own profile so parallel runs never share one.
    execFileSync(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        ...Object.keys(DOCUMENTS).map((name) => path.join(dir, `${name}.docx`)),
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    for (const name of Object.keys(DOCUMENTS)) {
      const pdf = path.join(dir, `${name}.pdf`);
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '50',
        '-f',
        '1',
        '-l',
        '1',
        '-singlefile',
        pdf,
        path.join(dir, name),
      ]);
      pages[name] = {
        png: PNG.sync.read(fs.readFileSync(path.join(dir, `${name}.png`))),
        page: wordsOf(pdf),
      };
    }
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const name of Object.keys(DOCUMENTS)) {
    it(`${name}: page 1 matches its reference image`, () => {
      const { png } = pages[name]!;
      const reference = path.join(REFERENCES, `${name}.png`);
      if (!fs.existsSync(reference)) {
        fs.mkdirSync(REFERENCES, { recursive: true });
        fs.writeFileSync(reference, PNG.sync.write(png));
        process.stderr.write(`[render-check] wrote the reference ${reference}\n`);
      }
      const expected = PNG.sync.read(fs.readFileSync(reference));
      expect([png.width, png.height]).toEqual([expected.width, expected.height]);
      const differing = pixelmatch(png.data, expected.data, undefined, png.width, png.height, {
        threshold: PIXEL_THRESHOLD,
      });
      expect(differing / (png.width * png.height)).toBeLessThan(MAX_DIFF_RATIO);
    });

    it(`${name}: A4, Decree 30 margins, motto top right, Số line at the left`, () => {
      const { page } = pages[name]!;
      expect(Math.round(page.width / MM)).toBe(210);
      expect(Math.round(page.height / MM)).toBe(297);
      const left = Math.min(...page.words.map((w) => w.xMin));
      const right = Math.max(...page.words.map((w) => w.xMax));
      const top = Math.min(...page.words.map((w) => w.yMin));
      // Left margin 30–35 mm, right 15–20 mm, top 20–25 mm (text may sit inside them, never outside); a glyph box
      // starts at the font ascent, up to 1 mm above its line box, hence 19 mm at the top.
      expect(left / MM).toBeGreaterThanOrEqual(29.5);
      expect((page.width - right) / MM).toBeGreaterThanOrEqual(14.5);
      expect(top / MM).toBeGreaterThanOrEqual(19);
      const motto = page.words.find((w) => w.text === 'CỘNG')!;
      expect(motto.xMin).toBeGreaterThan(page.width / 2 - 40);
      expect(motto.yMin / MM).toBeLessThan(35);
      const so = page.words.find((w) => w.text === 'Số:')!;
      expect(so.xMax).toBeLessThan(page.width / 2);
      expect(so.yMin).toBeGreaterThan(motto.yMin);
    });
  }
});
