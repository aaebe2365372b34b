import { deliveryPeriodOf, scheduledSummaryPeriod } from './report-subscriptions.service';

describe('scheduled reports: the delivery period (at most one mail per subscription and period)', () => {
  it('weekly: the ISO week, Monday to Sunday, numbered in the year of its Thursday', () => {
    expect(deliveryPeriodOf('WEEKLY', '2026-12-07')).toBe('2026-W50'); // a Monday
    expect(deliveryPeriodOf('WEEKLY', '2026-12-13')).toBe('2026-W50'); // its Sunday
    expect(deliveryPeriodOf('WEEKLY', '2026-12-14')).toBe('2026-W51');
    expect(deliveryPeriodOf('WEEKLY', '2026-12-31')).toBe('2026-W53'); // 2026 has 53 weeks (1 Jan 2026 is a Thursday)
    expect(deliveryPeriodOf('WEEKLY', '2027-01-03')).toBe('2026-W53'); // a Sunday of 2027 in 2026's last week
    expect(deliveryPeriodOf('WEEKLY', '2027-01-04')).toBe('2027-W01');
    expect(deliveryPeriodOf('WEEKLY', '2025-12-29')).toBe('2026-W01'); // a Monday of 2025 in 2026's first week
  });

  it('monthly: the calendar month', () => {
    expect(deliveryPeriodOf('MONTHLY', '2026-12-01')).toBe('2026-12');
    expect(deliveryPeriodOf('MONTHLY', '2026-12-31')).toBe('2026-12');
    expect(deliveryPeriodOf('MONTHLY', '2027-01-01')).toBe('2027-01');
  });

  it('the summary reports on the school year in progress (from 1 September)', () => {
    expect(scheduledSummaryPeriod('2026-12-07')).toBe('2026-2027');
    expect(scheduledSummaryPeriod('2026-08-31')).toBe('2025-2026');
  });
});
