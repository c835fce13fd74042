import { ApartmentOutlined, PlusOutlined, TableOutlined } from '@ant-design/icons'
import { useQueryClient } from '@tanstack/react-query'
import { Button, Card, Col, Grid, Row, Segmented } from 'antd'
import { useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { can, useMe } from '../../api/auth'
import type { Department, DepartmentDetail } from '../../api/types'
import { useDepartmentTree } from '../../components/DepartmentTreeSelect'
import { ExportButton } from '../../components/ExportButton'
import { PageHeader } from '../../components/PageHeader'
import { useListParams } from '../../lib/use-list-params'
import { DepartmentDetailCard } from './DepartmentDetailCard'
import { DepartmentFormModal, type DepartmentFormTarget } from './DepartmentFormModal'
import { DepartmentTable, departmentQuery, TABLE_DEFAULTS } from './DepartmentTable'
import { DepartmentTreePanel } from './DepartmentTreePanel'
import { MoveDepartmentModal } from './MoveDepartmentModal'

const PAGE_DEFAULTS = { view: 'tree', id: '' }

/** 组织机构: the tree with the selected department's details, or a flat filterable list with export. */
export default function DepartmentsPage() {
  const { t } = useTranslation()
  const { data: me } = useMe()
  const qc = useQueryClient()
  const screens = Grid.useBreakpoint()
  const isPhone = !screens.lg
  const { params, update } = useListParams(PAGE_DEFAULTS)
  const table = useListParams(TABLE_DEFAULTS)
  const tree = useDepartmentTree(true)
  const depts = useMemo(() => tree.data?.items ?? [], [tree.data])
  const byId = useMemo(() => new Map(depts.map((d) => [d.id, d])), [depts])
  const [form, setForm] = useState<DepartmentFormTarget | null>(null)
  const [moving, setMoving] = useState<DepartmentDetail | null>(null)
  const detailRef = useRef<HTMLDivElement>(null)
  const manage = can(me, 'org:manage')
  const view = params.view === 'table' ? 'table' : 'tree'
  const selectedId = Number(params.id) || depts.find((d) => !d.parentId || !byId.has(d.parentId))?.id

  const refresh = () => qc.invalidateQueries({ queryKey: ['departments'] })

  function select(id: number) {
    update({ id: String(id) }, false)
    if (isPhone)
      setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' }), 50)
  }

  return (
    <>
      <PageHeader
        title={t('org.title')}
        subtitle={t('org.subtitle')}
        extra={
          <>
            <Segmented
              value={view}
              onChange={(v) => update({ view: v as string }, false)}
              options={[
                { value: 'tree', label: t('org.viewTree'), icon: <ApartmentOutlined /> },
                { value: 'table', label: t('org.viewTable'), icon: <TableOutlined /> },
              ]}
            />
            {view === 'table' && (
              <ExportButton path="/api/departments/export.xlsx" query={departmentQuery(table.params)} />
            )}
            {manage && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setForm({ mode: 'create', parent: null })}
              >
                {t('org.create')}
              </Button>
            )}
          </>
        }
      />
      {view === 'tree' ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9} xxl={7}>
            <Card styles={{ body: { padding: 12 } }}>
              <DepartmentTreePanel
                depts={depts}
                loading={tree.isLoading}
                selectedId={selectedId}
                onSelect={select}
                height={isPhone ? 320 : Math.max(360, window.innerHeight - 260)}
              />
            </Card>
          </Col>
          <Col xs={24} lg={15} xxl={17} ref={detailRef}>
            <DepartmentDetailCard
              id={selectedId}
              depts={depts}
              manage={manage}
              onSelect={select}
              onCreateChild={(parent) => setForm({ mode: 'create', parent })}
              onEdit={(d) => setForm({ mode: 'edit', dept: d })}
              onMove={setMoving}
              onChanged={refresh}
            />
          </Col>
        </Row>
      ) : (
        <Card>
          <DepartmentTable byId={byId} onOpen={(id) => update({ view: 'tree', id: String(id) }, false)} />
        </Card>
      )}
      {form && (
        <DepartmentFormModal
          target={form}
          onClose={() => setForm(null)}
          onSaved={async (d: Department) => {
            await refresh()
            if (form.mode === 'create') update({ id: String(d.id) }, false)
          }}
        />
      )}
      {moving && <MoveDepartmentModal dept={moving} onClose={() => setMoving(null)} onSaved={refresh} />}
    </>
  )
}
