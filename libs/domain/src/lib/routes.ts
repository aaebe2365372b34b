import type { Permission } from './permissions';

/**
 * The one route table (issue 11, build item 9). The web's router is built from WEB_ROUTES (apps/web/src/App.tsx
 * maps every key to its page), and every link the server writes — notifications, findings, e-mails — is built
 * with {@link linkTo} from the same table, so a link cannot point to a page that does not exist.
 *
 * A path is a react-router pattern: static segments and `:name` parameters, nothing else (no optional or splat
 * segments), so that {@link matchWebRoute} resolves exactly what the router would.
 */
export const WEB_ROUTES = {
  login: { path: '/login' },
  home: { path: '/home', permission: 'REPORT_READ' },
  dashboard: { path: '/dashboard', permission: 'ANALYTICS_READ' },
  /** A supervisor's landing page: their area's reporting at a glance (issue 16 item 5). */
  area: { path: '/area', permission: 'REPORT_READ' },
  /** The data visualizer (issue 15 item 2): the visualisation in the query string, or a favourite as ?fav=<id>. */
  visualizer: { path: '/visualizer', permission: 'ANALYTICS_READ' },
  centres: { path: '/centres', permission: 'CENTRE_READ' },
  centre: { path: '/centres/:id', permission: 'CENTRE_READ' },
  literacy: { path: '/literacy', permission: 'LITERACY_READ' },
  compliance: { path: '/compliance', permission: 'COMPLIANCE_READ' },
  units: { path: '/units', permission: 'CENTRE_READ' },
  review: { path: '/review', permission: 'REPORT_REVIEW' },
  reportForm: { path: '/reports/:centreId/:templateCode/:periodCode', permission: 'REPORT_READ' },
  submission: { path: '/submissions/:submissionId', permission: 'REPORT_READ' },
  notifications: { path: '/notifications', permission: 'NOTIFICATION_READ' },
  users: { path: '/users', permission: 'USER_MANAGE' },
  templates: { path: '/templates', permission: 'TEMPLATE_MANAGE' },
  template: { path: '/templates/:code', permission: 'TEMPLATE_MANAGE' },
  publishTemplate: { path: '/templates/:code/publish', permission: 'TEMPLATE_MANAGE' },
  deadlines: { path: '/deadlines', permission: 'EXTENSION_GRANT' },
  settingsLiteracy: { path: '/settings/literacy', permission: 'TEMPLATE_MANAGE' },
  settingsIndicators: { path: '/settings/indicators', permission: 'INDICATOR_MANAGE' },
  backgroundJobs: { path: '/background-jobs', permission: 'BACKGROUND_JOBS' },
  /** The Sở's data quality: outliers of a period, follow-up flags, likely duplicate centres (issue 15 item 4). */
  dataQuality: { path: '/data-quality', permission: 'ANALYTICS_READ' },
  /** Any indicator as a choropleth of today's communes (issue 15 item 3). */
  map: { path: '/map', permission: 'ANALYTICS_READ' },
  /** One's own account: the second factor (any signed-in user), and the Sở's security rule for its admins. */
  accountSecurity: { path: '/account/security' },
} as const satisfies Record<string, { path: string; permission?: Permission }>;

export type WebRouteKey = keyof typeof WEB_ROUTES;

/** `'/a/:x/b/:y'` → `'x' | 'y'`. */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type RouteParams<K extends WebRouteKey> = { [N in PathParamNames<(typeof WEB_ROUTES)[K]['path']>]: string };

/** Query string values; undefined and null ones are left out. */
export type RouteQuery = Record<string, string | number | null | undefined>;

type LinkArgs<K extends WebRouteKey> = [PathParamNames<(typeof WEB_ROUTES)[K]['path']>] extends [never]
  ? [params?: Record<string, never>, query?: RouteQuery]
  : [params: RouteParams<K>, query?: RouteQuery];

