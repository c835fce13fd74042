import { Empty, Timeline, Typography } from 'antd'
import type { EventItem } from '../api/types'
import { formatDateTime } from '../lib/format'

/** A list of timeline entries: when, who, what. */
export function EventTimeline({ items, emptyText }: { items: EventItem[]; emptyText?: string }) {
  if (!items.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />
  return (
    <Timeline
      items={items.map((e) => ({
        key: String(e.id),
        content: (
          <div>
            <Typography.Text>{e.summary}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(e.at)}
              {e.actorName ? ` · ${e.actorName}` : ''}
            </Typography.Text>
          </div>
        ),
      }))}
    />
  )
}
