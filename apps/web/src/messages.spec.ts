import { dictionary, translate, type MessageKey } from './messages';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('UI messages', () => {
  it.each(Object.entries(dictionary))('%s has a Vietnamese and an English text with the same placeholders', (_key, [vi, en]) => {
    expect(vi.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(placeholders(vi)).toEqual(placeholders(en));
  });

  it('fills placeholders and picks the language', () => {
    expect(translate('vi', 'home.overdueBy', { n: 3 })).toBe('Quá hạn 3 ngày');
    expect(translate('en', 'home.overdueBy', { n: 3 })).toBe('3 days overdue');
    expect(translate('vi', 'centre.notFoundOrForbidden')).toBe('Không tìm thấy trung tâm hoặc bạn không có quyền xem');
  });

  it('has a Vietnamese message for every error code of the API', () => {
    for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_USER_INPUT', 'VALIDATION_FAILED', 'CONFLICT', 'INTERNAL']) {
      expect(translate('vi', `error.${code}` as MessageKey)).toMatch(/[àáảãạăâđêôơư]/i);
    }
  });
});
