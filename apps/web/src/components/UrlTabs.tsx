import type { ReactNode } from 'react';
import { Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';

export interface UrlTab<K extends string> {
  key: K;
  label: ReactNode;
  children: ReactNode;
}

/**
 * Tabs whose choice lives in the address (`?tab=`), so that a link or a reload opens the same tab (issue 16
 * item 10: one scaffolding for the pages with tabs). The first tab is the default and leaves no `tab` in the
 * address; other parameters (filters) are kept. A tab is rendered only while open.
 */
export function UrlTabs<K extends string>({ items }: { items: readonly UrlTab<K>[] }) {
  const [params, setParams] = useSearchParams();
  const requested = params.get('tab');
  const active = items.find((item) => item.key === requested)?.key ?? items[0].key;
  const choose = (key: string) => {
    const next = new URLSearchParams(params);
    if (key === items[0].key) next.delete('tab');
    else next.set('tab', key);
    setParams(next, { replace: true });
  };
  return <Tabs activeKey={active} onChange={choose} destroyOnHidden items={items.map(({ key, label, children }) => ({ key, label, children }))} />;
}
