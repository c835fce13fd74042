import { useEffect, useState } from 'react'

/** The value once it has stopped changing for `ms` (typing). */
export function useDebounced<T>(value: T, ms = 400): T {
  const [v, setV] = useState(value)
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms)
    return () => clearTimeout(h)
  }, [value, ms])
  return v
}

/** The text with the given words wrapped in <mark> pieces (longest first). */
export function splitHighlight(text: string, words: string[]): Array<{ text: string; hit: boolean }> {
  const ws = [...new Set(words.filter(Boolean))].sort((a, b) => b.length - a.length)
  if (!ws.length) return [{ text, hit: false }]
  const re = new RegExp(`(${ws.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})`, 'gi')
  return text
    .split(re)
    .filter((s) => s !== '')
    .map((s) => ({ text: s, hit: ws.some((w) => w.toLowerCase() === s.toLowerCase()) }))
}
