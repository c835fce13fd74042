import {
  ArrowLeftOutlined,
  FileExcelOutlined,
  FileWordOutlined,
  ReloadOutlined,
  SendOutlined,
} from '@ant-design/icons'
import { useQuery, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Button, Card, Col, Descriptions, Input, Result, Row, Spin, Typography } from 'antd'
import { type ReactNode, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { Link, useNavigate, useParams } from 'react-router'
import { can, useMe } from '../../api/auth'
import { del, downloadUrl, get, patch, post } from '../../api/client'
import { PageHeader } from '../../components/PageHeader'
import { errorMessage } from '../../lib/form-errors'
import { formatDateTime } from '../../lib/format'
import { StatusTag } from './BulletinsPage'
import { DOC_FONT, DocChart, DocHeading, DocTable, DocText, SubHeading } from './bulletin-parts'
import { type BulletinDetail, SECTION_KEYS, type SectionKey, type TextKey } from './types'

/** One bulletin: the draft as a document to edit (texts, sections kept), then issued read-only. */
export default function BulletinPage() {
  const { t } = useTranslation()
  const { id } = useParams()
  const navigate = useNavigate()
  const qc = useQueryClient()
  const { modal, message } = App.useApp()
  const { data: me } = useMe()
  const key = ['bulletins', 'detail', Number(id)]
  const q = useQuery({ queryKey: key, queryFn: () => get<BulletinDetail>(`/api/bulletins/${id}`) })
  const [texts, setTexts] = useState<Record<TextKey, string> | null>(null)
  const [omitted, setOmitted] = useState<SectionKey[]>([])
  const [busy, setBusy] = useState<string | null>(null)
  useEffect(() => {
    if (q.data) {
      setTexts(q.data.content.texts)
      setOmitted(q.data.content.omitted)
    }
  }, [q.data])

  if (q.isLoading || (!texts && !q.isError)) return <Spin style={{ display: 'block', marginTop: 64 }} />
  if (q.isError || !q.data || !texts)
    return (
      <Result
        status="404"
        title={errorMessage(q.error)}
        extra={<Link to="/rhythm/bulletins">{t('bulletins.detail.back')}</Link>}
      />
    )

  const b = q.data
  const c = b.content
  const draft = b.status === 'draft'
  const editable = draft && can(me, 'bulletin:write')
  const dirty =
    JSON.stringify(texts) !== JSON.stringify(c.texts) || JSON.stringify(omitted) !== JSON.stringify(c.omitted)
  const set = (k: TextKey) => (v: string) => setTexts({ ...texts, [k]: v })
  const kept = (k: SectionKey) => !omitted.includes(k)
  const keep = (k: SectionKey) => (on: boolean) =>
    setOmitted(
      on
        ? omitted.filter((x) => x !== k)
        : [...omitted, k].sort((x, y) => SECTION_KEYS.indexOf(x) - SECTION_KEYS.indexOf(y)),
    )

  async function run(what: string, work: () => Promise<BulletinDetail | undefined>, done?: string) {
    setBusy(what)
    try {
      const next = await work()
      if (next) qc.setQueryData(key, next)
      void qc.invalidateQueries({ queryKey: ['bulletins', 'list'] })
      if (done) message.success(done)
      return next
    } catch (e) {
      message.error(errorMessage(e))
    } finally {
      setBusy(null)
    }
  }
  const save = () =>
    run(
      'save',
      () => patch<BulletinDetail>(`/api/bulletins/${b.id}`, { version: b.version, texts, omitted }),
      t('bulletins.detail.saved'),
    )
  // edits are saved first, so what is refreshed or issued is what the editor sees
  const saved = async () => (dirty ? ((await save()) ?? null) : b)
  const confirm = (content: string, onOk: () => Promise<unknown>) => modal.confirm({ content, onOk })

  let n = -1
  let fig = 0
  const section = (k: SectionKey, body: ReactNode) => {
    if (kept(k)) n++
    return (
      <DocHeading
        key={k}
        n={n}
        title={t(`bulletins.detail.sections.${k}`)}
        kept={kept(k)}
        onKeep={keep(k)}
        readOnly={!editable}
      >
        {body}
      </DocHeading>
    )
  }
  const text = (k: TextKey) => (
    <DocText
      label={t(`bulletins.detail.sections.${k}`, { defaultValue: k })}
      value={texts[k]}
      onChange={set(k)}
      readOnly={!editable}
      placeholder={t('bulletins.detail.placeholder', { section: t(`bulletins.detail.sections.${k}`) })}
    />
  )
  const chart = (k: string) => <DocChart content={c} chartKey={k} n={++fig} />

  return (
    <>
      <PageHeader
        title={
          <>
            <Button
              type="text"
              icon={<ArrowLeftOutlined />}
              onClick={() => navigate('/rhythm/bulletins')}
              aria-label={t('bulletins.detail.back')}
            />
            {c.period.label} {t(`bulletins.kind.${b.kind}`)} <StatusTag b={b} />
          </>
        }
        extra={
          <>
            <Button
              icon={<FileWordOutlined />}
              onClick={() => downloadUrl(`/api/bulletins/${b.id}/bulletin.docx`)}
              disabled={dirty}
            >
              {t('bulletins.word')}
            </Button>
            <Button
              icon={<FileExcelOutlined />}
              onClick={() => downloadUrl(`/api/bulletins/${b.id}/bulletin.xlsx`)}
              disabled={dirty}
            >
              {t('bulletins.excel')}
            </Button>
            {editable && (
              <>
                <Button
                  danger
                  loading={busy === 'delete'}
                  onClick={() =>
                    confirm(t('bulletins.detail.deleteConfirm'), async () => {
                      await run(
                        'delete',
                        async () => {
                          await del(`/api/bulletins/${b.id}`, { version: b.version })
                          navigate('/rhythm/bulletins')
                          return undefined
                        },
                        t('bulletins.detail.deleted'),
                      )
                    })
                  }
                >
                  {t('bulletins.detail.delete')}
                </Button>
                <Button
                  icon={<ReloadOutlined />}
                  loading={busy === 'regenerate'}
                  onClick={() =>
                    confirm(t('bulletins.detail.regenerateConfirm'), async () => {
                      const cur = await saved()
                      if (cur)
                        await run(
                          'regenerate',
                          () =>
                            post<BulletinDetail>(`/api/bulletins/${b.id}/regenerate`, {
                              version: cur.version,
                            }),
                          t('bulletins.detail.regenerated'),
                        )
                    })
                  }
                >
                  {t('bulletins.detail.regenerate')}
                </Button>
                <Button
                  type={dirty ? 'primary' : 'default'}
                  loading={busy === 'save'}
                  disabled={!dirty}
                  onClick={save}
                >
                  {t('bulletins.detail.save')}
                </Button>
              </>
            )}
            {draft && can(me, 'bulletin:issue') && (
              <Button
                type="primary"
                danger
                icon={<SendOutlined />}
                loading={busy === 'issue'}
                onClick={() =>
                  confirm(
                    t('bulletins.detail.issueConfirm', { number: b.previewNumber.replace('  ', 'N') }),
                    async () => {
                      const cur = await saved()
                      if (cur) {
                        const issued = await run('issue', () =>
                          post<BulletinDetail>(`/api/bulletins/${b.id}/issue`, { version: cur.version }),
                        )
                        if (issued) message.success(t('bulletins.detail.issuedOk', { number: issued.number }))
                      }
                    },
                  )
                }
              >
                {t('bulletins.detail.issue')}
              </Button>
            )}
          </>
        }
      />
      <Alert
        style={{ marginBottom: 16 }}
        type={draft ? (dirty ? 'warning' : 'info') : 'success'}
        title={
          draft
            ? dirty
              ? t('bulletins.detail.unsaved')
              : t('bulletins.detail.draftNote')
            : t('bulletins.detail.issuedNote', {
                time: formatDateTime(b.issuedAt),
                name: b.issuedByName ?? '',
              })
        }
      />
      <Row gutter={16}>
        <Col xs={24} xl={17}>
          <Card
            styles={{
              body: { fontFamily: DOC_FONT, fontSize: 16, lineHeight: 1.9, maxWidth: 820, margin: '0 auto' },
            }}
          >
            <div style={{ textAlign: 'center', color: '#d00', fontSize: 26, letterSpacing: 2 }}>
              {c.issuer}
            </div>
            <div
              style={{
                textAlign: 'center',
                borderBottom: '2px solid #d00',
                paddingBottom: 4,
                marginBottom: 16,
              }}
            >
              {b.number ?? b.previewNumber}
            </div>
            {editable ? (
              <Input
                aria-label={t('bulletins.detail.titleField')}
                value={texts.title}
                onChange={(e) => set('title')(e.target.value)}
                maxLength={80}
                style={{ fontSize: 20, textAlign: 'center', fontWeight: 600 }}
              />
            ) : (
              <Typography.Title level={3} style={{ textAlign: 'center', fontFamily: DOC_FONT }}>
                {texts.title}
              </Typography.Title>
            )}
            <p style={{ marginTop: 12 }}>{t('bulletins.detail.addressee')}</p>
            <DocText
              label={t('bulletins.detail.intro')}
              value={texts.intro}
              onChange={set('intro')}
              readOnly={!editable}
            />
            {section(
              'overview',
              <>
                {text('overview')}
                {chart('lights')}
                {chart('investment')}
              </>,
            )}
            {section(
              'projects',
              <>
                {text('projects')}
                <SubHeading n={0}>{c.tables.red.title}</SubHeading>
                <DocTable table={c.tables.red} />
                <SubHeading n={1}>{c.tables.yellow.title}</SubHeading>
                <DocTable table={c.tables.yellow} />
              </>,
            )}
            {section(
              'problems',
              <>
                {text('problems')}
                {chart('problems')}
                <SubHeading n={0}>{c.tables.overdueByDept.title}</SubHeading>
                <DocTable table={c.tables.overdueByDept} />
                <SubHeading n={1}>{c.tables.overdue.title}</SubHeading>
                <DocTable table={c.tables.overdue} />
              </>,
            )}
            {section('reporting', <DocTable table={c.tables.late} />)}
            {section(
              'rankings',
              <>
                {c.tables.ranking.rows.length > 0 && <p>{c.tables.ranking.title}</p>}
                <DocTable table={c.tables.ranking} />
              </>,
            )}
            {section('campaigns', <DocTable table={c.tables.campaigns} />)}
            {section('praise', text('praise'))}
            {section('criticism', text('criticism'))}
            {section('requirements', text('requirements'))}
            <div style={{ textAlign: 'right', marginTop: 24 }}>{c.issuer}</div>
            <div
              style={{
                borderTop: '1px solid #000',
                borderBottom: '1px solid #000',
                marginTop: 24,
                padding: '4px 0',
                fontSize: 14,
              }}
            >
              {t('bulletins.detail.copyTo')}：
              {editable ? (
                <Input
                  variant="borderless"
                  value={texts.copyTo}
                  onChange={(e) => set('copyTo')(e.target.value)}
                  maxLength={200}
                  style={{ width: '80%' }}
                  aria-label={t('bulletins.detail.copyTo')}
                />
              ) : (
                texts.copyTo
              )}
            </div>
          </Card>
        </Col>
        <Col xs={24} xl={7}>
          <Card title={t('bulletins.detail.figures')} size="small" style={{ position: 'sticky', top: 16 }}>
            <Descriptions
              column={1}
              size="small"
              items={[
                {
                  key: 'p',
                  label: t('bulletins.detail.period'),
                  children: `${c.period.from} — ${c.period.to}`,
                },
                ...c.figures.map((f) => ({ key: f.label, label: f.label, children: f.value })),
                {
                  key: 'g',
                  label: t('bulletins.detail.generatedAt'),
                  children: formatDateTime(b.generatedAt),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </>
  )
}
