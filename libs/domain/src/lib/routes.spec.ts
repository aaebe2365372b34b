import { LEGACY_ROUTES, legacyRedirect, linkTo, matchLegacyRoute, matchWebRoute, WEB_ROUTES, type WebRouteKey } from './routes';

describe('the route table', () => {
  const keys = Object.keys(WEB_ROUTES) as WebRouteKey[];

  it('every page path is static segments and named parameters only, and no two pages share a pattern', () => {
    const shapes = keys.map((k) => WEB_ROUTES[k].path.replace(/:[A-Za-z]+/g, ':'));
    for (const path of keys.map((k) => WEB_ROUTES[k].path)) expect(path).toMatch(/^(\/(:[A-Za-z]+|[a-z-]+))+$/);
    expect(new Set(shapes).size).toBe(shapes.length);
  });

  it('a link built for each page resolves back to that page with the same parameters, however odd the values', () => {
    for (const key of keys) {
      const names = [...WEB_ROUTES[key].path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
      const params = Object.fromEntries(names.map((n, i) => [n, `x/${n} ?#%${i} đ`]));
      const link = (linkTo as (k: WebRouteKey, p: Record<string, string>, q?: Record<string, string>) => string)(key, params, { tab: 'a b' });
      expect(matchWebRoute(link)).toEqual({ key, params });
    }
  });

  it('builds the links the server writes', () => {
    expect(linkTo('reportForm', { centreId: 'c1', templateCode: 'GDTX_SEMESTER', periodCode: '2025-2026-S1' })).toBe('/reports/c1/GDTX_SEMESTER/2025-2026-S1');
    expect(linkTo('centre', { id: 'c1' })).toBe('/centres/c1');
    expect(linkTo('compliance', {}, { tab: 'inspections', centre: 'c1', empty: undefined })).toBe('/compliance?tab=inspections&centre=c1');
    expect(linkTo('home')).toBe('/home');
    expect(() => linkTo('centre', { id: '' })).toThrow(/missing/);
  });

  it('does not resolve paths that are no page (the links of defect 12 among them)', () => {
    for (const link of ['/reports/GDTX_SEMESTER/2025-2026-S1', '/compliance/centres/c1', '/nowhere', 'centres/c1', '/templates/a/b']) {
      expect([link, matchWebRoute(link)]).toEqual([link, null]);
    }
    expect(matchWebRoute('/templates/GDTX/publish')).toEqual({ key: 'publishTemplate', params: { code: 'GDTX' } });
  });

  it('old saved links are legacy routes that redirect to the page that replaced them', () => {
    expect(Object.values(LEGACY_ROUTES).every((r) => matchWebRoute(r.path) === null)).toBe(true);
    const report = matchLegacyRoute('/reports/GDTX_SEMESTER/2025-2026-S1')!;
    expect(report).toEqual({ key: 'ownCentreReport', params: { templateCode: 'GDTX_SEMESTER', periodCode: '2025-2026-S1' } });
    expect(legacyRedirect(report.key, report.params, { centreId: 'c9' })).toBe('/reports/c9/GDTX_SEMESTER/2025-2026-S1');
    expect(legacyRedirect(report.key, report.params, { centreId: null })).toBeNull();
    const finding = matchLegacyRoute('/compliance/centres/c1')!;
    expect(legacyRedirect(finding.key, finding.params, {})).toBe('/centres/c1');
  });
});
