export { shippedTemplates, findShippedTemplate } from './shipped-templates';
export { GDTX_SEMESTER_TEMPLATE, GDTX_SCHOOL_YEAR_TEMPLATE, GDTX_SEMESTER_DEADLINE_DAYS, GDTX_SCHOOL_YEAR_DEADLINE_DAYS } from './gdtx.templates';
export { LANGUAGE_IT_QUARTERLY_TEMPLATE, LANGUAGE_IT_QUARTERLY_DEADLINE_DAYS } from './language-it.template';
export { TTHTCD_SEMESTER_TEMPLATE, TTHTCD_SEMESTER_DEADLINE_DAYS } from './tthtcd.template';
export { XMC_COMMUNE_YEARLY_TEMPLATE, XMC_COMMUNE_YEARLY_TEMPLATE_V2, XMC_COMMUNE_DEADLINE } from './xmc-commune.template';
export { S0_THANH_HOA_2020_2021_VALUES, S0_THANH_HOA_PERIOD } from './s0-thanh-hoa.values';
