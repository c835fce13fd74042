import { lazy } from 'react'

/**
 * Ant Design's Result, loaded when a status page (404, 403, load failure) first shows: its
 * illustrations weigh ≈ 10 KB gzip that the first load of the app does not need.
 */
export const StatusResult = lazy(() => import('antd/es/result'))
