import { LinkOutlined } from '@ant-design/icons'
import { Alert } from 'antd'
import { useTranslation } from 'react-i18next'
import { Link } from 'react-router'
import type { ProblemDetail } from '../../../api/types'
import { CommonProblemPanel } from '../common/CommonProblemPanel'

/** On a problem merged into a common one: where it is handled now. */
export function MergedNotice({ problem: p }: { problem: ProblemDetail }) {
  const { t } = useTranslation()
  if (!p.common) return null
  return (
    <Alert
      type="info"
      showIcon
      icon={<LinkOutlined />}
      title={
        <span>
          {t('problemDetail.common.mergedInto')}
          <Link to={`/problems/${p.common.id}`}>
            {p.common.code} {p.common.title}
          </Link>
        </span>
      }
      description={t('problemDetail.common.mergedHelp')}
    />
  )
}

/** On a common problem (共性事): its source problems, the enterprises and the public project (立项办). */
export function CommonBlock({ problem: p, onChanged }: { problem: ProblemDetail; onChanged: () => void }) {
  if (!p.isCommon) return null
  return <CommonProblemPanel problem={p} onChanged={onChanged} />
}
