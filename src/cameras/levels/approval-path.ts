import type { Level, Regime } from './types';

export type ApprovalPath = {
  preparedBy: string;
  appraisedBy: string;
  approvedBy: string;
  /** Longest appraisal time from a complete dossier, in days; null when the decree sets none. */
  appraisalDays: number | null;
  /** Approval takes at most 7 working days (NĐ 85 Art 17). */
  approvalWorkingDays: number;
  /** Levels 4–5: the ATTT unit's professional opinion is part of the dossier (TT 12 Art 8). */
  needsExpertOpinion: boolean;
  articles: string;
};

/** Who prepares, appraises and approves a proposal (REGULATIONS.md §1.6; Regime B keeps the table, MPS for 4–5). */
export function approvalPath(regime: Regime, level: Level): ApprovalPath {
  const ministry = regime === 'nd85-2016' ? 'Bộ Thông tin và Truyền thông' : 'Bộ Công an';
  const articles =
    regime === 'nd85-2016'
      ? 'Điều 12, 14, 16, 17 Nghị định 85/2016/NĐ-CP'
      : 'Điều 18, 20 Nghị định 331/2026/NĐ-CP';
  const unit = regime === 'nd85-2016' ? 'an toàn thông tin' : 'an ninh mạng';
  const base = {
    preparedBy: 'Đơn vị vận hành hệ thống thông tin',
    approvalWorkingDays: 7,
    articles,
  };
  if (level <= 2) {
    return {
      ...base,
      appraisedBy: `Đơn vị chuyên trách về ${unit} của chủ quản hệ thống thông tin`,
      approvedBy: `Đơn vị chuyên trách về ${unit} (báo cáo chủ quản hệ thống thông tin)`,
      appraisalDays: null,
      needsExpertOpinion: false,
    };
  }
  if (level === 3) {
    return {
      ...base,
      appraisedBy: `Đơn vị chuyên trách về ${unit} của chủ quản hệ thống thông tin`,
      approvedBy: 'Chủ quản hệ thống thông tin',
      appraisalDays: 15,
      needsExpertOpinion: false,
    };
  }
  return {
    ...base,
    appraisedBy: regime === 'nd85-2016' ? `${ministry} (phối hợp Bộ Công an, Bộ Quốc phòng)` : ministry,
    approvedBy:
      level === 5
        ? 'Thủ tướng Chính phủ phê duyệt danh mục; chủ quản phê duyệt phương án bảo đảm an toàn'
        : 'Chủ quản hệ thống thông tin',
    appraisalDays: 30,
    needsExpertOpinion: true,
  };
}
