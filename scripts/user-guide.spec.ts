// The user guides show pictures from docs/user-guide/img (made by `npm run docs:screenshots`): every picture a
// guide refers to must exist, and every link to another guide must resolve.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const guideDir = join(__dirname, '../docs/user-guide');
const guides = readdirSync(guideDir).filter((f) => f.endsWith('.md'));

describe('user guides', () => {
  it('exist for every role', () => {
    expect(guides).toEqual(expect.arrayContaining(['README.md', 'giam-doc-trung-tam.md', 'can-bo-quan-ly-dia-ban.md', 'chuyen-vien-so.md']));
  });

  it.each(guides)('%s refers only to pictures and guides that exist', (guide) => {
    const text = readFileSync(join(guideDir, guide), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)#\s]+)\)/g)].map((m) => m[1]).filter((t) => !/^[a-z]+:/.test(t));
    const missing = targets.filter((t) => !existsSync(join(guideDir, t)));
    expect(missing).toEqual([]);
  });

  it('pictures are committed as small JPEGs, not test output', () => {
    const text = guides.map((g) => readFileSync(join(guideDir, g), 'utf8')).join('\n');
    expect(text).not.toContain('test-output/');
    const pictures = [...text.matchAll(/!\[[^\]]*\]\((img\/[^)]+)\)/g)].map((m) => m[1]);
    expect(pictures.length).toBeGreaterThan(20);
    for (const picture of pictures) expect(picture).toMatch(/\.jpg$/);
  });
});
