import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitTasks } from './split-tasks';

const DISPATCH = join(__dirname, '../../../shared/docs/DISPATCH-2023.md');

describe('splitTasks', () => {
  it.skipIf(!existsSync(DISPATCH))('finds the five tasks of the March 2023 dispatch', () => {
    const markdown = readFileSync(DISPATCH, 'utf8');
    const body = markdown.slice(markdown.indexOf('```text') + 7, markdown.lastIndexOf('```'));
    const { preamble, tasks } = splitTasks(body);
    expect(tasks.map((t) => t.marker)).toEqual(['1.', '2.', '3.', '4.', '5.']);
    expect(tasks[0]!.text).toMatch(/^Chủ động rà soát các lỗ hổng.*383\/CATTT-NCSC/u);
    // "24/7" and the dates inside a task never start a new one.
    expect(tasks[1]!.text).toMatch(
      /^Tổ chức lực lượng tại chỗ trực giám sát sự cố an toàn thông tin mạng 24\/7/u,
    );
    // The contact points stay inside task 5, each on its own line; "Nơi nhận" and the signature are dropped.
    const lines = tasks[4]!.text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^- Trung tâm Ứng cứu khẩn cấp/u);
    expect(lines[2]).toMatch(/ais@mic\.gov\.vn\.$/u);
    expect(tasks[4]!.text).not.toMatch(/Nơi nhận|Lưu: VT|Nguyễn Cao Sơn/u);
    expect(preamble).toMatch(/Thực hiện Văn bản số 285\/STTTT-CNBCVT ngày 21\/3\/2023/u);
  });

  it('joins lines that a PDF wrapped and keeps sub-items on their own lines', () => {
    const text = [
      'Thực hiện Văn bản số 12/UBND-VP, đề nghị:',
      '1. Rà soát các máy chủ',
      'có sử dụng Microsoft Outlook.',
      'a) Cập nhật bản vá;',
      'b) Báo cáo kết quả.',
      '2) Trực 24/7 trong dịp lễ./.',
    ].join('\n');
    const { preamble, tasks } = splitTasks(text);
    expect(preamble).toBe('Thực hiện Văn bản số 12/UBND-VP, đề nghị:');
    expect(tasks).toEqual([
      {
        marker: '1.',
        text: 'Rà soát các máy chủ có sử dụng Microsoft Outlook.\na) Cập nhật bản vá;\nb) Báo cáo kết quả.',
      },
      { marker: '2.', text: 'Trực 24/7 trong dịp lễ.' },
    ]);
  });

  it('uses letters, then dashes, when there are no numbers', () => {
    expect(splitTasks('a) Một việc\nb) Việc khác').tasks.map((t) => t.text)).toEqual([
      'Một việc',
      'Việc khác',
    ]);
    expect(splitTasks('Đề nghị:\n- Việc một;\n- Việc hai.').tasks.map((t) => t.text)).toEqual([
      'Việc một;',
      'Việc hai.',
    ]);
  });

  it('does not start a task on a number out of sequence', () => {
    const { tasks } = splitTasks('1. Rà soát theo kế hoạch\n3. năm 2023 đã ban hành\n2. Báo cáo');
    expect(tasks.map((t) => t.marker)).toEqual(['1.', '2.']);
    expect(tasks[0]!.text).toBe('Rà soát theo kế hoạch\n3. năm 2023 đã ban hành');
  });

  it('proposes nothing from text without markers, empty text or markers without text', () => {
    expect(splitTasks('Chỉ là một đoạn văn.').tasks).toEqual([]);
    expect(splitTasks('').tasks).toEqual([]);
    expect(splitTasks('\n\n  \r\n').preamble).toBe('');
    expect(splitTasks('1.\n2.   ').tasks).toEqual([]);
  });
});
