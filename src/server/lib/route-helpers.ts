import { type TSchema, Type } from 'typebox'

export const ErrorResponse = Type.Object(
  {
    error: Type.Object({
      code: Type.String({ description: '机器可读的错误码 (machine code)' }),
      message: Type.String({ description: '中文错误说明 (message for people)' }),
      field: Type.Optional(Type.String({ description: '出错的字段 (field at fault)' })),
      details: Type.Optional(Type.Unknown()),
    }),
  },
  { $id: 'ErrorResponse', title: 'ErrorResponse' },
)

/** Adds the shared error shape for 4xx/5xx to a route's response schemas. */
export function responses<T extends Record<number, TSchema>>(ok: T) {
  return { ...ok, '4xx': Type.Ref('ErrorResponse'), '5xx': Type.Ref('ErrorResponse') }
}

export const Ok = Type.Object({ ok: Type.Boolean() })
