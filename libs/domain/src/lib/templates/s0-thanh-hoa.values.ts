/**
 * Seed S0 (Thanh Hóa provincial GDTX centre, review of school year 2020-21) as values of GDTX_SCHOOL_YEAR.
 * Usable as demo data and as the reference case of the validation tests.
 *
 * Every figure is from the seed unless marked FILLED: the seed does not give it, and the value chosen is the
 * smallest that keeps the report consistent (e.g. enrolled = certified when only certificates are reported).
 * The centre had no GDTX upper-secondary programme that year ("chưa được Sở giao nhiệm vụ GDTX cấp THPT"),
 * so that section is 0.
 */
import type { ValueMap } from '../template-types';

export const S0_THANH_HOA_PERIOD = '2020-2021';

export const S0_THANH_HOA_2020_2021_VALUES: Readonly<ValueMap> = Object.freeze({
  // Staff: 56 = 36 tenured + 20 contract; director + 1 deputy; departments 6/9/6/5/28.
  staff_total: 56,
  staff_tenured: 36,
  staff_contract: 20,
  staff_leaders: 2,
  'staff_dept.training_management.count': 6,
  'staff_dept.in_service_training.count': 9,
  'staff_dept.language_it.count': 6,
  'staff_dept.admissions_outreach.count': 5,
  'staff_dept.administration.count': 28,
  'staff_dept.vocational_training.count': 0,
  'staff_dept.other.count': 0,
  staff_masters: 27,
  staff_doctorates: 1,
  staff_ldtt: 32,
  staff_ldtt_rate: 88.9,

  secondary_classes: 0,
  'secondary_learners.g10.total': 0,
  'secondary_learners.g11.total': 0,
  'secondary_learners.g12.total': 0,

  // In-service training: 13 classes, 561 certified; with HVQLGD 2 classes, 340 managers.
  short_course_classes: 13,
  short_course_enrolled: 561, // FILLED
  short_course_certified: 561,
  manager_course_classes: 2,
  managers_trained: 340,

  // Joint training: 495 long-term + 494 short-term learners recruited.
  joint_partners: 1, // FILLED
  joint_long_term_intake: 495,
  joint_short_term_intake: 494,

  // IT application certificates: 10 councils, 2,279 candidates, 2,270 certified (99.6%).
  exam_councils: 10,
  exam_candidates: 2279,
  exam_certified: 2270,
  exam_pass_rate: 99.6,
  'exam_by_type.it_basic.councils': 10,
  'exam_by_type.it_basic.candidates': 2279,
  'exam_by_type.it_basic.certified': 2270,
  'exam_by_type.it_advanced.councils': 0,
  'exam_by_type.it_advanced.candidates': 0,
  'exam_by_type.it_advanced.certified': 0,
  'exam_by_type.language.councils': 0,
  'exam_by_type.language.candidates': 0,
  'exam_by_type.language.certified': 0,

  // Outreach: 559 communes, 2,000 schools.
  outreach_communes: 559,
  outreach_schools: 2000,

  // A multi-purpose building for almost 7 billion VND.
  investment_million_vnd: 7000,

  // Plan for 2021-22.
  target_grade10_learners: 200,
  target_short_course_learners: 400,
  target_homeroom_teachers: 3600,
  target_joint_long_term_intake: 350,
  target_it_learners: 1500,
  target_exam_councils: 2,
  target_exam_candidates: 400,
  target_people_counselled: 1000,

  // Discipline: 2 disciplined (a party committee member and a department head); 3 teachers arrested.
  staff_disciplined: 2,
  staff_under_investigation: 3,
});
