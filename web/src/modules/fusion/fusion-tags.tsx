import { Tag } from 'antd';

/** A need's or resource's keywords, wrapping within a narrow cell (a wide table keeps its actions in sight). */
export function KeywordTags({ tags, maxWidth = 180 }: { tags: readonly string[]; maxWidth?: number }) {
  if (tags.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 4, maxWidth }}>
      {tags.map((tag) => (
        <Tag key={tag} style={{ marginInlineEnd: 0, fontSize: 12 }}>
          {tag}
        </Tag>
      ))}
    </div>
  );
}
