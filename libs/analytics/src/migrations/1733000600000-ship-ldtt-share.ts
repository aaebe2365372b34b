import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, Build 4: two indicators the Sở asked for, shipped as data in the existing definition table (both are
 * ratios, so they are computed over the reports that hold both their parts):
 * - LDTT_SHARE: staff on long-term labour contracts / tenured staff (the seed's S0 report: 32 / 36 = 88.9 %, the
 *   `staff_ldtt_rate` the centre itself writes);
 * - CANDIDATES_PER_COUNCIL: certificate exam candidates per exam council (the size of a council).
 */
export class ShipLdttShare1733000600000 implements MigrationInterface {
  name = 'ShipLdttShare1733000600000';

  async up(qr: QueryRunner): Promise<void> {
    const gdtx = `ARRAY['GDTX_SCHOOL_YEAR','GDTX_SEMESTER']`;
    await qr.query(`
      INSERT INTO indicator_definition (code, name_vi, name_en, template_codes, numerator_keys, denominator_keys, denominator_previous_period, factor, unit, description_vi, sort_order) VALUES
      ('LDTT_SHARE', 'Tỷ lệ lao động hợp đồng dài hạn trên viên chức', 'Long-term contract staff per tenured staff', ${gdtx}, ARRAY['staff_ldtt'], ARRAY['staff_tenured'], false, 100, '%', 'Lao động hợp đồng dài hạn / viên chức (S0: 32 / 36)', 25),
      ('CANDIDATES_PER_COUNCIL', 'Số thí sinh bình quân một hội đồng thi', 'Exam candidates per exam council', ${gdtx}, ARRAY['exam_candidates'], ARRAY['exam_councils'], false, 1, 'thí sinh/hội đồng', 'Số dự thi / số hội đồng thi', 65)`);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DELETE FROM indicator_definition WHERE code IN ('LDTT_SHARE', 'CANDIDATES_PER_COUNCIL')`);
  }
}
