import { Type } from 'typebox'

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64, title: '用户名' }),
  password: Type.String({ minLength: 1, maxLength: 128, title: '密码' }),
})

export const TotpBody = Type.Object({
  code: Type.String({ minLength: 6, maxLength: 20, title: '验证码' }),
})

export const ChangePasswordBody = Type.Object({
  currentPassword: Type.String({ minLength: 1, maxLength: 128, title: '当前密码' }),
  newPassword: Type.String({ minLength: 1, maxLength: 128, title: '新密码' }),
})

export const PasswordBody = Type.Object({
  password: Type.String({ minLength: 1, maxLength: 128, title: '密码' }),
})

export const CsrfResponse = Type.Object({ token: Type.String() })

export const Me = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  department: Type.Object({ id: Type.Integer(), name: Type.String(), pathNames: Type.Array(Type.String()) }),
  zone: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  /** the enterprise an enterprise user acts for */
  enterprise: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
  roles: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      triad: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
  permissions: Type.Array(Type.String()),
  mustChangePassword: Type.Union([
    Type.Literal('initial'),
    Type.Literal('expired'),
    Type.Literal('reset'),
    Type.Null(),
  ]),
  passwordExpiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  totpEnabled: Type.Boolean(),
  idleMinutes: Type.Integer(),
})

export const LoginResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('totp_required')]),
  csrfToken: Type.String(),
  user: Type.Optional(Me),
})

export const TotpSetupResponse = Type.Object({
  secret: Type.String(),
  uri: Type.String(),
  qrDataUrl: Type.String(),
})
export const RecoveryCodesResponse = Type.Object({ recoveryCodes: Type.Array(Type.String()) })
export const OkResponse = Type.Object({ ok: Type.Boolean() })
