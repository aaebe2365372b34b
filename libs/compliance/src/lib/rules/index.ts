export * from './types';
export * from './parameters';
export * from './legal-basis';
export * from './report-timeliness';
export * from './licence';
export * from './dormant';
export * from './foreign-teachers';
export * from './inspection';
