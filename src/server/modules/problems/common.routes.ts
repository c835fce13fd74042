import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { responses } from '../../lib/route-helpers.ts'
import { IdParams, MONEY_PATTERN } from '../../lib/schema-parts.ts'
import type { Services } from '../../services.ts'

const ProblemIds = (min: number) =>
  Type.Array(Type.Integer({ minimum: 1, title: '问题' }), {
    minItems: min,
    maxItems: 200,
    uniqueItems: true,
    title: '所选问题',
  })
const Nullable = <T extends ReturnType<typeof Type.String>>(t: T, title: string) =>
  Type.Union([t, Type.Null()], { title })

const MergeBody = Type.Object({
  problemIds: ProblemIds(2),
  title: Type.String({ minLength: 1, maxLength: 200, title: '共性问题标题' }),
  description: Type.String({ minLength: 1, maxLength: 4000, title: '共性问题描述' }),
  category: Type.Optional(
    Nullable(Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$', title: '问题类别' }), '问题类别'),
  ),
})
const AttachBody = Type.Object({ problemIds: ProblemIds(1) })
const DetachBody = Type.Object({ problemId: Type.Integer({ minimum: 1, title: '问题' }) })
const PromoteBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100, title: '项目名称' }),
  leadDepartmentId: Type.Integer({ minimum: 1, title: '牵头单位' }),
  totalInvestment: Type.Optional(
    Nullable(Type.String({ pattern: MONEY_PATTERN, title: '总投资（万元）' }), '总投资（万元）'),
  ),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000, title: '项目简介' }), '项目简介')),
})

const Nstr = Type.Union([Type.String(), Type.Null()])
const CommonProblem = Type.Object({
  id: Type.Integer(),
  zoneId: Type.Integer(),
  code: Type.String(),
  title: Type.String(),
  description: Type.String(),
  status: Type.String(),
  light: Type.String(),
  category: Nstr,
  isCommon: Type.Boolean(),
  publicProjectId: Type.Union([Type.Integer(), Type.Null()]),
  resolution: Nstr,
  resolvedAt: Nstr,
  sources: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      title: Type.String(),
      status: Type.String(),
      light: Type.String(),
      category: Nstr,
      enterpriseId: Type.Union([Type.Integer(), Type.Null()]),
      enterpriseName: Nstr,
      leadDepartmentName: Nstr,
      receivedAt: Type.String({ format: 'date-time' }),
      resolvedAt: Nstr,
    }),
  ),
  enterprises: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String(), problems: Type.Integer() })),
  openSources: Type.Integer(),
  project: Type.Union([
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      stage: Type.String(),
      stageLabel: Type.String(),
      light: Type.String(),
      lightReasons: Type.Array(
        Type.Object({ rule: Type.String(), light: Type.String(), text: Type.String() }),
      ),
      totalInvestment: Type.String(),
      built: Type.Boolean(),
    }),
    Type.Null(),
  ]),
  doneStages: Type.Array(Type.String()),
})

/** /api/problems/common: 共性事立项办 — merge, attach, detach, promote to a public project. */
export async function commonProblemsRoutes(fastify: FastifyInstance, { services }: { services: Services }) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const svc = services.commons
  const tags = ['共性问题 Common problems']

  app.post('/merge', {
    config: { permission: 'problem:triage' },
    schema: {
      tags,
      summary: '合并为共性问题 / Merge problems into a common problem',
      body: MergeBody,
      response: responses({ 201: CommonProblem }),
    },
    handler: async (req, reply) => reply.status(201).send(await svc.merge(req.ctx(), req.body)),
  })

  app.get('/:id', {
    config: { permission: 'problem:triage' },
    schema: {
      tags,
      summary: '共性问题：来源问题、涉及企业、公共项目 / Common problem with sources and project',
      params: IdParams,
      response: responses({ 200: CommonProblem }),
    },
    handler: async (req) => svc.get(req.ctx().actor, req.params.id),
  })

  app.post('/:id/attach', {
    config: { permission: 'problem:triage' },
    schema: {
      tags,
      summary: '并入更多问题 / Attach problems',
      params: IdParams,
      body: AttachBody,
      response: responses({ 200: CommonProblem }),
    },
    handler: async (req) => svc.attach(req.ctx(), req.params.id, req.body.problemIds),
  })

  app.post('/:id/detach', {
    config: { permission: 'problem:triage' },
    schema: {
      tags,
      summary: '移出误并的问题 / Detach a wrongly merged problem',
      params: IdParams,
      body: DetachBody,
      response: responses({ 200: CommonProblem }),
    },
    handler: async (req) => svc.detach(req.ctx(), req.params.id, req.body.problemId),
  })

  app.post('/:id/promote', {
    config: { permission: 'problem:triage' },
    schema: {
      tags,
      summary: '立项为公共项目 / Promote to a public project',
      params: IdParams,
      body: PromoteBody,
      response: responses({ 200: CommonProblem }),
    },
    handler: async (req) => svc.promote(req.ctx(), req.params.id, req.body),
  })
}
