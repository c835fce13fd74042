import dayjs from 'dayjs'
import timezone from 'dayjs/plugin/timezone'
import utc from 'dayjs/plugin/utc'
import 'dayjs/locale/zh-cn'

dayjs.extend(utc)
dayjs.extend(timezone)

export const TZ = 'Asia/Shanghai'

/** Times are shown in Beijing time whatever the browser's zone. */
export function formatDateTime(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm') : ''
}

export function formatDateTimeSeconds(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD HH:mm:ss') : ''
}

export function formatDate(iso: string | null | undefined): string {
  return iso ? dayjs(iso).tz(TZ).format('YYYY-MM-DD') : ''
}

export { dayjs }
