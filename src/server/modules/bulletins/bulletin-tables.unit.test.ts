import { describe, expect, it } from 'vitest'
import type { LateReporter } from './bulletin-sources.ts'
import { lateTable } from './bulletin-tables.ts'

const entry = (
  projectId: number,
  cadence: LateReporter['cadence'],
  periodKey: string,
  status: LateReporter['status'],
): LateReporter => ({
  cadence,
  periodKey,
  periodLabel: periodKey,
  projectId,
  code: `XM-${projectId}`,
  name: `项目${projectId}`,
  departmentName: '发改局',
  ownerName: '赵敏',
  status,
  submittedAt: null,
})

describe('the late reporters table of a bulletin', () => {
  it('has one row per project and kind of report, worst first, with the periods it missed', () => {
    const t = lateTable([
      entry(1, 'weekly', '2026-W45', 'late'),
      entry(2, 'weekly', '2026-W46', 'missing'),
      entry(2, 'weekly', '2026-W45', 'missing'),
      entry(2, 'weekly', '2026-W47', 'late'),
      entry(2, 'monthly', '2026-10', 'missing'),
      entry(1, 'weekly', '2026-W47', 'late'),
    ])
    expect(t.rows).toEqual([
      expect.objectContaining({
        no: 1,
        what: '周进展',
        project: '项目2',
        missing: 2,
        late: 1,
        periods: '第45周、第46周、第47周',
      }),
      expect.objectContaining({
        no: 2,
        what: '月度投资',
        project: '项目2',
        missing: 1,
        late: 0,
        periods: '10月',
      }),
      expect.objectContaining({
        no: 3,
        what: '周进展',
        project: '项目1',
        missing: 0,
        late: 2,
        periods: '第45周、第47周',
      }),
    ])
  })

  it('says everyone reported on time when nobody is late', () => {
    const t = lateTable([])
    expect(t.rows).toEqual([])
    expect(t.emptyText).toBe('本期各项目均按时报送。')
  })
})
