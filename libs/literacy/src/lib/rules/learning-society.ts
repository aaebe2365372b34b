/**
 * Learning-society (xã hội học tập, XHHT) targets and progress — domain.md §D4.
 *
 * Targets are data: the shipped list below transcribes QĐ 1373/QĐ-TTg (2021) and QĐ 387/QĐ-TTg (2022);
 * a province may load its own list (e.g. from its implementation plan) and pass it to the functions.
 * All percentages are in percent (70 = 70%).
 */
import { assertCount, pctFraction, ratio, ratioAtLeastPct } from './exact';

export const LearningSocietyTargetCodes = [
  // QĐ 1373/QĐ-TTg (2021), Đề án "Xây dựng xã hội học tập giai đoạn 2021-2030"
  'XMC_L2_PROVINCES',
  'INFORMATION_COMPETENCE',
  'LIFE_SKILLS',
  'DIGITAL_INSTITUTIONS',
  'TTHTCD_IT',
  'LEARNING_CITIZEN',
  // QĐ 387/QĐ-TTg (2022), learning models in families, clans, communities and units
  'LEARNING_FAMILY',
  'LEARNING_CLAN',
  'LEARNING_COMMUNITY',
  'LEARNING_UNIT',
  'LEARNING_CITIZEN_COMMUNITY_WORKERS',
  'LEARNING_CITIZEN_UNIT_STAFF',
] as const;
export type LearningSocietyTargetCode = (typeof LearningSocietyTargetCodes)[number];

export interface LearningSocietyTarget {
  code: LearningSocietyTargetCode | string;
  nameVi: string;
  nameEn: string;
  /** Target share in percent of the eligible units or people. */
  targetPct: number;
  /** The year by which the target applies. */
  year: number;
  legalBasis: string;
}

const QD_1373 = 'Quyết định 1373/QĐ-TTg ngày 30/7/2021 phê duyệt Đề án "Xây dựng xã hội học tập giai đoạn 2021-2030"';
const QD_387 =
  'Quyết định 387/QĐ-TTg (2022) phê duyệt Đề án đẩy mạnh xây dựng mô hình học tập trong gia đình, dòng họ, cộng đồng, đơn vị';

function target(
  code: LearningSocietyTargetCode,
  nameVi: string,
  nameEn: string,
  targetPct: number,
  year: number,
  legalBasis: string,
): LearningSocietyTarget {
  return Object.freeze({ code, nameVi, nameEn, targetPct, year, legalBasis });
}

/** The shipped national targets (domain §D4, [V]). */
export const LEARNING_SOCIETY_TARGETS: readonly LearningSocietyTarget[] = Object.freeze([
  target('XMC_L2_PROVINCES', 'Tỉnh đạt chuẩn xóa mù chữ mức độ 2', 'Provinces at literacy level 2', 70, 2025, QD_1373),
  target('XMC_L2_PROVINCES', 'Tỉnh đạt chuẩn xóa mù chữ mức độ 2', 'Provinces at literacy level 2', 90, 2030, QD_1373),
  target(
    'INFORMATION_COMPETENCE',
    'Người trong độ tuổi lao động có năng lực thông tin',
    'Working-age people with information competence',
    50,
    2025,
    QD_1373,
  ),
  target(
    'INFORMATION_COMPETENCE',
    'Người trong độ tuổi lao động có năng lực thông tin',
    'Working-age people with information competence',
    70,
    2030,
    QD_1373,
  ),
  target('LIFE_SKILLS', 'Người trong độ tuổi lao động có kỹ năng sống', 'Working-age people with life skills', 50, 2025, QD_1373),
  target('LIFE_SKILLS', 'Người trong độ tuổi lao động có kỹ năng sống', 'Working-age people with life skills', 70, 2030, QD_1373),
  target(
    'DIGITAL_INSTITUTIONS',
    'Cơ sở giáo dục, trung tâm thực hiện chuyển đổi số',
    'Schools and centres working digitally',
    60,
    2025,
    QD_1373,
  ),
  target(
    'DIGITAL_INSTITUTIONS',
    'Cơ sở giáo dục, trung tâm thực hiện chuyển đổi số',
    'Schools and centres working digitally',
    80,
    2030,
    QD_1373,
  ),
  target(
    'TTHTCD_IT',
    'Trung tâm học tập cộng đồng ứng dụng công nghệ thông tin',
    'Community learning centres using IT',
    70,
    2025,
    QD_1373,
  ),
  target('LEARNING_CITIZEN', 'Công dân được công nhận "Công dân học tập"', 'Citizens titled "Learning citizen"', 40, 2025, QD_1373),
  target('LEARNING_CITIZEN', 'Công dân được công nhận "Công dân học tập"', 'Citizens titled "Learning citizen"', 60, 2030, QD_1373),
  target('LEARNING_FAMILY', 'Gia đình học tập', 'Learning families', 70, 2025, QD_387),
  target('LEARNING_CLAN', 'Dòng họ học tập', 'Learning clans', 65, 2025, QD_387),
  target('LEARNING_COMMUNITY', 'Cộng đồng học tập', 'Learning communities', 65, 2025, QD_387),
  target('LEARNING_UNIT', 'Đơn vị học tập', 'Learning organisations (units)', 80, 2025, QD_387),
  target(
    'LEARNING_CITIZEN_COMMUNITY_WORKERS',
    '"Công dân học tập" trong số người lao động ở gia đình, dòng họ, cộng đồng học tập',
    '"Learning citizens" among workers in learning families, clans and communities',
    40,
    2025,
    QD_387,
  ),
  target(
    'LEARNING_CITIZEN_UNIT_STAFF',
    '"Công dân học tập" trong số cán bộ, công chức, viên chức, người lao động của đơn vị học tập',
    '"Learning citizens" among staff of learning organisations',
    60,
    2025,
    QD_387,
  ),
]);

