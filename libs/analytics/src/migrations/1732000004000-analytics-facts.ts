import { MigrationInterface, QueryRunner } from 'typeorm';
import { appRole, createPolicies, grantToApp } from '@gdtx/platform';


// The predicates as this migration first wrote them (platform's helpers then held them). Every policy is
// restated over org's RLS rule by the migrations of range 1733001000000 (docs/adr/0011-the-rls-rule.md).
const CENTRE_ROWS = 'app_can_see_centre(province_id, centre_id)';

/**
 * Analytics tables in the manner of DHIS2: one fact row per numeric value of an accepted submission, with every
 * dimension as a column (centre, centre type, ownership, the unit path as of the period, period, school year),
 * partitioned by year. Refreshed incrementally per submission on accept/reopen; rebuilt nightly.
 */
export class AnalyticsFacts1732000004000 implements MigrationInterface {
  name = 'AnalyticsFacts1732000004000';

  async up(qr: QueryRunner): Promise<void> {
    await qr.query(`
      CREATE TABLE fact_value (
        year integer NOT NULL,
        province_id uuid NOT NULL,
        centre_id uuid NOT NULL,
        submission_id uuid NOT NULL,
        centre_type text NOT NULL,
        ownership text NOT NULL,
        unit_path text NOT NULL,
        template_code text NOT NULL,
        period_code text NOT NULL,
        period_type text NOT NULL,
        period_start date NOT NULL,
        period_end date NOT NULL,
        school_year text NOT NULL,
        value_key text NOT NULL,
        value numeric NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (year, submission_id, value_key)
      ) PARTITION BY RANGE (year)`);
    for (let y = 2015; y <= 2035; y++) {
      await qr.query(`CREATE TABLE fact_value_${y} PARTITION OF fact_value FOR VALUES FROM (${y}) TO (${y + 1})`);
    }
    await qr.query(`CREATE TABLE fact_value_other PARTITION OF fact_value DEFAULT`);
    await qr.query(`CREATE INDEX fact_value_lookup ON fact_value (province_id, template_code, value_key, period_end)`);
    await qr.query(`CREATE INDEX fact_value_submission ON fact_value (submission_id)`);
    await grantToApp(qr, ['fact_value'], 'SELECT, INSERT, DELETE');
    await createPolicies(qr, 'fact_value', { tenant: CENTRE_ROWS });

    // Indicator definitions are data (issue 4 §4): numerator and denominator are sums of value keys of one
    // template; `denominator_previous_period` compares an actual with the target set the period before.
    await qr.query(`
      CREATE TABLE indicator_definition (
        code text PRIMARY KEY CHECK (code ~ '^[A-Z][A-Z0-9_]*$'),
        name_vi text NOT NULL,
        name_en text NOT NULL,
        template_codes text[] NOT NULL,
        numerator_keys text[] NOT NULL,
        denominator_keys text[],
        denominator_previous_period boolean NOT NULL DEFAULT false,
        factor numeric NOT NULL DEFAULT 1,
        unit text NOT NULL DEFAULT '',
        description_vi text,
        sort_order integer NOT NULL DEFAULT 100
      )`);
    await qr.query(`GRANT SELECT ON indicator_definition TO ${appRole()}`);
    const gdtx = `ARRAY['GDTX_SCHOOL_YEAR','GDTX_SEMESTER']`;
    await qr.query(`
      INSERT INTO indicator_definition (code, name_vi, name_en, template_codes, numerator_keys, denominator_keys, denominator_previous_period, factor, unit, description_vi, sort_order) VALUES
      ('PASS_RATE', 'Tỷ lệ cấp chứng chỉ', 'Certificate pass rate', ${gdtx}, ARRAY['exam_certified'], ARRAY['exam_candidates'], false, 100, '%', 'Số được cấp chứng chỉ / số dự thi (domain §D2)', 10),
      ('QUALIFICATION_RATIO', 'Tỷ lệ thạc sĩ, tiến sĩ trên viên chức', 'Master''s and PhD per tenured staff', ${gdtx}, ARRAY['staff_masters','staff_doctorates'], ARRAY['staff_tenured'], false, 100, '%', '(Thạc sĩ + Tiến sĩ) / viên chức', 20),
      ('RETENTION', 'Tỷ lệ duy trì học viên GDTX', 'GDTX learner retention', ${gdtx}, ARRAY['secondary_graduates'], ARRAY['secondary_graduates','secondary_dropouts'], false, 100, '%', 'Học viên cuối kỳ / học viên đầu kỳ (ước tính: tốt nghiệp / (tốt nghiệp + bỏ học))', 30),
      ('TARGET_ACHIEVEMENT_JOINT', 'Mức đạt chỉ tiêu tuyển sinh liên kết đào tạo', 'Joint-training intake vs target', ${gdtx}, ARRAY['joint_long_term_intake'], ARRAY['target_joint_long_term_intake'], true, 100, '%', 'Tuyển mới dài hạn / chỉ tiêu đặt ở kỳ trước (S0: 495 so với chỉ tiêu >350)', 50),
      ('EXAM_CANDIDATES', 'Số thí sinh dự thi chứng chỉ', 'Certificate exam candidates', ${gdtx}, ARRAY['exam_candidates'], NULL, false, 1, 'người', NULL, 60),
      ('SHORT_COURSE_CERTIFIED', 'Số học viên bồi dưỡng được cấp chứng chỉ', 'Short-course learners certified', ${gdtx}, ARRAY['short_course_certified'], NULL, false, 1, 'người', NULL, 70),
      ('JOINT_TRAINING_INTAKE', 'Tuyển mới liên kết đào tạo', 'Joint-training intake', ${gdtx}, ARRAY['joint_long_term_intake','joint_short_term_intake'], NULL, false, 1, 'người', NULL, 80),
      ('STAFF_TOTAL', 'Tổng số cán bộ, giáo viên, nhân viên', 'Staff', ${gdtx}, ARRAY['staff_total'], NULL, false, 1, 'người', NULL, 90),
      ('FOREIGN_TEACHER_DOSSIER_RATE', 'Tỷ lệ hồ sơ giáo viên nước ngoài đầy đủ', 'Complete foreign-teacher dossiers', ARRAY['LANGUAGE_IT_QUARTERLY'], ARRAY['foreign_teachers_dossier_complete'], ARRAY['teachers_foreign'], false, 100, '%', 'Hồ sơ đầy đủ / giáo viên nước ngoài (domain §D3)', 100),
      ('CERTIFICATES_ISSUED', 'Chứng chỉ đã cấp (trung tâm ngoại ngữ, tin học)', 'Certificates issued by language/IT centres', ARRAY['LANGUAGE_IT_QUARTERLY'], ARRAY['certificates_issued'], NULL, false, 1, 'chứng chỉ', NULL, 110)
    `);
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query(`DROP TABLE indicator_definition`);
    await qr.query(`DROP TABLE fact_value`);
  }
}
