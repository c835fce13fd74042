import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  FlagOutlined,
  MessageOutlined,
  PhoneOutlined,
  RollbackOutlined,
  SendOutlined,
  SmileOutlined,
  StopOutlined,
  UserAddOutlined,
} from '@ant-design/icons'
import { App as AntApp, Button, Flex, Popconfirm } from 'antd'
import type { ReactNode } from 'react'
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, post } from '../../../api/client'
import type { ProblemAction, ProblemDetail } from '../../../api/types'
import { errorMessage } from '../../../lib/form-errors'
import { ListsTextButton, SendListsButton } from './ListsTextButton'
import { CallbackModal, ConfirmModal, WithdrawModal } from './modals/ClosingModals'
import { DecideExtensionModal, SupervisionModal } from './modals/DecisionModals'
import { ExtensionModal, ReplyModal, ReturnModal } from './modals/HandlingModals'
import { ResolveModal } from './modals/ResolveModal'
import { TriageModal } from './modals/TriageModal'
import type { StepModalProps } from './modals/types'
import { useShowConflict } from './step-form'

type Dialog = Exclude<ProblemAction, 'receive' | 'tasks'>

/** The buttons in the order people expect them; the first of PRIMARY present is highlighted. */
const ORDER: Array<{ action: Exclude<ProblemAction, 'tasks'>; icon: ReactNode; danger?: boolean }> = [
  { action: 'accept', icon: <SendOutlined /> },
  { action: 'receive', icon: <UserAddOutlined /> },
  { action: 'reply', icon: <MessageOutlined /> },
  { action: 'resolve', icon: <CheckCircleOutlined /> },
  { action: 'confirm', icon: <SmileOutlined /> },
  { action: 'callback', icon: <PhoneOutlined /> },
  { action: 'decideExtension', icon: <AuditOutlined /> },
  { action: 'extension', icon: <ClockCircleOutlined /> },
  { action: 'return', icon: <RollbackOutlined /> },
  { action: 'supervise', icon: <FlagOutlined /> },
  { action: 'withdraw', icon: <StopOutlined />, danger: true },
]
/** 审批延期 before 办结 for the supervision office: deciding the request is its job, handling is the unit's. */
const PRIMARY: ProblemAction[] = [
  'accept',
  'decideExtension',
  'resolve',
  'confirm',
  'callback',
  'receive',
  'reply',
]

const MODALS: Record<Dialog, (props: StepModalProps) => ReactNode> = {
  accept: TriageModal,
  reply: ReplyModal,
  resolve: ResolveModal,
  return: ReturnModal,
  extension: ExtensionModal,
  decideExtension: DecideExtensionModal,
  confirm: ConfirmModal,
  callback: CallbackModal,
  withdraw: WithdrawModal,
  supervise: SupervisionModal,
}

/**
 * What the signed-in user may do next — exactly `problem.actions`, decided by the server — each in
 * its own modal, plus 复制清单文本 for everyone who can read the problem. Wraps on phones.
 */
export function ActionBar({ problem: p, onDone }: { problem: ProblemDetail; onDone: () => void }) {
  const { t } = useTranslation()
  const { message } = AntApp.useApp()
  const showConflict = useShowConflict()
  const [dialog, setDialog] = useState<Dialog | null>(null)
  const [receiving, setReceiving] = useState(false)
  const primary = PRIMARY.find((a) => p.actions.includes(a))

  async function receive() {
    setReceiving(true)
    try {
      await post(`/api/problems/${p.id}/receive`, { version: p.version })
      message.success(t('problemDetail.receive.done'))
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) showConflict(e)
      else message.error(errorMessage(e))
    } finally {
      setReceiving(false)
      onDone()
    }
  }

  const StepModal = dialog ? MODALS[dialog] : null
  return (
    <Flex gap={8} wrap align="center">
      {ORDER.filter((o) => p.actions.includes(o.action)).map(({ action, icon, danger }) => {
        const label = t(`problemDetail.action.${action}`)
        const type = action === primary ? 'primary' : 'default'
        if (action === 'receive')
          return (
            <Popconfirm
              key={action}
              title={t('problemDetail.receive.title')}
              description={t('problemDetail.receive.confirm')}
              okText={t('problemDetail.receive.ok')}
              onConfirm={receive}
            >
              <Button type={type} icon={icon} loading={receiving}>
                {label}
              </Button>
            </Popconfirm>
          )
        return (
          <Button key={action} type={type} danger={danger} icon={icon} onClick={() => setDialog(action)}>
            {label}
          </Button>
        )
      })}
      <ListsTextButton problemId={p.id} />
      <SendListsButton problemId={p.id} />
      {StepModal && <StepModal problem={p} onClose={() => setDialog(null)} onDone={onDone} />}
    </Flex>
  )
}