/** The target for `code` in `year`, or undefined. */
export function findTarget(
  code: string,
  year: number,
  targets: readonly LearningSocietyTarget[] = LEARNING_SOCIETY_TARGETS,
): LearningSocietyTarget | undefined {
  return targets.find((t) => t.code === code && t.year === year);
}

/**
 * The target in force for `code` in `year`: the one for the first target year ≥ `year` (2024 → the 2025
 * target; 2027 → the 2030 target); after the last target year, the last target. Undefined if none.
 */
export function targetFor(
  code: string,
  year: number,
  targets: readonly LearningSocietyTarget[] = LEARNING_SOCIETY_TARGETS,
): LearningSocietyTarget | undefined {
  const ofCode = targets.filter((t) => t.code === code).sort((a, b) => a.year - b.year);
  return ofCode.find((t) => t.year >= year) ?? ofCode[ofCode.length - 1];
}

export type ProgressStatus = 'MET' | 'ON_TRACK' | 'BEHIND' | 'NO_DATA';

export interface Progress {
  /** recognised / eligible in percent (62.5 = 62.5%); null when nothing is eligible. */
  rate: number | null;
  /** Target in percent. */
  target: number;
  /** Percentage points still missing (0 when met); null when nothing is eligible. */
  gap: number | null;
  met: boolean;
  status: ProgressStatus;
}

export interface ProgressOptions {
  /** ON_TRACK when the rate is below target by at most this many percentage points. Default 10. */
  onTrackWithinPoints?: number;
}

/**
 * Progress of a learning-society indicator (`recognised / eligible` against a target, §D4).
 *
 * Status, decided exactly on the counts:
 * - `MET`: rate ≥ target;
 * - `ON_TRACK`: rate ≥ target − `onTrackWithinPoints` (default 10 points), e.g. 62% against 70%;
 * - `BEHIND`: further below;
 * - `NO_DATA`: nothing is eligible (eligible = 0), so no rate exists.
 * The rule is a simple distance, not a time trajectory: it does not depend on how close the target year is.
 */
export function progress(
  recognised: number,
  eligible: number,
  target: number | LearningSocietyTarget,
  options: ProgressOptions = {},
): Progress {
  assertCount(recognised, 'recognised');
  assertCount(eligible, 'eligible');
  if (recognised > eligible) throw new RangeError('recognised cannot exceed eligible');
  const targetPct = typeof target === 'number' ? target : target.targetPct;
  pctFraction(targetPct); // validates
  if (targetPct > 100) throw new RangeError(`target must be ≤ 100%, got ${targetPct}`);
  const window = options.onTrackWithinPoints ?? 10;
  pctFraction(window);
  if (eligible === 0) return { rate: null, target: targetPct, gap: null, met: false, status: 'NO_DATA' };

  const rate = (ratio(recognised, eligible) as number) * 100;
  const met = ratioAtLeastPct(recognised, eligible, targetPct);
  const lower = subtractPct(targetPct, window);
  const onTrack = !met && (lower === null || ratioAtLeastPct(recognised, eligible, lower));
  const gap = met ? 0 : Math.max(0, roundTo(targetPct - rate, 6));
  return { rate, target: targetPct, gap, met, status: met ? 'MET' : onTrack ? 'ON_TRACK' : 'BEHIND' };
}

/** a − b for decimal percentages, exactly; null when the result would be ≤ 0 (every rate qualifies). */
function subtractPct(a: number, b: number): number | null {
  const fa = pctFraction(a);
  const fb = pctFraction(b);
  const d = fa.d > fb.d ? fa.d : fb.d;
  const diff = fa.n * (d / fa.d) - fb.n * (d / fb.d);
  if (diff <= 0n) return null;
  const decimals = d.toString().length - 1;
  const text = decimals === 0 ? diff.toString() : `${diff / d}.${(diff % d).toString().padStart(decimals, '0')}`;
  return Number(text);
}

function roundTo(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
