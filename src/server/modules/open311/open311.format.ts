import { isoBeijing } from '../../lib/time.ts'
import { CLOSED_STATUSES, type RequestRow } from './open311.repository.ts'

// GeoReport v2 shapes: our problems as service requests, and the same documents as XML.

/** An Open311 error: answered as `[{ code, description }]` with `code` as the HTTP status. */
export class Open311Error extends Error {
  readonly status: number
  constructor(status: number, message: string) {
    super(message)
    this.status = status
  }
}

const iso = (d: Date | string | null) => (d ? isoBeijing(new Date(d)) : null)

export function presentRequest(r: RequestRow, serviceName: (code: string | null) => string | null) {
  const closed = (CLOSED_STATUSES as readonly string[]).includes(r.status)
  return {
    service_request_id: r.code,
    token: r.token,
    status: closed ? 'closed' : 'open',
    status_notes:
      r.status === 'resolved' || r.status === 'closed' ? (r.resolution ?? r.last_note) : r.last_note,
    service_name: serviceName(r.category),
    service_code: r.category,
    description: r.description,
    agency_responsible: r.agency,
    service_notice: null,
    requested_datetime: iso(r.received_at),
    updated_datetime: iso(r.updated_at),
    expected_datetime: iso(r.deadline_at),
    address: r.address,
    address_id: null,
    zipcode: null,
    lat: r.lat == null ? null : Number(r.lat),
    long: r.lng == null ? null : Number(r.lng),
    media_url: null,
  }
}

const xmlEscape = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!)

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`
  if (Array.isArray(value))
    return `<${name}>${value.map((v) => element(singular(name), v)).join('')}</${name}>`
  if (typeof value === 'object')
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`
  return `<${name}>${xmlEscape(String(value))}</${name}>`
}
const SINGULAR: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
  service_definition: 'attribute',
}
const singular = (name: string) => SINGULAR[name] ?? name

/** The XML form of a GeoReport response: an array under its plural root, an object as is. */
export function toXml(root: string, body: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, body)}`
}
