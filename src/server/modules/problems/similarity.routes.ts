import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import { Coordinate } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'

const Text = Type.String({ minLength: 1, maxLength: 4000, title: '问题描述' })
const Category = Type.Optional(
  Type.Union([Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', title: '问题类别' }), Type.Null()], {
    title: '问题类别',
  }),
)
const OptId = (title: string) =>
  Type.Optional(Type.Union([Type.Integer({ minimum: 1, title }), Type.Null()], { title }))
const Coord = (title: string, max: number) => Type.Optional(Coordinate(title, max))

const SimilarBody = Type.Object({
  text: Text,
  category: Category,
  zoneId: OptId('开发区'),
  enterpriseId: OptId('企业'),
  excludeId: OptId('排除的问题'),
  address: Type.Optional(
    Type.Union([Type.String({ maxLength: 200, title: '地点' }), Type.Null()], { title: '地点' }),
  ),
  lng: Coord('经度', 180),
  lat: Coord('纬度', 90),
})

const SimilarItem = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  status: Type.String(),
  category: Type.Union([Type.String(), Type.Null()]),
  enterpriseName: Type.Union([Type.String(), Type.Null()]),
  score: Type.Number({ description: '0–1' }),
  words: Type.Array(Type.String(), { description: '相同的关键词' }),
  isCommon: Type.Boolean({ description: '这是一个共性问题（可以并入）' }),
  commonId: Type.Union([Type.Integer(), Type.Null()], { description: '已并入的共性问题' }),
  commonCode: Type.Union([Type.String(), Type.Null()]),
  reasons: Type.Object({
    text: Type.Number(),
    sameCategory: Type.Boolean(),
    sameArea: Type.Boolean(),
    sameEnterprise: Type.Boolean(),
  }),
})

const SimilarResult = Type.Object({
  items: Type.Array(SimilarItem),
  hint: Type.Union([
    Type.Object({ enterprises: Type.Integer(), score: Type.Number(), message: Type.String() }),
    Type.Null(),
  ]),
})

const DepartmentsBody = Type.Object({ text: Text, category: Category, zoneId: OptId('开发区') })

const DepartmentsResult = Type.Object({
  items: Type.Array(
    Type.Object({
      departmentId: Type.Integer(),
      departmentName: Type.String(),
      score: Type.Number({ description: '0–1' }),
      basis: Type.Union([Type.Literal('similar'), Type.Literal('category')]),
      count: Type.Integer(),
      examples: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), title: Type.String() })),
      reason: Type.String(),
    }),
  ),
})

/** /api/problems/suggest: similar problems while typing, and the lead department at triage. */
export async function similarityRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.similarity
  const tags = ['问题建议 Suggestions']

  app.post('/similar', {
    // problem:report or problem:read — checked by the service (a route guard takes one permission)
    schema: {
      tags,
      summary: '相似的未办结问题（查重、共性问题） / Similar open problems',
      description:
        '需要 problem:report 或 problem:read。企业用户只看到本企业的问题；其他企业的共性问题只给出不含名称的提示。',
      body: SimilarBody,
      response: responses({ 200: SimilarResult }),
    },
    handler: async (req) => svc.similar(req.ctx().actor, req.body),
  })

  app.post('/departments', {
    config: { permission: 'problem:triage' },
    schema: {
      tags,
      summary: '建议的牵头部门（依据以往相似问题的交办） / Suggested lead departments',
      body: DepartmentsBody,
      response: responses({ 200: DepartmentsResult }),
    },
    handler: async (req) => svc.suggestDepartments(req.ctx().actor, req.body),
  })
}