/**
 * The link to a page: `linkTo('reportForm', { centreId, templateCode, periodCode })`. Parameters are required by
 * the type and encoded; an empty one is a programming error (it would name another page), so it throws.
 */
export function linkTo<K extends WebRouteKey>(key: K, ...[params, query]: LinkArgs<K>): string {
  return fillPath(WEB_ROUTES[key].path, (params ?? {}) as Record<string, string>) + queryString(query);
}

/**
 * Saved links to pages that moved. Notifications and e-mails already sent hold them, so the web keeps answering
 * them with a redirect to the page that replaced them (and migration 1733000500000 rewrites the stored ones).
 */
export const LEGACY_ROUTES = {
  /** Deadline reminders before issue 11: no centre in the link, the reader's own centre was meant. */
  ownCentreReport: { path: '/reports/:templateCode/:periodCode' },
  /** Finding and licence notifications before issue 11: the centre's page shows its compliance. */
  complianceCentre: { path: '/compliance/centres/:centreId' },
} as const satisfies Record<string, { path: string }>;

export type LegacyRouteKey = keyof typeof LEGACY_ROUTES;

/**
 * Where a legacy link leads now, for a reader (a centre user has a centre; others do not). Null when the link
 * cannot be followed by this reader (an own-centre report link read by someone with no centre): the caller sends
 * them to their home page.
 */
export function legacyRedirect(key: LegacyRouteKey, params: Readonly<Record<string, string | undefined>>, reader: { centreId?: string | null }): string | null {
  switch (key) {
    case 'ownCentreReport':
      if (!reader.centreId || !params['templateCode'] || !params['periodCode']) return null;
      return linkTo('reportForm', { centreId: reader.centreId, templateCode: params['templateCode'], periodCode: params['periodCode'] });
    case 'complianceCentre':
      return params['centreId'] ? linkTo('centre', { id: params['centreId'] }) : null;
  }
}

export interface RouteMatch<K extends string> {
  key: K;
  params: Record<string, string>;
}

/** The page a link opens (pathname only; query and fragment ignored), or null when no page has that path. */
export function matchWebRoute(link: string): RouteMatch<WebRouteKey> | null {
  return matchIn(WEB_ROUTES, link);
}

/** The legacy route a link is (see {@link LEGACY_ROUTES}), or null. */
export function matchLegacyRoute(link: string): RouteMatch<LegacyRouteKey> | null {
  return matchIn(LEGACY_ROUTES, link);
}

function matchIn<K extends string>(table: Record<K, { path: string }>, link: string): RouteMatch<K> | null {
  const pathname = link.split(/[?#]/, 1)[0];
  if (!pathname.startsWith('/')) return null;
  const segments = splitPath(pathname);
  let best: { match: RouteMatch<K>; statics: number } | null = null;
  for (const key of Object.keys(table) as K[]) {
    const pattern = splitPath(table[key].path);
    if (pattern.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let statics = 0;
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      if (pattern[i].startsWith(':')) {
        const value = safeDecode(segments[i]);
        if (value === null || value === '') ok = false;
        else params[pattern[i].slice(1)] = value;
      } else if (pattern[i] === segments[i]) statics++;
      else ok = false;
    }
    // As react-router ranks them: a static segment beats a parameter in the same place.
    if (ok && (!best || statics > best.statics)) best = { match: { key, params }, statics };
  }
  return best?.match ?? null;
}

function fillPath(path: string, params: Record<string, string>): string {
  return '/' + splitPath(path).map((segment) => {
    if (!segment.startsWith(':')) return segment;
    const value = params[segment.slice(1)];
    if (typeof value !== 'string' || value === '') throw new Error(`linkTo(${path}): parameter ${segment.slice(1)} is missing`);
    return encodeURIComponent(value);
  }).join('/');
}

function queryString(query: RouteQuery | undefined): string {
  if (!query) return '';
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null).map(([k, v]) => [k, String(v)]);
  return entries.length ? `?${new URLSearchParams(entries).toString()}` : '';
}

function splitPath(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

function safeDecode(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
